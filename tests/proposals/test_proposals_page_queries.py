"""An engagement session, a position paper and a proposal's history make as many queries with
three times the organisations, ideas, feedback, proposals and edits as with one of each, and
list them all."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from remit.core.models import Organisation
from remit.core.models import Region
from remit.core.models import Theme
from remit.core.models import User
from remit.core.models import Workstream
from remit.proposals.models import Deal
from remit.proposals.models import EngagementSession
from remit.proposals.models import PositionPaper
from remit.proposals.services import feedback_add
from remit.proposals.services import idea_add
from remit.proposals.services import proposal_update
from remit.proposals.services import session_create

MORE = 3


def _add(session: EngagementSession, officer: User, numbers: range) -> None:
    region = session.deal.region
    for n in numbers:
        organisation = Organisation.objects.create(
            region=region, slug=f"attendee-{n}", name=f"Attendee {n}", kind="other"
        )
        session.organisations.add(organisation)
        theme = Theme.objects.create(region=region, slug=f"topic-{n}", name=f"Topic {n}")
        idea_add(
            by=officer,
            session=session,
            data={"title": f"Idea {n}", "organisation": organisation},
        )
        feedback_add(
            by=officer,
            session=session,
            data={"text": f"Feedback {n}", "organisation": organisation, "themes": [theme]},
        )


def test_a_session_page_makes_no_more_queries_with_more_ideas_and_feedback(
    client: Any, officer: User, deal: Deal, region: Region, page_queries_stay_flat: Any
) -> None:
    session = session_create(
        by=officer,
        deal=deal,
        data={
            "kind": "idea_generation",
            "title": "Ideas session 1: violence and exploitation",
            "held_on": date(2022, 3, 15),
            "stage": "discover",
            "workstream": Workstream.objects.get(slug="crime"),
        },
    )
    client.force_login(officer)
    _add(session, officer, range(1))
    html = page_queries_stay_flat(
        reverse("proposals:session", args=[session.pk]),
        lambda: _add(session, officer, range(1, 1 + 3 * MORE)),
    )
    assert "Ideas session 1: violence and exploitation" in html
    for n in range(1 + 3 * MORE):
        assert f"Attendee {n}" in html
        assert f"Idea {n}" in html
        assert f"Feedback {n}" in html
        assert f"Topic {n}" in html


def test_a_position_paper_makes_no_more_queries_with_more_proposals(
    client: Any, officer: User, deal: Deal, make_proposal: Any, page_queries_stay_flat: Any
) -> None:
    paper = PositionPaper.objects.create(deal=deal, title="Position paper on safer streets")
    paper.proposals.add(make_proposal(title="Paper proposal 0"))
    client.force_login(officer)
    client.post(reverse("proposals:paper_route", args=[paper.pk]))
    client.post(
        reverse("proposals:paper_decision_new", args=[paper.pk]),
        {"position": 1, "outcome": "endorsed", "decided_on": "2022-07-05"},
    )

    def grow() -> None:
        for n in range(1, 1 + 3 * MORE):
            paper.proposals.add(make_proposal(title=f"Paper proposal {n}"))

    html = page_queries_stay_flat(reverse("proposals:paper", args=[paper.pk]), grow)
    assert "Endorsed on 5 July 2022" in html
    for n in range(1 + 3 * MORE):
        assert f"Paper proposal {n}" in html


def test_a_proposals_history_makes_no_more_queries_as_it_is_edited(
    client: Any, officer: User, make_proposal: Any, page_queries_stay_flat: Any
) -> None:
    proposal = make_proposal(title="Safer streets")

    def edit(numbers: range) -> None:
        for n in numbers:
            proposal.refresh_from_db()
            proposal_update(by=officer, proposal=proposal, data={"title": f"Safer streets {n}"})

    client.force_login(officer)
    edit(range(1))
    html = page_queries_stay_flat(
        reverse("proposals:history", args=[proposal.pk]), lambda: edit(range(1, 1 + 3 * MORE))
    )
    for n in range(1 + 3 * MORE):
        assert f"Safer streets {n}" in html
