"""Governance routes in a real browser: an officer adds a route, is told when a step repeats,
reads the route and its history, then deletes it; retires a route in use, giving a reason,
and reinstates it — axe-core on every page."""

from typing import Any

import pytest
from django.urls import reverse
from journeys import sign_in

from remit.core.services.demo import demo_load

pytestmark = pytest.mark.e2e


@pytest.fixture
def west_midlands(transactional_db: Any) -> None:
    demo_load(region="west-midlands")


def test_officer_adds_reads_and_deletes_a_governance_route(
    page: Any, visit: Any, west_midlands: None
) -> None:
    sign_in(page, visit, "officer")
    visit(page, reverse("registry:home"))
    page.get_by_role("link", name="Governance routes").first.click()
    page.wait_for_load_state()
    visit(page, page.url)
    assert "Trailblazer deal position paper" in page.locator("table").inner_text()

    page.get_by_role("link", name="Add a governance route").click()
    page.wait_for_load_state()
    visit(page, page.url)
    page.get_by_label("Name", exact=True).fill("Safety route")
    page.get_by_label("Short name").fill("safety-route")
    page.get_by_label("Step 1", exact=True).select_option(label="Devolution Strategy Group")
    page.get_by_label("Step 2 (optional)", exact=True).select_option(
        label="Devolution Strategy Group"
    )
    page.get_by_label("Final board (optional)").select_option(label="WMCA Board")
    page.get_by_role("button", name="Save route").click()
    page.wait_for_load_state()
    assert "Step 2: Devolution Strategy Group is already step 1." in page.content()

    page.get_by_label("Step 2 (optional)", exact=True).select_option(label="Met Leaders Group")
    page.get_by_role("button", name="Save route").click()
    page.wait_for_load_state()
    assert "Governance route saved." in page.content()
    visit(page, page.url)
    steps = page.locator("ol").first.inner_text()
    assert steps.index("Devolution Strategy Group") < steps.index("Met Leaders Group")

    page.get_by_role("link", name="History of changes").click()
    page.wait_for_load_state()
    visit(page, page.url)
    assert "Olu Officer" in page.locator("table.remit-history").inner_text()

    visit(page, reverse("registry:route", args=["safety-route"]))
    page.get_by_role("link", name="Delete route").click()
    page.wait_for_load_state()
    visit(page, page.url)
    page.get_by_role("button", name="Delete route").click()
    page.wait_for_load_state()
    assert "Safety route deleted." in page.content()


def test_officer_retires_a_route_in_use_and_reinstates_it(
    page: Any, visit: Any, axe: Any, west_midlands: None
) -> None:
    sign_in(page, visit, "officer")
    visit(page, reverse("registry:route", args=["tdd-position-paper"]))
    page.get_by_role("link", name="Retire route").click()
    page.wait_for_load_state()
    visit(page, page.url)
    page.get_by_role("button", name="Retire route").click()
    page.wait_for_load_state()
    assert "Enter why the route is being retired." in page.content()
    axe(page)

    page.get_by_label("Why is the route being retired?").fill("Replaced by the new boards")
    page.get_by_role("button", name="Retire route").click()
    page.wait_for_load_state()
    assert "Trailblazer deal position paper retired." in page.content()
    visit(page, page.url)
    assert "Retired on" in page.locator("main").inner_text()
    assert "Replaced by the new boards" in page.locator("main").inner_text()

    visit(page, reverse("registry:routes"))
    row = page.get_by_role("row").filter(has_text="Trailblazer deal position paper")
    assert "Retired" in row.inner_text()

    visit(page, reverse("registry:route", args=["tdd-position-paper"]))
    page.get_by_role("button", name="Reinstate route").click()
    page.wait_for_load_state()
    assert "Trailblazer deal position paper reinstated." in page.content()
    visit(page, page.url)
    assert "In use" in page.locator("main").inner_text()
