"""The fund's decisions as meeting business, in a real browser, axe-core on every page.

An officer records the partnership board's recommendation on a round's bids under an item of
the board's meeting; the commissioner determines the bid and signs and publishes the decision
notice; the public finds it on the decisions list and opens its PDF.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from journeys import sign_in
from journeys import sign_out

from remit.core.models import User
from remit.funding import services
from remit.funding.demo import demo_load
from remit.funding.models import Bid
from remit.funding.models import Round
from remit.meetings import services as meetings
from remit.meetings.models import AgendaItem
from remit.meetings.services.common import member_ids_on

pytestmark = pytest.mark.e2e

HELD_ON = date(2018, 3, 8)


@pytest.fixture
def round(transactional_db: Any, settings: Any, tmp_path: Path) -> Round:
    """A round with one submitted bid, and a held meeting of the board with the round's item."""
    settings.MEDIA_ROOT = tmp_path / "media"
    from remit.core.services.demo import demo_load as base

    region = base(region="west-midlands")[0].region
    demo_load(region)
    fund = region.funds.get()
    officer = User.objects.get(username="officer")
    now = timezone.now()
    round = services.round_create(
        by=officer,
        fund=fund,
        data={
            "slug": "spring-round",
            "title": "Spring round",
            "opens_at": now - timedelta(days=2),
            "closes_at": now + timedelta(days=30),
            "max_years": 1,
        },
    )
    partner = User.objects.get(username="partner")
    area = region.areas.filter(kind="metropolitan_district").order_by("code").first()
    bid = services.bid_create(
        by=partner,
        round=round,
        data={
            "title": "Night-time safety marshals",
            "summary": "Marshals in the town centre on Friday and Saturday nights.",
            "lead_area": area,
            "areas": [area],
            "priorities": [fund.priorities[0]],
            "amounts": {round.years[0]: 2_500_000},
        },
    )
    services.outcome_add(
        by=partner, bid=bid, data={"outcome": "Fewer assaults", "measure": "Recorded crime"}
    )
    services.bid_submit(by=partner, bid=bid)
    board = fund.recommending_board
    meeting = meetings.meeting_schedule(
        by=officer, board=board, first_date=HELD_ON, start_time=time(16), location="Lloyd House"
    )[0]
    meetings.item_add(
        by=officer,
        meeting=meeting,
        data={"kind": AgendaItem.Kind.DECISION, "title": "Spring round: recommendations"},
    )
    published = timezone.make_aware(datetime.combine(HELD_ON - timedelta(days=14), time(9)))
    meetings.agenda_publish(by=officer, meeting=meeting, at=published)
    present = dict.fromkeys(member_ids_on(board, HELD_ON), "present")
    meetings.attendance_record(by=officer, meeting=meeting, statuses=present)
    meetings.meeting_mark_held(by=officer, meeting=meeting)
    return round


def _follow(page: Any, visit: Any, name: str) -> None:
    page.get_by_role("link", name=name).first.click()
    page.wait_for_load_state()
    visit(page, page.url.split("#")[0])


def test_the_boards_recommendation_and_the_decision_notice_reach_the_public(
    page: Any, visit: Any, round: Round, live_server: Any
) -> None:
    bid = Bid.objects.get(round=round)
    sign_in(page, visit, "officer")
    visit(page, reverse("funding:round", args=[round.pk]))
    _follow(page, visit, "Record the board's recommendation at a meeting")
    page.get_by_label("Agenda item").select_option(
        label=f"{round.fund.recommending_board.name}, 8 March 2018: Spring round: recommendations"
    )
    page.get_by_label("What the board resolved").fill("The partnership agreed its recommendation.")
    page.get_by_label("Recommendation").select_option(label="Fund in full")
    page.get_by_label("Reasons").fill("Clear need and good value.")
    page.get_by_role("button", name="Record the recommendation").click()
    page.wait_for_load_state()
    assert "The board's recommendation is recorded as decision" in page.locator("main").inner_text()
    visit(page, page.url.split("#")[0])
    assert "decided, WMCSP" in page.locator("main").inner_text()
    _follow(page, visit, "8 March 2018")
    assert "Night-time safety marshals" in page.locator("main").inner_text()
    sign_out(page)

    sign_in(page, visit, "commissioner")
    visit(page, reverse("funding:determine", args=[bid.pk]))
    page.get_by_label("Fund in full").check()
    page.get_by_role("button", name="Record the determination").click()
    page.wait_for_load_state()
    visit(page, reverse("funding:round", args=[round.pk]))
    _follow(page, visit, "Sign the decision notice")
    page.get_by_label("Decision", exact=True).fill("To award a grant from the spring round.")
    page.get_by_label("Reasons for the decision").fill("The partnership's reasons, which I share.")
    page.get_by_role("button", name="Sign the notice").click()
    page.wait_for_load_state()
    visit(page, page.url)
    main = page.locator("main").inner_text()
    assert "Not published" in main
    assert "None declared" in main
    reference = page.locator("h1").inner_text().removeprefix("Decision notice ").strip()
    page.get_by_role("button", name="Publish the notice").click()
    page.wait_for_load_state()
    visit(page, page.url)
    sign_out(page)

    visit(page, reverse("meetings_public:decisions"))
    _follow(page, visit, reference)
    main = page.locator("main").inner_text()
    assert "Night-time safety marshals" in main
    assert "£25,000" in main
    link = page.get_by_role("link", name="Download the decision notice (PDF)")
    pdf = page.request.get(live_server.url + link.get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
