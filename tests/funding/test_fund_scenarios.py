"""Allocation scenarios on a fund: saved as YAML, checked, compared, and one adopted."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import Role
from remit.core.models import User
from remit.core.records import ImmutableRecord
from remit.funding import selectors
from remit.funding import services
from remit.funding.models import AllocationScenario
from remit.funding.models import Fund
from remit.funding.models import ScenarioAdoption
from remit.funding.scenario import where_in_words

TWO_AREAS = """\
title: Test
financial_year: 2018/19
budget: 100000.00
weights: {population: 1}
areas:
  - {code: E08000901, name: Northton, population: 300000}
  - {code: E08000902, name: Southby, population: 200000}
"""


def test_a_scenario_is_saved_with_its_allocation(fund: Fund, officer: User) -> None:
    scenario = services.scenario_create(
        by=officer, fund=fund, name="By people", yaml_text=TWO_AREAS
    )
    totals = {a["code"]: a["total"] for a in scenario.result["areas"]}
    assert totals == {"E08000901": "60000.00", "E08000902": "40000.00"}
    record = scenario.history.get()
    assert (record.history_user, record.history_change_reason) == (officer, "Created")


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (("population: 200000", "population: lots"), "Area 2 (Southby), population"),
        (
            ("E08000902", "E08000999"),
            "Area 2 (Southby), code: E08000999 is not an area of Testshire",
        ),
        (("2018/19", "2019/20"), "Financial year: the scenario is for 2019/20"),
        (("weights: {population: 1}", "weights: {population: 1}\nbudget: 1"), "duplicate key"),
    ],
)
def test_a_bad_scenario_is_refused_with_its_path_and_nothing_is_saved(
    fund: Fund, officer: User, change: tuple[str, str], where: str
) -> None:
    with pytest.raises(DomainError) as error:
        services.scenario_create(
            by=officer, fund=fund, name="Broken", yaml_text=TWO_AREAS.replace(*change)
        )
    assert where in error.value.message
    assert error.value.field == "yaml"
    assert not AllocationScenario.objects.exists()


def test_only_officers_write_scenarios(fund: Fund, partner: User) -> None:
    with pytest.raises(NotPermitted):
        services.scenario_create(by=partner, fund=fund, name="Mine", yaml_text=TWO_AREAS)


def test_adopting_a_scenario_is_a_recorded_attributed_decision(fund: Fund, officer: User) -> None:
    first = services.scenario_create(by=officer, fund=fund, name="First", yaml_text=TWO_AREAS)
    second = services.scenario_create(
        by=officer, fund=fund, name="Second", yaml_text=TWO_AREAS.replace("300000", "100000")
    )
    adoption = services.scenario_adopt(
        by=officer, scenario=first, reasons="Fair by population.", decided_on=date(2018, 1, 18)
    )
    later = services.scenario_adopt(
        by=officer, scenario=second, reasons="Revised populations.", decided_on=date(2018, 2, 1)
    )
    fund.refresh_from_db()
    assert fund.adopted_scenario == second
    assert later.supersedes == adoption
    assert adoption.adopted_by == officer
    assert fund.history.first().history_change_reason == "Adopted scenario: Second"
    with pytest.raises(ImmutableRecord):
        adoption.save()
    with pytest.raises(ImmutableRecord):
        adoption.delete()
    with pytest.raises(DomainError, match="adopted"):
        services.scenario_update(by=officer, scenario=first, name="First", yaml_text=TWO_AREAS)


def test_a_scenario_for_another_budget_cannot_be_adopted(fund: Fund, officer: User) -> None:
    scenario = services.scenario_create(
        by=officer, fund=fund, name="Bigger", yaml_text=TWO_AREAS.replace("100000.00", "200000.00")
    )
    with pytest.raises(DomainError, match=r"£200,000\.00 but the fund's budget is £100,000\.00"):
        services.scenario_adopt(
            by=officer, scenario=scenario, reasons="x", decided_on=date(2018, 1, 18)
        )
    assert not ScenarioAdoption.objects.exists()


def test_the_area_envelopes_come_from_the_adopted_scenario(fund: Fund, officer: User) -> None:
    scenario = services.scenario_create(by=officer, fund=fund, name="One", yaml_text=TWO_AREAS)
    services.scenario_adopt(
        by=officer, scenario=scenario, reasons="Yes.", decided_on=date(2018, 1, 18)
    )
    page = selectors.fund_page(Fund.objects.get(pk=fund.pk))
    assert page.adopted is not None
    assert [(r.code, r.total_pence) for r in page.adopted.rows] == [
        ("E08000901", 6_000_000),
        ("E08000902", 4_000_000),
    ]


def test_create_from_areas_prefills_the_regions_areas_and_populations(
    client: Any, fund: Fund, officer: User
) -> None:
    client.force_login(officer)
    helper = client.get(reverse("funding:scenario_from_areas", args=[fund.slug])).content.decode()
    assert "Northton (E08000901), population 300,000" in helper
    response = client.get(
        reverse("funding:scenario_create", args=[fund.slug]) + "?areas=E08000901&areas=E08000902"
    )
    prefilled = response.context["form"].initial["yaml"]
    assert "population: 300000" in prefilled
    assert "budget: 100000.00" in prefilled
    saved = client.post(
        reverse("funding:scenario_create", args=[fund.slug]),
        {"name": "From areas", "yaml": prefilled},
    )
    assert saved.status_code == 302
    assert AllocationScenario.objects.get().name == "From areas"


def test_a_bad_scenario_posted_shows_the_error_with_its_path(
    client: Any, fund: Fund, officer: User
) -> None:
    client.force_login(officer)
    response = client.post(
        reverse("funding:scenario_create", args=[fund.slug]),
        {"name": "Broken", "yaml": TWO_AREAS.replace("population: 200000", "population: -1")},
    )
    assert response.status_code == 200
    assert "Area 2 (Southby), population" in response.content.decode()
    assert not AllocationScenario.objects.exists()


def test_scenarios_are_compared_side_by_side_in_a_table_and_a_chart(
    client: Any, fund: Fund, officer: User, make_user: Any
) -> None:
    services.scenario_create(
        by=officer, fund=fund, name="Even", yaml_text=TWO_AREAS.replace("300000", "200000")
    )
    services.scenario_create(by=officer, fund=fund, name="By people", yaml_text=TWO_AREAS)
    client.force_login(make_user(Role.ANALYST))
    page = client.get(reverse("funding:scenarios", args=[fund.slug]))
    comparison = page.context["comparison"]
    assert [row.totals for row in comparison.rows] == [
        [5_000_000, 6_000_000],
        [5_000_000, 4_000_000],
    ]
    spec = comparison.spec
    assert spec["encoding"]["xOffset"]["field"] == "scenario"
    assert {"area": "Northton", "scenario": "By people", "pounds": 60000} in spec["data"]["values"]
    html = page.content.decode()
    assert '<script id="comparison-spec" type="application/json">' in html
    assert "<script>" not in html
    assert "£60,000.00" in html


def test_only_officers_and_the_decision_maker_adopt(
    client: Any, fund: Fund, officer: User, commissioner: User, make_user: Any
) -> None:
    scenario = services.scenario_create(by=officer, fund=fund, name="One", yaml_text=TWO_AREAS)
    client.force_login(make_user(Role.BOARD_MEMBER))
    url = reverse("funding:scenario_adopt", args=[fund.slug, scenario.pk])
    assert client.get(url).status_code == 403
    client.force_login(commissioner)
    response = client.post(url, {"decided_on": "2018-01-18", "reasons": "Agreed."})
    assert response.status_code == 302
    assert ScenarioAdoption.objects.get().adopted_by == commissioner


def test_a_place_in_the_scenario_is_said_in_words_not_as_a_path() -> None:
    text = "areas:\n  - {code: E08000030, name: Walsall, imd_score: x}\n"
    assert where_in_words("areas[0].imd_score", text) == "area 1 (Walsall), IMD score"
    assert where_in_words("top_slices[1].amount", "") == "top slice 2, amount"
    assert where_in_words("financial_year", text) == "financial year"
