"""Each person is offered only what they can do: no link or button on any page they reach
answers "You cannot do this" (403) or asks them to sign in (401).

The crawl (conftest) signs in as every role, follows every link and search form on the
pages it reaches, and presses every button that posts somewhere else, in a savepoint that
is rolled back: the view's own permission rule answers, and nothing it does is kept.
"""

from __future__ import annotations

from urllib.parse import urljoin
from urllib.parse import urlsplit

import pytest
from crawler import ROLES
from crawler import SIGN_IN_PATH
from crawler import Crawl
from crawler import CrawlRun

pytestmark = pytest.mark.django_db

REFUSED = {401: "asks to sign in", 403: "refuses"}


def refused_buttons(found: Crawl) -> list[str]:
    refused = []
    for source in found.pages.values():
        for target in dict.fromkeys(source.buttons):
            pressed = found.pressed.get(target)
            if pressed is None:
                continue
            status = pressed.status
            if (
                pressed.location
                and urlsplit(urljoin(target, pressed.location)).path == SIGN_IN_PATH
            ):
                status = 401
            if status in REFUSED:
                refused.append(
                    f"offers a button on {source.url} to {target}, which {REFUSED[status]}"
                )
    return refused


def refused_links(found: Crawl) -> list[str]:
    refused = []
    for source in found.pages.values():
        for target in dict.fromkeys(source.links):
            landed = found.opened(target)
            if landed is not None and landed.status in REFUSED:
                refused.append(
                    f"links from {source.url} to {target}, which {REFUSED[landed.status]}"
                )
    return refused


@pytest.mark.parametrize("role", ROLES)
def test_a_person_is_offered_no_button_that_refuses_them(crawl_run: CrawlRun, role: str) -> None:
    assert refused_buttons(crawl_run.crawls[role]) == []


@pytest.mark.parametrize("role", ROLES)
def test_a_person_is_offered_no_link_that_refuses_them(crawl_run: CrawlRun, role: str) -> None:
    assert refused_links(crawl_run.crawls[role]) == []


@pytest.mark.parametrize("role", ROLES)
def test_the_crawl_presses_the_buttons_it_finds(crawl_run: CrawlRun, role: str) -> None:
    """A crawl that found no buttons would prove nothing about them."""
    found = crawl_run.crawls[role]
    if role == "signed out":
        assert found.pressed, "the public can subscribe to a board's meetings"
    else:
        assert any(page.status < 400 for page in found.pressed.values()), found.pressed
