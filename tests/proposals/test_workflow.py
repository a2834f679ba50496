"""The proposal workflow as plain rules: the transition matrix, forum order, referral and outcome."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from property_examples import examples
from remit.core import transitions
from remit.core.errors import DomainError
from remit.proposals.workflow import START
from remit.proposals.workflow import TRANSITIONS
from remit.proposals.workflow import GovernmentOutcome
from remit.proposals.workflow import Outcome
from remit.proposals.workflow import Place
from remit.proposals.workflow import RoutingState
from remit.proposals.workflow import Status
from remit.proposals.workflow import check_decision_text
from remit.proposals.workflow import check_government_outcome
from remit.proposals.workflow import check_may_decide
from remit.proposals.workflow import check_publishable
from remit.proposals.workflow import decide
from remit.proposals.workflow import resend
from remit.proposals.workflow import status_after_decision

# Every status × every target: Y allowed, . refused. Rows are "from", columns are "to".
MATRIX = """
            draft  gov  clear  sub  aip  agr  def  nag  rej  wdr
draft         .     Y     .     .    .    .    .    .    .    Y
gov           Y     .     Y     .    .    .    .    .    Y    Y
clear         Y     .     .     Y    .    .    .    .    Y    Y
sub           Y     .     .     .    Y    Y    Y    Y    Y    Y
aip           Y     .     .     .    .    Y    Y    Y    Y    Y
agr           .     .     .     .    .    .    .    .    .    .
def           Y     .     .     Y    .    .    .    Y    Y    Y
nag           .     .     .     .    .    .    .    .    .    .
rej           .     .     .     .    .    .    .    .    .    .
wdr           .     .     .     .    .    .    .    .    .    .
"""
ABBREVIATIONS = {
    "draft": Status.DRAFT,
    "gov": Status.IN_GOVERNANCE,
    "clear": Status.CLEARED,
    "sub": Status.SUBMITTED,
    "aip": Status.AGREED_IN_PRINCIPLE,
    "agr": Status.AGREED,
    "def": Status.DEFERRED,
    "nag": Status.NOT_AGREED,
    "rej": Status.REJECTED,
    "wdr": Status.WITHDRAWN,
}


def _matrix() -> dict[tuple[Status, Status], bool]:
    header, *rows = [line.split() for line in MATRIX.strip().splitlines()]
    return {
        (ABBREVIATIONS[row[0]], ABBREVIATIONS[column]): mark == "Y"
        for row in rows
        for column, mark in zip(header, row[1:], strict=True)
    }


EXPECTED = _matrix()
FORUMS = ["Senior Officers Group", "Devolution Strategy Group", "Finance Directors", "CA Board"]


def test_the_matrix_names_every_status_once() -> None:
    assert {a for a, _ in EXPECTED} == set(Status)
    assert len(EXPECTED) == len(Status) ** 2


@pytest.mark.parametrize(("current", "target"), sorted(EXPECTED))
def test_transition(current: Status, target: Status) -> None:
    if EXPECTED[current, target]:
        transitions.check(TRANSITIONS, current, target, Status, "proposal")
    else:
        with pytest.raises(DomainError) as refused:
            transitions.check(TRANSITIONS, current, target, Status, "proposal")
        assert refused.value.field == "status"
        assert current.label.lower() in refused.value.message


def test_the_table_in_code_is_the_table_in_the_test() -> None:
    from_code = {(a, b): b in TRANSITIONS[a] for a in Status for b in Status}
    assert from_code == EXPECTED


def test_forums_pass_in_order() -> None:
    place = decide(START, at=1, outcome=Outcome.ENDORSED, forums=FORUMS)
    assert place == Place(RoutingState.ACTIVE, 2)


def test_a_later_forum_cannot_decide_before_an_earlier_one() -> None:
    with pytest.raises(DomainError, match="Finance Directors cannot decide before Devolution"):
        decide(Place(RoutingState.ACTIVE, 2), at=3, outcome=Outcome.ENDORSED, forums=FORUMS)


def test_a_forum_that_has_decided_cannot_decide_again_without_a_correction() -> None:
    with pytest.raises(DomainError, match="record a correction"):
        decide(Place(RoutingState.ACTIVE, 3), at=2, outcome=Outcome.NOTED, forums=FORUMS)


@pytest.mark.parametrize(
    "outcome", [Outcome.ENDORSED, Outcome.ENDORSED_WITH_CHANGES, Outcome.NOTED]
)
def test_endorsed_endorsed_with_changes_and_noted_all_pass_the_step(outcome: Outcome) -> None:
    assert decide(START, at=1, outcome=outcome, forums=FORUMS).position == 2


def test_referred_back_waits_at_the_forum_that_referred_it() -> None:
    place = decide(
        Place(RoutingState.ACTIVE, 2), at=2, outcome=Outcome.REFERRED_BACK, forums=FORUMS
    )
    assert place == Place(RoutingState.ACTIVE, 2, awaiting_resubmission=True)
    with pytest.raises(DomainError, match="send it to Devolution Strategy Group again"):
        decide(place, at=2, outcome=Outcome.ENDORSED, forums=FORUMS)
    assert resend(place) == Place(RoutingState.ACTIVE, 2)


def test_only_a_referred_route_can_be_sent_again() -> None:
    with pytest.raises(DomainError, match="not waiting"):
        resend(Place(RoutingState.ACTIVE, 2))


def test_rejected_ends_the_route() -> None:
    place = decide(START, at=1, outcome=Outcome.REJECTED, forums=FORUMS)
    assert place == Place(RoutingState.ENDED, None)
    with pytest.raises(DomainError, match="no forum decides"):
        decide(place, at=2, outcome=Outcome.ENDORSED, forums=FORUMS)


def test_passing_the_final_board_completes_the_route() -> None:
    place = decide(Place(RoutingState.ACTIVE, 4), at=4, outcome=Outcome.ENDORSED, forums=FORUMS)
    assert place == Place(RoutingState.COMPLETED, None)


def test_there_is_no_step_beyond_the_final_board() -> None:
    with pytest.raises(DomainError, match="no step 5"):
        decide(START, at=5, outcome=Outcome.ENDORSED, forums=FORUMS)


def test_passing_the_last_forum_clears_the_proposal_for_government() -> None:
    place = Place(RoutingState.ACTIVE, 4)
    after = status_after_decision(
        Status.IN_GOVERNANCE, outcome=Outcome.ENDORSED, place=place, forum_steps=3
    )
    assert after == Status.CLEARED


def test_passing_an_earlier_forum_keeps_it_with_the_forums() -> None:
    after = status_after_decision(
        Status.IN_GOVERNANCE,
        outcome=Outcome.NOTED,
        place=Place(RoutingState.ACTIVE, 3),
        forum_steps=3,
    )
    assert after == Status.IN_GOVERNANCE


def test_the_final_board_endorsing_during_negotiation_leaves_the_status_alone() -> None:
    after = status_after_decision(
        Status.SUBMITTED,
        outcome=Outcome.ENDORSED,
        place=Place(RoutingState.COMPLETED, None),
        forum_steps=3,
    )
    assert after == Status.SUBMITTED


@pytest.mark.parametrize(
    ("outcome", "status"),
    [(Outcome.REFERRED_BACK, Status.DRAFT), (Outcome.REJECTED, Status.REJECTED)],
)
def test_referral_returns_to_drafting_and_rejection_is_final(
    outcome: Outcome, status: Status
) -> None:
    after = status_after_decision(
        Status.IN_GOVERNANCE, outcome=outcome, place=Place(RoutingState.ACTIVE, 1), forum_steps=3
    )
    assert after == status


def test_forums_before_the_final_board_meet_only_while_it_is_with_them() -> None:
    check_may_decide(Status.IN_GOVERNANCE, at=2, forum_steps=3)
    with pytest.raises(DomainError):
        check_may_decide(Status.SUBMITTED, at=2, forum_steps=3)
    check_may_decide(Status.SUBMITTED, at=4, forum_steps=3)
    with pytest.raises(DomainError):
        check_may_decide(Status.DRAFT, at=4, forum_steps=3)


def test_endorsed_with_changes_must_say_which_changes() -> None:
    with pytest.raises(DomainError) as refused:
        check_decision_text(Outcome.ENDORSED_WITH_CHANGES, "", "")
    assert refused.value.field == "changes"


def test_referred_back_must_give_reasons() -> None:
    with pytest.raises(DomainError) as refused:
        check_decision_text(Outcome.REFERRED_BACK, "", "  ")
    assert refused.value.field == "reasons"


def test_changes_belong_only_to_endorsed_with_changes() -> None:
    with pytest.raises(DomainError):
        check_decision_text(Outcome.ENDORSED, "tighten the costs", "")


def test_agreed_needs_the_final_boards_endorsement() -> None:
    with pytest.raises(DomainError, match="until CA Board has endorsed it"):
        check_government_outcome(
            GovernmentOutcome.AGREED, final_endorsed=False, final_board="CA Board"
        )
    agreed = check_government_outcome(
        GovernmentOutcome.AGREED, final_endorsed=True, final_board="CA Board"
    )
    assert agreed == Status.AGREED


@pytest.mark.parametrize(
    "outcome",
    [
        GovernmentOutcome.AGREED_IN_PRINCIPLE,
        GovernmentOutcome.DEFERRED,
        GovernmentOutcome.NOT_AGREED,
    ],
)
def test_other_outcomes_do_not_wait_for_the_final_board(outcome: GovernmentOutcome) -> None:
    assert check_government_outcome(outcome, final_endorsed=False, final_board="CA Board")


@pytest.mark.parametrize("status", [Status.DRAFT, Status.WITHDRAWN])
def test_drafts_and_withdrawn_proposals_cannot_be_published(status: Status) -> None:
    with pytest.raises(DomainError):
        check_publishable(status)


@examples(200)
@given(st.lists(st.sampled_from(list(Outcome)), max_size=12))
def test_a_route_never_skips_a_forum_and_always_ends_cleanly(outcomes: list[Outcome]) -> None:
    """Feeding decisions at the step the route waits at: positions only ever rise by one."""
    place = START
    for outcome in outcomes:
        if place.state != RoutingState.ACTIVE:
            break
        if place.awaiting_resubmission:
            place = resend(place)
        assert place.position is not None
        before = place.position
        place = decide(place, at=before, outcome=outcome, forums=FORUMS)
        if place.state == RoutingState.ACTIVE:
            assert place.position in (before, before + 1)
            assert 1 <= place.position <= len(FORUMS)
        else:
            assert place.position is None
            assert (place.state == RoutingState.COMPLETED) == (outcome != Outcome.REJECTED)
