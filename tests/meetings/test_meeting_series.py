"""A series of meetings: quarterly for a year, monthly on the same weekday, and bad requests."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from property_examples import examples
from remit.meetings.schedule import MAX_SERIES
from remit.meetings.schedule import Repeat
from remit.meetings.schedule import SeriesError
from remit.meetings.schedule import series_dates

firsts = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))
monthly = st.sampled_from([Repeat.MONTHLY, Repeat.BIMONTHLY, Repeat.QUARTERLY])
GAP = {Repeat.MONTHLY: 1, Repeat.BIMONTHLY: 2, Repeat.QUARTERLY: 3}


def test_quarterly_for_a_year_is_four_meetings_three_months_apart() -> None:
    assert series_dates(date(2018, 4, 24), Repeat.QUARTERLY, 4) == [
        date(2018, 4, 24),
        date(2018, 7, 24),
        date(2018, 10, 24),
        date(2019, 1, 24),
    ]


def test_the_thirty_first_becomes_the_last_day_of_a_shorter_month() -> None:
    assert series_dates(date(2019, 1, 31), Repeat.MONTHLY, 3) == [
        date(2019, 1, 31),
        date(2019, 2, 28),
        date(2019, 3, 31),
    ]


def test_same_weekday_keeps_the_fourth_tuesday() -> None:
    dates = series_dates(date(2018, 4, 24), Repeat.MONTHLY, 3, same_weekday=True)
    assert dates == [date(2018, 4, 24), date(2018, 5, 22), date(2018, 6, 26)]


def test_a_fifth_weekday_becomes_the_last_of_the_month() -> None:
    dates = series_dates(date(2018, 5, 29), Repeat.MONTHLY, 2, same_weekday=True)
    assert dates == [date(2018, 5, 29), date(2018, 6, 26)]


def test_fortnightly_is_fourteen_days() -> None:
    assert series_dates(date(2022, 3, 7), Repeat.FORTNIGHTLY, 2)[1] == date(2022, 3, 21)


def test_a_single_meeting_cannot_have_a_count() -> None:
    with pytest.raises(SeriesError) as caught:
        series_dates(date(2022, 3, 7), Repeat.NONE, 3)
    assert caught.value.field == "count"


def test_a_series_is_capped() -> None:
    with pytest.raises(SeriesError, match=str(MAX_SERIES)):
        series_dates(date(2022, 3, 7), Repeat.MONTHLY, MAX_SERIES + 1)


@examples(200)
@given(firsts, monthly, st.integers(min_value=1, max_value=MAX_SERIES), st.booleans())
def test_monthly_series_land_once_in_each_target_month(
    first: date, repeat: Repeat, count: int, same_weekday: bool
) -> None:
    dates = series_dates(first, repeat, count, same_weekday=same_weekday)
    assert len(dates) == count
    assert dates == sorted(set(dates))
    for i, day in enumerate(dates):
        months = (day.year - first.year) * 12 + day.month - first.month
        assert months == GAP[repeat] * i
        if same_weekday:
            assert day.weekday() == first.weekday()
        else:
            assert day.day <= first.day
