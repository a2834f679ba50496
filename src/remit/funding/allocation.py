"""The community safety fund's allocation formula.

Pounds come in as ``Decimal``; the sums run over ``Fraction`` so that the one
scale that balances the pot is found exactly, and pounds go out in whole pence
that add up to the pot.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from remit.core.errors import PathError

PENCE_PER_POUND = 100
MAX_POUNDS = Decimal(10**15)
LISTED_AREAS = 10


class ScenarioError(PathError):
    """Bad scenario input, located by a path such as ``areas[3].population``."""


class Bound(StrEnum):
    """Which limit, if any, held an area's formula allocation."""

    NONE = "none"
    FLOOR = "floor"
    CEILING = "ceiling"
    MAX_SHARE = "max_share"


def decimal_places(value: Decimal) -> int:
    """Decimal places that matter (``1.50`` has 1), found without rounding or a context."""
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int) or not any(digits):
        return 0
    text = "".join(map(str, digits))
    return max(0, -(exponent + len(text) - len(text.rstrip("0"))))


def _check_money(value: Decimal, path: str) -> None:
    if not value.is_finite():
        raise ScenarioError("must be a finite number", path)
    if value < 0:
        raise ScenarioError("must not be negative", path)
    if value >= MAX_POUNDS:
        raise ScenarioError(f"must be less than £{MAX_POUNDS:,}", path)
    if decimal_places(value) > 2:
        raise ScenarioError("must be in pounds with at most 2 decimal places", path)


@dataclass(frozen=True)
class TopSlice:
    """An amount taken off the budget before the formula, such as a regional programme."""

    name: str
    amount: Decimal


@dataclass(frozen=True)
class Damping:
    """How far an area's formula allocation may move from last year's, as fractions."""

    floor: Decimal | None = None
    ceiling: Decimal | None = None

    def __post_init__(self) -> None:
        for name, value in (("floor", self.floor), ("ceiling", self.ceiling)):
            if value is not None and (not value.is_finite() or value < -1):
                raise ScenarioError(
                    "must be a fraction of at least -1 (a fall of 100%)", f"damping.{name}"
                )
        if self.floor is not None and self.ceiling is not None and self.floor > self.ceiling:
            raise ScenarioError(
                f"the floor {self.floor} is above the ceiling {self.ceiling}", "damping.floor"
            )


@dataclass(frozen=True)
class Area:
    """One area sharing the pot: its need indicators and last year's formula allocation."""

    code: str
    name: str
    indicators: Mapping[str, Decimal]
    previous: Decimal | None = None


@dataclass(frozen=True)
class Scenario:
    """Everything the formula needs; an instance that exists is internally consistent."""

    budget: Decimal
    weights: Mapping[str, Decimal]
    areas: tuple[Area, ...]
    top_slices: tuple[TopSlice, ...] = ()
    protected: Mapping[str, Decimal] = field(default_factory=dict)
    damping: Damping | None = None
    max_share: Decimal | None = None
    title: str = ""
    financial_year: str = ""

    def __post_init__(self) -> None:
        _check_money(self.budget, "budget")
        for index, top_slice in enumerate(self.top_slices):
            _check_money(top_slice.amount, f"top_slices[{index}].amount")
        self._check_weights()
        self._check_areas()
        codes = {area.code for area in self.areas}
        for code, amount in self.protected.items():
            if code not in codes:
                raise ScenarioError("no area has this code", f"protected.{code}")
            _check_money(amount, f"protected.{code}")
        if self.max_share is not None and not (0 < self.max_share <= 1):
            raise ScenarioError("must be a fraction above 0 and at most 1", "max_share")

    def _check_weights(self) -> None:
        if not self.weights:
            raise ScenarioError("needs at least one indicator and its weight", "weights")
        for name, weight in self.weights.items():
            if not weight.is_finite() or weight < 0:
                raise ScenarioError("must be a number that is not negative", f"weights.{name}")
        if sum(self.weights.values()) == 0:
            raise ScenarioError("the weights sum to zero, so nothing says what need is", "weights")

    def _check_areas(self) -> None:
        if not self.areas:
            raise ScenarioError("needs at least one area", "areas")
        seen: dict[str, int] = {}
        for index, area in enumerate(self.areas):
            if not area.code:
                raise ScenarioError("must not be empty", f"areas[{index}].code")
            if area.code in seen:
                raise ScenarioError(
                    f"duplicate area code {area.code} (also areas[{seen[area.code]}])",
                    f"areas[{index}].code",
                )
            seen[area.code] = index
            for name in self.weights:
                value = area.indicators.get(name)
                path = f"areas[{index}].{name}"
                if value is None:
                    raise ScenarioError("is missing: every weighted indicator needs a value", path)
                if not value.is_finite() or value < 0:
                    raise ScenarioError("must be a number that is not negative", path)
            if area.previous is not None:
                _check_money(area.previous, f"areas[{index}].previous")


