"""Next year's fund is set up by an officer from this year's fund and its scenario.

The new fund keeps who runs and decides it and its priorities, takes its own name and budget,
and starts with this year's chosen scenario carried forward to the new year and budget (not
adopted: adoption is a decision for the new year). Only officers set it up; it is set up once,
attributed and in the history.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import User
from remit.funding import rules
from remit.funding import services
from remit.funding.models import AllocationScenario
from remit.funding.models import Fund

SCENARIO = """\
# Shared by population.
title: Test
financial_year: 2018/19
budget: 100000.00
weights: {population: 1}
areas:
  - {code: E08000901, name: Northton, population: 300000}
  - {code: E08000902, name: Southby, population: 200000}
"""


@pytest.fixture
def adopted(fund: Fund, officer: User) -> AllocationScenario:
    scenario = services.scenario_create(
        by=officer, fund=fund, name="By population", yaml_text=SCENARIO
    )
    services.scenario_adopt(
        by=officer, scenario=scenario, reasons="Fair.", decided_on=date(2018, 1, 18)
    )
    return scenario


def _next(fund: Fund, by: User, **kw: Any) -> Fund:
    data = {"name": "Community Safety Fund 2019/20", "budget_pence": 12_000_000, **kw}
    return services.fund_next_year(by=by, fund=fund, **data)


def test_next_years_fund_is_set_up_from_this_years_fund_and_scenario(
    fund: Fund, adopted: AllocationScenario, officer: User
) -> None:
    made = _next(fund, officer, scenario=adopted)
    assert (made.financial_year, made.budget_pence, made.previous) == ("2019/20", 12_000_000, fund)
    assert (made.owner, made.decision_maker, made.recommending_board) == (
        fund.owner,
        fund.decision_maker,
        fund.recommending_board,
    )
    assert made.priorities == fund.priorities
    assert made.slug == "community-safety-fund-201920"
    (carried,) = made.scenarios.all()
    assert carried.name == "By population (carried forward from 2018/19)"
    assert "financial_year: 2019/20" in carried.yaml
    assert "budget: 120000.00" in carried.yaml
    assert carried.yaml.startswith("# Shared by population.")
    assert carried.result["totals"]["budget"] == "120000.00"
    assert made.adopted_scenario is None
    entry = made.history.get()
    assert (entry.history_user, entry.history_change_reason) == (
        officer,
        "Set up for 2019/20 from Community Safety Fund 2018/19",
    )
    assert carried.history.get().history_user == officer


def test_next_years_fund_is_set_up_once(
    fund: Fund, adopted: AllocationScenario, officer: User
) -> None:
    _next(fund, officer)
    with pytest.raises(DomainError, match="already been set up from this one"):
        _next(fund, officer, name="Another")
    assert Fund.objects.count() == 2


def test_next_years_fund_needs_a_name_of_its_own_and_a_budget(fund: Fund, officer: User) -> None:
    for kw, field in (
        ({"name": " "}, "name"),
        ({"budget_pence": None}, "budget_pence"),
        ({"budget_pence": 0}, "budget_pence"),
    ):
        with pytest.raises(DomainError) as error:
            _next(fund, officer, **kw)
        assert error.value.field == field
    with pytest.raises(DomainError) as error:
        _next(fund, officer, name="Community Safety Fund")
    assert error.value.field == "name"
    assert "already a fund called Community Safety Fund" in error.value.message
    assert Fund.objects.count() == 1


def test_a_scenario_that_does_not_fit_next_years_budget_is_refused_naming_it(
    fund: Fund, officer: User
) -> None:
    protected = SCENARIO.replace("weights:", "protected: {E08000901: 150000.00}\nweights:")
    scenario = services.scenario_create(
        by=officer, fund=fund, name="Protected", yaml_text=protected.replace("100000", "200000")
    )
    with pytest.raises(DomainError) as error:
        _next(fund, officer, scenario=scenario, budget_pence=10_000_000)
    assert error.value.field == "scenario"
    assert error.value.message.startswith("The scenario Protected does not work")
    assert Fund.objects.count() == 1


def test_only_officers_set_up_next_years_fund(fund: Fund, partner: User) -> None:
    with pytest.raises(NotPermitted):
        _next(fund, partner)
    assert Fund.objects.count() == 1


def test_the_scenario_is_carried_forward_with_its_comments() -> None:
    moved = rules.carried_forward_yaml(SCENARIO, "2019/20", 12_345_678)
    assert moved.splitlines()[:4] == [
        "# Shared by population.",
        "title: Test",
        "financial_year: 2019/20",
        "budget: 123456.78",
    ]
    assert rules.carried_forward_yaml("title: T\n", "2019/20", 100).startswith(
        "budget: 1.00\nfinancial_year: 2019/20\n"
    )


def test_an_officer_sets_up_next_years_fund_from_the_funds_page(
    client: Any, fund: Fund, adopted: AllocationScenario, officer: User
) -> None:
    client.force_login(officer)
    page = client.get(reverse("funding:fund", args=[fund.slug])).content.decode()
    url = reverse("funding:fund_next_year", args=[fund.slug])
    assert url in page
    form = client.get(url)
    assert form.context["form"].initial["name"] == "Community Safety Fund 2019/20"
    refused = client.post(url, {"name": "", "budget_pence": "£120,000", "scenario": adopted.pk})
    assert refused.context["form"].errors["name"]
    done = client.post(
        url,
        {
            "name": "Community Safety Fund 2019/20",
            "budget_pence": "£120,000",
            "scenario": adopted.pk,
        },
    )
    made = Fund.objects.get(previous=fund)
    assert done.url == reverse("funding:fund", args=[made.slug])
    assert made.scenarios.count() == 1
    again = client.get(reverse("funding:fund", args=[fund.slug])).content.decode()
    assert "Next year: " in again
    assert url not in again
