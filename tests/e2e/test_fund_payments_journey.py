"""Paying a grant and setting up next year's fund in a real browser, axe-core on every page.

The officer records a payment against an instalment of a demo grant and the grant shows the
instalment as paid; then sets up next year's fund from this year's, carrying its adopted
scenario forward.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from journeys import sign_in

from remit.funding.demo import demo_load
from remit.funding.models import Fund
from remit.funding.models import Grant

pytestmark = pytest.mark.e2e


@pytest.fixture
def fund(transactional_db: Any, settings: Any, tmp_path: Path) -> Fund:
    settings.MEDIA_ROOT = tmp_path / "media"
    from remit.core.services.demo import demo_load as base

    region = base(region="west-midlands")[0].region
    demo_load(region)
    return region.funds.get()


def _follow(page: Any, visit: Any, name: str) -> None:
    page.get_by_role("link", name=name).first.click()
    page.wait_for_load_state()
    visit(page, page.url.split("#")[0])


def test_an_officer_records_a_payment_and_the_grant_shows_it_paid(
    page: Any, visit: Any, fund: Fund
) -> None:
    grant = Grant.all_objects.filter(bid__round__fund=fund).order_by("pk").first()
    third = grant.instalments.order_by("due_on")[2]
    sign_in(page, visit, "officer")
    visit(page, reverse("funding:grant", args=[grant.pk]))
    row = page.locator(
        "#payments ~ .remit-wide-table table tbody tr", has_text=f"{third.due_on:%-d %B %Y}"
    ).first
    assert "Not paid" in row.inner_text()
    _follow(page, visit, f"Record a payment against the instalment due on {third.due_on:%-d %B %Y}")
    pounds = f"{third.amount_pence // 100}.{third.amount_pence % 100:02d}"
    page.get_by_label("Amount paid (£)").fill(f"£{third.amount_pence // 100 + 1:,}")
    page.get_by_label("Date paid").fill(third.due_on.isoformat())
    page.get_by_label("Payment reference").fill("PAY-E2E-1")
    page.get_by_role("button", name="Record the payment").click()
    page.wait_for_load_state()
    assert "more than is left to pay" in page.locator(".govuk-error-summary").inner_text()
    visit(page, page.url)
    page.get_by_label("Amount paid (£)").fill(pounds)
    page.get_by_label("Date paid").fill(third.due_on.isoformat())
    page.get_by_label("Payment reference").fill("PAY-E2E-1")
    page.get_by_role("button", name="Record the payment").click()
    page.wait_for_load_state()
    visit(page, reverse("funding:grant", args=[grant.pk]))
    main = page.locator("main").inner_text()
    assert "reference PAY-E2E-1" in main
    row = page.locator(
        "#payments ~ .remit-wide-table table tbody tr", has_text=f"{third.due_on:%-d %B %Y}"
    ).first
    assert "Paid" in row.inner_text()
    assert "Not paid" not in row.inner_text()
    visit(page, reverse("funding:grants"))


def test_an_officer_sets_up_next_years_fund_from_this_years(
    page: Any, visit: Any, fund: Fund
) -> None:
    sign_in(page, visit, "officer")
    visit(page, reverse("funding:fund", args=[fund.slug]))
    _follow(page, visit, "Set up next year's fund")
    assert page.get_by_label("Name of next year's fund").input_value() == (
        "Community Safety Fund 2019/20"
    )
    page.get_by_label("Next year's budget (£)").fill("£3,900,000")
    page.get_by_role("button", name="Set up next year's fund").click()
    page.wait_for_load_state()
    made = Fund.objects.get(previous=fund)
    assert page.url.endswith(reverse("funding:fund", args=[made.slug]))
    visit(page, page.url)
    main = page.locator("main").inner_text()
    assert "Community Safety Fund 2019/20" in main
    assert "Set up from Community Safety Fund 2018/19" in main
    assert made.scenarios.count() == 1
    visit(page, reverse("funding:scenarios", args=[made.slug]))
