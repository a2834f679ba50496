"""A region Remit has never seen (the fictional Northshire pack: two police forces, a joint
fund, an independent panel member, a context area and a route ending at its commissioner),
loaded by the demo from its file: every role crawls the whole site with no server error, and
no page names a region Remit ships."""

from __future__ import annotations

import pytest
from crawler import ROLES, Crawl

pytestmark = pytest.mark.django_db


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
