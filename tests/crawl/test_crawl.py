"""Every role crawls the whole site: no server error, no leak, no link it cannot open.

Defects another change is fixing are listed once in KNOWN_DEFECTS: the crawl's checks
leave them out, and a strict expected failure per entry fails as soon as one is fixed,
so the entry is then removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from crawler import ROLES
from crawler import Crawl
from crawler import CrawlRun

pytestmark = pytest.mark.django_db

UNOPENABLE = {401: "asks to sign in", 403: "refused", 404: "not found"}


@dataclass(frozen=True)
class KnownDefect:
    role: str
    finding: str
    reason: str


KNOWN_DEFECTS: list[KnownDefect] = []


def leaks(run: CrawlRun, role: str) -> list[str]:
    found = run.crawls[role]
    return [
        f"shows {canary.what} on {page.url}"
        for canary in run.canaries
        if role in canary.hidden_from
        for page in found.pages.values()
        if canary.title in page.shows
    ]


def unopenable_links(found: Crawl) -> list[str]:
    broken = []
    for source in found.pages.values():
        for target in dict.fromkeys(source.links):
            landed = found.opened(target)
            if landed is not None and landed.status in UNOPENABLE:
                broken.append(
                    f"links from {source.url} to {target}, which {UNOPENABLE[landed.status]}"
                )
    return broken


def findings(run: CrawlRun, role: str) -> list[str]:
    found = run.crawls[role]
    return [*found.server_errors(), *leaks(run, role), *unopenable_links(found)]


def known(role: str, finding: str) -> bool:
    return any(d.role == role and re.search(d.finding, finding) for d in KNOWN_DEFECTS)


def _unknown(items: list[str], role: str) -> list[str]:
    return [item for item in items if not known(role, item)]


@pytest.mark.parametrize("role", ROLES)
def test_no_page_fails_with_a_server_error(crawl_run: CrawlRun, role: str) -> None:
    assert _unknown(crawl_run.crawls[role].server_errors(), role) == []


@pytest.mark.parametrize("role", ROLES)
def test_no_page_shows_a_record_the_role_must_not_see(crawl_run: CrawlRun, role: str) -> None:
    assert _unknown(leaks(crawl_run, role), role) == []


@pytest.mark.parametrize("role", ROLES)
def test_every_link_shown_leads_to_a_page_the_role_can_open(crawl_run: CrawlRun, role: str) -> None:
    assert _unknown(unopenable_links(crawl_run.crawls[role]), role) == []


@pytest.mark.parametrize("role", ROLES)
def test_the_crawl_reaches_the_site(crawl_run: CrawlRun, role: str) -> None:
    """A crawl that stops at the front door would prove nothing."""
    found = crawl_run.crawls[role]
    opened = [page for page in found.pages.values() if page.status == 200]
    assert len(opened) >= 30, [page.url for page in found.pages.values()]


@pytest.mark.parametrize("role", ROLES)
def test_the_crawl_visits_every_kind_of_page_it_finds(crawl_run: CrawlRun, role: str) -> None:
    """Nothing found is left unvisited by the page cap: the matrix is whole, not a sample."""
    assert crawl_run.crawls[role].left_unvisited == 0


def test_every_canary_is_seen_by_someone_allowed_to(crawl_run: CrawlRun) -> None:
    """Each planted record is on pages the crawl reaches, so its absence means something."""
    unseen = [
        canary.what
        for canary in crawl_run.canaries
        if not any(
            canary.title in page.shows
            for role, found in crawl_run.crawls.items()
            if role not in canary.hidden_from
            for page in found.pages.values()
        )
    ]
    assert unseen == []


@pytest.mark.parametrize(
    "defect",
    [
        pytest.param(defect, marks=pytest.mark.xfail(strict=True, reason=defect.reason))
        for defect in KNOWN_DEFECTS
    ],
    ids=[f"{d.role}: {d.reason[:60]}" for d in KNOWN_DEFECTS],
)
def test_known_defect_is_fixed(crawl_run: CrawlRun, defect: KnownDefect) -> None:
    """Fails while the defect is there; when it passes, remove the entry from KNOWN_DEFECTS."""
    still = [f for f in findings(crawl_run, defect.role) if re.search(defect.finding, f)]
    assert still == []
