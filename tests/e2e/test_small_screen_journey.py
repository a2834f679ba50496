"""Every page with a table fits a 375 px phone, axe-core on every page.

A table wider than the screen scrolls inside its own region (named, and reachable by
keyboard), never the page; money columns are never cut off; the wide tables say that
they scroll and keep their first column in view.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse
from journeys import sign_in

from remit.appraisal.models import BusinessCase
from remit.core.models import Region
from remit.demo import demo_load
from remit.funding.models import Bid
from remit.funding.models import Grant
from remit.funding.models import Round
from remit.meetings.models import Meeting
from remit.proposals.models import Proposal
from remit.registry.views import ENTITIES

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 812}

# What the page shows: every table that does not fit the screen, every cell of an
# Amount column that is neither on the screen nor in a named scroll region, and how
# wide the document is.
MEASURE = """() => {
  const width = window.innerWidth;
  const labelled = (el) => {
    const region = el.closest('[role="region"][tabindex="0"]');
    return region && (region.getAttribute("aria-label") || region.getAttribute("aria-labelledby"))
      ? region : null;
  };
  const onScreen = (el) => {
    const box = el.getBoundingClientRect();
    return box.left >= 0 && box.right <= width + 0.5;
  };
  const loose = [];
  const cutOff = [];
  for (const table of document.querySelectorAll("main table")) {
    const name = (table.caption ? table.caption.textContent : table.className).trim().slice(0, 60);
    if (!onScreen(table) && !labelled(table)) loose.push(name);
    const headers = [...table.querySelectorAll("thead tr:last-child > *")];
    headers.forEach((header, index) => {
      if (!/amount/i.test(header.textContent)) return;
      for (const row of table.querySelectorAll("tbody tr")) {
        const cell = row.children[index];
        if (cell && row.children.length === headers.length && !onScreen(cell) && !labelled(cell)) {
          cutOff.push(`${name}: ${cell.textContent.trim()}`);
        }
      }
    });
  }
  return {scrollWidth: document.documentElement.scrollWidth, loose, cutOff};
}"""


@pytest.fixture
def west_midlands(
    transactional_db: Any, settings: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> Region:
    """The whole demo, without the published figures (the tables are the same shape)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setenv("REMIT_SHARED", str(tmp_path / "no-shared-data"))
    report, _ = demo_load(region="west-midlands")
    return report.region


@pytest.fixture
def phone(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    yield context.new_page()
    context.close()


def fits_the_phone(page: Any, visit: Any, path: str) -> None:
    visit(page, path)
    found = page.evaluate(MEASURE)
    assert found["scrollWidth"] <= PHONE["width"], f"{path} scrolls sideways: {found}"
    assert found["loose"] == [], f"{path} has tables wider than the screen: {found}"
    assert found["cutOff"] == [], f"{path} cuts off amounts: {found}"


def _officer_pages(region: Region) -> list[str]:
    round = Round.objects.filter(fund__region=region).order_by("pk").first()
    assert round is not None
    grant = Grant.objects.order_by("pk").first()
    bid = Bid.objects.filter(round=round).order_by("pk").first()
    case = BusinessCase.objects.order_by("pk").first()
    meeting = Meeting.objects.filter(board__region=region).order_by("-date").first()
    proposal = Proposal.objects.filter(deal__region=region).order_by("pk").first()
    assert grant
    assert bid
    assert case
    assert meeting
    assert proposal
    return [
        "/",
        reverse("registry:home"),
        *[reverse("registry:list", args=[name]) for name in ENTITIES],
        reverse("proposals:register"),
        reverse("proposals:coverage"),
        reverse("proposals:deals"),
        reverse("proposals:detail", args=[proposal.pk]),
        reverse("meetings:home"),
        reverse("meetings:compliance"),
        reverse("meetings:forward_plan"),
        reverse("meetings:meeting", args=[meeting.pk]),
        reverse("appraisal:list"),
        reverse("appraisal:detail", args=[case.pk]),
        reverse("funding:home"),
        reverse("funding:grants"),
        reverse("funding:round", args=[round.pk]),
        reverse("funding:bids", args=[round.pk]),
        reverse("funding:bid", args=[bid.pk]),
        reverse("funding:grant", args=[grant.pk]),
        reverse("indicators:home"),
        reverse("indicators:results"),
        reverse("portal:boards"),
    ]


PUBLIC_PAGES = [
    "/public/",
    "/published/proposals/",
    "/published/meetings/",
    "/published/meetings/decisions/",
    "/published/meetings/forward-plan/",
    "/published/business-cases/",
    "/published/grants/",
    "/published/indicators/",
    "/boards/",
]


def test_every_page_with_a_table_fits_a_phone_for_the_public(
    phone: Any, visit: Any, west_midlands: Region
) -> None:
    for path in PUBLIC_PAGES:
        fits_the_phone(phone, visit, path)


def test_every_page_with_a_table_fits_a_phone_for_an_officer(
    phone: Any, visit: Any, west_midlands: Region
) -> None:
    sign_in(phone, visit, "officer")
    for path in _officer_pages(west_midlands):
        fits_the_phone(phone, visit, path)


def test_a_partner_sees_its_bids_and_their_amounts_on_a_phone(
    phone: Any, visit: Any, west_midlands: Region
) -> None:
    sign_in(phone, visit, "partner")
    fits_the_phone(phone, visit, reverse("funding:home"))
    fits_the_phone(phone, visit, "/")


def _overflows(region: Any) -> bool:
    return bool(region.evaluate("(el) => el.scrollWidth > el.clientWidth"))


def scrolls_with_its_first_column_in_view(page: Any, region: Any, path: str) -> None:
    region.focus()
    assert region.evaluate("(el) => el === document.activeElement")
    first = region.locator("tbody tr").first.locator("> *").first
    before = first.bounding_box()
    region.evaluate("(el) => { el.scrollLeft = el.scrollWidth; }")
    assert region.evaluate("(el) => el.scrollLeft") > 0, f"{path}: the table does not scroll"
    after = first.bounding_box()
    assert before is not None
    assert after is not None
    assert abs(after["x"] - before["x"]) < 1, f"{path}: the first column scrolled away"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_wide_table_says_it_scrolls_and_keeps_its_first_column_in_view(
    phone: Any, visit: Any, west_midlands: Region
) -> None:
    """The cue shows exactly while a table is wider than its region; the coverage matrix
    always is on a phone, and so is at least one table of an appraised business case."""
    sign_in(phone, visit, "officer")
    case = BusinessCase.objects.exclude(appraisal_runs=None).order_by("pk").first()
    assert case is not None, "the demo has an appraised business case"
    for path in (reverse("proposals:coverage"), reverse("appraisal:detail", args=[case.pk])):
        visit(phone, path)
        regions = phone.locator(".remit-wide-table__scroll")
        wide = []
        for index in range(regions.count()):
            region = regions.nth(index)
            assert region.get_attribute("role") == "region"
            assert region.get_attribute("aria-label") or region.get_attribute("aria-labelledby")
            cue = region.locator("xpath=..").get_by_text("Scroll sideways to see every column.")
            if not region.is_visible():
                continue
            assert cue.is_visible() == _overflows(region), f"{path}: table {index + 1}"
            if _overflows(region):
                wide.append(region)
        assert wide, f"{path}: no table is wider than a phone"
        scrolls_with_its_first_column_in_view(phone, wide[0], path)
