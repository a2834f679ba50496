"""Correcting a forum decision: a new row supersedes the old, both stay, the route replays."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from remit.core.errors import DomainError
from remit.proposals.models import ForumDecision
from remit.proposals.models import Proposal
from remit.proposals.models import Routing
from remit.proposals.services import decision_correct
from remit.proposals.services import proposal_route
from remit.proposals.workflow import RoutingState
from remit.proposals.workflow import Status


@pytest.fixture
def routed(make_proposal: Any, officer: Any) -> tuple[Proposal, Routing]:
    proposal = make_proposal()
    return proposal, proposal_route(by=officer, proposal=proposal)


def test_a_correction_supersedes_the_decision_and_both_stay_on_record(
    routed: tuple[Proposal, Routing], decide: Any, officer: Any
) -> None:
    proposal, routing = routed
    wrong = decide(routing, "rejected", reasons="Recorded against the wrong item.")

    right = decision_correct(
        by=officer,
        decision=wrong,
        outcome="endorsed",
        decided_on=date(2022, 7, 1),
        note="The minutes record an endorsement; the rejection was for item 5.",
    )

    assert right.supersedes == wrong
    assert set(ForumDecision.objects.filter(routing=routing)) == {wrong, right}
    routing.refresh_from_db()
    proposal.refresh_from_db()
    assert (routing.state, routing.current_position) == (RoutingState.ACTIVE, 2)
    assert proposal.status == Status.IN_GOVERNANCE
    assert routing.history.latest().history_change_reason == "Senior Officers Group: endorsed"


def test_a_correction_must_say_what_it_puts_right(
    routed: tuple[Proposal, Routing], decide: Any, officer: Any
) -> None:
    _, routing = routed
    decision = decide(routing, "endorsed")
    with pytest.raises(DomainError) as refused:
        decision_correct(
            by=officer, decision=decision, outcome="noted", decided_on=date(2022, 7, 1), note=""
        )
    assert refused.value.field == "note"


def test_only_the_latest_decision_can_be_corrected(
    routed: tuple[Proposal, Routing], decide: Any, officer: Any
) -> None:
    _, routing = routed
    first = decide(routing, "endorsed")
    decide(routing, "endorsed")
    with pytest.raises(DomainError, match="latest decision"):
        decision_correct(
            by=officer, decision=first, outcome="noted", decided_on=date(2022, 7, 1), note="Typo."
        )


def test_a_decision_is_corrected_once_then_its_correction_is(
    routed: tuple[Proposal, Routing], decide: Any, officer: Any
) -> None:
    _, routing = routed
    first = decide(routing, "endorsed")
    second = decision_correct(
        by=officer, decision=first, outcome="noted", decided_on=date(2022, 7, 1), note="Noted only."
    )
    with pytest.raises(DomainError, match="already been corrected"):
        decision_correct(
            by=officer, decision=first, outcome="noted", decided_on=date(2022, 7, 1), note="Again."
        )
    third = decision_correct(
        by=officer,
        decision=second,
        outcome="endorsed_with_changes",
        changes="Name the lead agency.",
        decided_on=date(2022, 7, 1),
        note="The chair's summary added a change.",
    )
    assert third.supersedes == second


def test_a_referral_cannot_be_corrected_once_the_proposal_has_been_sent_again(
    routed: tuple[Proposal, Routing], decide: Any, officer: Any
) -> None:
    proposal, routing = routed
    referral = decide(routing, "referred_back", reasons="Needs costings.")
    proposal.refresh_from_db()
    proposal_route(by=officer, proposal=proposal)
    with pytest.raises(DomainError, match="has moved on"):
        decision_correct(
            by=officer,
            decision=referral,
            outcome="endorsed",
            decided_on=date(2022, 7, 1),
            note="It was endorsed.",
        )


def test_correcting_an_endorsement_to_a_referral_returns_the_proposal_to_drafting(
    routed: tuple[Proposal, Routing], decide: Any, officer: Any
) -> None:
    proposal, routing = routed
    endorsement = decide(routing, "endorsed")
    decision_correct(
        by=officer,
        decision=endorsement,
        outcome="referred_back",
        reasons="The forum asked for partner letters.",
        decided_on=date(2022, 7, 1),
        note="Minutes approved with an amendment.",
    )
    proposal.refresh_from_db()
    routing.refresh_from_db()
    assert proposal.status == Status.DRAFT
    assert (routing.current_position, routing.awaiting_resubmission) == (1, True)
