"""Building an allocation scenario from the figures Remit holds, never from retyped ones."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from remit.core.errors import DomainError
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services.writes import locked
from remit.core.services.writes import save_attributed
from remit.funding import builder
from remit.funding import permissions
from remit.funding import selectors
from remit.funding.allocation import ScenarioError
from remit.funding.allocation import allocate
from remit.funding.models import AllocationScenario
from remit.funding.models import Fund
from remit.funding.scenario import load_scenario
from remit.funding.services.funds import _check_name
from remit.funding.services.funds import evaluate
from remit.indicators import selectors as indicator_selectors

POPULATION_NAME = "Population"
POPULATION_SOURCE = "ONS mid-year population estimates, as held for each area"
FORMULA_FIELDS = {
    "damping.floor": "damping_floor",
    "damping.ceiling": "damping_ceiling",
    "max_share": "max_share",
}


def _formula_field(path: str) -> str | None:
    if path in FORMULA_FIELDS:
        return FORMULA_FIELDS[path]
    if path.startswith("weights."):
        return builder.field_for(path.removeprefix("weights."), "weight")
    if path.startswith("areas[") and path.endswith(".previous"):
        return "damping_floor"
    return None


def _needs(fund: Fund, by: User, choices: builder.Choices, areas: list[Any]) -> list[builder.Need]:
    """The weighted indicators with their held figures for the chosen period; one query."""
    held = {
        builder.indicator_key(item.indicator.slug): item
        for item in indicator_selectors.held_indicators(fund.region, by)
    }
    chosen: dict[str, tuple[Any, str]] = {}
    for key, weight in choices.weights.items():
        if weight < 0:
            raise DomainError(
                "Enter a weight of 0 or more.", field=builder.field_for(key, "weight")
            )
        if weight == 0 or key == builder.POPULATION:
            continue
        item = held.get(key)
        if item is None:
            raise DomainError(
                "Remit holds no figures for this indicator: clear its weight.",
                field=builder.field_for(key, "weight"),
            )
        period = choices.periods.get(key) or item.periods[0]
        if period not in item.periods:
            raise DomainError(
                f"Remit holds no figures for {item.indicator.name} in {period}: choose one of "
                "the periods listed.",
                field=builder.field_for(key, "period"),
            )
        chosen[key] = (item.indicator, period)
    figures = indicator_selectors.figures_for(
        {indicator.pk: period for indicator, period in chosen.values()}, areas
    )
    needs = []
    for key, weight in choices.weights.items():
        if weight == 0:
            continue
        if key == builder.POPULATION:
            years = sorted({str(area.population_year) for area in areas if area.population_year})
            needs.append(
                builder.Need(
                    key=key,
                    name=POPULATION_NAME,
                    source=POPULATION_SOURCE,
                    period=", ".join(years),
                    weight=weight,
                    values={
                        area.code: Decimal(area.population)
                        for area in areas
                        if area.population is not None
                    },
                )
            )
            continue
        indicator, period = chosen[key]
        needs.append(
            builder.Need(
                key=key,
                name=indicator.name,
                source=indicator.source,
                period=period,
                weight=weight,
                values=figures[indicator.pk],
            )
        )
    return needs


def scenario_plan(*, by: User, fund: Fund, choices: builder.Choices) -> tuple[builder.Plan, str]:
    """The scenario the choices make, with every figure taken from those held, and where
    last year's allocations came from."""
    known = {area.code: area for area in selectors.prefill_areas(fund.region, fund)}
    unknown = [code for code in choices.areas if code not in known]
    if unknown:
        raise DomainError("Choose the areas from the list.", field="areas")
    areas = [known[code] for code in choices.areas]
    for code, amount in choices.protected.items():
        if amount and code not in choices.areas:
            name = known[code].name if code in known else code
            raise DomainError(
                f"{name} is not one of the areas chosen: choose it, or clear its protected amount.",
                field=f"protected-{code}",
            )
    previous, previous_areas = selectors.previous_allocation(fund)
    plan = builder.Plan(
        title=choices.name.strip(),
        financial_year=fund.financial_year,
        budget=Decimal(fund.budget_pence).scaleb(-2),
        areas=tuple(
            builder.HeldArea(
                area.code,
                area.name,
                Decimal(previous_areas[area.code]["formula"])
                if area.code in previous_areas
                else None,
            )
            for area in areas
        ),
        needs=tuple(_needs(fund, by, choices, areas)),
        top_slices=choices.top_slices,
        protected={code: amount for code, amount in choices.protected.items() if amount},
        floor_percent=choices.floor_percent,
        ceiling_percent=choices.ceiling_percent,
        max_share_percent=choices.max_share_percent,
    )
    said = f"{previous.name}, adopted for {previous.fund.name}" if previous is not None else ""
    return plan, said


def scenario_gaps(*, by: User, fund: Fund, choices: builder.Choices) -> list[DomainError]:
    """Every chosen indicator some chosen areas have no figure for, so a form can name them
    all at once; `scenario_build` refuses the first of them."""
    plan, _ = scenario_plan(by=by, fund=fund, choices=choices)
    return [DomainError(gap.message, field=gap.field) for gap in builder.gaps(plan)]


def scenario_yaml(*, by: User, fund: Fund, choices: builder.Choices) -> tuple[str, dict[str, Any]]:
    """The scenario's YAML and provenance, or a `DomainError` naming the form field to change."""
    plan, previous_from = scenario_plan(by=by, fund=fund, choices=choices)
    try:
        yaml_text = builder.to_yaml(plan)
        allocate(load_scenario(yaml_text))
    except builder.BuildError as error:
        raise DomainError(error.message, field=error.field) from None
    except ScenarioError as error:
        raise DomainError(
            f"The scenario cannot be worked out: {error.message}.",
            field=_formula_field(error.path),
        ) from None
    if previous_from == "" and (
        choices.floor_percent is not None or choices.ceiling_percent is not None
    ):
        raise DomainError(
            "There is no allocation adopted for last year to damp against: clear the floor "
            "and ceiling.",
            field="damping_floor" if choices.floor_percent is not None else "damping_ceiling",
        )
    provenance = {
        **builder.provenance(plan, previous_from=previous_from),
        "choices": choices.to_json(),
    }
    return yaml_text, provenance


@transaction.atomic
def scenario_build(*, by: User, fund: Fund, choices: builder.Choices) -> AllocationScenario:
    """Save a scenario built on the form from held figures, with where they came from."""
    fund = locked(fund, related=("region",))
    require(permissions.can_build_scenario(by, fund))
    name = _check_name(fund, choices.name)
    yaml_text, provenance = scenario_yaml(by=by, fund=fund, choices=choices)
    result = evaluate(fund, yaml_text)
    scenario = AllocationScenario(
        fund=fund,
        name=name,
        yaml=yaml_text,
        result=result,
        provenance=provenance,
        created_by=by,
    )
    return save_attributed(scenario, by=by, reason="Built from figures held in Remit")
