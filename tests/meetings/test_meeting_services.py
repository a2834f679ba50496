"""Scheduling, attendance, quorum, holding meetings and publishing agendas."""

from __future__ import annotations

from datetime import date
from datetime import time
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from meetings_support import at
from meetings_support import hold

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.services.writes import StaleEdit
from remit.core.services.writes import version_of
from remit.meetings import services
from remit.meetings.models import AgendaItem
from remit.meetings.models import Meeting
from remit.meetings.models import Paper
from remit.meetings.models import Subscription
from remit.meetings.schedule import Repeat


def test_a_new_meeting_opens_with_apologies_and_declarations(
    meeting: Meeting, officer: Any
) -> None:
    items = list(meeting.items.order_by("position").values_list("position", "kind"))
    assert items == [(1, "apologies"), (2, "declarations")]
    record = meeting.history.latest()
    assert record.history_user == officer
    assert record.history_change_reason == "Scheduled"


def test_a_quarterly_series_for_a_year_is_four_linked_meetings(officer: Any, board: Any) -> None:
    meetings = services.meeting_schedule(
        by=officer,
        board=board,
        first_date=date(2018, 4, 24),
        start_time=time(10),
        location="Lloyd House",
        repeat=Repeat.QUARTERLY,
        count=4,
    )
    assert [m.date for m in meetings] == [
        date(2018, 4, 24),
        date(2018, 7, 24),
        date(2018, 10, 24),
        date(2019, 1, 24),
    ]
    assert len({m.series for m in meetings}) == 1
    minutes_item = meetings[1].items.get(kind=AgendaItem.Kind.MINUTES)
    assert minutes_item.minutes_of == meetings[0]
    assert "24 April 2018" in minutes_item.title


def test_a_meeting_needs_a_place_or_a_link(officer: Any, board: Any) -> None:
    with pytest.raises(DomainError) as caught:
        services.meeting_schedule(
            by=officer, board=board, first_date=date(2018, 4, 24), start_time=time(10)
        )
    assert caught.value.field == "location"


def test_an_online_meeting_needs_no_room(officer: Any, board: Any) -> None:
    (meeting,) = services.meeting_schedule(
        by=officer,
        board=board,
        first_date=date(2018, 4, 24),
        start_time=time(10),
        online_link="https://meet.example.org/csp",
    )
    assert meeting.location == ""


def test_two_meetings_cannot_share_a_slot(schedule: Any) -> None:
    schedule(date(2018, 4, 24))
    with pytest.raises(DomainError, match="already meets at 10:00 on 24 April 2018") as caught:
        schedule(date(2018, 4, 24))
    assert caught.value.field == "date"


def test_a_bad_series_names_the_count_field(officer: Any, board: Any) -> None:
    with pytest.raises(DomainError) as caught:
        services.meeting_schedule(
            by=officer,
            board=board,
            first_date=date(2018, 4, 24),
            start_time=time(10),
            location="Lloyd House",
            repeat=Repeat.MONTHLY,
            count=99,
        )
    assert caught.value.field == "count"


def test_partners_cannot_schedule(partner: Any, board: Any) -> None:
    with pytest.raises(NotPermitted, match="cannot schedule meetings"):
        services.meeting_schedule(
            by=partner, board=board, first_date=date(2018, 4, 24), start_time=time(10), location="X"
        )


def test_cancelling_needs_a_reason_and_closes_the_meeting(meeting: Meeting, officer: Any) -> None:
    with pytest.raises(DomainError) as caught:
        services.meeting_cancel(by=officer, meeting=meeting, reason=" ")
    assert caught.value.field == "reason"
    services.meeting_cancel(by=officer, meeting=meeting, reason="Chair unavailable")
    with pytest.raises(DomainError, match="cancelled cannot become papers published"):
        services.agenda_publish(by=officer, meeting=meeting)


def test_only_members_on_the_day_have_attendance(
    meeting: Meeting, officer: Any, region: Any
) -> None:
    outsider = region.people.get(slug="trust-lead")
    with pytest.raises(DomainError, match="was not a member") as caught:
        services.attendance_record(by=officer, meeting=meeting, statuses={outsider.pk: "present"})
    assert caught.value.field == "attendance"


def test_a_meeting_is_held_only_on_or_after_its_date(
    meeting: Meeting, officer: Any, chair: Any, rep: Any
) -> None:
    services.agenda_publish(by=officer, meeting=meeting)
    services.attendance_record(by=officer, meeting=meeting, statuses={chair.pk: "present"})
    with pytest.raises(DomainError, match="before its date"):
        services.meeting_mark_held(by=officer, meeting=meeting)


def test_attendance_comes_before_holding(past: list[Meeting], officer: Any) -> None:
    services.agenda_publish(by=officer, meeting=past[0], at=at(date(2018, 4, 1)))
    with pytest.raises(DomainError, match="Record who attended"):
        services.meeting_mark_held(by=officer, meeting=past[0])


def test_a_quorate_meeting_keeps_its_items(
    past: list[Meeting], officer: Any, chair: Any, rep: Any, write_paper: Any
) -> None:
    write_paper(past[0])
    hold(past[0], officer, present=[chair, rep])
    assert past[0].quorate is True
    assert past[0].status == Meeting.Status.HELD
    assert not AgendaItem.objects.filter(meeting=past[1], rolled_from__isnull=False).exists()


