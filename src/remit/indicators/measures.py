"""Indicator statistics: trends, ranks, the gap behind the worst-affected areas, and RAG.

Plain values only (period strings, `Decimal`), so the pages, the API, the PDF report
and the property tests all share one set of rules.

A period is a month, `YYYY-MM`, or a year, `YYYY`. Each series uses one kind.

RAG against a target (the rule the pages state):
- the value expected now is the target itself, or, when the indicator has a baseline
  before the target's date, the straight line from the baseline to the target read at
  the latest period (held at the target once its date has passed);
- green (on track): the latest value is at or better than expected;
- amber (near): worse than expected by no more than 5% of the expected value;
- red (off track): worse than that;
- grey: no target;
- no data: an area's latest figure is partial (its own police force's files are not held),
  or the region's latest figure leaves such an area out; no rating is given from part of
  the data.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP
from decimal import Decimal
from enum import StrEnum

LOWER_IS_BETTER = "lower_is_better"
HIGHER_IS_BETTER = "higher_is_better"
POLARITIES = (LOWER_IS_BETTER, HIGHER_IS_BETTER)

COUNT = "count"
RATE_PER_1000 = "rate_per_1000"
VALUE = "value"

AMBER_TOLERANCE = Decimal("0.05")
PLACES = Decimal("0.0001")
_MONTH = re.compile(r"(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])")
_YEAR = re.compile(r"(?P<year>\d{4})")


class MeasureError(ValueError):
    """A value these statistics cannot work with, naming the field it came from."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    GREY = "grey"
    NO_DATA = "no_data"

    @property
    def label(self) -> str:
        return _RAG_LABELS[self]


_RAG_LABELS = {
    Rag.GREEN: "On track",
    Rag.AMBER: "Near target",
    Rag.RED: "Off track",
    Rag.GREY: "No target",
    Rag.NO_DATA: "No data",
}


# ---------------------------------------------------------------- periods


def is_month(text: str) -> bool:
    return _MONTH.fullmatch(text) is not None


def is_period(text: str) -> bool:
    return _MONTH.fullmatch(text) is not None or _YEAR.fullmatch(text) is not None


def period_index(period: str) -> int:
    """Months since year 0 for a month; the year itself for a year."""
    found = _MONTH.fullmatch(period)
    if found:
        return int(found["year"]) * 12 + int(found["month"]) - 1
    if _YEAR.fullmatch(period):
        return int(period)
    raise MeasureError(f"{period!r} is not a period (YYYY-MM or YYYY)", field="period")


def period_end_month(period: str) -> int:
    """The month a period ends in, as months since year 0: a year ends in December."""
    if is_month(period):
        return period_index(period)
    return period_index(period) * 12 + 11


def month_of(day: date) -> int:
    return day.year * 12 + day.month - 1


def periods_a_year(period: str) -> int:
    return 12 if is_month(period) else 1


def shift(period: str, steps: int) -> str:
    """The period `steps` months (or years, for a yearly period) away."""
    index = period_index(period) + steps
    if is_month(period):
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    return f"{index:04d}"


def quantize(value: Decimal) -> Decimal:
    return value.quantize(PLACES, rounding=ROUND_HALF_UP)


# ---------------------------------------------------------------- one area's series


@dataclass(frozen=True)
class Point:
    period: str
    value: Decimal


@dataclass(frozen=True)
class Change:
    period: str
    value: Decimal
    previous: Decimal
    absolute: Decimal
    percent: Decimal | None  # None when a year earlier was zero


def _by_index(points: Iterable[Point]) -> dict[int, Point]:
    found: dict[int, Point] = {}
    for point in points:
        index = period_index(point.period)
        if index in found:
            raise MeasureError(f"period {point.period} appears twice", field="period")
        found[index] = point
    return found


