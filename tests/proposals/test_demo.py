"""The demo deal: realistic, part-way along the route, and safe to load twice."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from remit.core.models import GovernanceRoute
from remit.core.models import Mission
from remit.core.models import Region
from remit.core.services.region import region_load
from remit.proposals.demo import demo_load
from remit.proposals.models import Deal
from remit.proposals.models import EngagementSession
from remit.proposals.models import ForumDecision
from remit.proposals.models import MissionAlignment
from remit.proposals.models import Proposal
from remit.proposals.models import Routing
from remit.proposals.selectors import proposals_ready_for_business_case
from remit.proposals.workflow import Status
from remit.regions.pack import shipped_packs

REPO_PACKS = shipped_packs()


def _counts() -> dict[str, int]:
    return {
        model.__name__: model._base_manager.count()
        for model in (Deal, Proposal, MissionAlignment, Routing, ForumDecision, EngagementSession)
    }


@pytest.fixture
def west_midlands(db: Any) -> Region:
    path = REPO_PACKS["west-midlands"]
    return region_load(by=None, text=path.read_text(encoding="utf-8"), activate=True).region


def test_the_demo_routes_proposals_part_way_and_refers_one_back(west_midlands: Region) -> None:
    demo_load(west_midlands)

    proposals = {
        p.title: p
        for p in Proposal.all_objects.filter(deal__region=west_midlands, deal__slug="trailblazer")
    }
    assert len(proposals) == 8
    assert proposals["Regional violence reduction partnership"].status == Status.AGREED
    assert proposals["Devolved victims' services budget"].status == Status.DRAFT
    assert Routing.objects.filter(awaiting_resubmission=True).count() == 1
    assert proposals["Bus fares and franchising settlement"].status == Status.IN_GOVERNANCE
    assert proposals["Probation co-commissioning"].source_idea is not None
    assert list(proposals_ready_for_business_case(west_midlands)) == [
        proposals["Regional violence reduction partnership"]
    ]
    forums = {
        d.board.slug
        for d in ForumDecision.objects.filter(
            routing__route__slug="tdd-position-paper"
        ).select_related("board")
    }
    assert forums == {"slaog", "dsg", "fdg", "met-leaders", "wmca-board"}


def test_the_commissioner_decides_one_ask_alone_and_it_is_published(
    west_midlands: Region, client: Any
) -> None:
    demo_load(west_midlands)

    ask = Proposal.all_objects.get(deal__slug="policing-asks")
    decisions = list(ForumDecision.objects.filter(effects__proposal=ask).order_by("position"))
    decisions_page = client.get(reverse("meetings_public:decisions")).content.decode()
    feed = client.get(reverse("meetings_public:decisions_feed")).content.decode()

    assert ask.is_published
    assert ask.deal.route.slug == "pcc-asks"
    assert [d.decider_label for d in decisions] == [
        "Strategic Policing and Crime Board",
        "West Midlands Police and Crime Commissioner, Police and Crime Commissioner",
    ]
    final = decisions[-1]
    assert final.recorded_by.person_id == final.decision_maker_id
    for page in (decisions_page, feed):
        assert "“Safer Streets Fund settlement”: endorsed" in page
        assert f"#decision-{final.pk}" in page


def test_the_demo_is_safe_to_load_twice(west_midlands: Region) -> None:
    demo_load(west_midlands)
    first = _counts()
    history = Proposal.history.count()

    demo_load(west_midlands)

    assert _counts() == first
    assert Proposal.history.count() == history


def test_a_region_without_a_route_gets_nothing(region: Region) -> None:
    assert not GovernanceRoute.objects.filter(region=region).exists()
    demo_load(region)
    assert not Deal.objects.exists()


def test_a_region_without_a_proposals_story_gets_no_proposals(
    db: Any, caplog: pytest.LogCaptureFixture
) -> None:
    text = (Path(__file__).parents[1] / "regions" / "fixtures" / "northshire.yaml").read_text()
    northshire = region_load(by=None, text=text).region
    assert GovernanceRoute.objects.filter(region=northshire).exists()

    with caplog.at_level(logging.INFO, logger="remit.proposals.demo"):
        demo_load(northshire)

    assert not Deal.objects.filter(region=northshire).exists()
    assert "no proposals story" in caplog.text


NORTHSHIRE = Path(__file__).parents[1] / "regions" / "fixtures" / "northshire.yaml"


def test_a_pack_file_brings_its_own_proposals_story(db: Any, client: Any) -> None:
    northshire = region_load(by=None, text=NORTHSHIRE.read_text(), activate=True).region

    demo_load(northshire, pack=NORTHSHIRE)

    proposals = {p.title: p for p in Proposal.all_objects.filter(deal__region=northshire)}
    assert {title: p.status for title, p in proposals.items()} == {
        "Neighbourhood safety fund": Status.CLEARED,
        "Youth diversion hubs": Status.DRAFT,
        "Rural crime prevention pilot": Status.IN_GOVERNANCE,
        "Victim support across Northshire": Status.DRAFT,
        "Safer routes to school": Status.CLEARED,
    }
    fund = ForumDecision.objects.filter(effects__proposal=proposals["Neighbourhood safety fund"])
    assert [(d.decider_label, d.outcome) for d in fund.order_by("position")] == [
        ("Northshire Community Safety Partnership", "endorsed"),
        ("Northshire Police and Crime Board", "endorsed_with_changes"),
        ("Northshire Police and Crime Board", "endorsed"),
    ]
    assert fund.order_by("position").last().position == 3  # the final board, after both forums
    hubs = Routing.objects.get(proposal=proposals["Youth diversion hubs"])
    assert hubs.awaiting_resubmission
    walk = ForumDecision.objects.filter(effects__proposal=proposals["Safer routes to school"])
    alone = walk.order_by("position").last()
    assert alone.decision_maker.slug == "commissioner"
    assert alone.recorded_by.person_id == alone.decision_maker_id
    page = client.get(reverse("meetings_public:decisions")).content.decode()
    assert "“Safer routes to school”: endorsed" in page
    assert "Youth diversion hubs" not in page


def test_demo_proposals_serve_missions_by_what_they_are_about(west_midlands: Region) -> None:
    Mission.objects.filter(region=west_midlands, short_title="Crime").update(number=40)
    demo_load(west_midlands)

    violence = Proposal.all_objects.get(title="Regional violence reduction partnership")
    served = {
        a.mission.short_title: (a.mission.number, a.strength) for a in violence.alignments.all()
    }
    assert served == {
        "Crime": (40, "primary"),
        "Health": (7, "secondary"),
        "Well-being": (8, "secondary"),
    }
