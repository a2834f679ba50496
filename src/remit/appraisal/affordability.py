"""Affordability: the funding secured year by year against the appraised costs of an option.

Costs come from the stored appraisal (`appraisal_to_json`): each year's undiscounted costs of
the option, after optimism bias, in the appraisal's price base. Funding is integer pence.
Every figure here is integer pence, so the years add up to the totals exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class FundingRow:
    source: str
    year: int
    amount_pence: int


@dataclass(frozen=True)
class YearGap:
    """One year: the funding, the costs and what is left; a negative `gap_pence` is a shortfall."""

    year: int
    funding_pence: int
    costs_pence: int

    @property
    def gap_pence(self) -> int:
        return self.funding_pence - self.costs_pence

    @property
    def shortfall(self) -> bool:
        return self.gap_pence < 0


@dataclass(frozen=True)
class Affordability:
    option: str | None
    years: tuple[YearGap, ...]

    @property
    def funding_pence(self) -> int:
        return sum(year.funding_pence for year in self.years)

    @property
    def costs_pence(self) -> int:
        return sum(year.costs_pence for year in self.years)

    @property
    def gap_pence(self) -> int:
        return self.funding_pence - self.costs_pence


def pence(amount: str | Decimal) -> int:
    """Pounds to the penny, as stored in an appraisal, in integer pence."""
    value = Decimal(amount) * 100
    if value != value.to_integral_value():
        raise ValueError(f"{amount} is not a whole number of pence")
    return int(value)


def preferred_option(result: Mapping[str, Any], name: str = "") -> Mapping[str, Any] | None:
    """The named option; else the one with the highest NPSV against the counterfactual.

    With only the counterfactual appraised, that is the option whose costs are shown.
    """
    options: list[Mapping[str, Any]] = list(result.get("options", ()))
    for option in options:
        if name and option["name"] == name:
            return option
    candidates = [option for option in options if option["incremental"] is not None]
    if candidates:
        return max(candidates, key=lambda option: Decimal(option["incremental"]["npsv"]))
    return options[0] if options else None


def costs_by_year(option: Mapping[str, Any] | None) -> dict[int, int]:
    if option is None:
        return {}
    return {int(year["year"]): pence(year["costs"]) for year in option["years"]}


def affordability(
    funding: Iterable[FundingRow], result: Mapping[str, Any] | None, preferred: str = ""
) -> Affordability:
    """Funding and costs in every year that has either, earliest first."""
    option = preferred_option(result, preferred) if result else None
    costs = costs_by_year(option)
    funded: dict[int, int] = {}
    for row in funding:
        funded[row.year] = funded.get(row.year, 0) + row.amount_pence
    years = sorted(set(costs) | set(funded))
    return Affordability(
        option=None if option is None else option["name"],
        years=tuple(
            YearGap(year=year, funding_pence=funded.get(year, 0), costs_pence=costs.get(year, 0))
            for year in years
        ),
    )
