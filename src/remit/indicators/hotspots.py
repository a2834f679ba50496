"""The worst-affected neighbourhoods of a district and their gap to its median, month by month.

Plain Python, no Django. A neighbourhood's rate is its crimes per 1,000 residents. The
worst tenth (rounded up, at least one) are those with the highest rate over the whole
window, ties broken by code so the choice is repeatable. For each month the gap is the
mean rate of that fixed group less the median rate of every neighbourhood: the same
group is followed through time, so a narrowing gap means those places improved against
the district, not that a different set of places was picked. Neighbourhoods without a
population have no rate and take no part.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from statistics import median

THOUSAND = Decimal(1000)
SHARE = Decimal("0.1")


@dataclass(frozen=True)
class Hotspot:
    code: str
    crimes: int
    population: int
    rate: Decimal  # crimes per 1,000 residents over the window


@dataclass(frozen=True)
class MonthGap:
    month: str
    worst_mean: Decimal
    median: Decimal

    @property
    def gap(self) -> Decimal:
        return self.worst_mean - self.median


@dataclass(frozen=True)
class Hotspots:
    worst: list[Hotspot]
    compared: int  # neighbourhoods with a population
    window_median: Decimal  # the median neighbourhood's rate over the window
    months: list[MonthGap]

    @property
    def window_gap(self) -> Decimal | None:
        if not self.worst:
            return None
        return _mean([h.rate for h in self.worst]) - self.window_median


def rate(crimes: int, population: int) -> Decimal:
    return Decimal(crimes) * THOUSAND / Decimal(population)


def worst_count(n: int) -> int:
    """How many make the worst tenth of `n` neighbourhoods."""
    return min(n, max(1, math.ceil(n * SHARE))) if n else 0


def _mean(values: Sequence[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values)


def _median(values: Sequence[Decimal]) -> Decimal:
    return Decimal(median(values))


def hotspots(
    counts: Mapping[str, Mapping[str, int]],
    population: Mapping[str, int | None],
    months: Sequence[str],
) -> Hotspots:
    """The worst tenth over `months` and their gap to the median in each month."""
    rated = {
        code: population[code]
        for code in counts
        if population.get(code) is not None and (population[code] or 0) > 0
    }
    totals = {code: sum(counts[code].get(m, 0) for m in months) for code in rated}
    spots = [
        Hotspot(c, totals[c], int(rated[c] or 0), rate(totals[c], int(rated[c] or 0)))
        for c in rated
    ]
    spots.sort(key=lambda h: (-h.rate, h.code))
    worst = spots[: worst_count(len(spots))]
    if not spots:
        return Hotspots([], 0, Decimal(0), [])
    month_gaps = []
    for m in months:
        rates = {c: rate(counts[c].get(m, 0), int(rated[c] or 0)) for c in rated}
        month_gaps.append(
            MonthGap(m, _mean([rates[h.code] for h in worst]), _median(list(rates.values())))
        )
    return Hotspots(worst, len(spots), _median([h.rate for h in spots]), month_gaps)


def direction(gaps: Sequence[MonthGap]) -> str:
    """Whether the gap is narrowing, widening or steady, first month against last."""
    if len(gaps) < 2:
        return "not yet measurable"
    first, last = gaps[0].gap, gaps[-1].gap
    if last < first:
        return "narrowing"
    if last > first:
        return "widening"
    return "steady"
