"""Building an agenda: adding, editing, ordering and withdrawing items."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from remit.core import transitions
from remit.core.errors import DomainError
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services.writes import apply_changes
from remit.core.services.writes import check_version
from remit.core.services.writes import save_attributed
from remit.meetings import permissions
from remit.meetings import workflow
from remit.meetings.models import AgendaItem
from remit.meetings.models import Meeting
from remit.meetings.models import PackBuild
from remit.meetings.models import Paper
from remit.meetings.services.common import lock
from remit.meetings.services.common import lock_item
from remit.meetings.services.common import next_position
from remit.meetings.services.common import refuse_if_closed
from remit.meetings.services.packs import pack_enqueue
from remit.proposals import services as proposals

ITEM_FIELDS = (
    "kind",
    "title",
    "summary",
    "presenter",
    "private",
    "exemption",
    "exemption_reason",
    "related_label",
    "related_url",
    "proposal",
)
NOT_ABOUT_A_PROPOSAL = (*AgendaItem.STANDARD, AgendaItem.Kind.MINUTES)


def _check_private(item: AgendaItem) -> None:
    if item.private and not item.exemption:
        raise DomainError(
            "An item taken in private must name the paragraph of Schedule 12A it relies on.",
            field="exemption",
        )
    if not item.private:
        item.exemption = ""
        item.exemption_reason = ""


def _check_proposal(item: AgendaItem, linked_before: int | None) -> None:
    """An item is about a proposal of the region that is on its way to this board.

    The route's place is checked when the link is made; the decision checks it again.
    """
    proposal = item.proposal
    if proposal is None:
        return
    board = item.meeting.board
    if item.kind in NOT_ABOUT_A_PROPOSAL:
        raise DomainError(
            f"An item for {item.get_kind_display().lower()} cannot be about a proposal.",
            field="proposal",
        )
    if proposal.deal.region_id != board.region_id:
        raise DomainError(f"“{proposal}” belongs to another region.", field="proposal")
    if proposal.pk == linked_before:
        return
    try:
        proposals.check_awaits(proposal, board)
    except DomainError as exc:
        raise DomainError(
            f"“{proposal}” cannot come to this meeting. {exc.message}", field="proposal"
        ) from exc
    other = (
        AgendaItem.objects.filter(meeting=item.meeting, proposal=proposal)
        .exclude(pk=item.pk)
        .exclude(state=AgendaItem.State.WITHDRAWN)
        .first()
    )
    if other is not None:
        raise DomainError(
            f"“{proposal}” is already on this agenda, under “{other.title}”.", field="proposal"
        )


def _refuse_if_past(meeting: Meeting) -> None:
    refuse_if_closed(meeting, "change its agenda")
    if meeting.status == Meeting.Status.HELD:
        raise DomainError(
            "The meeting has been held: its agenda is part of the record.", field="status"
        )


@transaction.atomic
def item_add(*, by: User, meeting: Meeting, data: Mapping[str, Any]) -> AgendaItem:
    meeting = lock(meeting)
    require(permissions.can_edit_agenda(by, meeting))
    _refuse_if_past(meeting)
    kind = data.get("kind", AgendaItem.Kind.REPORT)
    if kind == AgendaItem.Kind.MINUTES:
        raise DomainError("The minutes item is added when the meeting is scheduled.", field="kind")
    item = AgendaItem(meeting=meeting, position=next_position(meeting))
    for name in ITEM_FIELDS:
        if name in data:
            setattr(item, name, data[name])
    _check_private(item)
    _check_proposal(item, None)
    return save_attributed(item, by=by, reason="Added to the agenda")


@transaction.atomic
def item_update(
    *, by: User, item: AgendaItem, data: Mapping[str, Any], version: int | None = None
) -> AgendaItem:
    item = lock_item(item)
    require(permissions.can_edit_agenda(by, item.meeting))
    check_version(item, version)
    _refuse_if_past(item.meeting)
    if data.get("kind", item.kind) != item.kind and (
        item.kind == AgendaItem.Kind.MINUTES or data.get("kind") == AgendaItem.Kind.MINUTES
    ):
        raise DomainError("The minutes item keeps its kind.", field="kind")
    linked_before = item.proposal_id
    changed = apply_changes(item, data, ITEM_FIELDS)
    _check_private(item)
    _check_proposal(item, linked_before)
    if not changed:
        return item
    return save_attributed(item, by=by, reason="Edited: " + ", ".join(changed))


@transaction.atomic
def item_move(*, by: User, item: AgendaItem, offset: int) -> AgendaItem:
    """Move an item up (-1) or down (+1) the agenda; positions are renumbered from 1."""
    item = lock_item(item)
    require(permissions.can_edit_agenda(by, item.meeting))
    _refuse_if_past(item.meeting)
    items = list(AgendaItem.objects.filter(meeting=item.meeting).order_by("position", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = index + offset
    if not 0 <= target < len(items):
        return item
    items.insert(target, items.pop(index))
    for position, other in enumerate(items, start=1):
        if other.position != position:
            other.position = position
            save_attributed(other, by=by, reason="Agenda reordered")
    return items[target]


@transaction.atomic
def item_withdraw(*, by: User, item: AgendaItem, reason: str) -> AgendaItem:
    item = lock_item(item)
    require(permissions.can_edit_agenda(by, item.meeting))
    _refuse_if_past(item.meeting)
    if item.state != AgendaItem.State.OPEN:
        raise DomainError(
            f"The item is {item.get_state_display().lower()} and cannot be withdrawn.",
            field="status",
        )
    if not reason.strip():
        raise DomainError("Say why the item is withdrawn.", field="reason")
    item.state = AgendaItem.State.WITHDRAWN
    item.withdrawn_reason = reason.strip()
    save_attributed(item, by=by, reason=f"Withdrawn: {item.withdrawn_reason}")
    _withdraw_own_paper(item, by=by)
    if item.meeting.public_at is not None:
        pack_enqueue(item.meeting, audience=PackBuild.Audience.PUBLIC, by=by)
    return item


def _withdraw_own_paper(item: AgendaItem, *, by: User) -> None:
    """The item's own paper goes with it; a paper held by an earlier meeting's item stays there."""
    paper = Paper.objects.filter(item=item).exclude(status=Paper.Status.WITHDRAWN).first()
    if paper is None:
        return
    transitions.check(
        workflow.PAPER_TRANSITIONS, paper.status, Paper.Status.WITHDRAWN, Paper.Status, "paper"
    )
    paper.status = Paper.Status.WITHDRAWN
    paper.withdrawn_reason = f"The item was withdrawn: {item.withdrawn_reason}"
    save_attributed(paper, by=by, reason=f"Withdrawn with its item: {item.withdrawn_reason}")
