"""A region Remit has never seen (the fictional Northshire pack: two police forces, a joint
fund, an independent panel member, a context area and a route ending at its commissioner),
loaded by the demo from its file with the proposals story beside it: every role crawls the whole
site with no server error, no page names a region Remit ships, and the story's proposals and
decisions are among the pages."""

from __future__ import annotations

import pytest
from crawler import ROLES
from crawler import SIGNED_OUT
from crawler import Crawl
from crawler import Page
from django.urls import reverse

pytestmark = pytest.mark.django_db

# The proposals of the story beside the Northshire pack (tests/regions/fixtures/demo/northshire).
STORY_TITLES = {
    "Neighbourhood safety fund",
    "Youth diversion hubs",
    "Rural crime prevention pilot",
    "Victim support across Northshire",
    "Safer routes to school",
}


@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_a_new_region_answers(any_region_crawl: dict[str, Crawl], role: str) -> None:
    found = any_region_crawl[role]
    assert found.requests > 10, f"{role} reached only {found.requests} pages"
    assert found.server_errors() == []


@pytest.mark.parametrize("role", ROLES)
def test_no_page_of_a_new_region_names_a_shipped_region(
    any_region_crawl: dict[str, Crawl], role: str
) -> None:
    named = sorted(
        f"{page.url} says {', '.join(sorted(page.says))}"
        for page in any_region_crawl[role].pages.values()
        if page.says
    )
    assert named == []


def _opened(crawl: Crawl, route: str) -> list[Page]:
    return [page for page in crawl.pages.values() if page.route == route and page.status == 200]


@pytest.mark.parametrize(
    ("role", "detail"),
    [("officer", "proposals:detail"), (SIGNED_OUT, "published_proposals:detail")],
)
def test_a_new_region_shows_the_proposals_of_its_own_story(
    any_region_crawl: dict[str, Crawl], role: str, detail: str
) -> None:
    found = any_region_crawl[role]
    proposals = _opened(found, detail)
    decisions = found.opened(reverse("meetings_public:decisions"))

    assert proposals, f"{role} opened no proposal"
    assert decisions is not None, f"{role} never opened the decisions page"
    assert decisions.status == 200
    for page in proposals:
        assert page.shows & STORY_TITLES, f"{page.url} shows no proposal of the story"
        assert page.says == set()
    # The public list holds decisions taken at meetings or alone: here, the commissioner's.
    assert decisions.shows == {"Safer routes to school"}
    assert decisions.says == set()
