"""Funds, their allocation scenarios and adoptions."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Prefetch
from django.db.models import QuerySet
from django.db.models import Subquery

from remit.core.models import Area
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.funding import builder
from remit.funding import charts
from remit.funding import rules
from remit.funding.allocation import TopSlice
from remit.funding.allocation import allocate
from remit.funding.allocation import fixed
from remit.funding.models import AllocationScenario
from remit.funding.models import Fund
from remit.funding.models import Round
from remit.funding.models import ScenarioAdoption
from remit.funding.scenario import load_scenario
from remit.indicators import selectors as indicator_selectors


def fund_list(region: Region) -> QuerySet[Fund]:
    return (
        region.funds.select_related(
            "owner", "decision_maker", "recommending_board", "adopted_scenario", "previous"
        )
        .prefetch_related(
            Prefetch("joint_owners", queryset=Organisation.objects.order_by("name")),
            Prefetch("joint_decision_makers", queryset=Person.objects.order_by("name")),
            Prefetch("areas", queryset=Area.objects.order_by("name")),
        )
        .order_by("-financial_year", "name")
    )


def find_fund(region: Region, slug: str) -> Fund | None:
    return fund_list(region).filter(slug=slug).first()


@dataclass(frozen=True)
class EnvelopeRow:
    code: str
    name: str
    formula_pence: int
    protected_pence: int
    total_pence: int
    bound: str


@dataclass
class Allocation:
    """A stored allocation result, ready to show: rows per area and the totals."""

    rows: list[EnvelopeRow]
    pot_pence: int
    top_slices_pence: int
    protected_pence: int
    budget_pence: int

    @property
    def total_pence(self) -> int:
        return sum(row.total_pence for row in self.rows)


def allocation(result: dict[str, Any]) -> Allocation:
    totals = result["totals"]
    return Allocation(
        rows=[
            EnvelopeRow(
                code=area["code"],
                name=area["name"],
                formula_pence=rules.pence(area["formula"]),
                protected_pence=rules.pence(area["protected"]),
                total_pence=rules.pence(area["total"]),
                bound=area["bound"],
            )
            for area in result["areas"]
        ],
        pot_pence=rules.pence(result["pot"]),
        top_slices_pence=rules.pence(totals["top_slices"]),
        protected_pence=rules.pence(totals["protected"]),
        budget_pence=rules.pence(totals["budget"]),
    )


@dataclass
class FundPage:
    fund: Fund
    rounds: list[Round]
    adopted: Allocation | None
    adoption: ScenarioAdoption | None
    scenario_count: int


def fund_page(fund: Fund) -> FundPage:
    rounds = list(fund.rounds.order_by("opens_at", "pk"))
    for round in rounds:
        round.fund = fund
    adoption = (
        fund.adoptions.filter(superseded_by__isnull=True)
        .select_related("adopted_by", "scenario")
        .order_by("-adopted_at")
        .first()
    )
    adopted = allocation(fund.adopted_scenario.result) if fund.adopted_scenario else None
    return FundPage(fund, rounds, adopted, adoption, fund.scenarios.count())


def scenarios(fund: Fund) -> list[AllocationScenario]:
    return list(
        fund.scenarios.select_related("created_by")
        .prefetch_related("adoptions")
        .order_by("created_at", "pk")
    )


def adoptions(fund: Fund) -> list[ScenarioAdoption]:
    return list(fund.adoptions.select_related("scenario", "adopted_by").order_by("-adopted_at"))


BOUND_LABELS = {"none": "", "floor": "Floor", "ceiling": "Ceiling", "max_share": "Largest share"}


@dataclass(frozen=True)
class Difference:
    """One area's figure under one scenario, against the same area under another."""

    pence: int | None
    change_pence: int | None = None
    change_percent: str | None = None
    bound: str = ""


