"""The registry journey in a real browser: sign in, browse a board, edit an organisation,
read its history, and see the public portal signed out — axe-core on every page."""

from typing import Any

import pytest
from django.urls import reverse
from journeys import sign_in

from remit.core.services.demo import demo_load

pytestmark = pytest.mark.e2e


@pytest.fixture
def west_midlands(transactional_db: Any) -> None:
    demo_load(region="west-midlands")


def test_officer_browses_edits_and_reads_history_then_public_sees_the_portal(
    page: Any, visit: Any, west_midlands: None
) -> None:
    sign_in(page, visit, "officer")
    visit(page, reverse("registry:home"))
    assert page.get_by_role("heading", name="West Midlands registry").is_visible()

    visit(page, reverse("registry:list", args=["boards"]))
    page.get_by_role("link", name="West Midlands Community Safety Partnership").click()
    page.wait_for_load_state()
    visit(page, page.url)
    members = page.locator("table").first.inner_text()
    assert "Office of the West Midlands Police and Crime Commissioner" in members
    assert "Chair" in members

    visit(page, reverse("registry:list", args=["organisations"]))
    page.get_by_label("Search organisations").fill("voluntary")
    page.get_by_label("Search organisations").press("Enter")
    page.wait_for_load_state()
    page.get_by_role("link", name="Voluntary and community sector").first.click()
    page.wait_for_load_state()
    visit(page, page.url)
    page.get_by_role("link", name="Edit organisation").click()
    page.wait_for_load_state()
    visit(page, page.url)
    page.get_by_label("Website").fill("https://voluntary.example.org")
    page.get_by_role("button", name="Save organisation").click()
    page.wait_for_load_state()
    assert "Organisation saved." in page.content()
    visit(page, page.url)

    page.get_by_role("link", name="History of changes").click()
    page.wait_for_load_state()
    visit(page, page.url)
    history = page.locator("table.remit-history").inner_text()
    assert "https://voluntary.example.org" in history
    assert "Olu Officer" in history

    page.locator("header").get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()

    visit(page, reverse("portal:home"))
    assert page.get_by_role("heading", name="West Midlands", exact=True).is_visible()
    visit(page, reverse("portal:boards"))
    visit(page, reverse("portal:board", args=["wmcsp"]))
    assert "Police and Crime Commissioner" in page.content()
    visit(page, reverse("portal:missions"))
    visit(page, reverse("registry:home"))
    assert "/accounts/login/" in page.url


def test_a_partner_is_told_why_it_cannot_edit_another_organisation(
    page: Any, visit: Any, west_midlands: None
) -> None:
    sign_in(page, visit, "partner")
    response = page.goto(reverse("registry:edit", args=["organisations", "wmca"]))
    assert response.status == 403
    assert "Partners can only edit their own organisation." in page.content()
