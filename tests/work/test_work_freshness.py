"""When an indicator's next figures are due."""

from __future__ import annotations

from datetime import date

from remit.work.freshness import next_figures_due


def test_a_month_s_successor_is_due_two_months_after_it_ends() -> None:
    # January 2019's figures follow December 2018; January ends on 31 January, so April.
    assert next_figures_due("2018-12") == date(2019, 4, 1)
    assert next_figures_due("2019-01") == date(2019, 5, 1)
    assert next_figures_due("2019-10") == date(2020, 2, 1)


def test_a_year_s_successor_is_due_a_year_after_it_ends() -> None:
    assert next_figures_due("2019") == date(2022, 1, 1)