def difference(pence: int | None, against: int | None, bound: str = "none") -> Difference:
    """The change in pounds and per cent (to one place) from ``against`` to ``pence``."""
    if pence is None or against is None:
        return Difference(pence, None, None, BOUND_LABELS.get(bound, ""))
    change = pence - against
    percent = None if against == 0 else fixed(Fraction(change * 100, against), 1)
    return Difference(pence, change, percent, BOUND_LABELS.get(bound, ""))


@dataclass(frozen=True)
class ComparisonRow:
    code: str
    name: str
    totals: list[int | None]
    cells: list[Difference] = field(default_factory=list)


@dataclass
class Comparison:
    """The what-if table and chart: each area's total under each scenario.

    Each cell also says how far the area's total is from the baseline's (the adopted scenario
    when it is among those compared, otherwise the first) and which bound held the area.
    """

    scenarios: list[AllocationScenario]
    rows: list[ComparisonRow]
    totals: list[int]
    top_slices: list[int]
    budgets: list[int]
    spec: dict[str, Any]
    baseline: AllocationScenario | None = None

    @property
    def baseline_index(self) -> int:
        return self.scenarios.index(self.baseline) if self.baseline in self.scenarios else -1


def compare(chosen: Sequence[AllocationScenario], adopted_id: int | None = None) -> Comparison:
    names: dict[str, str] = {}
    totals: dict[tuple[str, int], int] = {}
    bounds: dict[tuple[str, int], str] = {}
    for scenario in chosen:
        for area in scenario.result["areas"]:
            names.setdefault(area["code"], area["name"])
            totals[(area["code"], scenario.pk)] = rules.pence(area["total"])
            bounds[(area["code"], scenario.pk)] = area.get("bound", "none")
    baseline = next((s for s in chosen if s.pk == adopted_id), chosen[0] if chosen else None)
    codes = sorted(names)
    rows = [
        ComparisonRow(
            code,
            names[code],
            [totals.get((code, s.pk)) for s in chosen],
            [
                difference(
                    totals.get((code, s.pk)),
                    totals.get((code, baseline.pk)) if baseline else None,
                    bounds.get((code, s.pk), "none"),
                )
                for s in chosen
            ],
        )
        for code in codes
    ]
    bars = [
        charts.Bar(names[code], scenario.name, totals[(code, scenario.pk)])
        for code in codes
        for scenario in chosen
        if (code, scenario.pk) in totals
    ]
    spec = charts.comparison_spec(bars, [names[c] for c in codes], [s.name for s in chosen])
    column_totals = [sum(totals.get((code, s.pk), 0) for code in codes) for s in chosen]
    return Comparison(
        list(chosen),
        rows,
        column_totals,
        [rules.pence(s.result["totals"]["top_slices"]) for s in chosen],
        [rules.pence(s.result["totals"]["budget"]) for s in chosen],
        spec,
        baseline,
    )


def prefill_areas(region: Region, fund: Fund | None = None) -> list[Area]:
    """Areas a scenario may share the fund between: the region's districts with a population
    (not those shown for comparison), and of those only the fund's areas where it has some."""
    areas = region.areas.all() if fund is None else fund.fundable_areas()
    return list(
        areas.filter(population__isnull=False, context=False)
        .filter(
            kind__in=[
                Area.Kind.METROPOLITAN_DISTRICT,
                Area.Kind.UNITARY,
                Area.Kind.NON_METROPOLITAN_DISTRICT,
            ]
        )
        .order_by("code")
    )


def scenario_prefill(fund: Fund, codes: Iterable[str]) -> str:
    wanted = set(codes)
    areas = [a for a in prefill_areas(fund.region, fund) if a.code in wanted]
    return rules.scenario_yaml(
        title=f"{fund.name}: by population",
        financial_year=fund.financial_year,
        budget_pence=fund.budget_pence,
        areas=[rules.ScenarioArea(a.code, a.name, int(a.population or 0)) for a in areas],
    )


