"""Scheduling meetings, holding them and publishing their agendas."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from datetime import datetime
from datetime import time
from functools import partial
from typing import Any

from django.db import transaction
from django.urls import reverse

from remit.core import transitions
from remit.core.errors import DomainError
from remit.core.models import Board
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services.writes import apply_changes
from remit.core.services.writes import locked_to_edit
from remit.core.services.writes import save_attributed
from remit.meetings import audiences
from remit.meetings import permissions
from remit.meetings import workflow
from remit.meetings.models import AgendaItem
from remit.meetings.models import Meeting
from remit.meetings.models import PackBuild
from remit.meetings.models import Paper
from remit.meetings.rules import QuorumResult
from remit.meetings.schedule import Repeat
from remit.meetings.schedule import SeriesError
from remit.meetings.schedule import series_dates
from remit.meetings.services.attendance import quorum_for
from remit.meetings.services.common import MEETING_RELATED
from remit.meetings.services.common import local_day
from remit.meetings.services.common import lock
from remit.meetings.services.common import moment
from remit.meetings.services.common import next_position
from remit.meetings.services.packs import pack_enqueue
from remit.meetings.services.papers import publish_to_members
from remit.meetings.services.papers import publish_to_public
from remit.meetings.services.subscriptions import notify_papers_published
from remit.notifications.services import Kind
from remit.notifications.services import announce

MEETING_FIELDS = ("title", "date", "start_time", "end_time", "location", "online_link")


def _previous_meeting(board: Board, day: date) -> Meeting | None:
    return (
        Meeting.objects.filter(board=board, date__lt=day)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-date", "-start_time")
        .first()
    )


def _standard_items(meeting: Meeting, *, by: User) -> None:
    """Every agenda opens with apologies, declarations and the last meeting's minutes."""
    standard: list[tuple[str, str, Meeting | None]] = [
        (AgendaItem.Kind.APOLOGIES, "Apologies for absence", None),
        (AgendaItem.Kind.DECLARATIONS, "Declarations of interest", None),
    ]
    previous = _previous_meeting(meeting.board, meeting.date)
    if previous is not None:
        title = f"Minutes of the meeting held on {previous.date.day} {previous.date:%B %Y}"
        standard.append((AgendaItem.Kind.MINUTES, title, previous))
    for position, (kind, title, minutes_of) in enumerate(standard, start=1):
        save_attributed(
            AgendaItem(
                meeting=meeting, position=position, kind=kind, title=title, minutes_of=minutes_of
            ),
            by=by,
            reason="Standard item",
        )


def _check_slot_free(board: Board, day: date, start: time, exclude: int | None = None) -> None:
    clash = Meeting.objects.filter(board=board, date=day, start_time=start)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise DomainError(
            f"{board.name} already meets at {start:%H:%M} on {day.day} {day:%B %Y}.", field="date"
        )


@transaction.atomic
def meeting_schedule(
    *,
    by: User,
    board: Board,
    first_date: date,
    start_time: time,
    end_time: time | None = None,
    location: str = "",
    online_link: str = "",
    title: str = "",
    repeat: Repeat = Repeat.NONE,
    count: int = 1,
    same_weekday: bool = False,
) -> list[Meeting]:
    """One meeting, or a series of them, each with its standard agenda items."""
    require(permissions.can_schedule_meeting(by, board))
    if not location.strip() and not online_link.strip():
        raise DomainError("Give a place, an online meeting link, or both.", field="location")
    try:
        dates = series_dates(first_date, Repeat(repeat), count, same_weekday=same_weekday)
    except SeriesError as exc:
        raise DomainError(exc.message, field=exc.field) from exc
    series = uuid.uuid4() if len(dates) > 1 else None
    meetings = []
    for day in dates:
        _check_slot_free(board, day, start_time)
        meeting = Meeting(
            board=board,
            title=title,
            date=day,
            start_time=start_time,
            end_time=end_time,
            location=location.strip(),
            online_link=online_link.strip(),
            series=series,
        )
        reason = "Scheduled" if series is None else f"Scheduled in a series of {len(dates)}"
        save_attributed(meeting, by=by, reason=reason)
        _standard_items(meeting, by=by)
        meetings.append(meeting)
    return meetings


@transaction.atomic
def meeting_update(
    *, by: User, meeting: Meeting, data: Mapping[str, Any], version: int | None = None
) -> Meeting:
    meeting = locked_to_edit(
        meeting, version, partial(permissions.can_edit_meeting, by), related=MEETING_RELATED
    )
    if meeting.status not in (Meeting.Status.SCHEDULED, Meeting.Status.PAPERS_PUBLISHED):
        raise DomainError(
            f"A meeting that is {meeting.get_status_display().lower()} cannot be changed.",
            field="status",
        )
    changed = apply_changes(meeting, data, MEETING_FIELDS)
    if not changed:
        return meeting
    if not meeting.location and not meeting.online_link:
        raise DomainError("Give a place, an online meeting link, or both.", field="location")
    _check_slot_free(meeting.board, meeting.date, meeting.start_time, exclude=meeting.pk)
    return save_attributed(meeting, by=by, reason="Edited: " + ", ".join(changed))


@transaction.atomic
def meeting_cancel(*, by: User, meeting: Meeting, reason: str) -> Meeting:
    meeting = lock(meeting)
    require(permissions.can_edit_meeting(by, meeting))
    transitions.check(
        workflow.MEETING_TRANSITIONS,
        meeting.status,
        Meeting.Status.CANCELLED,
        Meeting.Status,
        "meeting",
    )
    if not reason.strip():
        raise DomainError("Say why the meeting is cancelled.", field="reason")
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancelled_reason = reason.strip()
    return save_attributed(meeting, by=by, reason=f"Cancelled: {reason.strip()}")


