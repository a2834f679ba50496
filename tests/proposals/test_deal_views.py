"""Deal, paper and engagement pages: timeline of milestones, paper routing, ideas to proposals."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from remit.core.models import Workstream
from remit.proposals.models import EngagementSession
from remit.proposals.models import Idea
from remit.proposals.models import Milestone
from remit.proposals.models import PositionPaper
from remit.proposals.models import Proposal
from remit.proposals.workflow import Status


def test_the_deal_page_shows_milestones_as_a_timeline(client: Any, officer: Any, deal: Any) -> None:
    Milestone.objects.create(
        deal=deal,
        kind="proposition_to_board",
        title="Proposition to the board",
        planned_on=date(2022, 6, 1),
        actual_on=date(2022, 6, 17),
    )
    Milestone.objects.create(
        deal=deal, kind="fiscal_event", title="Autumn fiscal event", planned_on=date(2030, 11, 1)
    )
    client.force_login(officer)
    body = client.get(reverse("proposals:deal", args=[deal.slug])).content.decode()
    assert '<ol class="remit-timeline">' in body
    assert "Happened; planned for 1 June 2022." in body
    assert body.index("Proposition to the board") < body.index("Autumn fiscal event")


def test_adding_a_milestone_through_the_form(client: Any, officer: Any, deal: Any) -> None:
    client.force_login(officer)
    response = client.post(
        reverse("proposals:milestone_create", args=[deal.slug]),
        {"kind": "submission", "title": "Submission to DLUHC", "planned_on": "2022-09-30"},
    )
    assert response.status_code == 302
    assert Milestone.objects.get(deal=deal).history.get().history_user == officer


def test_a_paper_is_routed_and_decided_from_its_page(
    client: Any, officer: Any, deal: Any, make_proposal: Any
) -> None:
    first, second = make_proposal(), make_proposal()
    client.force_login(officer)
    response = client.post(
        reverse("proposals:paper_create") + f"?deal={deal.slug}",
        {"title": "Position paper", "proposals": [first.pk, second.pk]},
    )
    paper = PositionPaper.objects.get()
    assert response["Location"] == reverse("proposals:paper", args=[paper.pk])
    client.post(reverse("proposals:paper_route", args=[paper.pk]))
    client.post(
        reverse("proposals:paper_decision_new", args=[paper.pk]),
        {"position": 1, "outcome": "endorsed", "decided_on": "2022-07-05"},
    )
    body = client.get(reverse("proposals:paper", args=[paper.pk])).content.decode()
    assert "Endorsed on 5 July 2022" in body
    detail = client.get(reverse("proposals:detail", args=[first.pk])).content.decode()
    assert "Endorsed on 5 July 2022" in detail
    assert set(Proposal.all_objects.values_list("status", flat=True)) == {Status.IN_GOVERNANCE}


def test_an_idea_becomes_a_proposal_from_the_session_page(
    client: Any, officer: Any, deal: Any
) -> None:
    session = EngagementSession.objects.create(
        deal=deal,
        kind="idea_generation",
        title="Ideas session",
        held_on=date(2022, 3, 1),
        stage="discover",
        workstream=Workstream.objects.get(slug="crime"),
    )
    idea = Idea.objects.create(session=session, title="Co-commission probation services")
    client.force_login(officer)
    page = client.get(reverse("proposals:session", args=[session.pk])).content.decode()
    assert "Turn into a proposal" in page
    form = client.get(reverse("proposals:idea_adopt", args=[idea.pk])).content.decode()
    assert 'value="Co-commission probation services"' in form

    response = client.post(
        reverse("proposals:idea_adopt", args=[idea.pk]),
        {
            "workstream": session.workstream_id,
            "title": "Probation co-commissioning",
            "summary": "Commission probation services with the Probation Service.",
            "ask_type": "powers",
            "powers_asked": "Joint commissioning of rehabilitative services.",
            "form_of_devolution": "double",
            "stage": "discover",
        },
    )
    proposal = Proposal.all_objects.get(source_idea=idea)
    assert response["Location"] == reverse("proposals:detail", args=[proposal.pk])
    detail = client.get(response["Location"]).content.decode()
    assert "Came from the idea “Co-commission probation services”" in detail
    session_page = client.get(reverse("proposals:session", args=[session.pk])).content.decode()
    assert "Became the proposal" in session_page


def test_feedback_is_marked_acted_on_from_the_session_page(
    client: Any, officer: Any, deal: Any
) -> None:
    session = EngagementSession.objects.create(
        deal=deal,
        kind="consultation",
        title="Consultation",
        held_on=date(2022, 7, 1),
        stage="develop",
    )
    client.force_login(officer)
    client.post(reverse("proposals:feedback_new", args=[session.pk]), {"text": "Add outcomes."})
    feedback = session.feedback.get()
    client.post(
        reverse("proposals:feedback_acted_on", args=[feedback.pk]),
        {"response": "Outcome measures added."},
    )
    body = client.get(reverse("proposals:session", args=[session.pk])).content.decode()
    assert "Acted on" in body
    assert "Outcome measures added." in body
