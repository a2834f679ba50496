"""Properties the allocation formula must hold for any scenario it accepts."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from fractions import Fraction

from hypothesis import assume
from hypothesis import example
from hypothesis import given
from hypothesis import reject
from hypothesis import strategies as st

from property_examples import examples
from remit.funding.allocation import Allocation
from remit.funding.allocation import Area
from remit.funding.allocation import Damping
from remit.funding.allocation import Scenario
from remit.funding.allocation import ScenarioError
from remit.funding.allocation import TopSlice
from remit.funding.allocation import allocate
from remit.funding.allocation import need_shares

PENNY = Decimal("0.01")
INDICATORS = ("population", "deprivation", "crime")
SETTINGS = examples(150)


def pence(value: int) -> Decimal:
    return Decimal(value).scaleb(-2)


@st.composite
def scenarios(draw: st.DrawFn, *, damped: bool = True) -> Scenario:
    count = draw(st.integers(1, 8))
    names = INDICATORS[: draw(st.integers(1, len(INDICATORS)))]
    weights = {name: Decimal(draw(st.integers(0, 5))) for name in names}
    weights[names[0]] += 1
    values = [
        {
            name: Decimal(draw(st.integers(0, 10_000))).scaleb(-draw(st.integers(0, 3)))
            for name in names
        }
        for _ in range(count)
    ]
    for name in names:
        if not any(row[name] for row in values):
            values[0][name] = Decimal(1)
    pot = draw(st.integers(0, 10_000_000))
    previous_weights = [draw(st.integers(1, 100)) for _ in range(count)]
    has_previous = [damped and draw(st.booleans()) for _ in range(count)]
    codes = draw(st.permutations([f"E0800{index:04d}" for index in range(count)]))
    areas = tuple(
        Area(
            code=codes[index],
            name=f"Area {index}",
            indicators=values[index],
            previous=pence(pot * previous_weights[index] // sum(previous_weights))
            if has_previous[index]
            else None,
        )
        for index in range(count)
    )
    protected = {area.code: pence(draw(st.integers(0, 100_000))) for area in areas[:2]}
    top_slice = pence(draw(st.integers(0, 100_000)))
    damping = None
    max_share = None
    if damped:
        damping = Damping(
            floor=Decimal(-draw(st.integers(0, 30))).scaleb(-2),
            ceiling=Decimal(draw(st.integers(0, 30))).scaleb(-2),
        )
        if draw(st.booleans()):
            max_share = Decimal(draw(st.integers(max(1, 100 // count), 100))).scaleb(-2)
    return Scenario(
        budget=pence(pot) + top_slice + sum(protected.values(), Decimal(0)),
        weights=weights,
        areas=areas,
        top_slices=(TopSlice("Regional programmes", top_slice),) if top_slice else (),
        protected=protected,
        damping=damping,
        max_share=max_share,
    )


def feasible(scenario: Scenario) -> Allocation:
    try:
        return allocate(scenario)
    except ScenarioError as error:
        if error.message.startswith("infeasible") or " is above the " in error.message:
            reject()
        raise


def stated_bounds(scenario: Scenario, pot: Decimal, area: Area) -> tuple[Fraction, Fraction | None]:
    """The bounds as the scenario states them, before any rounding."""
    lower, upper = Fraction(0), None
    damping = scenario.damping
    if damping is not None and area.previous is not None:
        if damping.floor is not None:
            lower = Fraction(area.previous) * (1 + Fraction(damping.floor))
        if damping.ceiling is not None:
            upper = Fraction(area.previous) * (1 + Fraction(damping.ceiling))
    if scenario.max_share is not None:
        cap = Fraction(scenario.max_share) * Fraction(pot)
        upper = cap if upper is None else min(upper, cap)
    return lower, upper


@SETTINGS
@given(scenarios())
def test_totals_are_exact_to_the_penny(scenario: Scenario) -> None:
    result = feasible(scenario)
    assert sum(area.formula for area in result.areas) == result.pot
    assert all(area.formula == area.formula.quantize(PENNY) for area in result.areas)
    paid = sum(area.total for area in result.areas)
    assert paid + result.top_slices == scenario.budget


@SETTINGS
@given(scenarios())
def test_every_bound_is_respected(scenario: Scenario) -> None:
    result = feasible(scenario)
    for area, paid in zip(scenario.areas, result.areas, strict=True):
        lower, upper = stated_bounds(scenario, result.pot, area)
        assert paid.formula >= lower
        assert upper is None or paid.formula <= upper


TWO_AREAS_EACH_ALONE_ON_AN_INDICATOR = Scenario(
    budget=Decimal(1000),
    weights={"population": Decimal(1), "deprivation": Decimal(1)},
    areas=(
        Area(
            code="E08000001",
            name="Area 0",
            indicators={"population": Decimal(5), "deprivation": Decimal(0)},
        ),
        Area(
            code="E08000002",
            name="Area 1",
            indicators={"population": Decimal(0), "deprivation": Decimal(3)},
        ),
    ),
)


@SETTINGS
@given(scenarios(), st.integers(0, len(INDICATORS) - 1), st.integers(1, 1000))
@example(scenario=TWO_AREAS_EACH_ALONE_ON_AN_INDICATOR, pick=0, extra=1)
def test_an_area_with_more_need_never_gets_less(scenario: Scenario, pick: int, extra: int) -> None:
    """The second area becomes needier than the first on every indicator and strictly on one.

    It takes the larger of the two areas' values for each indicator, so every indicator that
    summed to more than zero still does: the scenario stays one the formula accepts.
    """
    assume(len(scenario.areas) >= 2)
    first, second = scenario.areas[0], scenario.areas[1]
    weighted = [name for name, weight in scenario.weights.items() if weight > 0]
    indicator = weighted[pick % len(weighted)]
    at_least_both = {
        name: max(first.indicators[name], second.indicators[name]) for name in first.indicators
    }
    needier = dataclasses.replace(
        second,
        indicators={**at_least_both, indicator: at_least_both[indicator] + extra},
        previous=first.previous,
    )
    protected = {first.code: Decimal(0), needier.code: Decimal(0)}
    scenario = dataclasses.replace(
        scenario,
        areas=(first, needier, *scenario.areas[2:]),
        protected={**scenario.protected, **protected},
    )
    result = feasible(scenario)
    assert result.areas[1].formula >= result.areas[0].formula


@SETTINGS
@given(scenarios(), st.data())
def test_raising_an_areas_need_never_lowers_its_allocation(
    scenario: Scenario, data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(scenario.areas) - 1))
    indicator = data.draw(st.sampled_from(sorted(scenario.weights)))
    before = feasible(scenario)
    area = scenario.areas[index]
    raised = dataclasses.replace(
        area,
        indicators={
            **area.indicators,
            indicator: area.indicators[indicator] + data.draw(st.integers(1, 1000)),
        },
    )
    areas = list(scenario.areas)
    areas[index] = raised
    after = feasible(dataclasses.replace(scenario, areas=tuple(areas)))
    assert after.areas[index].exact >= before.areas[index].exact
    assert after.areas[index].formula >= before.areas[index].formula - PENNY


@SETTINGS
@given(scenarios(), st.lists(st.integers(1, 10_000), min_size=3, max_size=3), st.integers(0, 4))
def test_scaling_an_indicator_by_a_constant_changes_nothing(
    scenario: Scenario, factors: list[int], places: int
) -> None:
    constants = {
        name: Decimal(factor).scaleb(-places)
        for name, factor in zip(INDICATORS, factors, strict=True)
    }
    scaled = dataclasses.replace(
        scenario,
        areas=tuple(
            dataclasses.replace(
                area,
                indicators={
                    name: value * constants[name] for name, value in area.indicators.items()
                },
            )
            for area in scenario.areas
        ),
    )
    assert need_shares(scaled) == need_shares(scenario)
    before = feasible(scenario)
    after = allocate(scaled)
    assert [area.formula for area in after.areas] == [area.formula for area in before.areas]
    assert [area.bound for area in after.areas] == [area.bound for area in before.areas]


@SETTINGS
@given(scenarios(damped=False))
def test_unconstrained_scenario_allocates_exactly_in_proportion_to_need(
    scenario: Scenario,
) -> None:
    result = allocate(scenario)
    for area in result.areas:
        assert abs(Fraction(area.formula) - area.need_share * Fraction(result.pot)) < Fraction(
            PENNY
        )
