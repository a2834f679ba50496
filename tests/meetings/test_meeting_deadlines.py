"""Publication deadlines: five clear days by statute, the board's own rule, whichever is earlier."""

from __future__ import annotations

from datetime import date
from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from property_examples import examples
from remit.meetings.deadlines import board_deadline
from remit.meetings.deadlines import calendar_clear_days
from remit.meetings.deadlines import clear_days
from remit.meetings.deadlines import deadline_for
from remit.meetings.deadlines import forward_plan_deadline
from remit.meetings.deadlines import is_working_day
from remit.meetings.deadlines import statutory_deadline

meeting_dates = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
NO_HOLIDAYS: frozenset[date] = frozenset()


def test_a_tuesday_meeting_needs_papers_by_the_monday_of_the_week_before() -> None:
    assert statutory_deadline(date(2022, 7, 26)) == date(2022, 7, 18)


def test_easter_bank_holidays_are_not_clear_days() -> None:
    # Good Friday 19 and Easter Monday 22 April 2019 fall in the window.
    assert statutory_deadline(date(2019, 4, 23)) == date(2019, 4, 11)
    assert statutory_deadline(date(2019, 4, 23), NO_HOLIDAYS) == date(2019, 4, 15)


def test_the_day_of_publication_and_the_day_of_the_meeting_do_not_count() -> None:
    assert clear_days(date(2022, 7, 18), date(2022, 7, 26)) == 5
    assert clear_days(date(2022, 7, 19), date(2022, 7, 26)) == 4
    assert clear_days(date(2022, 7, 25), date(2022, 7, 26)) == 0


def test_weekends_and_bank_holidays_are_not_working_days() -> None:
    assert not is_working_day(date(2022, 7, 23))
    assert not is_working_day(date(2022, 8, 29))
    assert is_working_day(date(2022, 7, 26))


def test_a_weekly_board_rule_is_seven_calendar_days() -> None:
    assert board_deadline(date(2022, 7, 26), 7) == date(2022, 7, 19)


def test_the_earlier_deadline_binds() -> None:
    deadline = deadline_for(date(2022, 7, 26), 7)
    assert deadline.effective == date(2022, 7, 18)
    assert deadline.binding_rule == "the five clear days rule"
    stricter = deadline_for(date(2022, 7, 26), 14)
    assert stricter.effective == date(2022, 7, 12)
    assert stricter.binding_rule == "the board's own rule"


def test_a_paper_published_on_the_deadline_is_on_time_and_the_day_after_is_late() -> None:
    deadline = deadline_for(date(2022, 7, 26), 7)
    assert not deadline.is_late(date(2022, 7, 18))
    assert deadline.is_late(date(2022, 7, 19))


def test_forward_plan_needs_twenty_eight_clear_calendar_days() -> None:
    decision = date(2022, 9, 30)
    assert forward_plan_deadline(decision) == date(2022, 9, 1)
    assert calendar_clear_days(date(2022, 9, 1), decision) == 28


@examples(300)
@given(meeting_dates)
def test_the_statutory_deadline_leaves_exactly_five_clear_days(meeting: date) -> None:
    deadline = statutory_deadline(meeting)
    assert clear_days(deadline, meeting) == 5
    assert clear_days(deadline + timedelta(days=1), meeting) == 4


@examples(300)
@given(meeting_dates, st.integers(min_value=0, max_value=10))
def test_publishing_earlier_never_leaves_fewer_clear_days(meeting: date, earlier: int) -> None:
    deadline = statutory_deadline(meeting)
    assert clear_days(deadline - timedelta(days=earlier), meeting) >= 5


@examples(200)
@given(meeting_dates, st.integers(min_value=1, max_value=60))
def test_later_meetings_never_have_earlier_deadlines(meeting: date, gap: int) -> None:
    assert statutory_deadline(meeting) <= statutory_deadline(meeting + timedelta(days=gap))


@examples(200)
@given(meeting_dates)
def test_the_deadline_is_at_least_six_days_before_the_meeting(meeting: date) -> None:
    assert (meeting - statutory_deadline(meeting)).days >= 6


@examples(200)
@given(meeting_dates, st.integers(min_value=0, max_value=30))
def test_the_effective_deadline_is_no_later_than_either_rule(meeting: date, days: int) -> None:
    deadline = deadline_for(meeting, days)
    assert deadline.effective <= deadline.statutory
    assert deadline.effective <= deadline.board
    assert deadline.effective in (deadline.statutory, deadline.board)


@examples(200)
@given(meeting_dates, st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31)))
def test_a_holiday_in_the_window_can_only_bring_the_deadline_forward(
    meeting: date, holiday: date
) -> None:
    assert statutory_deadline(meeting, frozenset({holiday})) <= statutory_deadline(
        meeting, NO_HOLIDAYS
    )