@dataclass(frozen=True)
class AreaAllocation:
    """One area's result: the exact working as well as the pence paid."""

    code: str
    name: str
    need_share: Fraction
    unconstrained: Fraction
    exact: Fraction
    formula: Decimal
    bound: Bound
    protected: Decimal
    previous: Decimal | None
    lower: Fraction
    upper: Fraction | None

    @property
    def total(self) -> Decimal:
        return self.formula + self.protected

    @property
    def change(self) -> Decimal | None:
        return None if self.previous is None else self.formula - self.previous

    @property
    def change_pct(self) -> Fraction | None:
        if self.previous is None or self.previous == 0:
            return None
        return Fraction(self.formula - self.previous) * 100 / Fraction(self.previous)


@dataclass(frozen=True)
class Allocation:
    """The whole result; the formula allocations add up to the pot to the penny."""

    budget: Decimal
    top_slices: Decimal
    protected: Decimal
    pot: Decimal
    scale: Fraction
    areas: tuple[AreaAllocation, ...]
    title: str = ""
    financial_year: str = ""

    @property
    def formula(self) -> Decimal:
        return sum((area.formula for area in self.areas), Decimal(0))


@dataclass(frozen=True)
class _Limits:
    lower: Fraction
    upper: Fraction | None
    upper_kind: Bound


def need_shares(scenario: Scenario) -> list[Fraction]:
    """Each area's share of need: the weighted sum of its share of every indicator."""
    total_weight = sum((Fraction(weight) for weight in scenario.weights.values()), Fraction(0))
    shares = [Fraction(0)] * len(scenario.areas)
    for name, weight in scenario.weights.items():
        if weight == 0:
            continue
        values = [Fraction(area.indicators[name]) for area in scenario.areas]
        indicator_total = sum(values, Fraction(0))
        if indicator_total == 0:
            raise ScenarioError(
                f"indicator {name} sums to zero over the areas, so it cannot share anything out",
                f"weights.{name}",
            )
        factor = Fraction(weight) / total_weight / indicator_total
        shares = [share + value * factor for share, value in zip(shares, values, strict=True)]
    return shares


def _pence_up(amount: Fraction) -> Fraction:
    return Fraction(math.ceil(amount * PENCE_PER_POUND), PENCE_PER_POUND)


def _pence_down(amount: Fraction) -> Fraction:
    return Fraction(math.floor(amount * PENCE_PER_POUND), PENCE_PER_POUND)


def _pence_nearest(amount: Fraction) -> Fraction:
    return Fraction(math.floor(amount * PENCE_PER_POUND + Fraction(1, 2)), PENCE_PER_POUND)


def _limits(scenario: Scenario, pot: Fraction) -> list[_Limits]:
    """Bounds in whole pence, rounded inwards so that the paid pence respect them exactly."""
    damping = scenario.damping
    cap = None if scenario.max_share is None else _pence_down(Fraction(scenario.max_share) * pot)
    limits = []
    for index, area in enumerate(scenario.areas):
        lower = Fraction(0)
        upper: Fraction | None = None
        upper_kind = Bound.NONE
        if damping is not None and area.previous is not None:
            previous = Fraction(area.previous)
            if damping.floor is not None:
                lower = _pence_up(previous * (1 + Fraction(damping.floor)))
            if damping.ceiling is not None:
                upper = _pence_down(previous * (1 + Fraction(damping.ceiling)))
                upper_kind = Bound.CEILING
            if upper is not None and lower > upper:
                # Floor and ceiling less than a penny apart: hold the area to the nearest penny.
                lower = upper = _pence_nearest(previous * (1 + Fraction(damping.ceiling or 0)))
        if cap is not None and (upper is None or cap < upper):
            upper, upper_kind = cap, Bound.MAX_SHARE
        if upper is not None and lower > upper:
            raise ScenarioError(
                f"the damping floor {_pounds(lower)} is above the max_share cap {_pounds(upper)}",
                f"areas[{index}].previous",
            )
        limits.append(_Limits(lower, upper, upper_kind))
    return limits


