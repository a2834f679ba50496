"""The demo, loaded once, with canary records planted, crawled as every role.

A canary is a record in a state some roles must not see (an unpublished proposal, a draft
paper, another organisation's bid, an assessor's comment on a bid the officer declared an
interest in), given a title found nowhere else, so a page that shows it is a leak.
Everything runs in one transaction that is rolled back, so no other test sees the demo; the
crawl's findings are plain data, kept for the session so every module reads one crawl.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import sys
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from crawler import NOT_OFFICERS
from crawler import ROLES
from crawler import SIGNED_OUT
from crawler import Canary
from crawler import Crawl
from crawler import CrawlRun
from crawler import crawl
from django.db import transaction
from django.test import Client
from django.test import override_settings

from region_names import matcher
from region_names import region_terms

NORTHSHIRE = Path(__file__).resolve().parents[1] / "regions" / "fixtures" / "northshire.yaml"
NORTHSHIRE_STORY = NORTHSHIRE.parent / "demo" / "northshire" / "proposals.yaml"

SEEDS = [
    "/",
    "/registry/",
    "/proposals/",
    "/meetings/",
    "/business-cases/",
    "/funds/",
    "/indicators/",
    "/published/proposals/",
    "/published/meetings/",
    "/published/business-cases/",
    "/published/grants/",
    "/published/indicators/",
]
MAX_PAGES = 1500
PER_ROUTE = 3


def _rename(model: Any, pk: int, title: str) -> None:
    model._base_manager.filter(pk=pk).update(title=title)


def _plant_proposal(region: Any) -> list[Canary]:
    from remit.core.models import User
    from remit.indicators import services as indicator_services
    from remit.proposals.models import Proposal

    proposal = Proposal.all_objects.filter(deal__region=region, is_published=False).order_by("pk")
    proposal = proposal.first()
    assert proposal is not None, "the demo has an unpublished proposal"
    title = "Canary proposal nobody has published"
    _rename(Proposal, proposal.pk, title)
    proposal.refresh_from_db()
    result = indicator_services.result_create(
        by=User.objects.get(username="officer"),
        region=region,
        data={"title": "Result declared by an unpublished proposal", "is_published": True},
        missions=region.missions.order_by("number")[:1],
        owner=proposal,
    )
    return [
        Canary(
            title,
            "an unpublished proposal",
            frozenset({SIGNED_OUT, "partner"}),
            probes=(f"/proposals/{proposal.pk}/", f"/indicators/results/{result.pk}/"),
        )
    ]


def _plant_business_case(region: Any) -> list[Canary]:
    from remit.appraisal import services as case_services
    from remit.core.models import User

    title = "Canary business case still in draft"
    case = case_services.business_case_create(
        by=User.objects.get(username="officer"), region=region, data={"title": title}
    )
    return [
        Canary(
            title,
            "an unapproved business case",
            frozenset({SIGNED_OUT, "partner"}),
            probes=(f"/business-cases/{case.pk}/",),
        )
    ]


def _plant_papers(region: Any) -> list[Canary]:
    from django.utils import timezone

    from remit.core.models import User
    from remit.meetings import services as meeting_services
    from remit.meetings.models import AgendaItem
    from remit.meetings.models import Meeting
    from remit.meetings.models import Paper

    officer = User.objects.get(username="officer")
    meeting = (
        Meeting.objects.filter(board__region=region, date__gte=timezone.localdate())
        .exclude(status="cancelled")
        .order_by("date")
        .first()
    )
    assert meeting is not None, "the demo has a coming meeting"
    item = meeting_services.item_add(
        by=officer,
        meeting=meeting,
        data={"title": "Item whose paper is still being written", "kind": AgendaItem.Kind.REPORT},
    )
    draft_title = "Canary paper still in draft"
    draft = meeting_services.paper_create(
        by=officer, item=item, data={"title": draft_title, "purpose": "Not yet written."}
    )

    members_only = Paper.objects.filter(
        item__meeting__board__region=region,
        members_published_at__isnull=False,
        public_published_at__isnull=True,
    ).first()
    assert members_only is not None, "the demo has a paper sent to members only"
    members_title = "Canary paper for board members only"
    _rename(Paper, members_only.pk, members_title)
    sits = set(
        User.objects.filter(person__memberships__board=members_only.item.meeting.board).values_list(
            "username", flat=True
        )
    )
    return [
        Canary(
            draft_title,
            "a paper not yet sent to members",
            frozenset(NOT_OFFICERS),
            probes=(f"/meetings/papers/{draft.pk}/", f"/meetings/{meeting.pk}/"),
        ),
        Canary(
            members_title,
            "a paper sent to the board's members only",
            frozenset({SIGNED_OUT, "partner", "analyst"} | ({"member", "commissioner"} - sits)),
            probes=(f"/meetings/papers/{members_only.pk}/",),
        ),
    ]


def _plant_bids(region: Any) -> list[Canary]:
    from remit.core.models import User
    from remit.funding import demo as fund_demo
    from remit.funding import services as fund_services
    from remit.funding.models import Bid
    from remit.funding.models import Round
    from remit.regions.story import read_story

    partner = User.objects.get(username="partner")
    officer = User.objects.get(username="officer")
    admin = User.objects.get(username="admin")
    commissioner = User.objects.get(username="commissioner")
    round = Round.objects.get(fund__region=region)
    story = read_story(region.slug, "funding")
    assert story is not None
    demo = fund_demo._Demo(story, round.fund, officer, admin, commissioner)
    others = [
        spec
        for spec in story["bids"]
        if spec["organisation"] != partner.organisation.slug
        and region.organisations.filter(slug=spec["organisation"]).exists()
    ]
    spec = others[0]
    organisation = region.organisations.get(slug=spec["organisation"])

    def plant(title: str, **changes: Any) -> Bid:
        demo.bid(round, {**spec, "title": title, **changes}, organisation)
        return Bid.all_objects.get(title=title)

    draft = plant("Canary draft bid of another organisation", submitted=False)
    submitted = plant("Canary submitted bid of another organisation", submitted=False)
    fund_demo_now = fund_demo._at(story["round"]["bids_submitted_at"])
    fund_services.bid_submit(by=fund_demo._bidder(organisation), bid=submitted, now=fund_demo_now)
    with mock.patch.object(fund_demo._Demo, "grant"):
        awarded = plant("Canary bid whose grant is not yet published")

    conflicted = plant("Bid an officer declared an interest in", submitted=False)
    fund_services.bid_submit(by=fund_demo._bidder(organisation), bid=conflicted, now=fund_demo_now)
    fund_services.interest_declare(by=officer, bid=conflicted, nature="A trustee of the bidder")
    comment = "Canary assessor comment on a bid the officer declared an interest in"
    criteria = list(round.criteria.order_by("position"))
    fund_services.scores_record(
        by=admin, bid=conflicted, scores={c.pk: (3, comment) for c in criteria}
    )
    return [
        Canary(
            draft.title,
            "another organisation's draft bid",
            frozenset(NOT_OFFICERS),
            probes=(f"/funds/bids/{draft.pk}/",),
        ),
        Canary(
            submitted.title,
            "another organisation's bid",
            frozenset({SIGNED_OUT, "partner"}),
            probes=(f"/funds/bids/{submitted.pk}/",),
        ),
        Canary(
            awarded.title,
            "another organisation's grant, not yet published",
            frozenset({SIGNED_OUT, "partner"}),
            probes=(f"/funds/bids/{awarded.pk}/",),
        ),
        Canary(
            comment,
            "the assessment of a bid the person declared an interest in",
            frozenset(NOT_OFFICERS | {"officer"}),
            probes=(f"/funds/bids/{conflicted.pk}/",),
        ),
    ]


def plant_canaries(region: Any) -> list[Canary]:
    return [
        *_plant_proposal(region),
        *_plant_business_case(region),
        *_plant_papers(region),
        *_plant_bids(region),
    ]


def _client(role: str) -> Client:
    from remit.core.models import User

    client = Client(raise_request_exception=False)
    if role != SIGNED_OUT:
        client.force_login(User.objects.get(username=role))
    return client


def crawl_every_role(
    canaries: list[Canary],
    look_for: re.Pattern[str] | None = None,
    watch_too: tuple[str, ...] = (),
) -> dict[str, Crawl]:
    probes = [url for canary in canaries for url in canary.probes]
    watch = [canary.title for canary in canaries] + list(watch_too)
    crawls = {}
    for role in ROLES:
        seeds = [*SEEDS, *probes, *(["/admin/"] if role == "admin" else [])]
        crawls[role] = crawl(
            _client(role),
            role=role,
            seeds=seeds,
            watch=watch,
            look_for=look_for,
            max_pages=MAX_PAGES,
            per_route=PER_ROUTE,
        )
        found = crawls[role]
        print(
            f"crawl {role}: {found.requests} requests in {found.seconds:.1f}s, "
            f"{found.left_unvisited} left unvisited",
            file=sys.stderr,
        )
    return crawls


def write_report(path: Path, crawls: dict[str, Crawl]) -> None:
    """Every page each role reached, for reading when a check fails."""
    path.write_text(
        json.dumps(
            {
                role: {
                    "requests": found.requests,
                    "seconds": round(found.seconds, 1),
                    "left_unvisited": found.left_unvisited,
                    "pages": [
                        {**dataclasses.asdict(page), "shows": sorted(page.shows)}
                        for page in found.pages.values()
                    ],
                    "pressed": [
                        {**dataclasses.asdict(page), "shows": sorted(page.shows)}
                        for page in found.pressed.values()
                    ],
                }
                for role, found in crawls.items()
            },
            indent=1,
        )
    )


@pytest.fixture(scope="session")
def crawl_run(
    django_db_setup: Any,
    django_db_blocker: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> CrawlRun:
    from remit.demo import demo_load

    root = tmp_path_factory.mktemp("crawl")
    with (
        override_settings(
            MEDIA_ROOT=root / "media",
            CRIME_STORE=root / "crime",
            TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        report, _ = demo_load(region="west-midlands")
        canaries = plant_canaries(report.region)
        crawls = crawl_every_role(canaries)
        if os.environ.get("REMIT_CRAWL_REPORT"):
            write_report(Path(os.environ["REMIT_CRAWL_REPORT"]), crawls)
        transaction.set_rollback(True)
    return CrawlRun(crawls=crawls, canaries=canaries)


def northshire_proposal_titles() -> tuple[str, ...]:
    """The titles of the proposals the Northshire story beside its pack tells."""
    story = yaml.safe_load(NORTHSHIRE_STORY.read_text(encoding="utf-8"))
    return tuple(p["title"] for deal in story["deals"] for p in deal["proposals"])


@pytest.fixture(scope="session")
def any_region_crawl(
    django_db_setup: Any,
    django_db_blocker: Any,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Crawl]:
    """The fictional Northshire pack loaded by the demo as any new region would be, crawled
    as every role, looking on every page for the names of the regions Remit ships."""
    from remit.demo import demo_load

    root = tmp_path_factory.mktemp("crawl-any-region")
    with (
        override_settings(
            MEDIA_ROOT=root / "media",
            CRIME_STORE=root / "crime",
            TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        demo_load(region=str(NORTHSHIRE))
        crawls = crawl_every_role(
            [], look_for=matcher(region_terms()), watch_too=northshire_proposal_titles()
        )
        transaction.set_rollback(True)
    return crawls
