"""What every meetings service shares: permission checks, the clock, and who sits on a board."""

from __future__ import annotations

from datetime import date
from datetime import datetime

from django.db.models import Max
from django.utils import timezone

from remit.core.errors import DomainError
from remit.core.models import Board
from remit.core.models import Membership
from remit.core.models import User
from remit.core.services.writes import locked
from remit.meetings.models import AgendaItem
from remit.meetings.models import Meeting
from remit.meetings.rules import Seat


def moment(at: datetime | None) -> datetime:
    """The time of an action: now, unless a record of the past is being entered."""
    return at or timezone.now()


def local_day(at: datetime) -> date:
    return timezone.localdate(at)


def meeting_start(meeting: Meeting) -> datetime:
    return timezone.make_aware(datetime.combine(meeting.date, meeting.start_time))


def after_the_meeting(meeting: Meeting, at: datetime) -> bool:
    """Whether something published at `at` comes after the meeting began (or was held)."""
    held = meeting.status in (Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED)
    return held or at >= meeting_start(meeting)


def seats_on(board: Board, day: date) -> list[Seat]:
    return [
        Seat(person_id, role)
        for person_id, role in Membership.objects.current(on=day)
        .filter(board=board)
        .values_list("person_id", "role")
    ]


def member_ids_on(board: Board, day: date) -> set[int]:
    return {seat.person_id for seat in seats_on(board, day)}


def next_position(meeting: Meeting) -> int:
    top = meeting.items.aggregate(top=Max("position"))["top"]
    return (top or 0) + 1


# What every locked meeting is read with: its board, for the permission checks.
MEETING_RELATED = ("board",)


def lock(meeting: Meeting) -> Meeting:
    """The stored meeting, locked for the rest of the transaction."""
    return locked(meeting, related=MEETING_RELATED)


def lock_item(item: AgendaItem) -> AgendaItem:
    return locked(item, related=("meeting__board", "origin", "proposal"))


def refuse_if_closed(meeting: Meeting, what: str) -> None:
    if meeting.status == Meeting.Status.CANCELLED:
        raise DomainError(f"The meeting was cancelled, so you cannot {what}.", field="status")
    if meeting.status == Meeting.Status.MINUTES_APPROVED:
        raise DomainError(
            f"The meeting's minutes are approved, so you cannot {what}.", field="status"
        )


def actor(by: User | None) -> User | None:
    """The user to attribute a change to (None for the system)."""
    return by if getattr(by, "is_authenticated", False) else None