def _pounds(amount: Fraction | Decimal | int) -> str:
    pence = round(Fraction(amount) * PENCE_PER_POUND)
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), PENCE_PER_POUND)
    return f"{sign}£{whole:,}.{part:02d}"


def _listing(items: list[str]) -> str:
    shown = ", ".join(items[:LISTED_AREAS])
    more = len(items) - LISTED_AREAS
    return f"{shown} and {more} more" if more > 0 else shown


def _check_feasible(
    scenario: Scenario, shares: list[Fraction], limits: list[_Limits], pot: Fraction
) -> None:
    floors = sum((limit.lower for limit in limits), Fraction(0))
    if floors > pot:
        binding = sorted(
            ((limit.lower, area.code) for area, limit in zip(scenario.areas, limits, strict=True)),
            key=lambda pair: (-pair[0], pair[1]),
        )
        names = [f"{code} {_pounds(lower)}" for lower, code in binding if lower > 0]
        raise ScenarioError(
            f"infeasible: the damping floors need {_pounds(floors)} but the pot is "
            f"{_pounds(pot)}, {_pounds(floors - pot)} short; floors: {_listing(names)}",
            "damping.floor",
        )
    reachable = Fraction(0)
    capped: list[tuple[Fraction, str, Bound]] = []
    for area, share, limit in zip(scenario.areas, shares, limits, strict=True):
        if share == 0:
            reachable += limit.lower
        elif limit.upper is None:
            return
        else:
            reachable += limit.upper
            capped.append((limit.upper, area.code, limit.upper_kind))
    if reachable < pot:
        capped.sort(key=lambda item: (-item[0], item[1]))
        names = [f"{code} {_pounds(upper)} ({kind})" for upper, code, kind in capped]
        kinds = sorted({kind.value for _, _, kind in capped})
        raise ScenarioError(
            f"infeasible: the caps allow at most {_pounds(reachable)} but the pot is "
            f"{_pounds(pot)}, {_pounds(pot - reachable)} left over; caps: {_listing(names)}",
            "max_share" if kinds == [Bound.MAX_SHARE.value] else "damping.ceiling",
        )


def _solve_scale(shares: list[Fraction], pot: Fraction, limits: Iterable[_Limits]) -> Fraction:
    """The smallest scale at which the clamped allocations add up to the pot.

    The clamped total is piecewise linear and non-decreasing in the scale, so a
    sweep over the sorted points where areas meet their bounds finds it exactly.
    """
    limits = list(limits)
    constant = sum((limit.lower for limit in limits), Fraction(0))
    if constant >= pot:
        return Fraction(0)
    events: list[tuple[Fraction, Fraction, Fraction]] = []
    for share, limit in zip(shares, limits, strict=True):
        if share == 0:
            continue
        rate = share * pot
        events.append((limit.lower / rate, -limit.lower, rate))
        if limit.upper is not None:
            events.append((limit.upper / rate, limit.upper, -rate))
    events.sort(key=lambda event: event[0])
    slope = Fraction(0)
    for scale, constant_step, slope_step in events:
        if constant + slope * scale >= pot:
            break
        constant += constant_step
        slope += slope_step
    return (pot - constant) / slope


def _to_pence(exact: list[Fraction], codes: list[str], pot: Fraction) -> list[int]:
    """Floor every amount to the penny, then hand out the rest by largest remainder.

    Bounds are whole pence, so an area with a remainder is strictly below its
    upper bound and one more penny never takes it past it.
    """
    scaled = [amount * PENCE_PER_POUND for amount in exact]
    pence = [math.floor(amount) for amount in scaled]
    short = int(pot * PENCE_PER_POUND) - sum(pence)
    order = sorted(
        range(len(exact)), key=lambda index: (pence[index] - scaled[index], codes[index])
    )
    for index in order[:short]:
        pence[index] += 1
    return pence


