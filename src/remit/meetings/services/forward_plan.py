"""The forward plan of key decisions: notice first, then onto a meeting's agenda."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db import transaction

from remit.core import transitions
from remit.core.errors import DomainError
from remit.core.models import Board
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services.writes import apply_changes
from remit.core.services.writes import check_version
from remit.core.services.writes import locked
from remit.core.services.writes import save_attributed
from remit.meetings import deadlines
from remit.meetings import permissions
from remit.meetings import workflow
from remit.meetings.models import AgendaItem
from remit.meetings.models import ForwardPlanEntry
from remit.meetings.models import Meeting
from remit.meetings.models import NoticeException
from remit.meetings.services.common import local_day
from remit.meetings.services.common import lock
from remit.meetings.services.common import moment
from remit.meetings.services.common import next_position

ENTRY_FIELDS = (
    "title",
    "decision_maker",
    "summary",
    "expected_date",
    "private",
    "exemption",
    "exemption_reason",
    "contact",
)


def _check(entry: ForwardPlanEntry) -> None:
    if entry.private and not entry.exemption:
        raise DomainError(
            "A decision taken in private must name the paragraph of Schedule 12A it relies on.",
            field="exemption",
        )


def _lock(entry: ForwardPlanEntry) -> ForwardPlanEntry:
    return locked(entry, related=("board",))


@transaction.atomic
def forward_plan_add(*, by: User, board: Board, data: Mapping[str, Any]) -> ForwardPlanEntry:
    require(permissions.can_manage_forward_plan(by))
    entry = ForwardPlanEntry(board=board, **{k: v for k, v in data.items() if k in ENTRY_FIELDS})
    _check(entry)
    return save_attributed(entry, by=by, reason="Added to the forward plan")


@transaction.atomic
def forward_plan_update(
    *, by: User, entry: ForwardPlanEntry, data: Mapping[str, Any], version: int | None = None
) -> ForwardPlanEntry:
    entry = _lock(entry)
    require(permissions.can_manage_forward_plan(by))
    check_version(entry, version)
    if entry.status in (ForwardPlanEntry.Status.DECIDED, ForwardPlanEntry.Status.WITHDRAWN):
        raise DomainError(
            f"The entry is {entry.get_status_display().lower()} and cannot change.", field="status"
        )
    changed = apply_changes(entry, data, ENTRY_FIELDS)
    _check(entry)
    if not changed:
        return entry
    return save_attributed(entry, by=by, reason="Edited: " + ", ".join(changed))


@transaction.atomic
def forward_plan_publish(
    *, by: User, entry: ForwardPlanEntry, at: datetime | None = None
) -> ForwardPlanEntry:
    entry = _lock(entry)
    require(permissions.can_manage_forward_plan(by))
    if entry.published_at is not None:
        raise DomainError("The entry is already on the published forward plan.", field="status")
    entry.published_at = moment(at)
    return save_attributed(entry, by=by, reason="Published on the forward plan")


GENERAL_EXCEPTION_CLEAR_DAYS = 5


def _short_notice(
    entry: ForwardPlanEntry, given: int, kind: str, reason: str, agreed_by: str
) -> None:
    """Fewer than 28 clear days on the forward plan: say which exception applies, and why.

    The Local Authorities (Executive Arrangements) (Meetings and Access to Information)
    (England) Regulations 2012: under regulation 15 (general exception) the notice must
    have been public for at least five clear days before the decision; with less, only
    regulation 16 (special urgency) applies, and it needs the agreement of the chair of
    the relevant overview and scrutiny committee (or of the authority) that the decision
    is urgent and cannot reasonably be deferred.
    """
    if not reason.strip():
        raise DomainError(
            f"Only {given} clear days' notice was given; 28 are needed. Say why the "
            "decision cannot wait.",
            field="notice_exception",
        )
    if kind not in NoticeException.values:
        raise DomainError(
            f"Only {given} clear days' notice was given; 28 are needed. Choose the general "
            "exception (regulation 15) or special urgency (regulation 16).",
            field="notice_exception_kind",
        )
    if kind == NoticeException.GENERAL and given < GENERAL_EXCEPTION_CLEAR_DAYS:
        raise DomainError(
            f"The general exception needs the notice public for at least 5 clear days before "
            f"the decision; {given} were given. Use special urgency (regulation 16) instead.",
            field="notice_exception_kind",
        )
    if kind == NoticeException.SPECIAL_URGENCY and not agreed_by.strip():
        raise DomainError(
            "Special urgency needs the agreement of the chair of the overview and scrutiny "
            "committee (or of the authority): say who agreed.",
            field="urgency_agreed_by",
        )
    entry.notice_exception_kind = kind
    entry.notice_exception = reason.strip()
    entry.urgency_agreed_by = agreed_by.strip() if kind == NoticeException.SPECIAL_URGENCY else ""


@transaction.atomic
def forward_plan_place(
    *,
    by: User,
    entry: ForwardPlanEntry,
    meeting: Meeting,
    notice_exception: str = "",
    notice_exception_kind: str = "",
    urgency_agreed_by: str = "",
) -> AgendaItem:
    """Put a planned decision on a meeting's agenda, checking 28 clear days' notice was given."""
    entry = _lock(entry)
    meeting = lock(meeting)
    require(permissions.can_manage_forward_plan(by))
    require(permissions.can_edit_agenda(by, meeting))
    transitions.check(
        workflow.PLAN_TRANSITIONS,
        entry.status,
        ForwardPlanEntry.Status.ON_AGENDA,
        ForwardPlanEntry.Status,
        "forward plan entry",
    )
    if meeting.board_id != entry.board_id:
        raise DomainError(f"The decision is for {entry.board.name} to take.", field="meeting")
    if meeting.status not in (Meeting.Status.SCHEDULED, Meeting.Status.PAPERS_PUBLISHED):
        raise DomainError("Choose a meeting that has not yet been held.", field="meeting")
    if entry.published_at is None:
        raise DomainError("Publish the entry on the forward plan first.", field="status")
    published_on = local_day(entry.published_at)
    if published_on > deadlines.forward_plan_deadline(meeting.date):
        given = deadlines.calendar_clear_days(published_on, meeting.date)
        _short_notice(entry, given, notice_exception_kind, notice_exception, urgency_agreed_by)
    item = AgendaItem(
        meeting=meeting,
        position=next_position(meeting),
        kind=AgendaItem.Kind.DECISION,
        title=entry.title,
        summary=entry.summary,
        private=entry.private,
        exemption=entry.exemption,
        exemption_reason=entry.exemption_reason,
    )
    save_attributed(item, by=by, reason="From the forward plan")
    entry.item = item
    entry.status = ForwardPlanEntry.Status.ON_AGENDA
    save_attributed(entry, by=by, reason=f"Placed on the agenda of {meeting}")
    return item


@transaction.atomic
def forward_plan_withdraw(*, by: User, entry: ForwardPlanEntry) -> ForwardPlanEntry:
    entry = _lock(entry)
    require(permissions.can_manage_forward_plan(by))
    transitions.check(
        workflow.PLAN_TRANSITIONS,
        entry.status,
        ForwardPlanEntry.Status.WITHDRAWN,
        ForwardPlanEntry.Status,
        "forward plan entry",
    )
    entry.status = ForwardPlanEntry.Status.WITHDRAWN
    return save_attributed(entry, by=by, reason="Withdrawn from the forward plan")
