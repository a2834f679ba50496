"""An officer builds an allocation scenario from held figures in a real browser, axe-core on
every page: no figure is typed. An area without a figure for the chosen period is named, the
officer chooses another period, compares the new scenario with the adopted one and adopts it.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from journeys import sign_in

from remit.core.models import Region
from remit.funding.demo import demo_load
from remit.funding.models import Fund
from remit.funding.models import ScenarioAdoption
from remit.funding.selectors import prefill_areas
from remit.indicators.models import Indicator
from remit.indicators.models import IndicatorValue
from remit.indicators.models import Unit

pytestmark = pytest.mark.e2e


@pytest.fixture
def fund(transactional_db: Any, settings: Any, tmp_path: Path) -> Fund:
    """The West Midlands demo fund, and a deprivation score held for its areas: every area in
    2019, all but Walsall in 2015."""
    settings.MEDIA_ROOT = tmp_path / "media"
    from remit.core.services.demo import demo_load as base

    region: Region = base(region="west-midlands")[0].region
    demo_load(region)
    indicator = Indicator.all_objects.create(
        region=region,
        slug="imd-score",
        name="Deprivation score",
        source="English Indices of Deprivation 2019",
        unit=Unit.VALUE,
    )
    for number, area in enumerate(prefill_areas(region)):
        IndicatorValue.objects.create(
            indicator=indicator, area=area, period="2019", value=Decimal(20 + number)
        )
        if area.code != "E08000030":
            IndicatorValue.objects.create(
                indicator=indicator, area=area, period="2015", value=Decimal(18 + number)
            )
    return region.funds.get()


def _save(page: Any) -> None:
    page.get_by_role("button", name="Save the scenario").click()
    page.wait_for_load_state()


def test_an_officer_builds_a_scenario_from_held_figures_compares_it_and_adopts_it(
    page: Any, visit: Any, axe: Any, fund: Fund
) -> None:
    adopted = fund.adopted_scenario
    assert adopted is not None
    sign_in(page, visit, "officer")
    visit(page, reverse("funding:scenarios", args=[fund.slug]))
    page.get_by_role("link", name="Build a scenario from held figures").click()
    page.wait_for_load_state()
    visit(page, page.url)

    page.get_by_label("Name of the scenario").fill("Population and deprivation")
    page.get_by_label("Weight for Deprivation score").fill("1")
    page.get_by_label("Period for Deprivation score").select_option("2015")
    _save(page)
    axe(page)
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Walsall has no complete figure for Deprivation score in 2015" in summary
    assert not fund.scenarios.filter(name="Population and deprivation").exists()

    page.get_by_label("Period for Deprivation score").select_option("2019")
    _save(page)
    assert "Scenario Population and deprivation saved" in page.content()
    visit(page, page.url)
    page.locator("[data-vega-spec] svg").first.wait_for()
    table = page.get_by_role("table").first.inner_text()
    assert "Walsall" in table
    assert "Difference from a split by population" in table
    assert "English Indices of Deprivation 2019" in page.content()
    built = fund.scenarios.get(name="Population and deprivation")

    page.get_by_role("link", name="All scenarios").click()
    page.wait_for_load_state()
    for scenario in fund.scenarios.exclude(pk__in=[adopted.pk, built.pk]):
        page.locator(f"#s-{scenario.pk}").uncheck()
    page.locator(f"#s-{adopted.pk}").check()
    page.locator(f"#s-{built.pk}").check()
    page.get_by_role("button", name="Compare").click()
    page.wait_for_load_state()
    visit(page, page.url)
    assert f"the difference from {adopted.name} (the adopted scenario)" in page.content()

    visit(page, reverse("funding:scenario", args=[fund.slug, built.pk]))
    page.get_by_role("link", name="Adopt this scenario").click()
    page.wait_for_load_state()
    visit(page, page.url)
    page.get_by_label("Reasons").fill("Need counts as much as population, as the board asked.")
    page.get_by_role("button", name="Adopt the scenario").click()
    page.wait_for_load_state()
    assert "Scenario Population and deprivation adopted" in page.content()
    fund.refresh_from_db()
    assert fund.adopted_scenario_id == built.pk
    assert ScenarioAdoption.objects.filter(scenario=built).count() == 1
