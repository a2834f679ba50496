"""Offered only what you can do, in a real browser with axe-core on every page: each role's
menu opens without a refusal, a board member is not offered to start a business case, and
a refusal points each person to the part of Remit they work in."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from journeys import sign_in

from remit.core.models import Region
from remit.demo import demo_load
from remit.proposals.models import Proposal
from remit.proposals.workflow import ready_for_business_case

pytestmark = pytest.mark.e2e


@pytest.fixture
def west_midlands(
    transactional_db: Any, settings: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> Region:
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setenv("REMIT_SHARED", str(tmp_path / "no-shared-data"))
    report, _ = demo_load(region="west-midlands")
    return report.region


def _menu(page: Any) -> list[str]:
    links = page.get_by_role("navigation", name="Menu").get_by_role("link")
    return [str(href) for href in links.evaluate_all("(links) => links.map((a) => a.href)")]


def every_menu_page_opens(page: Any, visit: Any) -> None:
    """visit() fails on any refusal, so each menu link must open for this person."""
    for href in _menu(page):
        visit(page, href)


def refused_at(page: Any, axe: Any, path: str) -> None:
    response = page.goto(path)
    assert response is not None
    assert response.status == 403
    assert page.get_by_role("heading", name="You cannot do this").is_visible()
    axe(page)


def test_a_partner_is_offered_its_own_work_and_pointed_back_to_it_when_refused(
    page: Any, visit: Any, axe: Any, west_midlands: Region
) -> None:
    sign_in(page, visit, "partner")
    every_menu_page_opens(page, visit)

    refused_at(page, axe, reverse("registry:create", args=["boards"]))
    assert page.get_by_role("link", name="Go to the registry").count() == 0
    page.get_by_role("link", name="See your organisation's bids and grants").click()
    page.wait_for_load_state()
    visit(page, page.url)
    assert page.url.endswith(reverse("funding:home"))


def test_a_board_member_is_not_offered_to_start_a_business_case(
    page: Any, visit: Any, axe: Any, west_midlands: Region
) -> None:
    ready = [
        p
        for p in Proposal.objects.filter(deal__region=west_midlands).order_by("pk")
        if ready_for_business_case(p.status, p.subject_to_business_case)
    ]
    assert ready, "the demo has a proposal ready for a business case"

    sign_in(page, visit, "officer")
    visit(page, reverse("proposals:detail", args=[ready[0].pk]))
    assert page.get_by_role("button", name="Start a business case").is_visible()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()

    sign_in(page, visit, "member")
    every_menu_page_opens(page, visit)
    visit(page, reverse("proposals:detail", args=[ready[0].pk]))
    assert page.get_by_role("button", name="Start a business case").count() == 0

    refused_at(page, axe, reverse("appraisal:create"))
    page.get_by_role("link", name="See your boards' meetings").click()
    page.wait_for_load_state()
    visit(page, page.url)
    assert page.url.endswith(reverse("meetings:home"))


def test_the_public_asked_to_sign_in_is_also_pointed_to_the_public_site(
    page: Any, visit: Any, axe: Any, west_midlands: Region
) -> None:
    visit(page, "/")
    every_menu_page_opens(page, visit)
    response = page.goto(reverse("registry:create", args=["boards"]))
    assert response is not None
    if response.status == 403:
        axe(page)
        page.get_by_role("link", name="Go to the public site").click()
    else:
        assert page.url.split("?")[0].endswith(reverse("login"))
        visit(page, reverse("portal:public_home"))
    page.wait_for_load_state()
    visit(page, page.url)
    assert page.url.endswith(reverse("portal:public_home"))
