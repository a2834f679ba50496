"""Your work in a real browser, axe-core on every page.

Signing in lands each person on their own work. The commissioner follows a recommendation to
its determination form, records it, and the recommendation leaves the list; the officer
follows a held meeting to its minutes, drafts them, and the meeting leaves the list; a
partner sees only its own organisation's bids.
"""

from __future__ import annotations

from datetime import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from journeys import demo_round
from journeys import sign_in
from journeys import sign_out
from journeys import submitted_bid

from remit.core.models import User
from remit.funding import services
from remit.funding.models import Bid
from remit.meetings.models import Meeting


def _lands_on_your_work(page: Any, visit: Any) -> None:
    assert page.get_by_role("heading", level=1).inner_text() == "Your work"
    visit(page, "/")


pytestmark = pytest.mark.e2e


@pytest.fixture
def recommended(transactional_db: Any, settings: Any, tmp_path: Path) -> Bid:
    """The demo region and fund, with a bid the partnership has recommended."""
    settings.MEDIA_ROOT = tmp_path / "media"
    round = demo_round(criteria=("Fit",))
    bid = submitted_bid(round)
    services.recommendation_record(
        by=User.objects.get(username="officer"),
        bid=bid,
        outcome="fund_in_full",
        reasons="Strong evidence.",
        recommended_on=timezone.localdate() - timedelta(days=3),
    )
    return Bid.all_objects.get(pk=bid.pk)


def _section(page: Any, title: str) -> str:
    heading = page.get_by_role("heading", level=2, name=title)
    return str(heading.locator("xpath=..").inner_text())


def test_commissioner_determines_a_recommendation_and_it_leaves_the_list(
    page: Any, visit: Any, recommended: Bid
) -> None:
    sign_in(page, visit, "commissioner")
    _lands_on_your_work(page, visit)
    awaiting = "Recommendations awaiting your determination"
    assert "Coventry street triage" in _section(page, awaiting)
    listed = page.locator("main h2", has_text=awaiting).locator("xpath=..")
    listed.get_by_role("link", name="Coventry street triage", exact=False).first.click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("funding:determine", args=[recommended.pk]))
    visit(page, page.url)
    page.get_by_label("Fund in full").check()
    page.get_by_role("button", name="Record the determination").click()
    page.wait_for_load_state()
    assert "Determination recorded" in page.content()

    visit(page, "/")
    assert "Coventry street triage" not in _section(page, awaiting)
    assert "Coventry street triage" in _section(page, "Determinations you made recently")
    sign_out(page)

    sign_in(page, visit, "partner")

    _lands_on_your_work(page, visit)
    bids = _section(page, "Your bids")
    assert "Coventry street triage" not in bids
    assert "Coventry street triage" not in page.locator("main").inner_text()


def test_officer_writes_the_minutes_of_a_held_meeting_and_it_leaves_the_list(
    page: Any, visit: Any, recommended: Bid
) -> None:
    board = (
        recommended.round.fund.recommending_board or recommended.round.fund.region.boards.first()
    )
    held = Meeting.objects.create(
        board=board,
        title="Extraordinary meeting on knife crime",
        date=timezone.localdate() - timedelta(days=2),
        start_time=time(18, 30),
        location="Council House, Coventry",
        status=Meeting.Status.HELD,
    )
    day = held.date
    write = f"Write the minutes of Extraordinary meeting on knife crime, {day.day} {day:%B %Y}"

    sign_in(page, visit, "officer")

    _lands_on_your_work(page, visit)
    assert write in _section(page, "Meetings to write up")
    page.get_by_role("link", name=write).click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("meetings:minutes_edit", args=[held.pk]))
    visit(page, page.url)
    page.get_by_label("Minutes").fill("The partnership heard from youth workers.")
    page.get_by_role("button", name="Save draft minutes").click()
    page.wait_for_load_state()
    assert "Draft minutes saved" in page.content()

    visit(page, "/")
    assert write not in _section(page, "Meetings to write up")