def rolling_total(points: Sequence[Point], window: int = 12) -> list[Point]:
    """The total over each run of `window` consecutive periods; none until a run is whole."""
    if window < 1:
        raise MeasureError("the window must be at least one period", field="window")
    indexed = _by_index(points)
    rolled: list[Point] = []
    for index in sorted(indexed):
        run = [indexed.get(index - back) for back in range(window)]
        if all(p is not None for p in run):
            total = sum((p.value for p in run if p is not None), Decimal(0))
            rolled.append(Point(indexed[index].period, total))
    return rolled


def year_on_year(points: Sequence[Point]) -> list[Change]:
    """Each period against the same period a year before, where both are known."""
    indexed = _by_index(points)
    changes: list[Change] = []
    for index in sorted(indexed):
        point = indexed[index]
        earlier = indexed.get(index - periods_a_year(point.period))
        if earlier is None:
            continue
        absolute = point.value - earlier.value
        percent = None if earlier.value == 0 else quantize(absolute * 100 / earlier.value)
        changes.append(Change(point.period, point.value, earlier.value, absolute, percent))
    return changes


# ---------------------------------------------------------------- across areas


def _check_polarity(polarity: str) -> None:
    if polarity not in POLARITIES:
        raise MeasureError(f"unknown polarity {polarity!r}", field="polarity")


def _worst_first(values: Mapping[str, Decimal], polarity: str) -> list[tuple[str, Decimal]]:
    _check_polarity(polarity)
    sign = -1 if polarity == LOWER_IS_BETTER else 1
    return sorted(values.items(), key=lambda item: (sign * item[1], item[0]))


def ranks(values: Mapping[str, Decimal], polarity: str) -> dict[str, int]:
    """Rank 1 is the worst area given the polarity; equal values share a rank (1, 2, 2, 4)."""
    ordered = _worst_first(values, polarity)
    ranked: dict[str, int] = {}
    previous: Decimal | None = None
    rank = 0
    for position, (area, value) in enumerate(ordered, start=1):
        if value != previous:
            rank = position
            previous = value
        ranked[area] = rank
    return ranked


def median(values: Iterable[Decimal]) -> Decimal:
    ordered = sorted(values)
    if not ordered:
        raise MeasureError("the median of no values", field="values")
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def worst_group_size(areas: int) -> int:
    """The worst quarter of the areas, rounded up; the single worst area below four areas."""
    if areas < 4:
        return min(areas, 1)
    return math.ceil(areas / 4)


@dataclass(frozen=True)
class Gap:
    """How far the worst-affected areas are behind the middle, always in the bad direction."""

    period: str
    worst_mean: Decimal
    median: Decimal
    size: Decimal  # >= 0: the worst group's mean is never better than the median
    worst_areas: tuple[str, ...]


def gap(period: str, values: Mapping[str, Decimal], polarity: str) -> Gap | None:
    if not values:
        return None
    ordered = _worst_first(values, polarity)
    worst = ordered[: worst_group_size(len(ordered))]
    worst_mean = sum((v for _, v in worst), Decimal(0)) / len(worst)
    middle = median(values.values())
    size = worst_mean - middle if polarity == LOWER_IS_BETTER else middle - worst_mean
    return Gap(
        period=period,
        worst_mean=quantize(worst_mean),
        median=quantize(middle),
        size=quantize(size),
        worst_areas=tuple(area for area, _ in worst),
    )


def gap_series(by_period: Mapping[str, Mapping[str, Decimal]], polarity: str) -> list[Gap]:
    found = (gap(period, by_period[period], polarity) for period in sorted(by_period))
    return [g for g in found if g is not None]


@dataclass(frozen=True)
class GapTrend:
    periods: int
    first: Decimal
    last: Decimal
    slope: Decimal  # change in the gap per period, least squares
    narrowing: bool | None  # None: level, or too few periods to say

    @property
    def verdict(self) -> str:
        if self.narrowing is None:
            return "not changing" if self.periods >= 2 else "too early to say"
        return "narrowing" if self.narrowing else "widening"


