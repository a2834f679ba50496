"""The bid's states and moves, pinned from one literal table: every state × every target."""

from __future__ import annotations

import pytest

from remit.core.transitions import allowed
from remit.funding.workflow import TRANSITIONS
from remit.funding.workflow import BidStatus
from remit.funding.workflow import Outcome
from remit.funding.workflow import status_for

D, S, W, A, X = "draft", "submitted", "withdrawn", "awarded", "declined"
EXPECTED = {
    D: {S, W},
    S: {W, A, X},
    A: {A, X},
    X: {A, X},
    W: set(),
}
CASES = [(current, target) for current in BidStatus.values for target in BidStatus.values]


def test_the_table_covers_every_state() -> None:
    assert set(EXPECTED) == set(BidStatus.values)


@pytest.mark.parametrize(("current", "target"), CASES)
def test_move(current: str, target: str) -> None:
    assert allowed(TRANSITIONS, current, target) == (target in EXPECTED[current])


@pytest.mark.parametrize(
    ("outcome", "status"),
    [(Outcome.FUND_IN_FULL, A), (Outcome.FUND_IN_PART, A), (Outcome.DO_NOT_FUND, X)],
)
def test_a_determination_awards_or_declines(outcome: str, status: str) -> None:
    assert status_for(outcome) == status
