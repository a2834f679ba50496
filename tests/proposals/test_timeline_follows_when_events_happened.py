"""The proposal timeline: events in the order they happened, corrections marked, the latest
standing event marked, and where the proposal stands now."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from remit.proposals.models import Proposal
from remit.proposals.models import Routing
from remit.proposals.selectors import proposal_page
from remit.proposals.services import decision_correct
from remit.proposals.services import outcome_record
from remit.proposals.services import proposal_route
from remit.proposals.services import proposal_submit


@pytest.fixture
def routed(make_proposal: Any, officer: Any) -> tuple[Proposal, Routing]:
    proposal = make_proposal(published=True, status="draft")
    return proposal, proposal_route(by=officer, proposal=proposal)


def _titles(proposal: Proposal) -> list[str]:
    page = proposal_page(Proposal.all_objects.all(), proposal.pk)
    return [e["title"] for e in page.timeline]


def test_events_recorded_now_about_a_proposal_decided_in_2022_come_before_its_outcome(
    routed: tuple[Proposal, Routing], decide: Any, officer: Any
) -> None:
    proposal, routing = routed
    decide(routing, decided_on=date(2022, 7, 1))
    decide(routing, decided_on=date(2022, 7, 8))
    decide(routing, decided_on=date(2022, 7, 15))
    proposal.refresh_from_db()
    proposal_submit(by=officer, proposal=proposal, submitted_on=date(2022, 9, 1))
    outcome_record(
        by=officer, proposal=proposal, outcome="agreed_in_principle", decided_on=date(2023, 3, 1)
    )

    assert _titles(proposal) == [
        "Proposal created",
        "In governance",
        "Senior Officers Group: Endorsed",
        "Devolution Strategy Group: Endorsed",
        "Finance Directors Group: Endorsed",
        "Submitted to government",
        "Agreed in principle",
    ]
    events = proposal_page(Proposal.all_objects.all(), proposal.pk).timeline
    assert events[0]["recorded"] is True
    assert [e for e in events if e.get("current")] == [events[-1]]


def test_a_superseded_decision_is_marked_corrected_and_links_to_its_correction(
    client: Any, officer: Any, routed: tuple[Proposal, Routing], decide: Any
) -> None:
    proposal, routing = routed
    wrong = decide(routing, "noted", decided_on=date(2022, 8, 1))
    right = decision_correct(
        by=officer,
        decision=wrong,
        outcome="endorsed",
        decided_on=date(2022, 7, 15),
        note="The minutes say endorsed.",
    )

    events = proposal_page(Proposal.all_objects.all(), proposal.pk).timeline
    corrected = next(e for e in events if e.get("anchor") == f"decision-{wrong.pk}")
    assert corrected["corrected_by"]["anchor"] == f"decision-{right.pk}"
    assert not corrected.get("current")

    client.force_login(officer)
    page = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    timeline = page[page.index('class="remit-timeline"') :]
    assert f'id="decision-{right.pk}"' in timeline
    assert f'href="#decision-{right.pk}"' in timeline
    assert f'href="#decision-{wrong.pk}"' in timeline
    assert "<del>Senior Officers Group: Noted</del>" in timeline


def test_latest_marks_the_latest_event_that_still_stands_not_a_corrected_one(
    officer: Any, routed: tuple[Proposal, Routing], decide: Any
) -> None:
    proposal, routing = routed
    wrong = decide(routing, "noted", decided_on=date(2022, 8, 1))
    right = decision_correct(
        by=officer, decision=wrong, outcome="endorsed", decided_on=date(2022, 7, 15), note="Typo."
    )

    events = proposal_page(Proposal.all_objects.all(), proposal.pk).timeline

    assert events[-1]["anchor"] == f"decision-{wrong.pk}"
    assert [e["anchor"] for e in events if e.get("current")] == [f"decision-{right.pk}"]


def test_the_page_says_where_the_proposal_stands_now(
    client: Any, officer: Any, routed: tuple[Proposal, Routing], decide: Any
) -> None:
    proposal, routing = routed
    decide(routing, decided_on=date(2022, 7, 1))
    client.force_login(officer)

    internal = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    public = client.get(reverse("published_proposals:detail", args=[proposal.pk])).content.decode()

    standing = "In governance. It waits for the decision of Devolution Strategy Group."
    assert f"<strong>Where it stands now:</strong> {standing}" in internal
    assert f"<strong>Where it stands now:</strong> {standing}" in public


def test_an_outcome_says_when_government_reached_it(officer: Any, make_proposal: Any) -> None:
    proposal = make_proposal(status="submitted", submitted_on=date(2022, 9, 1))
    outcome_record(by=officer, proposal=proposal, outcome="deferred", decided_on=date(2023, 3, 1))
    page = proposal_page(Proposal.all_objects.all(), proposal.pk)
    assert page.standing == "Deferred by government on 1 March 2023."
