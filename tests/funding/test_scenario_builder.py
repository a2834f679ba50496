"""Scenarios built on a form from the figures Remit holds: no figure is retyped."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from typer.testing import CliRunner

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User
from remit.funding import builder
from remit.funding import selectors
from remit.funding import services
from remit.funding.allocation import Damping
from remit.funding.allocation import TopSlice
from remit.funding.cli import fund_app
from remit.funding.models import AllocationScenario
from remit.funding.models import Fund
from remit.indicators.models import Indicator
from remit.indicators.models import IndicatorValue
from remit.indicators.models import Unit

BUILD = "funding:scenario_build"


@pytest.fixture
def deprivation(region: Region) -> Indicator:
    """A draft indicator: Northton 30.5 and Southby 20.25 in 2019; only Northton in 2015."""
    indicator = Indicator.all_objects.create(
        region=region,
        slug="imd-score",
        name="Deprivation score",
        source="English Indices of Deprivation 2019",
        unit=Unit.VALUE,
    )
    north, south = region.areas.get(code="E08000901"), region.areas.get(code="E08000902")
    for area, period, value in (
        (north, "2019", "30.5"),
        (south, "2019", "20.25"),
        (north, "2015", "28"),
    ):
        IndicatorValue.objects.create(
            indicator=indicator, area=area, period=period, value=Decimal(value)
        )
    return indicator


def _choices(**overrides: Any) -> builder.Choices:
    data: dict[str, Any] = {
        "name": "People and deprivation",
        "areas": ("E08000901", "E08000902"),
        "weights": {"population": Decimal(1), "imd-score": Decimal(1)},
        "periods": {"imd-score": "2019"},
        **overrides,
    }
    return builder.Choices(**data)


def _form(**overrides: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "People and deprivation",
        "areas": ["E08000901", "E08000902"],
        "weight-population": "1",
        "weight-imd-score": "1",
        "period-imd-score": "2019",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_a_scenario_takes_its_figures_from_held_indicator_values(
    fund: Fund, officer: User, deprivation: Indicator
) -> None:
    scenario = services.scenario_build(by=officer, fund=fund, choices=_choices())
    assert "imd-score: 30.5" in scenario.yaml
    assert "imd-score: 20.25" in scenario.yaml
    assert "population: 300000" in scenario.yaml
    assert "budget: 100000.00" in scenario.yaml
    share = Fraction(1, 2) * Fraction(3, 5) + Fraction(1, 2) * Fraction(3050, 5075)
    north = next(a for a in scenario.result["areas"] if a["code"] == "E08000901")
    assert Decimal(north["need_share"]) == round(Decimal(share.numerator) / share.denominator, 6)
    assert scenario.provenance["indicators"] == [
        {
            "key": "population",
            "name": "Population",
            "source": "ONS mid-year population estimates, as held for each area",
            "period": "2019",
            "weight": "1",
        },
        {
            "key": "imd-score",
            "name": "Deprivation score",
            "source": "English Indices of Deprivation 2019",
            "period": "2019",
            "weight": "1",
        },
    ]
    record = scenario.history.get()
    assert record.history_user == officer


def test_an_area_without_a_value_is_named_and_the_scenario_is_not_saved(
    fund: Fund, officer: User, deprivation: Indicator
) -> None:
    with pytest.raises(DomainError) as error:
        services.scenario_build(
            by=officer, fund=fund, choices=_choices(periods={"imd-score": "2015"})
        )
    assert error.value.field == "period-imd-score"
    assert "Southby has no complete figure for Deprivation score in 2015" in error.value.message
    assert "Choose another period, or leave Deprivation score out" in error.value.message
    assert not AllocationScenario.objects.exists()


def test_an_area_without_a_value_is_named_on_the_form_next_to_the_period(
    client: Any, fund: Fund, officer: User, deprivation: Indicator
) -> None:
    client.force_login(officer)
    url = reverse(BUILD, args=[fund.slug])
    response = client.post(url, _form(**{"period-imd-score": "2015"}))
    assert response.status_code == 200
    assert response.context["form"].errors["period-imd-score"] == [
        "Southby has no complete figure for Deprivation score in 2015. Choose another "
        "period, or leave Deprivation score out by clearing its weight."
    ]
    assert "There is a problem" in response.content.decode()
    assert not AllocationScenario.objects.exists()


def test_leaving_the_indicator_out_lets_the_scenario_be_saved(
    client: Any, fund: Fund, officer: User, deprivation: Indicator
) -> None:
    client.force_login(officer)
    url = reverse(BUILD, args=[fund.slug])
    response = client.post(url, _form(**{"period-imd-score": "2015", "weight-imd-score": ""}))
    assert response.status_code == 302
    scenario = AllocationScenario.objects.get()
    assert "imd-score" not in scenario.yaml
    assert [a["total"] for a in scenario.result["areas"]] == ["60000.00", "40000.00"]


def test_a_partial_figure_counts_as_no_figure(
    fund: Fund, officer: User, deprivation: Indicator
) -> None:
    IndicatorValue.objects.filter(area__code="E08000902", period="2019").update(partial=True)
    with pytest.raises(DomainError, match="Southby has no complete figure"):
        services.scenario_build(by=officer, fund=fund, choices=_choices())


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        (
            "weight-population",
            "lots",
            "Enter the weight for Population as a number of 0 or more, like 1 or 0.5",
        ),
        (
            "weight-imd-score",
            "-1",
            "Enter the weight for Deprivation score as a number of 0 or more, like 1 or 0.5",
        ),
        ("max_share", "0", "Enter a largest share above 0% and at most 100%"),
        ("damping_floor", "-150", "Enter the damping floor as a percentage from -100 to 1000"),
        ("top_slice_1_name", "", "Enter what top slice 1 is for"),
        ("name", "", "Enter a name for the scenario"),
        ("areas", None, "Choose at least one area to share the fund between"),
    ],
)
def test_bad_input_is_refused_with_a_message_naming_the_field(
    client: Any,
    fund: Fund,
    officer: User,
    deprivation: Indicator,
    field: str,
    typed: str | None,
    message: str,
) -> None:
    client.force_login(officer)
    data = _form(**{field: typed}) if typed is not None else _form()
    if typed is None:
        data.pop(field)
    if field == "top_slice_1_name":
        data["top_slice_1_amount"] = "5000"
    response = client.post(reverse(BUILD, args=[fund.slug]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert any(error.startswith(message) for error in errors), errors
    assert not AllocationScenario.objects.exists()


def test_the_browser_scenario_equals_the_cli_result(
    client: Any, fund: Fund, officer: User, deprivation: Indicator, tmp_path: Path
) -> None:
    client.force_login(officer)
    response = client.post(
        reverse(BUILD, args=[fund.slug]),
        _form(
            **{
                "weight-population": "2",
                "weight-imd-score": "1.5",
                "top_slice_1_name": "Regional violence reduction",
                "top_slice_1_amount": "£12,345.67",
                "protected-E08000902": "1,000.01",
                "max_share": "55",
            }
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    scenario = AllocationScenario.objects.get()
    exported = client.get(reverse("funding:scenario_export", args=[fund.slug, scenario.pk]))
    assert exported.status_code == 200
    assert exported["Content-Disposition"].endswith('.yaml"')
    path = tmp_path / "scenario.yaml"
    path.write_bytes(exported.content)
    run = CliRunner().invoke(fund_app, ["allocate", str(path), "--json"])
    assert run.exit_code == 0, run.output
    assert json.loads(run.output) == scenario.result
    totals = scenario.result["totals"]
    assert (totals["top_slices"], totals["protected"]) == ("12345.67", "1000.01")
    assert any(area["bound"] == "max_share" for area in scenario.result["areas"])


def _last_year(fund: Fund, officer: User) -> Fund:
    """Last year's fund, with an adopted scenario giving Northton £70,000 and Southby £30,000."""
    last = Fund.objects.create(
        region=fund.region,
        slug="last-year",
        name="Community Safety Fund 2017/18",
        financial_year="2017/18",
        budget_pence=10_000_000,
        owner=fund.owner,
    )
    adopted = services.scenario_create(
        by=officer,
        fund=last,
        name="Last year's",
        yaml_text=(
            "budget: 100000\nweights: {population: 1}\nareas:\n"
            "  - {code: E08000901, name: Northton, population: 7}\n"
            "  - {code: E08000902, name: Southby, population: 3}\n"
        ),
    )
    services.scenario_adopt(
        by=officer, scenario=adopted, reasons="Agreed.", decided_on=date(2017, 3, 1)
    )
    fund.previous = last
    fund.save()
    return last


