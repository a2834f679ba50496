"""Green Book economic appraisal: real prices, optimism bias, additionality and discounting.

Plain `Decimal` arithmetic at 40 significant digits, rounded only when shown, so the CLI, the
API and the web pages agree to the penny. Nothing here reads files or imports Django.
"""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from decimal import ROUND_HALF_UP
from decimal import Decimal
from decimal import localcontext
from enum import StrEnum
from functools import lru_cache
from typing import Any

PRECISION = 40
ZERO = Decimal(0)
ONE = Decimal(1)
MAX_YEARS_AFTER_BASE = 1000
"""Cash flows further out than this are refused rather than silently discounted to nothing."""

PENNY = Decimal("0.01")
RATIO_PLACES = Decimal("0.0001")
FACTOR_PLACES = Decimal("0.000001")

Flows = Mapping[int, Decimal]
"""Pounds by calendar year."""


class CaseError(ValueError):
    """A case that cannot be appraised, located by a path such as `options[1].revenue.2024`."""

    def __init__(self, message: str, path: str = "", *, option_name: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.option_name = option_name

    def for_option(self, name: str) -> CaseError:
        """The same error, with the option's name shown next to its index."""
        if self.option_name is not None or not self.path.startswith("options["):
            return self
        return CaseError(self.message, self.path, option_name=name)

    def located(self) -> str:
        where = self.path
        if self.option_name is not None:
            end = where.index("]") + 1
            where = f"{where[:end]} ({self.option_name}){where[end:]}"
        return f"{where}: {self.message}" if where else self.message

    def __str__(self) -> str:
        return self.located()


class DiscountSchedule(StrEnum):
    STANDARD = "standard"
    HEALTH = "health"


class CostCategory(StrEnum):
    CAPITAL = "capital"
    REVENUE = "revenue"


class ProjectType(StrEnum):
    STANDARD_BUILDINGS = "standard_buildings"
    NON_STANDARD_BUILDINGS = "non_standard_buildings"
    STANDARD_CIVIL_ENGINEERING = "standard_civil_engineering"
    NON_STANDARD_CIVIL_ENGINEERING = "non_standard_civil_engineering"
    EQUIPMENT_AND_DEVELOPMENT = "equipment_and_development"
    OUTSOURCING = "outsourcing"


class Bound(StrEnum):
    UPPER = "upper"
    LOWER = "lower"


@dataclass(frozen=True)
class StprSchedule:
    """Declining long-term rates: `bands` are (last year of the band, rate), then `thereafter`."""

    bands: tuple[tuple[int, Decimal], ...]
    thereafter: Decimal

    def rate(self, year: int) -> Decimal:
        """The rate that discounts year `year` back to year `year - 1`."""
        for last_year, rate in self.bands:
            if year <= last_year:
                return rate
        return self.thereafter


STPR_SCHEDULES: Mapping[DiscountSchedule, StprSchedule] = {
    DiscountSchedule.STANDARD: StprSchedule(
        bands=(
            (30, Decimal("0.035")),
            (75, Decimal("0.030")),
            (125, Decimal("0.025")),
            (200, Decimal("0.020")),
            (300, Decimal("0.015")),
        ),
        thereafter=Decimal("0.010"),
    ),
    DiscountSchedule.HEALTH: StprSchedule(
        bands=(
            (30, Decimal("0.015")),
            (75, Decimal("0.0129")),
            (125, Decimal("0.0107")),
            (200, Decimal("0.0086")),
            (300, Decimal("0.0064")),
        ),
        thereafter=Decimal("0.0043"),
    ),
}


@dataclass(frozen=True)
class OptimismBiasGuide:
    """One row of the supplementary guidance table: the cost category it covers and its bounds."""

    category: CostCategory
    upper: Decimal
    lower: Decimal


OPTIMISM_BIAS_TABLE: Mapping[ProjectType, OptimismBiasGuide] = {
    ProjectType.STANDARD_BUILDINGS: OptimismBiasGuide(
        CostCategory.CAPITAL, Decimal("0.24"), Decimal("0.02")
    ),
    ProjectType.NON_STANDARD_BUILDINGS: OptimismBiasGuide(
        CostCategory.CAPITAL, Decimal("0.51"), Decimal("0.04")
    ),
    ProjectType.STANDARD_CIVIL_ENGINEERING: OptimismBiasGuide(
        CostCategory.CAPITAL, Decimal("0.44"), Decimal("0.03")
    ),
    ProjectType.NON_STANDARD_CIVIL_ENGINEERING: OptimismBiasGuide(
        CostCategory.CAPITAL, Decimal("0.66"), Decimal("0.06")
    ),
    ProjectType.EQUIPMENT_AND_DEVELOPMENT: OptimismBiasGuide(
        CostCategory.CAPITAL, Decimal("2.00"), Decimal("0.10")
    ),
    # The guidance measures outsourcing's bias on operating expenditure, not capital.
    ProjectType.OUTSOURCING: OptimismBiasGuide(
        CostCategory.REVENUE, Decimal("0.41"), Decimal("0.00")
    ),
}


@lru_cache(maxsize=32)
def discount_factors(schedule: DiscountSchedule, horizon: int) -> tuple[Decimal, ...]:
    """Factors for years 0..horizon, each year discounted at the rate of its own band."""
    if horizon < 0:
        raise ValueError(f"horizon must not be negative, not {horizon}")
    rates = STPR_SCHEDULES[schedule]
    factors = [ONE]
    with localcontext() as context:
        context.prec = PRECISION
        for year in range(1, horizon + 1):
            factors.append(factors[-1] / (ONE + rates.rate(year)))
    return tuple(factors)


def discount_factor(year: int, schedule: DiscountSchedule = DiscountSchedule.STANDARD) -> Decimal:
    return discount_factors(schedule, year)[year]


@dataclass(frozen=True)
class Additionality:
    """Shares of a gross benefit that would have happened anyway or happen elsewhere."""

    leakage: Decimal = ZERO
    deadweight: Decimal = ZERO
    displacement: Decimal = ZERO
    substitution: Decimal = ZERO

    def net_share(self) -> Decimal:
        return (
            (ONE - self.leakage)
            * (ONE - self.deadweight)
            * (ONE - self.displacement)
            * (ONE - self.substitution)
        )


@dataclass(frozen=True)
class OptimismBias:
    """Uplifts on cost estimates; `mitigation` is the share of the bias removed by managed risk."""

    capital: Decimal = ZERO
    revenue: Decimal = ZERO
    mitigation: Decimal = ZERO
    project_type: ProjectType | None = None
    bound: Bound | None = None

    @classmethod
    def from_table(
        cls, project_type: ProjectType, bound: Bound = Bound.UPPER, mitigation: Decimal = ZERO
    ) -> OptimismBias:
        guide = OPTIMISM_BIAS_TABLE[project_type]
        fraction = guide.upper if bound is Bound.UPPER else guide.lower
        covered = {guide.category: fraction}
        return cls(
            capital=covered.get(CostCategory.CAPITAL, ZERO),
            revenue=covered.get(CostCategory.REVENUE, ZERO),
            mitigation=mitigation,
            project_type=project_type,
            bound=bound,
        )

    def uplift(self, category: CostCategory) -> Decimal:
        fraction = self.capital if category is CostCategory.CAPITAL else self.revenue
        return fraction * (ONE - self.mitigation)


@dataclass(frozen=True)
class BenefitLine:
    name: str
    flows: Flows
    additionality: Additionality = Additionality()


@dataclass(frozen=True)
class Option:
    """One option of a business case; `nominal` flows are in cash prices of their year."""

    name: str
    capital: Flows = field(default_factory=dict)
    revenue: Flows = field(default_factory=dict)
    benefits: tuple[BenefitLine, ...] = ()
    optimism_bias: OptimismBias = OptimismBias()
    counterfactual: bool = False
    nominal: bool = False
    description: str = ""


@dataclass(frozen=True)
class Case:
    base_year: int
    options: tuple[Option, ...]
    discount: DiscountSchedule = DiscountSchedule.STANDARD
    deflators: Mapping[int, Decimal] = field(default_factory=dict)
    title: str = ""


@dataclass(frozen=True)
class YearFlows:
    """One year of an option in base-year prices, costs after optimism bias."""

    year: int
    discount_factor: Decimal
    capital: Decimal
    revenue: Decimal
    costs: Decimal
    gross_benefits: Decimal
    benefits: Decimal
    discounted_costs: Decimal
    discounted_benefits: Decimal


@dataclass(frozen=True)
class BenefitLineResult:
    """Undiscounted totals and present values of one benefit line, gross and net."""

    name: str
    additionality: Additionality
    gross: Decimal
    net: Decimal
    pv_gross: Decimal
    pv_net: Decimal


@dataclass(frozen=True)
class Increment:
    """An option measured against the counterfactual; `None` where the divisor is zero."""

    pv_costs: Decimal
    pv_benefits: Decimal
    npsv: Decimal
    bcr: Decimal | None
    switching_benefits: Decimal | None
    switching_costs: Decimal | None


@dataclass(frozen=True)
class OptionAppraisal:
    name: str
    counterfactual: bool
    nominal: bool
    optimism_bias: OptimismBias
    pv_capital: Decimal
    pv_revenue: Decimal
    pv_costs: Decimal
    pv_benefits: Decimal
    npsv: Decimal
    bcr: Decimal | None
    benefit_lines: tuple[BenefitLineResult, ...]
    years: tuple[YearFlows, ...]
    incremental: Increment | None = None


@dataclass(frozen=True)
class Appraisal:
    title: str
    base_year: int
    discount: DiscountSchedule
    options: tuple[OptionAppraisal, ...]

    @property
    def counterfactual(self) -> OptionAppraisal:
        return next(option for option in self.options if option.counterfactual)


def real_price(
    amount: Decimal, year: int, base_year: int, deflators: Mapping[int, Decimal]
) -> Decimal:
    """A cash-price amount of `year` in `base_year` prices, by the ratio of the GDP deflators."""
    if base_year not in deflators:
        raise CaseError(
            f"no deflator for base_year {base_year}, needed to convert cash prices", "deflators"
        )
    if year not in deflators:
        raise CaseError(f"no deflator for {year}, needed to convert cash prices", "deflators")
    with localcontext() as context:
        context.prec = PRECISION
        return amount * deflators[base_year] / deflators[year]


def appraise(case: Case) -> Appraisal:
    """Present values, NPSV and BCR of every option, and of each against the counterfactual."""
    counterfactual = counterfactual_index(case.options)
    factors = discount_factors(case.discount, _horizon(case))
    with localcontext() as context:
        context.prec = PRECISION
        results = [
            _appraise_option(case, index, option, factors)
            for index, option in enumerate(case.options)
        ]
        baseline = results[counterfactual]
        options = tuple(
            replace(result, incremental=_increment(result, baseline))
            if result is not baseline
            else result
            for result in results
        )
    return Appraisal(
        title=case.title, base_year=case.base_year, discount=case.discount, options=options
    )


def counterfactual_index(options: Sequence[Option]) -> int:
    """Where the business-as-usual option is; a case has exactly one."""
    marked = [index for index, option in enumerate(options) if option.counterfactual]
    if not marked:
        raise CaseError(
            "no option is marked counterfactual: true; mark the business-as-usual option",
            "options",
        )
    if len(marked) > 1:
        first, second = marked[0], marked[1]
        raise CaseError(
            f"a second counterfactual; options[{first}] ({options[first].name}) already is one",
            f"options[{second}].counterfactual",
            option_name=options[second].name,
        )
    return marked[0]


def _sources(option: Option) -> Iterator[tuple[str, Flows]]:
    yield CostCategory.CAPITAL.value, option.capital
    yield CostCategory.REVENUE.value, option.revenue
    for line in option.benefits:
        yield f"benefits.{line.name}", line.flows


def _horizon(case: Case) -> int:
    horizon = 0
    for index, option in enumerate(case.options):
        for where, flows in _sources(option):
            for year in flows:
                path = f"options[{index}].{where}.{year}"
                if year < case.base_year:
                    raise CaseError(
                        f"year is before base_year {case.base_year}", path, option_name=option.name
                    )
                if year - case.base_year > MAX_YEARS_AFTER_BASE:
                    raise CaseError(
                        f"year is more than {MAX_YEARS_AFTER_BASE} years after base_year",
                        path,
                        option_name=option.name,
                    )
                horizon = max(horizon, year - case.base_year)
    return horizon


def _in_real_prices(
    case: Case, index: int, option: Option, where: str, flows: Flows
) -> dict[int, Decimal]:
    if not option.nominal:
        return dict(flows)
    if case.base_year not in case.deflators:
        raise CaseError(
            f"no deflator for base_year {case.base_year}, needed by options marked nominal",
            "deflators",
        )
    for year in sorted(flows):
        if year not in case.deflators:
            raise CaseError(
                f"no deflator for {year}; the option is nominal (cash prices)",
                f"options[{index}].{where}.{year}",
                option_name=option.name,
            )
    return {
        year: real_price(amount, year, case.base_year, case.deflators)
        for year, amount in flows.items()
    }


def _appraise_option(
    case: Case, index: int, option: Option, factors: Sequence[Decimal]
) -> OptionAppraisal:
    capital = _in_real_prices(case, index, option, CostCategory.CAPITAL.value, option.capital)
    revenue = _in_real_prices(case, index, option, CostCategory.REVENUE.value, option.revenue)
    gross_lines = [
        _in_real_prices(case, index, option, f"benefits.{line.name}", line.flows)
        for line in option.benefits
    ]
    capital_uplift = ONE + option.optimism_bias.uplift(CostCategory.CAPITAL)
    revenue_uplift = ONE + option.optimism_bias.uplift(CostCategory.REVENUE)
    shares = [line.additionality.net_share() for line in option.benefits]
    years = []
    for year_index, factor in enumerate(factors):
        year = case.base_year + year_index
        year_capital = capital.get(year, ZERO) * capital_uplift
        year_revenue = revenue.get(year, ZERO) * revenue_uplift
        gross = [flows.get(year, ZERO) for flows in gross_lines]
        net = sum((amount * share for amount, share in zip(gross, shares, strict=True)), ZERO)
        costs = year_capital + year_revenue
        years.append(
            YearFlows(
                year=year,
                discount_factor=factor,
                capital=year_capital,
                revenue=year_revenue,
                costs=costs,
                gross_benefits=sum(gross, ZERO),
                benefits=net,
                discounted_costs=costs * factor,
                discounted_benefits=net * factor,
            )
        )
    pv_costs = sum((row.discounted_costs for row in years), ZERO)
    pv_benefits = sum((row.discounted_benefits for row in years), ZERO)
    return OptionAppraisal(
        name=option.name,
        counterfactual=option.counterfactual,
        nominal=option.nominal,
        optimism_bias=option.optimism_bias,
        pv_capital=sum((row.capital * row.discount_factor for row in years), ZERO),
        pv_revenue=sum((row.revenue * row.discount_factor for row in years), ZERO),
        pv_costs=pv_costs,
        pv_benefits=pv_benefits,
        npsv=pv_benefits - pv_costs,
        bcr=_ratio(pv_benefits, pv_costs),
        benefit_lines=tuple(
            _benefit_line_result(line, flows, case.base_year, factors)
            for line, flows in zip(option.benefits, gross_lines, strict=True)
        ),
        years=tuple(years),
    )


def _benefit_line_result(
    line: BenefitLine, gross: Mapping[int, Decimal], base_year: int, factors: Sequence[Decimal]
) -> BenefitLineResult:
    share = line.additionality.net_share()
    total = sum(gross.values(), ZERO)
    present = sum((amount * factors[year - base_year] for year, amount in gross.items()), ZERO)
    return BenefitLineResult(
        name=line.name,
        additionality=line.additionality,
        gross=total,
        net=total * share,
        pv_gross=present,
        pv_net=present * share,
    )


def _increment(option: OptionAppraisal, baseline: OptionAppraisal) -> Increment:
    pv_costs = option.pv_costs - baseline.pv_costs
    pv_benefits = option.pv_benefits - baseline.pv_benefits
    npsv = pv_benefits - pv_costs
    return Increment(
        pv_costs=pv_costs,
        pv_benefits=pv_benefits,
        npsv=npsv,
        bcr=_ratio(pv_benefits, pv_costs),
        switching_benefits=_ratio(npsv, pv_benefits),
        switching_costs=_ratio(npsv, pv_costs),
    )


def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    if denominator.is_zero():
        return None
    return numerator / denominator


def _rounded(value: Decimal, places: Decimal) -> Decimal:
    with localcontext() as context:
        context.prec = max(PRECISION, value.adjusted() + 10)
        rounded = value.quantize(places, rounding=ROUND_HALF_UP)
    return rounded.copy_abs() if rounded.is_zero() else rounded


def round_money(value: Decimal) -> Decimal:
    return _rounded(value, PENNY)


def round_ratio(value: Decimal) -> Decimal:
    return _rounded(value, RATIO_PLACES)


def round_factor(value: Decimal) -> Decimal:
    return _rounded(value, FACTOR_PLACES)


def _money(value: Decimal) -> str:
    return f"{round_money(value):f}"


def _ratio_text(value: Decimal | None) -> str | None:
    return None if value is None else f"{round_ratio(value):f}"


def appraisal_to_json(appraisal: Appraisal) -> dict[str, Any]:
    """Money as strings to 2 decimals, ratios to 4, discount factors to 6; `null` if undefined."""
    return {
        "title": appraisal.title,
        "base_year": appraisal.base_year,
        "prices": f"real, {appraisal.base_year} prices",
        "discount": appraisal.discount.value,
        "counterfactual": appraisal.counterfactual.name,
        "options": [_option_json(option) for option in appraisal.options],
    }


def _option_json(option: OptionAppraisal) -> dict[str, Any]:
    return {
        "name": option.name,
        "counterfactual": option.counterfactual,
        "nominal": option.nominal,
        "pv_capital": _money(option.pv_capital),
        "pv_revenue": _money(option.pv_revenue),
        "pv_costs": _money(option.pv_costs),
        "pv_benefits": _money(option.pv_benefits),
        "npsv": _money(option.npsv),
        "bcr": _ratio_text(option.bcr),
        "optimism_bias": _optimism_bias_json(option.optimism_bias),
        "benefit_lines": [_benefit_line_json(line) for line in option.benefit_lines],
        "incremental": None if option.incremental is None else _increment_json(option.incremental),
        "years": [_year_json(row) for row in option.years],
    }


def _optimism_bias_json(bias: OptimismBias) -> dict[str, Any]:
    return {
        "capital": _ratio_text(bias.uplift(CostCategory.CAPITAL)),
        "revenue": _ratio_text(bias.uplift(CostCategory.REVENUE)),
        "mitigation": _ratio_text(bias.mitigation),
        "project_type": None if bias.project_type is None else bias.project_type.value,
        "bound": None if bias.bound is None else bias.bound.value,
    }


def _benefit_line_json(line: BenefitLineResult) -> dict[str, Any]:
    return {
        "name": line.name,
        "gross": _money(line.gross),
        "net": _money(line.net),
        "pv_gross": _money(line.pv_gross),
        "pv_net": _money(line.pv_net),
        "leakage": _ratio_text(line.additionality.leakage),
        "deadweight": _ratio_text(line.additionality.deadweight),
        "displacement": _ratio_text(line.additionality.displacement),
        "substitution": _ratio_text(line.additionality.substitution),
    }


def _increment_json(increment: Increment) -> dict[str, Any]:
    return {
        "pv_costs": _money(increment.pv_costs),
        "pv_benefits": _money(increment.pv_benefits),
        "npsv": _money(increment.npsv),
        "bcr": _ratio_text(increment.bcr),
        "switching_benefits": _ratio_text(increment.switching_benefits),
        "switching_costs": _ratio_text(increment.switching_costs),
    }


def _year_json(row: YearFlows) -> dict[str, Any]:
    return {
        "year": row.year,
        "discount_factor": f"{round_factor(row.discount_factor):f}",
        "capital": _money(row.capital),
        "revenue": _money(row.revenue),
        "costs": _money(row.costs),
        "gross_benefits": _money(row.gross_benefits),
        "benefits": _money(row.benefits),
        "discounted_costs": _money(row.discounted_costs),
        "discounted_benefits": _money(row.discounted_benefits),
    }
