"""The public home in a real browser, signed out: from the home to a meeting, a decision, a
round open for bids and the board that recommends the fund — axe-core on every page."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from remit.core.models import Region
from remit.core.models import User
from remit.demo import demo_load
from remit.funding import services as funding_services
from remit.funding.models import Fund

pytestmark = pytest.mark.e2e


@pytest.fixture
def west_midlands(
    transactional_db: Any, settings: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> Region:
    """The demo (without the published figures), with a round open for bids from yesterday
    for a month."""
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setenv("REMIT_SHARED", str(tmp_path / "no-shared-data"))
    report, _ = demo_load(region="west-midlands")
    fund = Fund.objects.get(region=report.region, slug="community-safety-fund-2018-19")
    now = timezone.now()
    round = funding_services.round_create(
        by=User.objects.get(username="officer"),
        fund=fund,
        data={
            "slug": "summer-call",
            "title": "Summer call for bids",
            "opens_at": now - timedelta(days=1),
            "closes_at": now + timedelta(days=30),
            "eligibility": "Community safety partnerships and charities in the region.",
        },
    )
    funding_services.question_add(
        by=User.objects.get(username="officer"),
        round=round,
        data={"text": "What difference will the project make?"},
    )
    return report.region


def _follow(page: Any, visit: Any, section: str, link: str | None = None) -> str:
    """Open the first link (or the link named ``link``) in a section of the home."""
    visit(page, reverse("portal:public_home"))
    links = page.locator(f"section[aria-labelledby='{section}'] a.govuk-link")
    target = links.filter(has_text=link).first if link else links.first
    href = str(target.get_attribute("href"))
    visit(page, href)
    return href


def test_the_public_follows_the_home_to_meetings_decisions_funding_and_boards(
    page: Any, visit: Any, west_midlands: Region
) -> None:
    visit(page, reverse("portal:public_home"))
    for heading in (
        "Next meetings",
        "Latest decisions",
        "Recently published papers",
        "Funding open for bids",
        "Latest grants",
        "Headline figures",
    ):
        assert page.get_by_role("heading", name=heading).is_visible()
    search = page.locator("main").get_by_role("search")
    assert search.get_attribute("action") == "/search/"
    assert search.get_by_label("Search meetings, papers, decisions and grants").is_visible()

    href = _follow(page, visit, "next-meetings")
    assert href.startswith("/published/meetings/")
    assert page.get_by_role("heading", level=1).is_visible()

    href = _follow(page, visit, "latest-decisions")
    assert href.startswith("/published/meetings/decisions/")

    _follow(page, visit, "open-funding", "Summer call for bids")
    assert page.get_by_role("heading", name="Summer call for bids").is_visible()
    assert page.get_by_role("heading", name="How to apply").is_visible()
    assert page.get_by_text("What difference will the project make?").is_visible()

    page.get_by_role("link", name="West Midlands Community Safety Partnership").click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("portal:board", args=["wmcsp"]))

    _follow(page, visit, "boards", "West Midlands Community Safety Partnership")
    assert page.get_by_role("heading", name="Meetings", exact=True).is_visible()
    assert page.get_by_role("heading", name="Decisions", exact=True).is_visible()

    # The board that took the latest decision lists it on its own page.
    visit(page, reverse("portal:public_home"))
    latest = page.locator("section[aria-labelledby='latest-decisions'] tbody tr").first
    reference = latest.locator("a").first.inner_text().split(":")[0]
    visit(page, str(latest.locator("a").nth(1).get_attribute("href")))
    decisions = page.locator("#decisions + .remit-wide-table table")
    assert decisions.get_by_role("link", name=reference).is_visible()
