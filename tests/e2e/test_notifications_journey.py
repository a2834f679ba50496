"""Notifications in a real browser, axe-core on every page.

A partner submits a bid; the policy officer, next in the chain, sees the unread count in the
header, finds the bid in their notifications, follows it to the bid, and chooses to hear about
bids in a daily e-mail instead. The e-mail sent straight away is on disk (the file backend).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from journeys import demo_round
from journeys import sign_in

from remit.core.models import User
from remit.funding import services
from remit.funding.models import Bid
from remit.notifications.models import Delivery
from remit.notifications.models import Kind
from remit.notifications.models import Notification
from remit.notifications.models import NotificationPreference

pytestmark = pytest.mark.e2e


@pytest.fixture
def mail_dir(settings: Any, tmp_path: Path) -> Path:
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    settings.REMIT_SITE_URL = "https://remit.example.org"
    return tmp_path / "mail"


@pytest.fixture
def draft_bid(transactional_db: Any, settings: Any, tmp_path: Path) -> Bid:
    """The demo partner's complete draft in an open round of the West Midlands fund."""
    settings.MEDIA_ROOT = tmp_path / "media"
    round = demo_round()
    region, fund = round.fund.region, round.fund
    partner = User.objects.get(username="partner")
    area = region.areas.get(code="E08000030")
    bid = services.bid_create(
        by=partner,
        round=round,
        data={
            "title": "Victim navigators in Walsall",
            "summary": "Volunteers who guide victims through the justice system.",
            "lead_area": area,
            "areas": [area],
            "priorities": fund.priorities[:1],
            "amounts": {round.years[0]: 2_500_000},
            "answers": {q.pk: "Victims drop out of cases." for q in round.questions.all()},
        },
    )
    services.outcome_add(
        by=partner, bid=bid, data={"outcome": "Victims stay", "measure": "Cases reaching court"}
    )
    # The demo's own history told people things; they have read them all.
    Notification.objects.update(read_at=timezone.now())
    return bid


def _click(page: Any, visit: Any, name: str, *, role: str = "link") -> None:
    page.get_by_role(role, name=name).first.click()
    page.wait_for_load_state()
    visit(page, page.url.split("#")[0])


def test_a_submitted_bid_reaches_the_officer_in_remit_and_by_e_mail(
    page: Any, visit: Any, draft_bid: Bid, mail_dir: Path
) -> None:
    sign_in(page, visit, "partner")
    visit(page, reverse("funding:bid", args=[draft_bid.pk]))
    _click(page, visit, "Submit the bid")
    page.get_by_role("button", name="Submit the bid").click()
    page.wait_for_load_state()
    assert "Bid submitted" in page.content()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()

    sign_in(page, visit, "officer")
    visit(page, reverse("funding:home"))
    header_link = page.locator(".remit-header__account a[href='/notifications/']")
    assert header_link.text_content() == "Notifications (1 unread)"
    header_link.click()
    page.wait_for_load_state()
    visit(page, page.url)
    main = page.locator("main").inner_text()
    assert "You have 1 unread notification." in main
    assert "Unread" in main
    title = "Bid to assess: Victim navigators in Walsall"
    _click(page, visit, title)
    assert page.url.endswith(reverse("funding:bid", args=[draft_bid.pk]))
    assert header_link.text_content() == "Notifications"

    visit(page, reverse("notifications:list"))
    assert "Unread" not in page.locator("main").inner_text()
    _click(page, visit, "Choose which notifications you get, and how")
    group = page.get_by_role("group", name=Kind.BID_SUBMITTED.label)
    group.get_by_label(Delivery.DIGEST.label).check()
    page.get_by_role("button", name="Save choices").click()
    page.wait_for_load_state()
    assert "Your notification choices have been saved." in page.content()
    visit(page, page.url)
    officer = User.objects.get(username="officer")
    assert NotificationPreference.objects.get(user=officer).delivery == Delivery.DIGEST

    sent = [p.read_text() for p in mail_dir.glob("*.log")]
    to_officer = [m for m in sent if "To: officer@demo.remit.invalid" in m and title in m]
    assert len(to_officer) == 1
    link = f"https://remit.example.org/funds/bids/{draft_bid.pk}/"
    assert link in to_officer[0]
    assert "Content-Type: text/plain" in to_officer[0]
    assert "Content-Type: text/html" in to_officer[0]
