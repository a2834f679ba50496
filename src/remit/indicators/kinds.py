"""What kind of figure an indicator is, and what follows from it (no Django).

- count: things counted, such as crimes. Whole numbers. The region's figure is the sum.
- rate: a count over the population, such as crimes per 1,000 people. Shown to the
  indicator's stated decimal places. The region's figure is the areas' rates weighted by
  their populations, which for a rate per head is exactly the region's total count over its
  total population (see `region_figure`).
- score: a published score, such as the IMD average score. The region's figure is the
  population-weighted mean.
- rank: a published rank or average rank, such as an IMD domain rank. Shown as a whole
  number. Ranks cannot be added or averaged across areas, so the region has no figure.
- context: a fact about the area that is not performance, such as its population. Whole
  numbers; the region's figure is the sum. It is never ranked, has no target, no RAG and no
  gap: it is not better or worse to have more people.

Only the first four are performance kinds.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP
from decimal import Decimal

COUNT = "count"
RATE = "rate"
SCORE = "score"
RANK = "rank"
CONTEXT = "context"
KINDS = (COUNT, RATE, SCORE, RANK, CONTEXT)
PERFORMANCE = frozenset({COUNT, RATE, SCORE, RANK})
WHOLE = frozenset({COUNT, RANK, CONTEXT})
SUMMED = frozenset({COUNT, CONTEXT})
POPULATION_WEIGHTED = frozenset({RATE, SCORE})

# Decimal places shown when the indicator states none.
DEFAULT_PLACES = {COUNT: 0, RATE: 2, SCORE: 2, RANK: 0, CONTEXT: 0}
MAX_PLACES = 4
_PLACES = Decimal("0.0001")


def is_performance(kind: str) -> bool:
    """Whether the figures measure how the region is doing, so can be ranked, targeted and rated."""
    return kind in PERFORMANCE


def places(kind: str, stated: int | None = None) -> int:
    """Decimal places a figure is shown to: none for whole kinds, else as stated or the default."""
    if kind in WHOLE:
        return 0
    if stated is not None:
        return max(0, min(int(stated), MAX_PLACES))
    return DEFAULT_PLACES.get(kind, 2)


def figure_text(value: Decimal | None, kind: str, stated: int | None = None) -> str:
    """A figure as a page shows it: thousands separated, to the kind's places, halves up."""
    if value is None:
        return "—"
    shown = places(kind, stated)
    step = Decimal(1).scaleb(-shown)
    return f"{Decimal(value).quantize(step, rounding=ROUND_HALF_UP):,}"


def region_figure(
    kind: str, values: Mapping[str, Decimal], populations: Mapping[str, int | None]
) -> Decimal | None:
    """The region's figure from its areas' figures, by the indicator's kind.

    Counts and context figures are summed. Rates and scores are weighted by population:
    for a rate per head of population, the area's count is its rate times its population,
    so the weighted mean of the rates is the region's total count over its total
    population, the figure the region would publish itself. It needs every area's
    population; without one there is no region figure rather than a misleading plain
    mean. Ranks have no region figure.
    """
    if not values:
        return None
    if kind in SUMMED:
        return sum(values.values(), Decimal(0))
    if kind not in POPULATION_WEIGHTED:
        return None
    weights = {area: populations.get(area) for area in values}
    if any(not w or w <= 0 for w in weights.values()):
        return None
    total = sum((Decimal(w or 0) for w in weights.values()), Decimal(0))
    weighted = sum((values[a] * Decimal(w or 0) for a, w in weights.items()), Decimal(0))
    return (weighted / total).quantize(_PLACES, rounding=ROUND_HALF_UP)


def rate_from_totals(numerator: int | Decimal, denominator: int, per: int = 1000) -> Decimal:
    """A rate from totals: the numerator over the denominator, per `per`, to four places."""
    if denominator <= 0:
        raise ValueError("a rate needs a denominator above zero")
    return (Decimal(numerator) * per / denominator).quantize(_PLACES, rounding=ROUND_HALF_UP)


def value_problem(kind: str, value: Decimal) -> str | None:
    """Why a figure cannot be one of this kind, in words for the person loading it; else None."""
    if kind in (COUNT, CONTEXT) and value != value.to_integral_value():
        noun = "count" if kind == COUNT else "context figure such as a population"
        return f"{value} is not a whole number, and a {noun} must be whole"
    if kind in (COUNT, RATE) and value < 0:
        return f"{value} is below zero, and a {kind} cannot be"
    if kind == RANK and value < 1:
        return f"{value} is below 1, and a rank starts at 1"
    return None


def unknown_kind(value: object) -> str | None:
    """A message naming the kinds when `value` is not one of them; None when it is."""
    if value in KINDS:
        return None
    return f"{value!r} is not a kind of indicator: use one of {', '.join(KINDS)}"
