"""The indicators journey in a real browser: an analyst uploads police.uk files, follows the
import to completion, reads the mission dashboard with its charts, an area page and the crime
data held, publishes, and the public sees the indicator — axe-core on every page."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from journeys import sign_in

from remit.core.models import Region
from remit.core.services.demo import demo_load
from remit.indicators.models import AreaForce
from remit.indicators.models import Indicator

pytestmark = pytest.mark.e2e

FIXTURES = Path(__file__).resolve().parents[1] / "indicators" / "fixtures"


@pytest.fixture
def west_midlands(transactional_db: Any, settings: Any, tmp_path: Path) -> Region:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CRIME_STORE = tmp_path / "crime"
    report, _ = demo_load(region="west-midlands")
    region = report.region
    for code, force, name in (
        ("E08000025", "west-midlands", "West Midlands"),
        ("E07000221", "warwickshire", "Warwickshire"),
        ("E07000236", "west-mercia", "West Mercia"),
    ):
        AreaForce.objects.create(area=region.areas.get(code=code), force=force, force_name=name)
    # The pack defines "Neighbourhood crime" (crime types and mission 11) as it is loaded.
    assert Indicator.all_objects.filter(region=region, slug="neighbourhood-crime").exists()
    return region


@pytest.fixture
def police_zip(tmp_path: Path) -> Path:
    path = tmp_path / "police-uk.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for csv in sorted((FIXTURES / "good").rglob("*.csv")):
            archive.write(csv, csv.relative_to(FIXTURES / "good").as_posix())
    return path


def _charts_drawn(page: Any, axe: Any) -> None:
    """Wait for vega-embed to draw, then check the drawn charts with axe-core too."""
    page.wait_for_selector(".remit-chart__canvas svg", state="attached")
    axe(page)


def test_analyst_imports_crime_data_and_reads_the_dashboards(
    page: Any, visit: Any, axe: Any, west_midlands: Region, police_zip: Path
) -> None:
    sign_in(page, visit, "analyst")
    visit(page, reverse("indicators:home"))
    page.get_by_role("link", name="importing police.uk files").click()
    page.wait_for_load_state()
    visit(page, page.url)
    page.get_by_label("police.uk files").set_input_files(str(police_zip))
    page.get_by_role("button", name="Upload and import").click()
    page.wait_for_load_state()
    visit(page, page.url)
    page.wait_for_selector("#job-status >> text=Imported", timeout=30_000)
    assert "Imported 23 crimes from 3 force-months; 3 indicators recounted." in page.content()

    visit(page, reverse("indicators:mission", args=[11]))
    _charts_drawn(page, axe)
    html = page.content()
    assert "Neighbourhood crime" in html
    assert "The gap behind the worst-affected areas" in html
    assert "only the few crimes that neighbouring forces recorded there" in html

    visit(page, reverse("indicators:area", args=["E07000221"]))
    _charts_drawn(page, axe)
    assert "Stratford-on-Avon" in page.content()

    page.get_by_role("link", name="Local partnership performance report").click()
    page.wait_for_load_state()
    visit(page, page.url)
    _charts_drawn(page, axe)
    assert "Crimes by type and month" in page.content()

    visit(page, reverse("indicators:crime_data"))
    assert (
        "The police.uk files of Staffordshire Police and West Midlands Police are not in the store"
        in page.content()
    )

    visit(page, reverse("indicators:detail", args=["neighbourhood-crime"]))
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state()
    assert "Published." in page.content()

    page.locator("header").get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    visit(page, reverse("indicators_public:home"))
    visit(page, reverse("indicators_public:detail", args=["neighbourhood-crime"]))
    _charts_drawn(page, axe)
    assert "Recount" not in page.content()
