"""The golden thread in a real browser: an officer goes from a grant to its mission's thread
and on to an indicator that shows who says they will move it; the public follows the
published thread to a grant and back — axe-core on every page."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from journeys import sign_in

from remit.core.models import Region
from remit.core.models import User
from thread.thread_support import Seeded
from thread.thread_support import seed

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery staple"


@pytest.fixture
def seeded(transactional_db: Any, region: Region, officer: User, partner: User) -> Seeded:
    return seed(region, officer, partner)


def _follow(page: Any, visit: Any, link: Any) -> str:
    """Click, then check the page it leads to; returns the address it landed on."""
    link.click()
    page.wait_for_load_state()
    landed = str(page.url)
    visit(page, landed.split("#")[0])
    return landed


def test_officer_follows_the_thread_from_a_grant_to_an_indicator(
    page: Any, visit: Any, seeded: Seeded, officer: User
) -> None:
    sign_in(page, visit, officer.username, PASSWORD)
    visit(page, reverse("funding:grant", args=[seeded.grant.pk]))
    landed = _follow(page, visit, page.get_by_role("link", name="Mission 11: Crime: golden thread"))
    assert landed.endswith(reverse("thread:mission", args=[11]) + f"#grant-{seeded.grant.pk}")
    main = page.locator("main")
    assert "Secret draft proposal" in main.inner_text()  # an officer sees drafts
    assert "Monitoring returns" in main.inner_text()

    heading = page.get_by_role("heading", name="Violent crime")
    _follow(page, visit, heading.get_by_role("link"))
    assert page.url.endswith(reverse("indicators:detail", args=["violent-crime"]))
    claims = page.get_by_role("link", name="Grant to Safe Streets Trust: Safer routes home")
    _follow(page, visit, claims.first)
    assert page.url.endswith(reverse("funding:grant", args=[seeded.grant.pk]))


def test_the_public_follows_the_published_thread_to_a_grant_and_back(
    page: Any, visit: Any, seeded: Seeded
) -> None:
    visit(page, reverse("thread_public:mission", args=[11]))
    text = page.locator("main").inner_text()
    assert "Violence reduction unit" in text
    for unpublished in (
        "Secret draft proposal",
        "Draft case for the mission",
        "Unpublished grant project",
        "CSP/2024/9",
        "Draft measure of harm",
    ):
        assert unpublished not in text
    heading = page.get_by_role("heading", name="Safer routes home")
    _follow(page, visit, heading.get_by_role("link"))
    assert page.url.endswith(reverse("funding_public:detail", args=[seeded.grant.pk]))
    landed = _follow(page, visit, page.get_by_role("link", name="Mission 11: Crime: golden thread"))
    assert landed.endswith(
        reverse("thread_public:mission", args=[11]) + f"#grant-{seeded.grant.pk}"
    )
