"""Maps in a real browser: boundaries loaded with `remit boundaries load`, then an analyst
reads an indicator's district map, a district whose own force's files are not held (its
areas grey, never coloured as zero) and a district whose are, and its worst-affected
neighbourhoods — axe-core on every page, with the maps drawn."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from journeys import sign_in
from typer.testing import CliRunner

from remit.cli import app
from remit.core.models import Region
from remit.core.models import User
from remit.core.services.demo import demo_load
from remit.indicators import crime
from remit.indicators import maps
from remit.indicators import services
from remit.indicators.models import AreaForce
from remit.indicators.models import Neighbourhood
from remit.indicators.models import Origin
from remit.indicators.models import Unit

pytestmark = pytest.mark.e2e

FIXTURES = Path(__file__).resolve().parents[1] / "indicators" / "fixtures"
BIRMINGHAM, REDDITCH = "E08000025", "E07000236"


@pytest.fixture
def mapped_region(
    transactional_db: Any, settings: Any, tmp_path: Path, shared_data: Path
) -> Region:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CRIME_STORE = tmp_path / "crime"
    report, _ = demo_load(region="west-midlands")
    region = report.region
    for code, force, name in (
        (BIRMINGHAM, "west-midlands", "West Midlands"),
        (REDDITCH, "west-mercia", "West Mercia"),
    ):
        AreaForce.objects.create(area=region.areas.get(code=code), force=force, force_name=name)
    crime.import_paths(settings.CRIME_STORE, [FIXTURES / "good"])
    analyst = User.objects.get(username="analyst")
    indicator = services.indicator_create(
        by=analyst,
        region=region,
        data={
            "name": "All recorded crime",
            "slug": "all-crime",
            "origin": Origin.CRIME,
            "crime_types": ["Anti-social behaviour", "Violence and sexual offences", "Burglary"],
            "unit": Unit.RATE_PER_1000,
        },
        missions=region.missions.filter(number=11),
    )
    services.indicator_refresh(indicator, by=analyst)
    boundaries = shared_data / "boundaries"
    loaded = CliRunner().invoke(
        app,
        [
            "boundaries",
            "load",
            str(boundaries / "england-lad-2013.topo.json"),
            str(boundaries / "lsoa-by-lad"),
        ],
    )
    assert loaded.exit_code == 0, loaded.output
    Neighbourhood.objects.filter(area__region=region).update(population=1500)
    return region


def _maps_drawn(page: Any, axe: Any) -> None:
    page.wait_for_selector(".remit-map .remit-chart__canvas svg", state="attached")
    axe(page)


def _spec(page: Any, spec_id: str) -> dict[str, Any]:
    return dict(json.loads(page.locator(f"#{spec_id}").text_content()))


def _fills(page: Any, spec_id: str) -> list[str]:
    """The fill of every shape drawn in one map."""
    return list(
        page.eval_on_selector_all(
            f'[data-vega-spec="{spec_id}"] svg g.mark-shape path',
            "paths => paths.map(p => (p.getAttribute('fill') || '').toLowerCase())",
        )
    )


def test_analyst_reads_district_and_neighbourhood_maps(
    page: Any, visit: Any, axe: Any, mapped_region: Region
) -> None:
    sign_in(page, visit, "analyst")

    visit(page, reverse("indicators:detail", args=["all-crime"]))
    _maps_drawn(page, axe)
    spec = _spec(page, "map-all-crime-spec")
    assert BIRMINGHAM in maps.no_data_codes(spec)
    assert REDDITCH not in maps.no_data_codes(spec)
    assert maps.NO_DATA_FILL in _fills(page, "map-all-crime-spec")
    assert page.get_by_text("Martin Chorley", exact=False).first.is_visible()

    visit(page, reverse("indicators:area", args=[BIRMINGHAM]))
    _maps_drawn(page, axe)
    fills = _fills(page, f"map-{BIRMINGHAM}-crime-spec")
    assert len(fills) > 600
    assert set(fills) == {maps.NO_DATA_FILL}, "a district without its force's files is all grey"
    assert "are not held" in page.content()

    visit(page, reverse("indicators:area", args=[REDDITCH]))
    _maps_drawn(page, axe)
    fills = _fills(page, f"map-{REDDITCH}-crime-spec")
    assert fills
    assert maps.NO_DATA_FILL not in fills, "zero crimes is a figure, coloured"

    page.get_by_role("link", name="The worst-affected neighbourhoods of Redditch").click()
    page.wait_for_load_state()
    visit(page, page.url)
    _maps_drawn(page, axe)
    assert "The worst tenth of neighbourhoods" in page.content()
