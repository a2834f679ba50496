"""The forms for one meeting, agenda item, paper or forward plan entry make as many queries with
four times the people, members, agenda items and meetings they offer or show as with one of
each, and offer them all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from meetings_support import hold
from meetings_support import pdf_bytes
from meetings_support import upload

from remit.core.models import Board
from remit.core.models import Membership
from remit.core.models import Person
from remit.core.models import User
from remit.meetings import services
from remit.meetings.models import Meeting
from remit.meetings.models import Paper
from remit.meetings.models import Subscription

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
    appendix = services.appendix_add(
        by=officer, paper=paper, upload=upload("plan.pdf", pdf_bytes(2)), title="Funding plan"
    )
    return {
        "meeting": meeting,
        "paper": paper,
        "item": paper.item,
        "bare_item": bare,
        "entry": entry,
        "appendix": appendix,
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
    "paper_withdraw": (
        lambda r: reverse("meetings:paper_withdraw", args=[r["paper"].pk]),
        "Withdraw Safer streets update",
        "Why is the paper withdrawn?",
    ),
    "appendix_remove": (
        lambda r: reverse("meetings:appendix_remove", args=[r["appendix"].pk]),
        "Remove appendix A: Funding plan?",
        "Remove appendix",
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


def _grow_held(board: Board, meeting: Meeting, officer: User, numbers: range) -> None:
    """More voting members of the board, each present at the held meeting."""
    for n in numbers:
        person = Person.objects.create(region=board.region, slug=f"voter-{n}", name=f"Voter {n}")
        Membership.objects.create(board=board, person=person, role="member", start=date(2018, 1, 1))
        services.attendance_record(by=officer, meeting=meeting, statuses={person.pk: "present"})


@pytest.fixture
def held(
    officer: User,
    chair: Person,
    rep: Person,
    schedule: Callable[..., Meeting],
    write_paper: Callable[..., Paper],
) -> dict[str, Any]:
    """A meeting held in 2018 with a report on its agenda and its minutes in draft."""
    meeting = schedule(date(2018, 4, 24))
    paper = write_paper(meeting, title="Knife crime report")
    hold(meeting, officer, present=[chair, rep])
    services.minutes_draft(by=officer, meeting=meeting, body="The board met at Lloyd House.")
    return {"meeting": meeting, "item": paper.item}


# page: (url, text the page shows, text a grown choice or row shows)
HELD_PAGES: dict[str, tuple[Callable[[dict[str, Any]], str], str, str]] = {
    "minutes_edit": (
        lambda h: reverse("meetings:minutes_edit", args=[h["meeting"].pk]),
        "Minutes of",
        "The board met at Lloyd House.",
    ),
    "decision_record": (
        lambda h: reverse("meetings:decision_record", args=[h["item"].pk]),
        "Record the decision: Knife crime report",
        "Voter 2",
    ),
}


@pytest.mark.parametrize("page", HELD_PAGES)
def test_a_held_meetings_form_makes_no_more_queries_with_more_members_present(
    client: Any,
    officer: User,
    board: Board,
    held: dict[str, Any],
    page_queries_stay_flat: Any,
    page: str,
) -> None:
    url, shows, grown = HELD_PAGES[page]
    meeting = held["meeting"]
    _grow_held(board, meeting, officer, range(1))
    client.force_login(officer)

    html = page_queries_stay_flat(
        url(held), lambda: _grow_held(board, meeting, officer, range(1, 1 + MORE))
    )

    assert shows in html
    assert grown in html


def _grow_public(board: Board, schedule: Callable[..., Meeting], numbers: range) -> None:
    """More people subscribed to the board's papers and meetings of the board."""
    for n in numbers:
        Subscription.objects.create(board=board, email=f"reader-{n}@example.org")
        schedule(timezone.localdate() + timedelta(days=60 + 7 * n))


def test_the_public_subscribe_form_makes_no_more_queries_with_more_subscribers(
    client: Any, board: Board, schedule: Callable[..., Meeting], page_queries_stay_flat: Any
) -> None:
    _grow_public(board, schedule, range(1))

    html = page_queries_stay_flat(
        reverse("meetings_public:subscribe", args=[board.slug]),
        lambda: _grow_public(board, schedule, range(1, 1 + MORE)),
    )

    assert "Subscribe to Testshire Community Safety Partnership papers" in html
    assert "E-mail address" in html