def _bound_applied(raw: Fraction, limit: _Limits) -> Bound:
    if raw < limit.lower:
        return Bound.FLOOR
    if limit.upper is not None and raw > limit.upper:
        return limit.upper_kind
    return Bound.NONE


def _clamp(raw: Fraction, limit: _Limits) -> Fraction:
    amount = max(raw, limit.lower)
    return amount if limit.upper is None else min(amount, limit.upper)


def allocate(scenario: Scenario) -> Allocation:
    """Share the pot by need, within each area's bounds, in whole pence."""
    top_slices = sum((item.amount for item in scenario.top_slices), Decimal(0))
    protected = sum(scenario.protected.values(), Decimal(0))
    pot_pounds = scenario.budget - top_slices - protected
    if pot_pounds < 0:
        raise ScenarioError(
            f"the top slices ({_pounds(top_slices)}) and protected amounts "
            f"({_pounds(protected)}) exceed the budget by {_pounds(-pot_pounds)}",
            "budget",
        )
    pot = Fraction(pot_pounds)
    shares = need_shares(scenario)
    limits = _limits(scenario, pot)
    _check_feasible(scenario, shares, limits, pot)
    scale = _solve_scale(shares, pot, limits) if pot > 0 else Fraction(0)
    raws = [scale * share * pot for share in shares]
    exact = [_clamp(raw, limit) for raw, limit in zip(raws, limits, strict=True)]
    pence = _to_pence(exact, [area.code for area in scenario.areas], pot)
    areas = tuple(
        AreaAllocation(
            code=area.code,
            name=area.name,
            need_share=share,
            unconstrained=share * pot,
            exact=amount,
            formula=Decimal(paid).scaleb(-2),
            bound=_bound_applied(raw, limit),
            protected=scenario.protected.get(area.code, Decimal(0)),
            previous=area.previous,
            lower=limit.lower,
            upper=limit.upper,
        )
        for area, share, raw, amount, paid, limit in zip(
            scenario.areas, shares, raws, exact, pence, limits, strict=True
        )
    )
    return Allocation(
        budget=scenario.budget,
        top_slices=top_slices,
        protected=protected,
        pot=pot_pounds,
        scale=scale,
        areas=areas,
        title=scenario.title,
        financial_year=scenario.financial_year,
    )


def fixed(value: Fraction | Decimal, places: int) -> str:
    """``value`` to ``places`` decimals, halves rounded away from zero, never ``-0.00``."""
    exact = Fraction(value) * 10**places
    units = math.floor(abs(exact) + Fraction(1, 2))
    sign = "-" if exact < 0 and units else ""
    whole, part = divmod(units, 10**places)
    return f"{sign}{whole}.{part:0{places}d}" if places else f"{sign}{whole}"


def _money(value: Fraction | Decimal) -> str:
    return fixed(value, 2)


def allocation_to_json(allocation: Allocation) -> dict[str, object]:
    """The published shape: money as 2-decimal strings, shares as 6-decimal strings."""
    areas = [
        {
            "code": area.code,
            "name": area.name,
            "need_share": fixed(area.need_share, 6),
            "unconstrained": _money(area.unconstrained),
            "formula": _money(area.formula),
            "bound": area.bound.value,
            "protected": _money(area.protected),
            "total": _money(area.total),
            "previous": None if area.previous is None else _money(area.previous),
            "change": None if area.change is None else _money(area.change),
            "change_pct": None if area.change_pct is None else fixed(area.change_pct, 2),
        }
        for area in allocation.areas
    ]
    result: dict[str, object] = {}
    if allocation.title:
        result["title"] = allocation.title
    if allocation.financial_year:
        result["financial_year"] = allocation.financial_year
    result |= {
        "pot": _money(allocation.pot),
        "scale": fixed(allocation.scale, 6),
        "areas": areas,
        "totals": {
            "formula": _money(allocation.formula),
            "protected": _money(allocation.protected),
            "top_slices": _money(allocation.top_slices),
            "budget": _money(allocation.budget),
            "total": _money(allocation.formula + allocation.protected),
        },
    }
    return result
