"""Meetings on a weekend, a bank holiday or in the past are allowed but warned about, naming the
date and why; a key decision with fewer than 28 clear days on the forward plan is taken under the
general exception or special urgency (SI 2012/2089, regulations 15 and 16), and says so publicly."""

from __future__ import annotations

from datetime import date
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from meetings_support import at

from remit.core.errors import DomainError
from remit.core.models import Board
from remit.core.models import User
from remit.meetings import services
from remit.meetings.models import ForwardPlanEntry
from remit.meetings.models import Meeting
from remit.meetings.schedule import date_warnings

TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 12, 8), []),
        (date(2026, 12, 12), ["Saturday 12 December 2026 is at the weekend."]),
        (
            date(2026, 12, 25),
            ["Friday 25 December 2026 is a bank holiday in England and Wales (Christmas Day)."],
        ),
        (
            date(2026, 8, 31),
            [
                "Monday 31 August 2026 is a bank holiday in England and Wales "
                "(Late Summer Bank Holiday).",
                "Monday 31 August 2026 is in the past.",
            ],
        ),
        (date(2026, 12, 1), ["Tuesday 1 December 2026 is in the past."]),
    ],
)
def test_a_meeting_date_is_warned_about_on_a_weekend_a_bank_holiday_or_in_the_past(
    day: date, expected: list[str]
) -> None:
    assert date_warnings(day, TODAY) == expected


def test_a_meeting_on_a_bank_holiday_is_scheduled_with_a_warning_naming_the_date_and_why(
    client: Any, officer: User, board: Board
) -> None:
    client.force_login(officer)
    response = client.post(
        reverse("meetings:schedule"),
        {
            "board": board.pk,
            "first_date": "2037-12-25",
            "start_time": "10:00",
            "location": "Lloyd House, Birmingham",
            "repeat": "none",
            "count": "1",
        },
        follow=True,
    )
    body = response.content.decode()
    assert Meeting.objects.filter(board=board, date=date(2037, 12, 25)).exists()
    assert "Meeting scheduled." in body
    assert (
        "Friday 25 December 2037 is a bank holiday in England and Wales (Christmas Day). "
        "Check the date is right." in body
    )


def test_a_meeting_in_the_past_is_scheduled_with_a_warning(
    client: Any, officer: User, board: Board
) -> None:
    client.force_login(officer)
    body = client.post(
        reverse("meetings:schedule"),
        {
            "board": board.pk,
            "first_date": "2018-10-20",
            "start_time": "10:00",
            "location": "Lloyd House, Birmingham",
            "repeat": "none",
            "count": "1",
        },
        follow=True,
    ).content.decode()
    assert "Saturday 20 October 2018 is at the weekend." in body
    assert "Saturday 20 October 2018 is in the past." in body


def test_the_meeting_page_warns_about_an_upcoming_meeting_at_the_weekend(
    client: Any, officer: User, schedule: Any
) -> None:
    meeting = schedule(date(2037, 12, 26))
    client.force_login(officer)
    body = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert "Saturday 26 December 2037 is at the weekend." in body


@pytest.fixture
def entry(officer: User, board: Board) -> ForwardPlanEntry:
    return services.forward_plan_add(
        by=officer,
        board=board,
        data={"title": "Community safety fund allocations", "expected_date": date(2018, 7, 24)},
    )


def _publish_before(entry: ForwardPlanEntry, officer: User, meeting: Meeting, days: int) -> None:
    services.forward_plan_publish(
        by=officer, entry=entry, at=at(meeting.date - timedelta(days=days))
    )
    entry.refresh_from_db()


def test_a_short_notice_key_decision_names_the_general_exception_or_special_urgency(
    entry: ForwardPlanEntry, officer: User, past: list[Meeting]
) -> None:
    _publish_before(entry, officer, past[1], 20)
    with pytest.raises(DomainError, match="Choose the general exception") as caught:
        services.forward_plan_place(
            by=officer,
            entry=entry,
            meeting=past[1],
            notice_exception="The grant offer expires in August.",
        )
    assert caught.value.field == "notice_exception_kind"
    services.forward_plan_place(
        by=officer,
        entry=entry,
        meeting=past[1],
        notice_exception="The grant offer expires in August.",
        notice_exception_kind="general_exception",
    )
    entry.refresh_from_db()
    assert entry.notice_exception_kind == "general_exception"


def test_the_general_exception_needs_five_clear_days_else_special_urgency_with_who_agreed(
    entry: ForwardPlanEntry, officer: User, past: list[Meeting]
) -> None:
    _publish_before(entry, officer, past[1], 4)
    reason = "The grant offer expires in August."
    with pytest.raises(DomainError, match="at least 5 clear days") as caught:
        services.forward_plan_place(
            by=officer,
            entry=entry,
            meeting=past[1],
            notice_exception=reason,
            notice_exception_kind="general_exception",
        )
    assert caught.value.field == "notice_exception_kind"
    with pytest.raises(DomainError, match="say who agreed") as caught:
        services.forward_plan_place(
            by=officer,
            entry=entry,
            meeting=past[1],
            notice_exception=reason,
            notice_exception_kind="special_urgency",
        )
    assert caught.value.field == "urgency_agreed_by"
    services.forward_plan_place(
        by=officer,
        entry=entry,
        meeting=past[1],
        notice_exception=reason,
        notice_exception_kind="special_urgency",
        urgency_agreed_by="Cllr Ann Other, chair of the overview and scrutiny committee",
    )
    entry.refresh_from_db()
    assert entry.notice_exception_kind == "special_urgency"
    assert entry.urgency_agreed_by.startswith("Cllr Ann Other")


def test_the_short_notice_reason_is_shown_publicly_on_the_forward_plan_and_the_agenda(
    client: Any,
    entry: ForwardPlanEntry,
    officer: User,
    past: list[Meeting],
    django_capture_on_commit_callbacks: Any,
) -> None:
    meeting = past[1]
    _publish_before(entry, officer, meeting, 20)
    services.forward_plan_place(
        by=officer,
        entry=entry,
        meeting=meeting,
        notice_exception="The grant offer expires in August.",
        notice_exception_kind="general_exception",
    )
    services.agenda_publish(by=officer, meeting=meeting, at=at(date(2018, 7, 10)))
    with django_capture_on_commit_callbacks(execute=False):
        services.meeting_publish_public(
            by=officer, meeting=meeting, at=at(date(2018, 7, 10)), build_pack=False
        )
    said = "general exception (regulation 15): The grant offer expires in August."
    plan = client.get(reverse("meetings_public:forward_plan")).content.decode()
    assert said in plan
    agenda = client.get(reverse("meetings_public:meeting", args=[meeting.pk])).content.decode()
    assert said in agenda
