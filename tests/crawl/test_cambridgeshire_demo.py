"""The second shipped region's demo stories, loaded as `remit demo` loads them: Cambridgeshire
and Peterborough gets meetings, proposals and a round of bids, and their pages serve an officer
and the public with no server error and no word of the other shipped region.

The crawl starts at each story's pages and follows a few links from them, not the whole site
(the whole-site crawls are the West Midlands and Northshire ones)."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from crawler import SIGNED_OUT
from crawler import Crawl
from crawler import crawl
from django.db import transaction
from django.test import Client
from django.test import override_settings

from region_names import matcher
from region_names import region_terms

pytestmark = pytest.mark.django_db

REGION = "cambridgeshire-peterborough"
OTHER_PACKS = {"west-midlands.yaml"}
MAX_PAGES = 20
PER_ROUTE = 1


def _other_regions_words() -> Any:
    return matcher(tuple(t for t in region_terms() if t.pack in OTHER_PACKS))


def _client(username: str | None) -> Client:
    from remit.core.models import User

    client = Client(raise_request_exception=False)
    if username is not None:
        client.force_login(User.objects.get(username=username))
    return client


def _story_pages(region: Any) -> dict[str, dict[str, tuple[str, str]]]:
    """For each role, each story page: its address and a title it must show."""
    from remit.funding.models import Bid
    from remit.funding.models import Round
    from remit.meetings.models import Paper
    from remit.proposals.models import Proposal

    paper = (
        Paper.objects.filter(item__meeting__board__region=region, public_published_at__isnull=False)
        .select_related("item__meeting")
        .order_by("item__meeting__date", "pk")
        .first()
    )
    assert paper is not None
    meeting = paper.item.meeting
    proposal = Proposal.all_objects.filter(deal__region=region, is_published=True).first()
    assert proposal is not None
    round = Round.objects.get(fund__region=region)
    bid = Bid.all_objects.filter(round=round).order_by("pk").first()
    assert bid is not None
    return {
        "officer": {
            "meetings": ("/meetings/", meeting.board.name),
            "a meeting": (f"/meetings/{meeting.pk}/", paper.title),
            "a proposal": (f"/proposals/{proposal.pk}/", proposal.title),
            "the round": (f"/funds/rounds/{round.pk}/", round.title),
            "the round's bids": (f"/funds/rounds/{round.pk}/bids/", bid.title),
        },
        SIGNED_OUT: {
            "meetings": ("/published/meetings/", meeting.board.name),
            "a meeting": (f"/published/meetings/{meeting.pk}/", paper.title),
            "a proposal": (f"/published/proposals/{proposal.pk}/", proposal.title),
            "the round": (f"/funding-rounds/{round.pk}/", round.title),
        },
    }


@pytest.fixture(scope="module")
def cambridgeshire(
    django_db_setup: Any,
    django_db_blocker: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[dict[str, int], dict[str, dict[str, tuple[str, str]]], dict[str, Crawl]]:
    """The region with its accounts and stories (not its published data, which the stories do
    not need), what was loaded, and a crawl from the story pages as an officer and the public."""
    from remit.core.services.demo import demo_load as accounts_load
    from remit.funding.demo import demo_load as fund_load
    from remit.funding.models import Bid
    from remit.meetings.demo import demo_load as meetings_load
    from remit.meetings.models import Meeting
    from remit.proposals.demo import demo_load as proposals_load
    from remit.proposals.models import Proposal
    from remit.regions.pack import shipped_packs

    root = tmp_path_factory.mktemp("cambridgeshire-demo")
    with (
        override_settings(
            MEDIA_ROOT=root / "media",
            TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        report, _ = accounts_load(region=REGION)
        region = report.region
        pack = shipped_packs()[REGION]
        for load in (proposals_load, meetings_load, fund_load):
            load(region, pack=pack)
        loaded = {
            "meetings": Meeting.objects.filter(board__region=region).count(),
            "proposals": Proposal.all_objects.filter(deal__region=region).count(),
            "bids": Bid.all_objects.filter(round__fund__region=region).count(),
        }
        pages = _story_pages(region)
        look_for = _other_regions_words()
        crawls = {
            role: crawl(
                _client(None if role == SIGNED_OUT else role),
                role=role,
                seeds=[url for url, _ in seeds.values()],
                watch=[title for _, title in seeds.values()],
                look_for=look_for,
                max_pages=MAX_PAGES,
                per_route=PER_ROUTE,
            )
            for role, seeds in pages.items()
        }
        for role, found in crawls.items():
            print(
                f"crawl {role}: {found.requests} requests, {len(found.pressed)} buttons pressed "
                f"in {found.seconds:.1f}s",
                file=sys.stderr,
            )
        transaction.set_rollback(True)
    return loaded, pages, crawls


def test_the_demo_loads_meetings_proposals_and_bids(cambridgeshire: Any) -> None:
    loaded, _, _ = cambridgeshire

    assert loaded["meetings"] >= 10
    assert loaded["proposals"] == 4
    assert loaded["bids"] == 8


@pytest.mark.parametrize("role", ["officer", SIGNED_OUT])
def test_the_story_pages_serve_with_their_content(cambridgeshire: Any, role: str) -> None:
    _, pages, crawls = cambridgeshire
    found: Crawl = crawls[role]

    for what, (url, title) in pages[role].items():
        page = found.pages.get(url)
        assert page is not None, f"{role} never opened {what}"
        assert page.status == 200, f"{what} ({url}) answered {page.status}"
        assert title in page.shows, f"{what} ({url}) does not show {title!r}"


@pytest.mark.parametrize("role", ["officer", SIGNED_OUT])
def test_no_page_has_a_server_error_or_names_the_other_region(
    cambridgeshire: Any, role: str
) -> None:
    found: Crawl = cambridgeshire[2][role]

    assert found.server_errors() == []
    named = sorted(
        f"{page.url} says {', '.join(sorted(page.says))}"
        for page in found.pages.values()
        if page.says
    )
    assert named == []
