"""Quorum, decision references and on-time rates: the arithmetic boards live by."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from property_examples import examples
from remit.meetings.rules import PaperTiming
from remit.meetings.rules import Seat
from remit.meetings.rules import decision_reference
from remit.meetings.rules import financial_quarter
from remit.meetings.rules import on_time_rates
from remit.meetings.rules import quorum_check
from remit.meetings.rules import reference_prefix


def test_only_voting_members_who_are_present_make_a_quorum() -> None:
    seats = [Seat(1, "chair"), Seat(2, "member"), Seat(3, "adviser"), Seat(4, "secretariat")]
    result = quorum_check(seats, present={1, 3, 4}, quorum=2)
    assert result.present == 1
    assert not result.quorate
    assert result.short_by == 1


def test_someone_present_who_is_not_a_member_does_not_count() -> None:
    result = quorum_check([Seat(1, "chair"), Seat(2, "vice_chair")], present={1, 2, 9}, quorum=2)
    assert result.quorate
    assert result.voting_members == 2


def test_two_roles_held_by_one_person_count_once() -> None:
    result = quorum_check([Seat(1, "chair"), Seat(1, "member")], present={1}, quorum=2)
    assert result.present == 1


def test_decision_references_follow_the_board_series() -> None:
    assert decision_reference("WMCSP", 2018, 7) == "WMCSP/D/2018/07"
    assert decision_reference("SPCB", 2022, 112) == "SPCB/D/2022/112"


def test_the_prefix_falls_back_to_the_board_slug_in_capitals() -> None:
    assert reference_prefix("", "wmcsp") == "WMCSP"
    assert reference_prefix("spcb", "x") == "SPCB"


def test_decisions_are_numbered_from_one() -> None:
    with pytest.raises(ValueError, match="start at 1"):
        decision_reference("X", 2018, 0)


def test_financial_quarters_start_in_april() -> None:
    assert financial_quarter(date(2018, 4, 1)) == "2018/19 Q1"
    assert financial_quarter(date(2018, 12, 31)) == "2018/19 Q3"
    assert financial_quarter(date(2019, 3, 31)) == "2018/19 Q4"
    assert financial_quarter(date(1999, 6, 1)) == "1999/00 Q1"


def test_on_time_rate_counts_papers_per_board_and_quarter() -> None:
    rates = on_time_rates(
        [
            PaperTiming("WMCSP", date(2018, 4, 24), late=False),
            PaperTiming("WMCSP", date(2018, 4, 24), late=True),
            PaperTiming("WMCSP", date(2018, 7, 24), late=False),
            PaperTiming("SPCB", date(2018, 5, 1), late=False),
        ]
    )
    assert [(r.board, r.quarter, r.papers, r.on_time, r.percent) for r in rates] == [
        ("SPCB", "2018/19 Q1", 1, 1, 100),
        ("WMCSP", "2018/19 Q1", 2, 1, 50),
        ("WMCSP", "2018/19 Q2", 1, 1, 100),
    ]


@examples(200)
@given(st.integers(min_value=1, max_value=500), st.data())
def test_a_late_paper_never_shows_as_one_hundred_per_cent(papers: int, data: st.DataObject) -> None:
    on_time = data.draw(st.integers(min_value=0, max_value=papers))
    timings = [PaperTiming("B", date(2020, 5, 1), late=i >= on_time) for i in range(papers)]
    (rate,) = on_time_rates(timings)
    assert 0 <= rate.percent <= 100
    assert (rate.percent == 100) == (on_time == papers)
