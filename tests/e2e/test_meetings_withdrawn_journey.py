"""A withdrawn agenda item in a real browser: an officer withdraws an item from a public agenda,
and the public meeting page shows it as withdrawn, with the reason and no paper. axe-core runs on
every page."""

from __future__ import annotations

from datetime import time
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from remit.core.models import Region
from remit.core.models import User
from remit.meetings import services
from remit.meetings.models import Meeting
from remit.meetings.models import Paper

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery staple"
REASON = "The provider withdrew its bid."


@pytest.fixture
def public_agenda(region: Region, officer: User) -> tuple[Meeting, Paper]:
    """An upcoming meeting whose agenda and papers are public, one of them about a grant."""
    board = region.boards.get(slug="csp")
    author = region.people.get(slug="northton-rep")
    meeting = services.meeting_schedule(
        by=officer,
        board=board,
        first_date=timezone.localdate() + timedelta(days=40),
        start_time=time(10),
        location="Lloyd House, Birmingham",
    )[0]
    item = services.item_add(
        by=officer, meeting=meeting, data={"kind": "decision", "title": "Grant to Safe Streets"}
    )
    paper = services.paper_create(
        by=officer,
        item=item,
        data={
            "title": "Grant to Safe Streets",
            "purpose": "To decide on the grant.",
            "author": author,
            "contact_officer": author,
        },
        recommendations=["Agree the grant."],
    )
    services.agenda_publish(by=officer, meeting=meeting)
    services.meeting_publish_public(by=officer, meeting=meeting, build_pack=False)
    return meeting, paper


def test_the_public_meeting_page_shows_a_withdrawn_item_as_withdrawn(
    page: Any,
    browser: Any,
    live_server: Any,
    visit: Any,
    axe: Any,
    officer: User,
    public_agenda: tuple[Meeting, Paper],
) -> None:
    meeting, paper = public_agenda
    public_page = reverse("meetings_public:meeting", args=[meeting.pk])
    paper_link = reverse("meetings_public:paper", args=[paper.pk])

    visit(page, reverse("login"))
    page.get_by_label("Username").fill(officer.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()

    visit(page, reverse("meetings:meeting", args=[meeting.pk]))
    page.get_by_role("link", name="Withdraw item 3").click()
    page.wait_for_load_state()
    axe(page)
    page.get_by_label("Why is the item withdrawn?").fill(REASON)
    page.get_by_role("button", name="Withdraw").click()
    page.wait_for_load_state()
    axe(page)
    assert "Item withdrawn." in page.content()
    assert REASON in page.content()

    context = browser.new_context(base_url=live_server.url)
    try:
        public = context.new_page()
        visit(public, public_page)
        agenda = public.get_by_role("listitem").filter(has_text="Grant to Safe Streets")
        assert agenda.get_by_text("Withdrawn", exact=True).is_visible()
        assert f"This item was withdrawn from the agenda: {REASON}" in agenda.inner_text()
        assert public.locator(f'a[href="{paper_link}"]').count() == 0
    finally:
        context.close()
