"""The proposals journey in a real browser: an officer adds a proposal, aligns it to missions,
takes it through two forums with a referral back between them, publishes it, and the public
sees the result signed out — axe-core on every page."""

from typing import Any

import pytest
from django.urls import reverse
from journeys import sign_in

from remit.core.models import GovernanceRoute
from remit.core.models import Region
from remit.core.services.demo import demo_load
from remit.proposals.models import Deal
from remit.proposals.models import Proposal

pytestmark = pytest.mark.e2e

TITLE = "Regional youth diversion fund"


@pytest.fixture
def west_midlands(transactional_db: Any) -> None:
    demo_load(region="west-midlands")
    region = Region.objects.get(slug="west-midlands")
    Deal.objects.create(
        region=region,
        slug="trailblazer",
        name="Trailblazer Devolution Deal",
        route=GovernanceRoute.objects.get(region=region, slug="tdd-position-paper"),
    )


def _submit(page: Any, visit: Any, button: str) -> str:
    """Press a button; return the page it leads to (with its one-off message), then scan it."""
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    landed = page.locator("main").inner_text()
    visit(page, page.url)
    return landed


def _decide(page: Any, visit: Any, proposal: Proposal, outcome: str, reasons: str = "") -> None:
    visit(page, reverse("proposals:decision_new", args=[proposal.pk]))
    page.get_by_label(outcome, exact=True).check()
    page.get_by_label("Decided on").fill("2022-08-04")
    page.get_by_label("Meeting reference").fill("Agenda item 5")
    if reasons:
        page.get_by_label("Reasons").fill(reasons)
    _submit(page, visit, "Record decision")


def test_officer_takes_a_proposal_through_two_forums_and_the_public_sees_it(
    page: Any, visit: Any, west_midlands: None
) -> None:
    sign_in(page, visit, "officer")
    visit(page, reverse("proposals:register"))
    page.get_by_role("link", name="Add a proposal").click()
    page.wait_for_load_state()
    visit(page, page.url)
    page.get_by_label("Workstream").select_option(
        label="Building social capital: Crime, community safety and resilience"
    )
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Summary").fill("A pooled fund that reaches community groups.")
    page.get_by_label("Funding", exact=True).check()
    page.get_by_label("Amount asked for, in pounds").fill("15000000")
    page.get_by_label("First financial year").fill("2023/24")
    page.get_by_label("Last financial year").fill("2025/26")
    page.get_by_label("Triple devolution").check()
    page.get_by_label("Define", exact=True).check()
    page.get_by_label("Home Office").check()
    _submit(page, visit, "Add proposal")
    assert page.get_by_role("heading", name=TITLE).is_visible()
    proposal = Proposal.all_objects.get(title=TITLE)

    page.get_by_role("link", name="Align to missions").click()
    page.wait_for_load_state()
    visit(page, page.url)
    for mission, strength, rationale in [
        ("Mission 11: Crime", "Primary", "Fewer children are drawn into serious violence."),
        ("Mission 5: Education", "Secondary", "Children diverted early stay in school."),
    ]:
        page.get_by_label("Mission", exact=True).select_option(label=mission)
        page.get_by_label(strength).check()
        page.get_by_label("Rationale").fill(rationale)
        _submit(page, visit, "Save alignment")
    assert "Fewer children are drawn into serious violence." in page.content()
    visit(page, reverse("proposals:coverage"))
    row = page.get_by_role("row").filter(has_text=TITLE).inner_text()
    assert row.split() == [*TITLE.split(), "Secondary", "Primary"]

    visit(page, reverse("proposals:detail", args=[proposal.pk]))
    sent = _submit(page, visit, "Send to the first forum")
    assert f"Sent to {_forum(proposal, 1)}." in sent

    _decide(page, visit, proposal, "Endorsed")
    _decide(page, visit, proposal, "Referred back", reasons="Show the grant baselines first.")
    assert "Show the grant baselines first." in page.content()

    _submit(page, visit, f"Send to {_forum(proposal, 2)} again")
    _decide(page, visit, proposal, "Endorsed")
    published = _submit(page, visit, "Publish")
    assert "Published: it now appears on the public site." in published

    page.locator("header").get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()

    visit(page, reverse("published_proposals:list"))
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_load_state()
    visit(page, page.url)
    body = page.locator("main").inner_text()
    assert "Referred back on 4 August 2022" in body
    assert "Show the grant baselines first." in body
    assert "Fewer children are drawn into serious violence." in body
    assert "In governance" in body


def _forum(proposal: Proposal, step: int) -> str:
    return proposal.deal.route.steps.select_related("board").get(position=step).board.name