def test_damping_holds_each_area_near_last_years_adopted_allocation(
    fund: Fund, officer: User, deprivation: Indicator
) -> None:
    _last_year(fund, officer)
    scenario = services.scenario_build(
        by=officer,
        fund=fund,
        choices=_choices(floor_percent=Decimal(-5), ceiling_percent=Decimal(5)),
    )
    assert "previous: 70000.00" in scenario.yaml
    assert "floor: -0.05" in scenario.yaml
    bounds = {a["code"]: (a["bound"], a["total"]) for a in scenario.result["areas"]}
    # Southby's need (39.95%) would take it past £30,000 + 5%, so it is held at the ceiling.
    assert bounds == {"E08000901": ("none", "68500.00"), "E08000902": ("ceiling", "31500.00")}
    assert scenario.provenance["previous_from"] == (
        "Last year's, adopted for Community Safety Fund 2017/18"
    )


def test_damping_without_last_years_allocation_is_refused(
    fund: Fund, officer: User, deprivation: Indicator
) -> None:
    with pytest.raises(DomainError) as error:
        services.scenario_build(by=officer, fund=fund, choices=_choices(floor_percent=Decimal(-5)))
    assert error.value.field == "damping_floor"
    assert "no allocation adopted for last year" in error.value.message


def test_limits_that_cannot_all_be_met_are_refused_on_the_field(
    fund: Fund, officer: User, deprivation: Indicator
) -> None:
    with pytest.raises(DomainError) as error:
        services.scenario_build(
            by=officer, fund=fund, choices=_choices(max_share_percent=Decimal(40))
        )
    assert error.value.field == "max_share"
    assert error.value.message.startswith("The scenario cannot be worked out: infeasible")