def test_an_inquorate_meeting_rolls_its_undecided_items_forward(
    past: list[Meeting], officer: Any, chair: Any, rep: Any, write_paper: Any
) -> None:
    paper = write_paper(past[0], title="Fund update")
    hold(past[0], officer, present=[chair], absent=[rep])
    assert past[0].quorate is False
    original = paper.item
    original.refresh_from_db()
    assert original.state == AgendaItem.State.ROLLED_FORWARD
    carried = AgendaItem.objects.get(meeting=past[1], rolled_from=original)
    assert carried.title == "Fund update"
    assert carried.origin == original
    assert carried.state == AgendaItem.State.OPEN
    assert "inquorate" in carried.history.latest().history_change_reason
    assert past[0].items.get(kind="apologies").state == AgendaItem.State.OPEN


def test_an_inquorate_meeting_with_no_next_meeting_asks_for_one(
    schedule: Any, officer: Any, chair: Any, write_paper: Any
) -> None:
    lonely = schedule(date(2018, 4, 24))
    write_paper(lonely)
    with pytest.raises(DomainError, match="schedule the board's next meeting first"):
        hold(lonely, officer, present=[chair])


def test_papers_go_to_members_with_the_agenda(
    meeting: Meeting, officer: Any, write_paper: Any
) -> None:
    paper = write_paper(meeting)
    services.agenda_publish(by=officer, meeting=meeting)
    paper.refresh_from_db()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PAPERS_PUBLISHED
    assert paper.status == Paper.Status.MEMBERS
    assert not paper.late
    assert paper.history.latest().history_change_reason == "Published to members"


def test_a_late_paper_needs_the_chairs_reason_and_is_marked(
    meeting: Meeting, officer: Any, write_paper: Any
) -> None:
    services.agenda_publish(by=officer, meeting=meeting, at=at(meeting.date - timedelta(days=20)))
    paper = write_paper(meeting, title="Urgent update")
    late = at(meeting.date - timedelta(days=2))
    with pytest.raises(DomainError, match="'Urgent update' is late") as caught:
        services.paper_publish(by=officer, paper=paper, at=late)
    assert caught.value.field == "urgency_reason"
    services.paper_publish(by=officer, paper=paper, at=late, urgency_reason="Figures arrived late")
    paper.refresh_from_db()
    assert paper.late
    assert paper.urgency_reason == "Figures arrived late"


def test_the_board_rule_can_make_a_paper_late_before_the_statutory_deadline(
    meeting: Meeting, officer: Any, write_paper: Any, board: Any
) -> None:
    board.paper_deadline_days = 21
    board.save()
    paper = write_paper(meeting)
    with pytest.raises(DomainError, match="the board's own rule"):
        services.agenda_publish(
            by=officer, meeting=meeting, at=at(meeting.date - timedelta(days=14))
        )
    paper.refresh_from_db()
    assert paper.status == Paper.Status.DRAFT


def test_an_incomplete_paper_cannot_go_out(
    meeting: Meeting, officer: Any, write_paper: Any
) -> None:
    paper = write_paper(meeting, recommendations=[])
    with pytest.raises(DomainError, match="needs at least one recommendation"):
        services.agenda_publish(by=officer, meeting=meeting)
    assert paper.status == Paper.Status.DRAFT


def test_the_public_gets_every_paper_except_those_in_private(
    meeting: Meeting,
    officer: Any,
    write_paper: Any,
    board: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    open_paper = write_paper(meeting, title="Open paper")
    closed = write_paper(meeting, title="Contract award", private=True, exemption="3")
    Subscription.objects.create(
        board=board, email="resident@example.org", confirmed_at=at(date(2018, 1, 1))
    )
    Subscription.objects.create(board=board, email="unconfirmed@example.org")
    services.agenda_publish(by=officer, meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_publish_public(by=officer, meeting=meeting)
    open_paper.refresh_from_db()
    closed.refresh_from_db()
    assert open_paper.status == Paper.Status.PUBLIC
    assert closed.status == Paper.Status.MEMBERS
    assert [m.to for m in mail.outbox] == [["resident@example.org"]]
    assert "Open paper" in mail.outbox[0].body
    assert "Contract award" not in mail.outbox[0].body
    assert "/published/meetings/subscriptions/stop/" in mail.outbox[0].body


def test_no_mail_goes_out_if_publication_rolls_back(
    meeting: Meeting,
    officer: Any,
    write_paper: Any,
    board: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    write_paper(meeting)
    Subscription.objects.create(
        board=board, email="resident@example.org", confirmed_at=at(date(2018, 1, 1))
    )
    services.agenda_publish(by=officer, meeting=meeting)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.meeting_publish_public(by=officer, meeting=meeting)
    assert callbacks
    assert mail.outbox == []


def test_going_public_after_the_statutory_deadline_needs_a_reason(
    meeting: Meeting, officer: Any
) -> None:
    services.agenda_publish(by=officer, meeting=meeting, at=at(meeting.date - timedelta(days=20)))
    with pytest.raises(DomainError) as caught:
        services.meeting_publish_public(
            by=officer, meeting=meeting, at=at(meeting.date - timedelta(days=1))
        )
    assert caught.value.field == "urgency_reason"


def test_a_second_meeting_edit_read_at_the_same_version_is_refused_and_changes_nothing(
    meeting: Meeting, officer: Any
) -> None:
    read = version_of(meeting)
    services.meeting_update(by=officer, meeting=meeting, data={"location": "Room 2"}, version=read)
    with pytest.raises(StaleEdit, match="Place: Lloyd House, Birmingham → Room 2"):
        services.meeting_update(
            by=officer, meeting=meeting, data={"location": "Room 9"}, version=read
        )
    assert Meeting.objects.get(pk=meeting.pk).location == "Room 2"
