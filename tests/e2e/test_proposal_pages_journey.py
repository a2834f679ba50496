"""From a proposal's own page, in a real browser: an officer records engagement on a proposal
agreed in principle subject to a business case, then starts that business case, which takes
the proposal's missions — axe-core on every page."""

from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from journeys import sign_in

from remit.core.models import GovernanceRoute
from remit.core.models import Mission
from remit.core.models import Region
from remit.core.models import Workstream
from remit.core.services.demo import demo_load
from remit.proposals.models import Deal
from remit.proposals.models import EngagementSession
from remit.proposals.models import MissionAlignment
from remit.proposals.models import Proposal

pytestmark = pytest.mark.e2e

TITLE = "Regional violence reduction partnership"
SESSION = "Consultation with community groups"


@pytest.fixture
def agreed_in_principle(transactional_db: Any) -> Proposal:
    demo_load(region="west-midlands")
    region = Region.objects.get(slug="west-midlands")
    deal = Deal.objects.create(
        region=region,
        slug="trailblazer",
        name="Trailblazer Devolution Deal",
        route=GovernanceRoute.objects.get(region=region, slug="tdd-position-paper"),
    )
    workstream = Workstream.objects.filter(theme__region=region).order_by("pk").first()
    proposal = Proposal.all_objects.create(
        deal=deal,
        workstream=workstream,
        title=TITLE,
        summary="Police, health, education and youth services working as one.",
        ask_type="funding",
        amount_pence=1_500_000_000,
        years_from="2023/24",
        years_to="2025/26",
        form_of_devolution="single",
        stage="deliver",
        status="agreed_in_principle",
        outcome="agreed_in_principle",
        outcome_on=date(2023, 3, 15),
        subject_to_business_case=True,
    )
    MissionAlignment.objects.create(
        proposal=proposal,
        mission=Mission.objects.get(region=region, number=11),
        strength="primary",
        rationale="Fewer people are hurt by serious violence.",
    )
    EngagementSession.objects.create(
        deal=deal,
        workstream=workstream,
        kind="consultation",
        title=SESSION,
        held_on=date(2023, 4, 20),
        stage="deliver",
    )
    return proposal


def _follow(page: Any, visit: Any, name: str) -> None:
    """Follow a link or a link styled as a button, then scan the page it leads to."""
    page.get_by_role("link", name=name).or_(page.get_by_role("button", name=name)).first.click()
    page.wait_for_load_state()
    visit(page, page.url)


def _submit(page: Any, visit: Any, button: str) -> str:
    """Press a button; return the page it leads to (with its one-off message), then scan it."""
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    landed = page.locator("main").inner_text()
    visit(page, page.url)
    return landed


def test_officer_records_engagement_and_starts_the_business_case_from_the_proposal_page(
    page: Any, visit: Any, agreed_in_principle: Proposal
) -> None:
    proposal = agreed_in_principle
    detail = reverse("proposals:detail", args=[proposal.pk])
    sign_in(page, visit, "officer")
    visit(page, detail)
    assert "Where it stands now: Agreed in principle by government on 15 March 2023." in (
        page.locator("main").inner_text()
    )

    _follow(page, visit, "Record engagement")
    assert page.get_by_label("About the proposal").input_value() == str(proposal.pk)
    page.get_by_label("Engagement session").select_option(
        label=f"{SESSION} (consultation, 20 April 2023)"
    )
    page.get_by_label("Feedback", exact=True).fill("Youth workers want evening hours funded.")
    landed = _submit(page, visit, "Save feedback")
    assert page.url.endswith(detail)
    assert "Engagement recorded." in landed
    assert "Youth workers want evening hours funded." in landed

    _follow(page, visit, "Start a business case")
    assert page.get_by_label("Title").input_value() == TITLE
    assert "Mission 11: Crime" in page.locator("main").inner_text()
    landed = _submit(page, visit, "Start the business case")
    assert "Business case started." in landed
    assert "Mission 11: Crime" in landed
    assert TITLE in landed