def test_the_scenario_page_shows_the_change_from_last_year_and_from_a_population_split(
    client: Any, fund: Fund, officer: User, deprivation: Indicator
) -> None:
    _last_year(fund, officer)
    scenario = services.scenario_build(
        by=officer,
        fund=fund,
        choices=_choices(weights={"imd-score": Decimal(1)}),
    )
    client.force_login(make_reader(fund.region))
    response = client.get(reverse("funding:scenario", args=[fund.slug, scenario.pk]))
    page = response.context["page"]
    north = page.rows[0]
    # 30.5 / 50.75 of £100,000 is £60,098.52 to the penny.
    assert north.total_pence == 6_009_852
    assert (north.previous_year.change_pence, north.previous_year.change_percent) == (
        6_009_852 - 7_000_000,
        "-14.1",
    )
    assert (north.population_split.change_pence, north.population_split.change_percent) == (
        6_009_852 - 6_000_000,
        "0.2",
    )
    series = {value["scenario"] for value in page.spec["data"]["values"]}
    assert series == {scenario.name, "Adopted for 2017/18", "Split by population"}
    html = response.content.decode()
    assert '<script id="allocation-spec" type="application/json">' in html
    assert "English Indices of Deprivation 2019" in html
    assert "-£9,901.48" in html


def make_reader(region: Region) -> User:
    return User.objects.create(username="analyst", role=Role.ANALYST)


def test_compared_scenarios_show_the_difference_from_the_adopted_one_and_the_bounds(
    client: Any, fund: Fund, officer: User, deprivation: Indicator
) -> None:
    by_people = services.scenario_build(
        by=officer, fund=fund, choices=_choices(name="People", weights={"population": 1})
    )
    capped = services.scenario_build(
        by=officer,
        fund=fund,
        choices=_choices(name="Capped", weights={"population": 1}, max_share_percent=Decimal("55")),
    )
    services.scenario_adopt(
        by=officer, scenario=by_people, reasons="Fair.", decided_on=date(2018, 3, 1)
    )
    client.force_login(officer)
    response = client.get(
        reverse("funding:scenarios", args=[fund.slug]) + f"?s={capped.pk}&s={by_people.pk}"
    )
    comparison = response.context["comparison"]
    assert comparison.baseline.pk == by_people.pk
    north = comparison.rows[0].cells
    assert [(c.pence, c.change_pence, c.change_percent, c.bound) for c in north] == [
        (6_000_000, 0, "0.0", ""),
        (5_500_000, -500_000, "-8.3", "Largest share"),
    ]
    html = response.content.decode()
    assert "Held by the largest share" in html
    assert "-£5,000.00" in html


def test_only_officers_build_scenarios(fund: Fund, partner: User, make_user: Any) -> None:
    for user in (partner, make_user(Role.ANALYST)):
        with pytest.raises(NotPermitted):
            services.scenario_build(by=user, fund=fund, choices=_choices())


def test_partners_cannot_download_a_scenarios_yaml(
    client: Any, fund: Fund, officer: User, partner: User, deprivation: Indicator
) -> None:
    scenario = services.scenario_build(by=officer, fund=fund, choices=_choices())
    client.force_login(partner)
    url = reverse("funding:scenario_export", args=[fund.slug, scenario.pk])
    assert client.get(url).status_code == 403
    client.force_login(officer)
    assert client.get(url).content.decode() == scenario.yaml