def previous_allocation(fund: Fund) -> tuple[AllocationScenario | None, dict[str, Any]]:
    """Last year's adopted scenario, if there is one, and its result per area code; one query."""
    if fund.previous_id is None:
        return None, {}
    scenario = (
        AllocationScenario.objects.filter(
            pk=Subquery(Fund.objects.filter(pk=fund.previous_id).values("adopted_scenario")[:1])
        )
        .select_related("fund")
        .first()
    )
    if scenario is None:
        return None, {}
    return scenario, {area["code"]: area for area in scenario.result["areas"]}


@dataclass
class BuilderChoices:
    """What a scenario may be built from: the region's areas and the figures held for them."""

    areas: list[Area]
    indicators: list[indicator_selectors.HeldIndicator]
    previous: AllocationScenario | None
    previous_areas: dict[str, Any]


def builder_choices(fund: Fund, user: Any) -> BuilderChoices:
    previous, previous_areas = previous_allocation(fund)
    return BuilderChoices(
        prefill_areas(fund.region, fund),
        indicator_selectors.held_indicators(fund.region, user),
        previous,
        previous_areas,
    )


@dataclass(frozen=True)
class ScenarioRow:
    """One area on a scenario's page: its allocation, last year's and a split by population."""

    code: str
    name: str
    need_share: str
    formula_pence: int
    bound: str
    protected_pence: int
    total_pence: int
    previous_year: Difference
    population_split: Difference


@dataclass
class ScenarioPage:
    allocation: Allocation
    rows: list[ScenarioRow]
    previous: AllocationScenario | None
    has_population_split: bool
    spec: dict[str, Any]


def _population_split(result: dict[str, Any], region: Region) -> dict[str, int]:
    """Each area's total if the money the areas share were split by population alone."""
    codes = [area["code"] for area in result["areas"]]
    populations = {
        code: population
        for code, population in region.areas.filter(code__in=codes).values_list(
            "code", "population"
        )
        if population
    }
    if any(not populations.get(code) for code in codes):
        return {}
    held = [
        (builder.HeldArea(area["code"], area["name"]), populations[area["code"]])
        for area in result["areas"]
    ]
    budget = Decimal(result["totals"]["budget"])
    top_slices = [TopSlice("top slices", Decimal(result["totals"]["top_slices"]))]
    split = allocate(load_scenario(builder.population_split_yaml(budget, top_slices, held)))
    return {area.code: rules.pence(area.formula) for area in split.areas}


def scenario_page(scenario: AllocationScenario) -> ScenarioPage:
    """The allocation as a table and a bar chart, against last year's and a population split."""
    fund = scenario.fund
    result = scenario.result
    previous, previous_areas = previous_allocation(fund)
    split = _population_split(result, fund.region)
    rows = []
    for area in result["areas"]:
        total = rules.pence(area["total"])
        last = previous_areas.get(area["code"])
        rows.append(
            ScenarioRow(
                code=area["code"],
                name=area["name"],
                need_share=fixed(Fraction(area["need_share"]) * 100, 2),
                formula_pence=rules.pence(area["formula"]),
                bound=BOUND_LABELS.get(area["bound"], ""),
                protected_pence=rules.pence(area["protected"]),
                total_pence=total,
                previous_year=difference(
                    total, None if last is None else rules.pence(last["total"])
                ),
                population_split=difference(total, split.get(area["code"])),
            )
        )
    series = [scenario.name]
    bars = [charts.Bar(row.name, scenario.name, row.total_pence) for row in rows]
    if previous is not None:
        label = f"Adopted for {previous.fund.financial_year}"
        series.append(label)
        bars += [
            charts.Bar(row.name, label, rules.pence(previous_areas[row.code]["total"]))
            for row in rows
            if row.code in previous_areas
        ]
    if split:
        series.append("Split by population")
        bars += [charts.Bar(row.name, "Split by population", split[row.code]) for row in rows]
    spec = charts.comparison_spec(bars, [row.name for row in rows], series)
    return ScenarioPage(allocation(result), rows, previous, bool(split), spec)