def next_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(board=meeting.board, date__gt=meeting.date)
        .filter(status__in=[Meeting.Status.SCHEDULED, Meeting.Status.PAPERS_PUBLISHED])
        .order_by("date", "start_time")
        .first()
    )


def _roll_forward(meeting: Meeting, *, by: User) -> list[AgendaItem]:
    """An inquorate meeting decides nothing: its open items go to the board's next meeting."""
    items = [
        item
        for item in meeting.items.select_related("origin").filter(state=AgendaItem.State.OPEN)
        if item.takes_decision
    ]
    if not items:
        return []
    target = next_meeting(meeting)
    if target is None:
        raise DomainError(
            "The meeting was inquorate, so its undecided items roll forward to the next "
            "meeting: schedule the board's next meeting first.",
            field="status",
        )
    already = set(
        target.items.filter(kind=AgendaItem.Kind.MINUTES).values_list("minutes_of_id", flat=True)
    )
    position = next_position(target)
    moved = []
    for item in items:
        item.state = AgendaItem.State.ROLLED_FORWARD
        save_attributed(item, by=by, reason=f"Rolled forward to {target}")
        if item.kind == AgendaItem.Kind.MINUTES and item.minutes_of_id in already:
            continue
        copy = AgendaItem(
            meeting=target,
            position=position,
            kind=item.kind,
            title=item.title,
            summary=item.summary,
            presenter=item.presenter,
            private=item.private,
            exemption=item.exemption,
            exemption_reason=item.exemption_reason,
            related_label=item.related_label,
            related_url=item.related_url,
            proposal_id=item.proposal_id,
            minutes_of=item.minutes_of,
            rolled_from=item,
            origin=item.origin or item,
        )
        save_attributed(copy, by=by, reason=f"Rolled forward from {meeting} (inquorate)")
        position += 1
        moved.append(copy)
    return moved


@transaction.atomic
def meeting_mark_held(*, by: User, meeting: Meeting, today: date | None = None) -> QuorumResult:
    """Close the meeting; if it was inquorate its open items roll forward."""
    meeting = lock(meeting)
    require(permissions.can_record_attendance(by, meeting))
    transitions.check(
        workflow.MEETING_TRANSITIONS, meeting.status, Meeting.Status.HELD, Meeting.Status, "meeting"
    )
    if meeting.date > (today or local_day(moment(None))):
        raise DomainError("A meeting cannot be marked as held before its date.", field="status")
    if not meeting.attendance.exists():
        raise DomainError("Record who attended before marking the meeting as held.", field="status")
    result = quorum_for(meeting)
    meeting.status = Meeting.Status.HELD
    meeting.quorate = result.quorate
    note = "quorate" if result.quorate else f"inquorate, short by {result.short_by}"
    save_attributed(meeting, by=by, reason=f"Held ({note})")
    if not result.quorate:
        _roll_forward(meeting, by=by)
    return result


@transaction.atomic
def agenda_publish(
    *, by: User, meeting: Meeting, at: datetime | None = None, urgency_reason: str = ""
) -> list[Paper]:
    """Send the agenda and every paper written so far to members."""
    meeting = lock(meeting)
    require(permissions.can_publish_paper(by, None))
    transitions.check(
        workflow.MEETING_TRANSITIONS,
        meeting.status,
        Meeting.Status.PAPERS_PUBLISHED,
        Meeting.Status,
        "meeting",
    )
    when = moment(at)
    meeting.status = Meeting.Status.PAPERS_PUBLISHED
    meeting.agenda_published_at = when
    save_attributed(meeting, by=by, reason="Agenda and papers published to members")
    drafts = Paper.objects.filter(item__meeting=meeting, status=Paper.Status.DRAFT).select_related(
        "item__meeting__board"
    )
    papers = [publish_to_members(p, by=by, at=when, urgency_reason=urgency_reason) for p in drafts]
    title = f"Agenda and papers published for {meeting}"
    link = reverse("meetings:meeting", args=[meeting.pk])
    people = audiences.meeting_members(meeting)
    announce(Kind.PAPER_PUBLISHED, f"agenda:{meeting.pk}", people, title, link)
    return papers


@transaction.atomic
def meeting_publish_public(
    *,
    by: User,
    meeting: Meeting,
    at: datetime | None = None,
    urgency_reason: str = "",
    build_pack: bool = True,
) -> list[Paper]:
    """Open the agenda and every paper not taken in private to the public, and build its pack."""
    meeting = lock(meeting)
    require(permissions.can_publish_paper(by, None))
    if meeting.agenda_published_at is None:
        raise DomainError("Publish the agenda to members first.", field="status")
    if meeting.public_at is not None:
        raise DomainError("The agenda is already public.", field="status")
    when = moment(at)
    deadline = meeting.deadline()
    if local_day(when) > deadline.statutory:
        if not urgency_reason.strip():
            raise DomainError(
                f"The agenda should have been public by {deadline.statutory:%d %B %Y}: give the "
                "chair's reason for urgency.",
                field="urgency_reason",
            )
        meeting.public_urgency_reason = urgency_reason.strip()
    meeting.public_at = when
    save_attributed(meeting, by=by, reason="Agenda published to the public")
    papers = Paper.objects.filter(
        item__meeting=meeting, item__private=False, status=Paper.Status.MEMBERS
    ).select_related("item__meeting__board")
    published = [publish_to_public(paper, by=by, at=when) for paper in papers]
    notify_papers_published(meeting, published)
    if build_pack:
        pack_enqueue(meeting, audience=PackBuild.Audience.PUBLIC, by=by)
    return published
