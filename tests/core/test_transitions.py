"""The one guard over every workflow table: it refuses exactly the moves the table leaves out."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from remit.appraisal.workflow import TRANSITIONS as SECTION_TRANSITIONS
from remit.appraisal.workflow import SectionStatus
from remit.core.transitions import TransitionRefused
from remit.core.transitions import allowed
from remit.core.transitions import check
from remit.core.transitions import label
from remit.core.transitions import targets
from remit.funding.workflow import TRANSITIONS as BID_TRANSITIONS
from remit.funding.workflow import BidStatus
from remit.meetings.workflow import MEETING_TRANSITIONS
from remit.meetings.workflow import MeetingStatus
from remit.proposals.workflow import TRANSITIONS as PROPOSAL_TRANSITIONS
from remit.proposals.workflow import Status

TABLES = [
    (BID_TRANSITIONS, BidStatus, "bid"),
    (SECTION_TRANSITIONS, SectionStatus, "section"),
    (MEETING_TRANSITIONS, MeetingStatus, "meeting"),
    (PROPOSAL_TRANSITIONS, Status, "proposal"),
]
STATES = ["a", "b", "c", "d"]


@st.composite
def moves(draw: st.DrawFn) -> tuple[dict[str, set[str]], str, str]:
    table = {
        state: set(draw(st.lists(st.sampled_from(STATES), max_size=len(STATES))))
        for state in STATES
    }
    return table, draw(st.sampled_from(STATES)), draw(st.sampled_from(STATES))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(moves())
def test_check_passes_exactly_when_the_move_is_allowed(
    move: tuple[dict[str, set[str]], str, str],
) -> None:
    table, current, target = move
    try:
        check(table, current, target, {s: s.upper() for s in STATES}, "thing")
    except TransitionRefused:
        assert not allowed(table, current, target)
    else:
        assert allowed(table, current, target)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(moves())
def test_targets_are_the_allowed_moves_in_declared_order(
    move: tuple[dict[str, set[str]], str, str],
) -> None:
    table, current, _ = move
    assert targets(table, current) == [s for s in STATES if allowed(table, current, s)]


@pytest.mark.parametrize(("table", "states", "what"), TABLES)
def test_every_app_table_names_each_state_and_only_its_states(
    table: dict[str, frozenset[str]], states: type, what: str
) -> None:
    assert set(table) == set(states.values)
    for current in states.values:
        assert set(targets(table, current)) <= set(states.values)


def test_a_refusal_names_the_record_and_both_states() -> None:
    with pytest.raises(TransitionRefused) as caught:
        check(BID_TRANSITIONS, BidStatus.DRAFT, BidStatus.AWARDED, BidStatus, "bid")
    assert caught.value.message == "A bid that is draft cannot become awarded."
    assert caught.value.field == "status"


def test_a_refusal_names_the_field_it_is_given() -> None:
    with pytest.raises(TransitionRefused) as caught:
        check(
            BID_TRANSITIONS,
            BidStatus.WITHDRAWN,
            BidStatus.WITHDRAWN,
            BidStatus,
            "bid",
            field="reason",
        )
    assert caught.value.field == "reason"


def test_an_unknown_state_is_refused_and_shown_as_given() -> None:
    assert label(SectionStatus, "nonsense") == "nonsense"
    with pytest.raises(TransitionRefused, match="drafting cannot become nonsense"):
        check(SECTION_TRANSITIONS, SectionStatus.DRAFTING, "nonsense", SectionStatus, "section")


def test_a_refusal_may_word_the_move_its_own_way() -> None:
    with pytest.raises(TransitionRefused) as caught:
        check(
            SECTION_TRANSITIONS,
            SectionStatus.NOT_STARTED,
            SectionStatus.APPROVED,
            SectionStatus,
            "section",
            refusal="A {what} that is {current} cannot move to {target}.",
        )
    assert caught.value.message == "A section that is not started cannot move to approved."