def test_a_new_scenario_can_start_from_the_choices_of_one_built_before(
    client: Any, fund: Fund, officer: User, deprivation: Indicator
) -> None:
    scenario = services.scenario_build(
        by=officer,
        fund=fund,
        choices=_choices(top_slices=(TopSlice("Regional", Decimal("500.00")),)),
    )
    client.force_login(officer)
    form = client.get(reverse(BUILD, args=[fund.slug]) + f"?copy={scenario.pk}").context["form"]
    assert form.initial["name"] == "People and deprivation (copy)"
    assert form.initial["weight-imd-score"] == "1"
    assert form.initial["period-imd-score"] == "2019"
    assert form.initial["top_slice_1_amount"] == "500.00"


def test_the_form_offers_the_held_indicators_with_their_periods_newest_first(
    client: Any, fund: Fund, officer: User, deprivation: Indicator
) -> None:
    client.force_login(officer)
    form = client.get(reverse(BUILD, args=[fund.slug])).context["form"]
    assert form.fields["period-imd-score"].choices == [("2019", "2019"), ("2015", "2015")]
    assert form.initial["areas"] == ["E08000901", "E08000902"]
    assert selectors.builder_choices(fund, officer).previous is None


def test_a_built_scenario_retyped_in_the_yaml_box_no_longer_claims_held_figures(
    fund: Fund, officer: User, deprivation: Indicator
) -> None:
    scenario = services.scenario_build(by=officer, fund=fund, choices=_choices())
    services.scenario_update(
        by=officer,
        scenario=scenario,
        name=scenario.name,
        yaml_text=scenario.yaml.replace("imd-score: 20.25", "imd-score: 2.25"),
    )
    scenario.refresh_from_db()
    assert scenario.provenance == {}


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.OFFICER, 200), (Role.ADMIN, 200), (Role.ANALYST, 403), (Role.PARTNER, 403)],
)
def test_only_officers_see_the_form_to_build_a_scenario(
    client: Any, fund: Fund, make_user: Any, role: str, status: int
) -> None:
    client.force_login(make_user(role, organisation=fund.region.organisations.get(slug="opcc")))
    assert client.get(reverse(BUILD, args=[fund.slug])).status_code == status


@pytest.mark.parametrize("key", ["imd-score", "yes", "2019", "indicator-name"])
def test_the_yaml_written_reads_back_as_the_same_figures(key: str) -> None:
    from remit.funding.scenario import load_scenario

    plan = builder.Plan(
        title='The "fair" split: Ynys Môn',
        financial_year="2018/19",
        budget=Decimal("1000.10"),
        areas=(
            builder.HeldArea("W06000001", 'Ynys Môn "Anglesey"', Decimal("400.00")),
            builder.HeldArea("W06000002", "Gwynedd"),
        ),
        needs=(
            builder.Need(
                key,
                "Need",
                "",
                "2019",
                Decimal("0.125"),
                {"W06000001": Decimal("12.3400"), "W06000002": Decimal("0.0001")},
            ),
        ),
        top_slices=(TopSlice("Region: #1", Decimal("0.10")),),
        protected={"W06000002": Decimal("5")},
        floor_percent=Decimal("-2.5"),
        max_share_percent=Decimal("99.5"),
    )
    scenario = load_scenario(builder.to_yaml(plan))
    assert scenario.title == plan.title
    assert scenario.weights == {key: Decimal("0.125")}
    assert [dict(a.indicators) for a in scenario.areas] == [
        {key: Decimal("12.34")},
        {key: Decimal("0.0001")},
    ]
    assert scenario.areas[0].name == 'Ynys Môn "Anglesey"'
    assert scenario.areas[0].previous == Decimal("400.00")
    assert scenario.top_slices == (TopSlice("Region: #1", Decimal("0.10")),)
    assert scenario.protected == {"W06000002": Decimal("5.00")}
    assert scenario.damping == Damping(floor=Decimal("-0.025"))
    assert scenario.max_share == Decimal("0.995")


def test_every_indicator_without_a_figure_is_named_at_once(
    client: Any, fund: Fund, officer: User, deprivation: Indicator, region: Region
) -> None:
    crime = Indicator.all_objects.create(
        region=region, slug="crimes", name="Recorded crime", unit=Unit.COUNT
    )
    IndicatorValue.objects.create(
        indicator=crime, area=region.areas.get(code="E08000902"), period="2019", value=5
    )
    client.force_login(officer)
    response = client.post(
        reverse(BUILD, args=[fund.slug]),
        _form(**{"period-imd-score": "2015", "weight-crimes": "1", "period-crimes": "2019"}),
    )
    errors = response.context["form"].errors
    assert errors["period-imd-score"][0].startswith("Southby has no complete figure")
    assert errors["period-crimes"][0].startswith("Northton has no complete figure")
    assert not AllocationScenario.objects.exists()
