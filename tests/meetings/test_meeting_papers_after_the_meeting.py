"""A paper published once its meeting has begun is supplementary information to the minutes,
not a late paper; a meeting that has passed says truthfully what the public got, and when."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from meetings_support import at
from meetings_support import hold

from remit.core.models import Person
from remit.core.models import User
from remit.meetings import rendering
from remit.meetings import rules
from remit.meetings import selectors
from remit.meetings import services
from remit.meetings.models import Meeting
from remit.meetings.models import PackBuild
from remit.meetings.models import Paper

TODAY = date(2026, 12, 7)


@pytest.fixture
def follow_up(
    past: list[Meeting],
    write_paper: Callable[..., Paper],
    officer: User,
) -> Paper:
    """The meeting of 24 April 2018: its agenda out on time, then a paper drafted that missed it."""
    first = past[0]
    write_paper(first, title="WMCSP progress update")
    services.agenda_publish(by=officer, meeting=first, at=at(date(2018, 4, 10)))
    return write_paper(first, title="Follow-up figures")


def test_a_paper_published_after_its_meeting_is_supplementary_information_not_late(
    follow_up: Paper, officer: User, chair: Person, rep: Person
) -> None:
    hold(follow_up.item.meeting, officer, present=[chair, rep])
    services.paper_publish(by=officer, paper=follow_up, at=at(date(2018, 5, 2)))
    follow_up.refresh_from_db()
    assert follow_up.after_meeting is True
    assert follow_up.late is False
    assert follow_up.urgency_reason == ""
    assert follow_up.history.first().history_change_reason == (
        "Published to members after the meeting, as supplementary information to the minutes"
    )


def test_a_paper_published_once_the_meeting_began_is_supplementary_before_it_is_marked_held(
    follow_up: Paper, officer: User
) -> None:
    services.paper_publish(by=officer, paper=follow_up, at=at(date(2018, 4, 24), hour=11))
    follow_up.refresh_from_db()
    assert (follow_up.after_meeting, follow_up.late) == (True, False)


def test_a_paper_published_on_the_morning_of_the_meeting_is_still_late(
    follow_up: Paper, officer: User
) -> None:
    services.paper_publish(
        by=officer,
        paper=follow_up,
        at=at(date(2018, 4, 24), hour=8),
        urgency_reason="Figures arrived overnight.",
    )
    follow_up.refresh_from_db()
    assert (follow_up.after_meeting, follow_up.late) == (False, True)


def test_supplementary_information_is_labelled_so_on_pages_papers_and_packs(
    client: Any,
    follow_up: Paper,
    officer: User,
    chair: Person,
    rep: Person,
    django_capture_on_commit_callbacks: Any,
) -> None:
    meeting = follow_up.item.meeting
    with django_capture_on_commit_callbacks(execute=False):
        services.meeting_publish_public(
            by=officer, meeting=meeting, at=at(date(2018, 4, 12)), build_pack=False
        )
        hold(meeting, officer, present=[chair, rep])
        services.paper_publish(by=officer, paper=follow_up, at=at(date(2018, 5, 2)))
    label = "Supplementary information to the minutes"
    public = client.get(reverse("meetings_public:meeting", args=[meeting.pk])).content.decode()
    assert label in public
    assert "Follow-up figures</strong>: published 2 May 2018, after the meeting" in public
    paper_page = client.get(reverse("meetings_public:paper", args=[follow_up.pk])).content.decode()
    assert f"{label}.</strong> Published on 2 May 2018, after the meeting." in paper_page
    document = selectors.document_for(follow_up)
    assert document.after_meeting is True
    content = selectors.pack_content(meeting, PackBuild.Audience.PUBLIC)
    assert [p.title for p in content.papers if p.after_meeting] == ["Follow-up figures"]
    word = rendering.paper_docx(document)
    assert word.startswith(b"PK")
    client.force_login(officer)
    internal = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert label in internal


def test_supplementary_papers_do_not_count_as_on_time(
    follow_up: Paper, officer: User, chair: Person, rep: Person
) -> None:
    hold(follow_up.item.meeting, officer, present=[chair, rep])
    services.paper_publish(by=officer, paper=follow_up, at=at(date(2018, 5, 2)))
    _, rates = selectors.compliance(follow_up.item.meeting.board.region, date(2018, 6, 1))
    (rate,) = rates
    assert (rate.on_time, rate.papers) == (1, 2)


@pytest.mark.parametrize(
    ("status", "meeting_on", "public_on", "note"),
    [
        ("scheduled", date(2027, 1, 12), None, "Not yet"),
        ("papers_published", date(2027, 1, 12), date(2027, 1, 4), "4 January 2027"),
        ("held", date(2026, 11, 3), None, "Not published before the meeting"),
        ("papers_published", date(2026, 11, 3), None, "Not published before the meeting"),
        ("held", date(2026, 11, 3), date(2026, 11, 5), "5 November 2026, after the meeting"),
        ("cancelled", date(2027, 1, 12), None, "None: the meeting was cancelled"),
    ],
)
def test_a_meeting_says_truthfully_when_its_papers_reached_the_public(
    status: str, meeting_on: date, public_on: date | None, note: str
) -> None:
    assert rules.papers_published_note(status, meeting_on, public_on, TODAY) == note


@pytest.mark.parametrize(
    ("status", "quorate", "meeting_on", "note"),
    [
        ("scheduled", None, date(2027, 1, 12), "Coming up"),
        ("papers_published", None, date(2026, 11, 3), "The date has passed"),
        ("held", True, date(2026, 11, 3), "Held; its minutes are not yet approved"),
        ("held", False, date(2026, 11, 3), "Held, but inquorate"),
        ("minutes_approved", True, date(2026, 11, 3), "Held; its minutes are approved"),
        ("cancelled", None, date(2027, 1, 12), "Cancelled"),
    ],
)
def test_a_meeting_says_where_it_stands(
    status: str, quorate: bool | None, meeting_on: date, note: str
) -> None:
    assert rules.meeting_state_note(status, quorate, meeting_on, TODAY).startswith(note)


def test_a_held_meeting_never_published_to_the_public_does_not_say_not_yet(
    client: Any, follow_up: Paper, officer: User, chair: Person, rep: Person
) -> None:
    meeting = follow_up.item.meeting
    hold(meeting, officer, present=[chair, rep])
    public = client.get(reverse("meetings_public:meeting", args=[meeting.pk])).content.decode()
    assert "Not published before the meeting" in public
    assert "Held; its minutes are not yet approved" in public
    assert "Not yet" not in public
    board = client.get(reverse("meetings_public:board", args=[meeting.board.slug])).content.decode()
    assert "Not published before the meeting" in board
    client.force_login(officer)
    internal = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert "Not published before the meeting" in internal
