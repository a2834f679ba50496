"""Dates of a series of meetings ("quarterly for a year", "the fourth Tuesday every month").

Kept free of Django so the series rule can be checked with property tests.
"""

from __future__ import annotations

import calendar
from collections.abc import Container
from collections.abc import Mapping
from datetime import date
from datetime import timedelta
from enum import StrEnum

from remit.meetings.deadlines import SATURDAY
from remit.meetings.deadlines import england_and_wales_bank_holidays

MAX_SERIES = 24


class Repeat(StrEnum):
    NONE = "none"
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"
    BIMONTHLY = "bimonthly"
    QUARTERLY = "quarterly"


REPEAT_LABELS = {
    Repeat.NONE: "Once only",
    Repeat.WEEKLY: "Every week",
    Repeat.FORTNIGHTLY: "Every two weeks",
    Repeat.MONTHLY: "Every month",
    Repeat.BIMONTHLY: "Every two months",
    Repeat.QUARTERLY: "Every three months",
}

_DAYS = {Repeat.WEEKLY: 7, Repeat.FORTNIGHTLY: 14}
_MONTHS = {Repeat.MONTHLY: 1, Repeat.BIMONTHLY: 2, Repeat.QUARTERLY: 3}


class SeriesError(ValueError):
    """A series that cannot be scheduled, naming the form field at fault."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _same_day_of_month(first: date, months: int) -> date:
    year, month = _add_months(first, months)
    return date(year, month, min(first.day, calendar.monthrange(year, month)[1]))


def _same_weekday_of_month(first: date, months: int) -> date:
    """The same "nth weekday" as the first meeting; a fifth weekday becomes the month's last."""
    year, month = _add_months(first, months)
    nth = (first.day - 1) // 7 + 1
    days_in_month = calendar.monthrange(year, month)[1]
    if nth >= 5:
        last = date(year, month, days_in_month)
        return last - timedelta(days=(last.weekday() - first.weekday()) % 7)
    start = date(year, month, 1)
    offset = (first.weekday() - start.weekday()) % 7
    return start + timedelta(days=offset + 7 * (nth - 1))


def series_dates(
    first: date, repeat: Repeat, count: int = 1, *, same_weekday: bool = False
) -> list[date]:
    """The dates of `count` meetings starting on `first`.

    Monthly series keep the day of the month (the 31st becomes the month's last
    day) unless `same_weekday`, which keeps the weekday and its place in the
    month, the way councils usually fix their calendars.
    """
    if repeat == Repeat.NONE:
        if count != 1:
            raise SeriesError(
                "A single meeting cannot repeat: choose how often it recurs.", "count"
            )
        return [first]
    if not 1 <= count <= MAX_SERIES:
        raise SeriesError(f"A series has between 1 and {MAX_SERIES} meetings.", "count")
    if repeat in _DAYS:
        step = timedelta(days=_DAYS[repeat])
        return [first + step * i for i in range(count)]
    months = _MONTHS[repeat]
    pick = _same_weekday_of_month if same_weekday else _same_day_of_month
    return [first] + [pick(first, months * i) for i in range(1, count)]


def date_warnings(
    day: date, today: date, bank_holidays: Container[date] | None = None
) -> list[str]:
    """Why a meeting date deserves a second look: allowed, but each reason is said.

    A weekend, a bank holiday in England and Wales (named), or a date in the past
    (entering the record of a meeting already held is the usual reason).
    """
    closed = england_and_wales_bank_holidays() if bank_holidays is None else bank_holidays
    when = f"{day:%A} {day.day} {day:%B %Y}"
    warnings = []
    if day.weekday() >= SATURDAY:
        warnings.append(f"{when} is at the weekend.")
    if day in closed:
        name = closed.get(day) if isinstance(closed, Mapping) else None
        holiday = f" ({name})" if name else ""
        warnings.append(f"{when} is a bank holiday in England and Wales{holiday}.")
    if day < today:
        warnings.append(f"{when} is in the past.")
    return warnings
