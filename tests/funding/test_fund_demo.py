"""The demo: the 2018/19 fund from scenarios to published grants, loaded once."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
import yaml

from remit.core.models import Region
from remit.core.services.demo import demo_load as accounts_load
from remit.core.services.region import region_load
from remit.funding import selectors
from remit.funding.demo import demo_load
from remit.funding.models import Bid
from remit.funding.models import Determination
from remit.funding.models import Grant
from remit.funding.models import MonitoringReturn
from remit.funding.models import Recommendation
from remit.funding.models import Round
from remit.funding.models import ScenarioAdoption
from remit.funding.models import Score
from remit.funding.workflow import BidStatus
from remit.regions.pack import shipped_packs
from remit.regions.story import read_story


@pytest.fixture
def west_midlands(db: Any) -> Region:
    report, _ = accounts_load(region="west-midlands")
    return report.region


def _counts() -> tuple[int, ...]:
    return (
        Round.objects.count(),
        Bid.all_objects.count(),
        Score.objects.count(),
        Recommendation.objects.count(),
        Determination.objects.count(),
        Grant.all_objects.count(),
        ScenarioAdoption.objects.count(),
    )


def test_demo_runs_a_closed_round_through_to_published_grants(west_midlands: Region) -> None:
    demo_load(west_midlands)

    fund = west_midlands.funds.get()
    assert fund.budget_pence == 386_330_800
    assert fund.transition_year
    assert fund.adopted_scenario is not None
    assert len(fund.adopted_scenario.result["areas"]) == 7
    round = fund.rounds.get()
    assert round.state() == "closed"
    assert Bid.all_objects.filter(status=BidStatus.DRAFT).count() == 1
    assert Bid.objects.filter(status=BidStatus.AWARDED).count() == 7
    assert Determination.objects.filter(differs_from_recommendation=True).count() == 1
    assert Grant.objects.count() == 7
    assert MonitoringReturn.objects.exclude(submitted_at=None).count() == 1
    package = selectors.suggested_package(round)
    assert [line.bid.organisation.slug for line in package.left_out] == ["wolverhampton-csp"]


def test_demo_twice_adds_nothing(west_midlands: Region) -> None:
    demo_load(west_midlands)
    before = _counts()
    demo_load(west_midlands)
    assert _counts() == before


def test_demo_leaves_a_region_without_its_storys_fund_alone(db: Any) -> None:
    pack = yaml.safe_load(shipped_packs()["cambridgeshire-peterborough"].read_text())
    pack["funds"] = []
    region = region_load(by=None, text=yaml.safe_dump(pack, sort_keys=False)).region
    assert read_story(region.slug, "funding") is not None
    demo_load(region)
    assert _counts() == (0, 0, 0, 0, 0, 0, 0)


def test_a_region_with_a_fund_but_no_funding_story_gets_no_round(
    db: Any, caplog: pytest.LogCaptureFixture
) -> None:
    text = (Path(__file__).parents[1] / "regions" / "fixtures" / "northshire.yaml").read_text()
    northshire = region_load(by=None, text=text).region
    assert northshire.funds.exists()

    with caplog.at_level(logging.INFO, logger="remit.funding.demo"):
        demo_load(northshire)

    assert _counts() == (0, 0, 0, 0, 0, 0, 0)
    assert "no funding story" in caplog.text


def test_the_round_is_told_as_the_story_tells_it(west_midlands: Region) -> None:
    story = read_story("west-midlands", "funding")
    assert story is not None
    demo_load(west_midlands)

    round = Round.objects.get(slug=story["round"]["slug"])
    assert round.budget_pence == story["round"]["budget"] * 100
    assert [c.title for c in round.criteria.order_by("position")] == [
        c["title"] for c in story["round"]["criteria"]
    ]
    titles = sorted(Bid.all_objects.values_list("title", flat=True))
    assert titles == sorted(bid["title"] for bid in story["bids"])
    differs = Determination.objects.get(differs_from_recommendation=True)
    [told] = [bid for bid in story["bids"] if "determination" in bid]
    assert differs.bid.title == told["title"]
    assert differs.amount_pence == told["determination"]["amount"] * 100
