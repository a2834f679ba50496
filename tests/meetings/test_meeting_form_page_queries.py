"""The forms for one meeting, agenda item, paper or forward plan entry make as many queries with
four times the people, members, agenda items and meetings they offer or show as with one of
each, and offer them all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from remit.core.models import Board, Membership, Person, User
from remit.meetings import services
from remit.meetings.models import Meeting, Paper

MORE = 3


def _grow(
    board: Board,
    meeting: Meeting,
    schedule: Callable[..., Meeting],
    write_paper: Callable[..., Paper],
    numbers: range,
) -> None:
    """More people and members to choose from, items on the agenda and meetings to place on."""
    region = board.region
    for n in numbers:
        person = Person.objects.create(region=region, slug=f"member-{n}", name=f"Member {n}")
        Membership.objects.create(board=board, person=person, role="member", start=date(2018, 1, 1))
        write_paper(meeting, title=f"Item {n}")
        schedule(timezone.localdate() + timedelta(days=60 + 7 * n))


@pytest.fixture
def records(
    officer: User, board: Board, meeting: Meeting, write_paper: Callable[..., Paper]
) -> dict[str, Any]:
    paper = write_paper(meeting, title="Safer streets update")
    entry = services.forward_plan_add(
        by=officer,
        board=board,
        data={
            "decision_maker": board.name,
            "title": "Adopt the violence strategy",
            "expected_date": timezone.localdate() + timedelta(days=90),
        },
    )
    bare = services.item_add(
        by=officer,
        meeting=meeting,
        data={"kind": "report", "title": "Youth violence briefing", "private": False},
    )
    return {
        "meeting": meeting,
        "paper": paper,
        "item": paper.item,
        "bare_item": bare,
        "entry": entry,
    }


# page: (url, text the page shows, text a grown choice or row shows)
PAGES: dict[str, tuple[Callable[[dict[str, Any]], str], str, str]] = {
    "meeting_edit": (
        lambda r: reverse("meetings:meeting_edit", args=[r["meeting"].pk]),
        "Change the meeting",
        "Lloyd House, Birmingham",
    ),
    "meeting_cancel": (
        lambda r: reverse("meetings:meeting_cancel", args=[r["meeting"].pk]),
        "Cancel the meeting",
        "Testshire Community Safety Partnership",
    ),
    "agenda_publish": (
        lambda r: reverse("meetings:agenda_publish", args=[r["meeting"].pk]),
        "Publish the agenda and papers to members",
        "Testshire Community Safety Partnership",
    ),
    "publish_public": (
        lambda r: reverse("meetings:publish_public", args=[r["meeting"].pk]),
        "Publish the agenda and papers to the public",
        "Testshire Community Safety Partnership",
    ),
    "item_add": (
        lambda r: reverse("meetings:item_add", args=[r["meeting"].pk]),
        "Add an agenda item",
        "Testshire Community Safety Partnership",
    ),
    "declaration_add": (
        lambda r: reverse("meetings:declaration_add", args=[r["meeting"].pk]),
        "Member 2",
        "Item 2",
    ),
    "item_edit": (
        lambda r: reverse("meetings:item_edit", args=[r["item"].pk]),
        "Change item",
        "Safer streets update",
    ),
    "item_withdraw": (
        lambda r: reverse("meetings:item_withdraw", args=[r["item"].pk]),
        "Withdraw item",
        "Safer streets update",
    ),
    "paper_create": (
        lambda r: reverse("meetings:paper_create", args=[r["bare_item"].pk]),
        "Youth violence briefing",
        "Member 2",
    ),
    "paper_edit": (
        lambda r: reverse("meetings:paper_edit", args=[r["paper"].pk]),
        "Safer streets update",
        "Member 2",
    ),
    "appendix_add": (
        lambda r: reverse("meetings:appendix_add", args=[r["paper"].pk]),
        "Safer streets update",
        "Title",
    ),
    "paper_publish": (
        lambda r: reverse("meetings:paper_publish", args=[r["paper"].pk]),
        "Safer streets update",
        "Testshire Community Safety Partnership",
    ),
    "forward_plan_add": (
        lambda r: reverse("meetings:forward_plan_add"),
        "Add a key decision to the forward plan",
        "Member 2",
    ),
    "forward_plan_edit": (
        lambda r: reverse("meetings:forward_plan_edit", args=[r["entry"].pk]),
        "Change a forward plan entry",
        "Member 2",
    ),
    "forward_plan_place": (
        lambda r: reverse("meetings:forward_plan_place", args=[r["entry"].pk]),
        "Adopt the violence strategy",
        "Testshire Community Safety Partnership, ",
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_a_meeting_form_makes_no_more_queries_with_more_to_choose_from(
    client: Any,
    officer: User,
    board: Board,
    records: dict[str, Any],
    schedule: Callable[..., Meeting],
    write_paper: Callable[..., Paper],
    page_queries_stay_flat: Any,
    page: str,
) -> None:
    url, shows, grown = PAGES[page]
    meeting = records["meeting"]
    _grow(board, meeting, schedule, write_paper, range(1))
    client.force_login(officer)

    html = page_queries_stay_flat(
        url(records), lambda: _grow(board, meeting, schedule, write_paper, range(1, 1 + MORE))
    )

    assert shows in html
    assert grown in html
