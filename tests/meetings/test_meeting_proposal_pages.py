"""Agenda items about proposals through the pages and the API: choosing the proposal, the
decision form that records the forum decision too, and the links both ways."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from meetings_support import at
from meetings_support import hold
from meetings_support import paper_on

from remit.core.apikit.auth import token_create
from remit.core.models import Role
from remit.meetings import services
from remit.meetings.models import AgendaItem
from remit.meetings.models import Decision
from remit.meetings.models import Meeting
from remit.meetings.models import Paper
from remit.meetings.services import OutcomeInput
from remit.proposals import services as proposal_services
from remit.proposals.models import ForumDecision
from remit.proposals.models import Proposal


@pytest.fixture
def linked(past: list[Meeting], proposal: Proposal, officer: Any, chair: Any, rep: Any) -> Paper:
    paper = paper_on(past[0], proposal, officer)
    services.agenda_publish(by=officer, meeting=past[0], at=at(date(2018, 4, 10)))
    services.meeting_publish_public(
        by=officer, meeting=past[0], at=at(date(2018, 4, 10)), build_pack=False
    )
    hold(past[0], officer, present=[chair, rep])
    paper.item.refresh_from_db()
    return paper


def _decide(paper: Paper, officer: Any) -> Decision:
    return services.decision_record(
        by=officer,
        item=paper.item,
        summary="The partnership endorsed the proposal.",
        outcomes=[
            OutcomeInput(r.pk, o)
            for r, o in zip(paper.recommendations.all(), ["agreed", "noted"], strict=True)
        ],
        published_on=date(2018, 4, 26),
    )


def _publish(proposal: Proposal) -> None:
    Proposal.all_objects.filter(pk=proposal.pk).update(
        is_published=True, published_at=timezone.now()
    )


def test_the_item_form_offers_only_proposals_waiting_for_the_board(
    client: Any, officer: Any, meeting: Meeting, proposal: Proposal, dsg: Any
) -> None:
    elsewhere = Proposal.all_objects.create(
        deal=proposal.deal,
        workstream=proposal.workstream,
        title="Probation co-commissioning",
        summary="Joined-up resettlement.",
        ask_type="powers",
        powers_asked="A joint commissioning role.",
        form_of_devolution="double",
    )
    client.force_login(officer)
    url = reverse("meetings:item_add", args=[meeting.pk])

    form = client.get(url).content.decode()
    assert "Violence reduction partnership" in form
    assert "Probation co-commissioning" not in form

    refused = client.post(
        url, {"kind": "decision", "title": "Probation", "proposal": elsewhere.pk}
    ).content.decode()
    assert "Choose a proposal that is waiting for Testshire Community Safety Partnership" in (
        refused
    )
    assert not meeting.items.filter(title="Probation").exists()

    response = client.post(
        url, {"kind": "decision", "title": "Violence reduction", "proposal": proposal.pk}
    )
    assert response.status_code == 302
    item = meeting.items.get(title="Violence reduction")
    assert item.proposal == proposal
    page = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert reverse("proposals:detail", args=[proposal.pk]) in page


def test_the_item_form_shows_the_services_refusal_on_the_proposal_field(
    client: Any, officer: Any, meeting: Meeting, proposal: Proposal
) -> None:
    client.force_login(officer)
    response = client.post(
        reverse("meetings:item_add", args=[meeting.pk]),
        {"kind": "apologies", "title": "Apologies", "proposal": proposal.pk},
    )
    assert response.status_code == 200
    assert "An item for apologies cannot be about a proposal." in response.content.decode()


def test_the_item_edit_form_keeps_the_linked_proposal(
    client: Any, officer: Any, meeting: Meeting, proposal: Proposal
) -> None:
    item = paper_on(meeting, proposal, officer).item
    client.force_login(officer)
    form = client.get(reverse("meetings:item_edit", args=[item.pk])).content.decode()
    assert f'value="{proposal.pk}" selected' in form


def test_the_decision_form_says_what_it_records_for_the_proposal(
    client: Any, officer: Any, linked: Paper
) -> None:
    client.force_login(officer)
    page = client.get(reverse("meetings:decision_record", args=[linked.item.pk])).content.decode()
    assert "also the board's forum decision on it" in page
    assert "If the board did not agree, “Violence reduction partnership” is" in page
    assert "Referred back, to come to the board again" in page


def test_a_refused_proposal_decision_shows_on_the_form_and_saves_nothing(
    client: Any, officer: Any, linked: Paper, proposal: Proposal
) -> None:
    proposal_services.proposal_withdraw(by=officer, proposal=proposal, reason="Overtaken.")
    recs = list(linked.recommendations.all())
    client.force_login(officer)
    response = client.post(
        reverse("meetings:decision_record", args=[linked.item.pk]),
        {
            "summary": "Endorsed.",
            f"outcome_{recs[0].pk}": "agreed",
            f"outcome_{recs[1].pk}": "noted",
            "if_not_agreed": "rejected",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nothing was recorded: the proposal “Violence reduction partnership”" in body
    assert not Decision.objects.exists()
    assert not ForumDecision.objects.exists()


def test_referring_back_through_the_form(
    client: Any, officer: Any, linked: Paper, proposal: Proposal
) -> None:
    recs = list(linked.recommendations.all())
    client.force_login(officer)
    response = client.post(
        reverse("meetings:decision_record", args=[linked.item.pk]),
        {
            "summary": "Come back with the grant baselines.",
            f"outcome_{recs[0].pk}": "not_agreed",
            f"outcome_{recs[1].pk}": "noted",
            "if_not_agreed": "referred_back",
        },
    )
    assert response.status_code == 302
    forum = ForumDecision.objects.get()
    assert (forum.outcome, forum.reasons) == (
        "referred_back",
        "Come back with the grant baselines.",
    )


def test_the_decision_pages_link_to_the_proposal(
    client: Any, officer: Any, linked: Paper, proposal: Proposal
) -> None:
    decision = _decide(linked, officer)
    client.force_login(officer)
    page = client.get(reverse("meetings:decision", args=[decision.pk])).content.decode()
    assert reverse("proposals:detail", args=[proposal.pk]) in page
    assert "The board's forum decision on it: endorsed" in page

    client.logout()
    public_url = reverse("meetings_public:decision", args=[decision.pk])
    assert "Violence reduction partnership</a>" not in client.get(public_url).content.decode()
    _publish(proposal)
    public = client.get(public_url).content.decode()
    assert reverse("published_proposals:detail", args=[proposal.pk]) in public
    meeting_page = client.get(
        reverse("meetings_public:meeting", args=[linked.item.meeting_id])
    ).content.decode()
    assert reverse("published_proposals:detail", args=[proposal.pk]) in meeting_page


def test_the_proposal_page_links_a_meeting_to_its_published_page_for_who_cannot_open_it(
    client: Any,
    make_user: Any,
    officer: Any,
    linked: Paper,
    proposal: Proposal,
) -> None:
    meeting = linked.item.meeting
    internal = reverse("meetings:meeting", args=[meeting.pk])
    published = reverse("meetings_public:meeting", args=[meeting.pk])
    page = reverse("proposals:detail", args=[proposal.pk])
    outsider = make_user(Role.ANALYST)

    client.force_login(outsider)
    on_agenda = client.get(page).content.decode()
    assert f'href="{published}#item-{linked.item.pk}"' in on_agenda
    assert f'href="{internal}' not in on_agenda

    decision = _decide(linked, officer)
    decided = client.get(page).content.decode()
    assert f'href="{published}"' in decided
    assert f'href="{reverse("meetings_public:decision", args=[decision.pk])}"' in decided
    assert f'href="{internal}' not in decided
    assert f'href="{reverse("meetings:decision", args=[decision.pk])}"' not in decided

    client.force_login(officer)
    inside = client.get(page).content.decode()
    assert f'href="{internal}"' in inside
    assert f'href="{reverse("meetings:decision", args=[decision.pk])}"' in inside


def test_a_deferred_decision_says_the_proposal_stays_put(
    client: Any, officer: Any, linked: Paper
) -> None:
    decision = services.decision_record(
        by=officer,
        item=linked.item,
        summary="Deferred to the next meeting.",
        outcomes=[
            OutcomeInput(r.pk, o)
            for r, o in zip(linked.recommendations.all(), ["deferred", "noted"], strict=True)
        ],
        published_on=date(2018, 4, 26),
    )
    client.force_login(officer)
    page = client.get(reverse("meetings:decision", args=[decision.pk])).content.decode()
    assert "No forum decision: the proposal stays where it was on its route." in page


def test_the_api_decision_names_its_proposal_once_published(
    client: Any, officer: Any, linked: Paper, proposal: Proposal
) -> None:
    decision = _decide(linked, officer)
    url = reverse("api:meeting_decision", args=[decision.pk])
    assert client.get(url).json()["proposal"] is None

    _publish(proposal)
    body = client.get(url).json()
    forum = ForumDecision.objects.get()
    assert body["proposal"] == {
        "id": proposal.pk,
        "title": "Violence reduction partnership",
        "url": reverse("published_proposals:detail", args=[proposal.pk]),
        "api_url": f"/api/proposals/{proposal.pk}",
        "forum_decision": forum.pk,
        "forum_outcome": "endorsed",
    }
    listed = client.get("/api/decisions").json()["items"]
    assert [d["proposal"]["id"] for d in listed if d["proposal"]] == [proposal.pk]


def test_an_officer_records_a_proposal_decision_through_the_api(
    client: Any, officer: Any, linked: Paper, proposal: Proposal
) -> None:
    key = token_create(user=officer, name="test")[1]
    response = client.post(
        f"/api/agenda-items/{linked.item.pk}/decisions",
        {
            "summary": "Not endorsed: bring it back with costs.",
            "outcomes": [
                {"recommendation": 1, "outcome": "not_agreed"},
                {"recommendation": 2, "outcome": "noted"},
            ],
            "published_on": "2018-04-26",
            "if_not_agreed": "referred_back",
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["proposal"]["id"] == proposal.pk
    assert body["proposal"]["url"] == reverse("proposals:detail", args=[proposal.pk])
    assert body["proposal"]["forum_outcome"] == "referred_back"
    assert AgendaItem.objects.get(pk=linked.item.pk).state == AgendaItem.State.DECIDED
