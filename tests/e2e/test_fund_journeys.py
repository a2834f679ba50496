"""The community safety fund in a real browser, axe-core on every page.

The partner drafts a bid, attaches a file, submits it and sees only its own bids. The officer
compares scenarios, scores a bid, reads moderation and the suggested package and records the
partnership's recommendation; the commissioner records the determination; the officer sets
the grant up and publishes it on the public register.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from journeys import demo_round
from journeys import sign_in
from journeys import sign_out
from journeys import submitted_bid

from remit.funding.models import Bid
from remit.funding.models import Grant
from remit.funding.models import Round

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def open_round(transactional_db: Any, settings: Any, tmp_path: Path) -> Round:
    settings.MEDIA_ROOT = tmp_path / "media"
    return demo_round(criteria=("Fit with the plan", "Value for money"))


def _go(page: Any, visit: Any, name: str, *, role: str = "link") -> None:
    page.get_by_role(role, name=name, exact=True).first.click()
    page.wait_for_load_state()
    visit(page, page.url.split("#")[0])


def test_partner_drafts_attaches_and_submits_and_sees_only_its_own_bids(
    page: Any, visit: Any, open_round: Round, tmp_path: Path
) -> None:
    sign_in(page, visit, "partner")
    visit(page, reverse("funding:home"))
    _go(page, visit, "In-year round")
    _go(page, visit, "Start a bid")
    page.get_by_label("Project title").fill("Victim navigators in Walsall")
    page.get_by_label("Summary").fill("Volunteers who guide victims through the justice system.")
    page.get_by_label("Lead area").select_option(label="Walsall (E08000030)")
    page.get_by_label("Making communities safer").check()
    page.get_by_label("Amount asked for in 2018/19 (£)").fill("25,000")
    page.get_by_label("1. What is the need?").fill("Victims drop out of cases.")
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_load_state()
    assert "Draft bid saved" in page.content()
    visit(page, page.url)

    _go(page, visit, "Add an outcome")
    page.get_by_label("Outcome").fill("Victims stay with their case")
    page.get_by_label("How it will be measured").fill("Cases reaching court")
    page.get_by_role("button", name="Add an outcome").click()
    page.wait_for_load_state()

    _go(page, visit, "Attach a file")
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(PDF)
    page.get_by_label("File").set_input_files(str(pdf))
    page.get_by_role("button", name="Attach the file").click()
    page.wait_for_load_state()
    assert "plan.pdf attached" in page.content()
    visit(page, page.url.split("#")[0])

    _go(page, visit, "Submit the bid")
    page.get_by_role("button", name="Submit the bid").click()
    page.wait_for_load_state()
    assert "Bid submitted" in page.content()
    visit(page, page.url)
    bid = Bid.objects.get(title="Victim navigators in Walsall")
    assert bid.attachments.get().name == "plan.pdf"

    visit(page, reverse("funding:bids", args=[open_round.pk]))
    listing = page.locator("main").inner_text()
    assert "Victim navigators in Walsall" in listing
    visit(page, reverse("funding:home"))
    mine = page.locator("main").inner_text()
    assert "Victim support navigators across the Black Country" in mine
    assert "Knife crime prevention" not in mine
    other = Bid.objects.exclude(organisation=bid.organisation).first()
    assert page.goto(reverse("funding:bid", args=[other.pk])).status == 404


def test_officer_scores_and_recommends_the_commissioner_decides_and_the_grant_is_published(
    page: Any, visit: Any, open_round: Round
) -> None:
    bid = submitted_bid(open_round)
    sign_in(page, visit, "officer")
    fund = open_round.fund
    visit(page, reverse("funding:fund", args=[fund.slug]))
    _go(page, visit, "Allocation scenarios (2) compared side by side")
    page.locator("[data-vega-spec] svg").first.wait_for()
    assert "What-if table" in page.content()

    visit(page, reverse("funding:bid", args=[bid.pk]))
    _go(page, visit, "Score the bid")
    for criterion in ("Fit with the plan", "Value for money"):
        group = page.get_by_role("group", name=f"{criterion} (weight 1)")
        group.get_by_label("4", exact=True).check()
    page.get_by_role("button", name="Save the scores").click()
    page.wait_for_load_state()
    assert "Scores saved" in page.content()

    visit(page, reverse("funding:round", args=[open_round.pk]))
    visit(page, reverse("funding:moderation", args=[open_round.pk]))
    visit(page, reverse("funding:package", args=[open_round.pk]))
    assert "Coventry street triage" in page.locator("table").first.inner_text()

    visit(page, reverse("funding:recommend", args=[bid.pk]))
    page.get_by_label("Fund in full").check()
    page.get_by_label("Reasons").fill("Strong evidence; good value.")
    page.get_by_role("button", name="Record the recommendation").click()
    page.wait_for_load_state()
    assert "Recommendation recorded" in page.content()
    sign_out(page)

    sign_in(page, visit, "commissioner")
    visit(page, reverse("funding:bid", args=[bid.pk]))
    _go(page, visit, "Record the determination")
    page.get_by_label("Fund in part").check()
    page.get_by_label("Amount to fund (£)").fill("30000")
    page.get_by_label("Reasons").fill("Three quarters now; the rest when the pilot reports.")
    page.get_by_role("button", name="Record the determination").click()
    page.wait_for_load_state()
    assert "Determination recorded" in page.content()
    sign_out(page)

    sign_in(page, visit, "officer")
    grant = Grant.all_objects.get(bid=bid)
    visit(page, reverse("funding:grant_agreement", args=[grant.pk]))
    page.get_by_label("Agreement starts").fill("2018-04-01")
    page.get_by_label("Agreement ends").fill("2019-03-31")
    page.get_by_role("button", name="Save the agreement").click()
    page.wait_for_load_state()
    visit(page, reverse("funding:grant_schedule", args=[grant.pk]))
    page.get_by_label("Instalments").fill("2018-04-30, 20000\n2018-10-31, 10000")
    page.get_by_role("button", name="Save the schedule").click()
    page.wait_for_load_state()
    visit(page, reverse("funding:grant", args=[grant.pk]))
    page.get_by_role("button", name="Publish on the grants register").click()
    page.wait_for_load_state()
    assert "Grant published" in page.content()
    visit(page, reverse("funding:grants"))
    sign_out(page)

    visit(page, reverse("funding_public:home"))
    assert "Coventry street triage" in page.locator("main").inner_text()
    visit(page, reverse("funding_public:detail", args=[grant.pk]))
    assert "to fund in part" in page.locator("main").inner_text()