def gap_trend(gaps: Sequence[Gap], last: int = 12) -> GapTrend | None:
    """Whether the gap is narrowing: the slope of its last `last` periods (fewer if that is all)."""
    if not gaps:
        return None
    if last < 2:
        raise MeasureError("look at two periods or more", field="last")
    recent = gaps[-last:]
    sizes = [g.size for g in recent]
    slope = _slope(sizes)
    narrowing = None if slope == 0 else slope < 0
    return GapTrend(len(recent), sizes[0], sizes[-1], quantize(slope), narrowing)


def _slope(values: Sequence[Decimal]) -> Decimal:
    """Least-squares slope against 0, 1, 2, …; zero for a single value."""
    n = len(values)
    if n < 2:
        return Decimal(0)
    mean_x = Decimal(n - 1) / 2
    mean_y = sum(values, Decimal(0)) / n
    num = sum(((Decimal(i) - mean_x) * (v - mean_y) for i, v in enumerate(values)), Decimal(0))
    den = sum(((Decimal(i) - mean_x) ** 2 for i in range(n)), Decimal(0))
    return num / den


# ---------------------------------------------------------------- rates (region figure: `kinds`)


def per_thousand(count: int | Decimal, population: int) -> Decimal:
    if population <= 0:
        raise MeasureError("a rate needs a population above zero", field="population")
    return quantize(Decimal(count) * 1000 / population)


# ---------------------------------------------------------------- RAG


@dataclass(frozen=True)
class Target:
    due: date
    value: Decimal


@dataclass(frozen=True)
class Assessment:
    rag: Rag
    expected: Decimal | None
    target: Target | None


def applicable_target(targets: Sequence[Target], at_month: int) -> Target | None:
    """The next target due on or after the period; the last one once all have passed."""
    if not targets:
        return None
    ordered = sorted(targets, key=lambda t: t.due)
    for target in ordered:
        if month_of(target.due) >= at_month:
            return target
    return ordered[-1]


def expected_value(
    target: Target, at_month: int, baseline: tuple[str, Decimal] | None = None
) -> Decimal:
    """The value on track for the target at a month: along the line from the baseline."""
    due = month_of(target.due)
    if baseline is None:
        return target.value
    start = period_end_month(baseline[0])
    if start >= due or at_month >= due:
        return target.value
    if at_month <= start:
        return baseline[1]
    share = Decimal(at_month - start) / Decimal(due - start)
    return quantize(baseline[1] + (target.value - baseline[1]) * share)


def rag_status(latest: Decimal, expected: Decimal, polarity: str) -> Rag:
    _check_polarity(polarity)
    shortfall = latest - expected if polarity == LOWER_IS_BETTER else expected - latest
    if shortfall <= 0:
        return Rag.GREEN
    if shortfall <= AMBER_TOLERANCE * abs(expected):
        return Rag.AMBER
    return Rag.RED


def assess(
    latest: Point | None,
    targets: Sequence[Target],
    polarity: str,
    baseline: tuple[str, Decimal] | None = None,
    *,
    complete: bool = True,
) -> Assessment:
    """The latest figure against its target; `complete=False` when that figure is partial."""
    if latest is None or not targets:
        return Assessment(Rag.GREY, None, None)
    at = period_end_month(latest.period)
    target = applicable_target(targets, at)
    if target is None:
        return Assessment(Rag.GREY, None, None)
    if not complete:
        return Assessment(Rag.NO_DATA, None, target)
    expected = expected_value(target, at, baseline)
    return Assessment(rag_status(latest.value, expected, polarity), expected, target)


# ---------------------------------------------------------------- delivery of results


@dataclass(frozen=True)
class Milestone:
    due: date
    done_on: date | None


def delivery_status(milestones: Sequence[Milestone], today: date) -> Rag:
    """Red when a milestone is overdue, amber when one falls due within 30 days, else green."""
    open_ = [m for m in milestones if m.done_on is None]
    if not milestones:
        return Rag.GREY
    if any(m.due < today for m in open_):
        return Rag.RED
    if any((m.due - today).days <= 30 for m in open_):
        return Rag.AMBER
    return Rag.GREEN
