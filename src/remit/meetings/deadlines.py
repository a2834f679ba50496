"""When papers must be published, counted the way the law counts.

Agendas and reports must be open to the public at least five *clear* days
before a meeting (Local Government Act 1972, s.100B). A clear day is a whole
working day between the day of publication and the day of the meeting: both
of those days, weekends and bank holidays in England and Wales do not count.
A board may set itself a stricter rule in calendar days ("papers go to members
a week before"); the deadline that binds is the earlier of the two.

Key decisions go on the forward plan at least 28 clear days before they are
taken. Those are calendar days, excluding the day of publication and the day
of the decision.

No Django here: these rules are shared by the models, the dashboard, the CLI
and the property tests.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from datetime import date
from datetime import timedelta
from functools import cache

import holidays

STATUTORY_CLEAR_DAYS = 5
FORWARD_PLAN_CLEAR_DAYS = 28
ONE_DAY = timedelta(days=1)
SATURDAY = 5


@cache
def england_and_wales_bank_holidays() -> Container[date]:
    """England and Wales share their bank holidays; the calendar fills itself in year by year."""
    return holidays.country_holidays("GB", subdiv="ENG")


def _calendar(bank_holidays: Container[date] | None) -> Container[date]:
    return england_and_wales_bank_holidays() if bank_holidays is None else bank_holidays


def is_working_day(day: date, bank_holidays: Container[date] | None = None) -> bool:
    return day.weekday() < SATURDAY and day not in _calendar(bank_holidays)


def clear_days(published: date, meeting: date, bank_holidays: Container[date] | None = None) -> int:
    """Working days strictly between publication and the meeting (0 if publication is late)."""
    calendar = _calendar(bank_holidays)
    count = 0
    day = published + ONE_DAY
    while day < meeting:
        if is_working_day(day, calendar):
            count += 1
        day += ONE_DAY
    return count


def statutory_deadline(
    meeting_date: date,
    bank_holidays: Container[date] | None = None,
    clear: int = STATUTORY_CLEAR_DAYS,
) -> date:
    """The latest publication date that still leaves `clear` clear days before the meeting."""
    if clear < 0:
        raise ValueError("clear days cannot be negative")
    calendar = _calendar(bank_holidays)
    day = meeting_date
    found = 0
    while found < clear:
        day -= ONE_DAY
        if is_working_day(day, calendar):
            found += 1
    return day - ONE_DAY


def board_deadline(meeting_date: date, paper_deadline_days: int) -> date:
    """A board's own rule: papers out this many calendar days before the meeting."""
    if paper_deadline_days < 0:
        raise ValueError("a board's paper deadline cannot be negative")
    return meeting_date - timedelta(days=paper_deadline_days)


@dataclass(frozen=True)
class Deadline:
    meeting_date: date
    statutory: date
    board: date

    @property
    def effective(self) -> date:
        return min(self.statutory, self.board)

    @property
    def binding_rule(self) -> str:
        """Which rule sets the effective deadline, for telling officers why."""
        return "the board's own rule" if self.board < self.statutory else "the five clear days rule"

    def is_late(self, published_on: date) -> bool:
        return published_on > self.effective


def deadline_for(
    meeting_date: date,
    paper_deadline_days: int,
    bank_holidays: Container[date] | None = None,
) -> Deadline:
    return Deadline(
        meeting_date=meeting_date,
        statutory=statutory_deadline(meeting_date, bank_holidays),
        board=board_deadline(meeting_date, paper_deadline_days),
    )


def calendar_clear_days(published: date, decision: date) -> int:
    """Whole calendar days strictly between two dates (never negative)."""
    return max((decision - published).days - 1, 0)


def forward_plan_deadline(decision_date: date, clear: int = FORWARD_PLAN_CLEAR_DAYS) -> date:
    """The latest date a key decision can go on the forward plan and still give notice."""
    return decision_date - timedelta(days=clear + 1)
