"""Maps of the fund in a real browser, axe-core on every page with the maps drawn: an officer
reads the adopted scenario's share of the fund by area (districts outside the scenario grey,
never coloured as zero), the money awarded by area on the grants register and the round's bids
by area; the public reads the published grants by area."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from journeys import sign_in
from journeys import sign_out
from typer.testing import CliRunner

from remit.cli import app
from remit.funding.models import Fund
from remit.indicators import maps
from remit.regions.story import read_story

pytestmark = pytest.mark.e2e


@pytest.fixture
def fund(transactional_db: Any, settings: Any, tmp_path: Path, shared_data: Path) -> Fund:
    """The West Midlands demo fund, from scenario to published grants, with district shapes."""
    settings.MEDIA_ROOT = tmp_path / "media"
    from remit.core.services.demo import demo_load as base
    from remit.funding.demo import demo_load

    region = base(region="west-midlands")[0].region
    demo_load(region)
    lad = shared_data / "boundaries" / "england-lad-2013.topo.json"
    loaded = CliRunner().invoke(app, ["boundaries", "load", str(lad)])
    assert loaded.exit_code == 0, loaded.output
    return region.funds.get()


def _drawn(page: Any, spec_id: str, axe: Any) -> dict[str, Any]:
    """Wait for the map to be drawn, run axe, and return its spec."""
    page.wait_for_selector(f'[data-vega-spec="{spec_id}"] svg', state="attached")
    axe(page)
    return dict(json.loads(page.locator(f"#{spec_id}").text_content()))


def _fills(page: Any, spec_id: str) -> list[str]:
    return list(
        page.eval_on_selector_all(
            f'[data-vega-spec="{spec_id}"] svg g.mark-shape path',
            "paths => paths.map(p => (p.getAttribute('fill') || '').toLowerCase())",
        )
    )


def _figures(spec: dict[str, Any]) -> dict[str, Any]:
    return {v["code"]: v["value"] for v in spec["transform"][0]["from"]["data"]["values"]}


def test_the_fund_is_mapped_by_area(page: Any, visit: Any, axe: Any, fund: Fund) -> None:
    scenario = fund.adopted_scenario
    assert scenario is not None
    in_scenario = {a["code"] for a in scenario.result["areas"]}
    sign_in(page, visit, "officer")

    visit(page, reverse("funding:scenario", args=[fund.slug, scenario.pk]))
    spec = _drawn(page, "map-scenario-spec", axe)
    shares = {code: v for code, v in _figures(spec).items() if v is not None}
    assert set(shares) == in_scenario
    assert abs(sum(shares.values()) - 100) < 0.1
    outside = maps.no_data_codes(spec)
    fills = _fills(page, "map-scenario-spec")
    assert len(fills) == len(in_scenario) + len(outside)
    if outside:
        assert fills.count(maps.NO_DATA_FILL) == len(outside), "outside the scenario is grey"
        assert "not in this scenario" in page.content()
    assert page.get_by_text("Martin Chorley", exact=False).first.is_visible()
    assert page.get_by_role("link", name="Download these figures (CSV)").is_visible()

    visit(page, reverse("funding:grants"))
    spec = _drawn(page, "map-grants-spec", axe)
    assert any(v for v in _figures(spec).values()), "the demo's grants are on the map"
    assert maps.NO_DATA_FILL not in _fills(page, "map-grants-spec"), "no grants is £0, not grey"
    assert page.get_by_role("heading", name="Money by area").is_visible()

    story = read_story(fund.region.slug, "funding")
    assert story is not None
    round = fund.rounds.get(slug=story["round"]["slug"])
    visit(page, reverse("funding:round", args=[round.pk]))
    spec = _drawn(page, "map-bids-spec", axe)
    assert any(v for v in _figures(spec).values()), "the demo's bids are on the map"
    assert page.get_by_role("heading", name="Bids by area").is_visible()

    sign_out(page)
    visit(page, reverse("funding_public:list"))
    spec = _drawn(page, "map-published-grants-spec", axe)
    assert any(v for v in _figures(spec).values()), "the published grants are on the map"
