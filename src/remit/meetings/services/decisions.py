"""The record of a meeting: declarations of interest, decisions with their votes, and minutes.

Decisions are only ever added to; a correction supersedes. Minutes are drafted
after the meeting and approved as an item of the next one, then frozen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from datetime import datetime

from django.db import transaction
from django.db.models import Max

from remit.core import transitions
from remit.core.errors import DomainError
from remit.core.models import Board
from remit.core.models import Person
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services.writes import check_version
from remit.core.services.writes import save_attributed
from remit.meetings import permissions
from remit.meetings import selectors
from remit.meetings import workflow
from remit.meetings.models import AgendaItem
from remit.meetings.models import Attendance
from remit.meetings.models import Decision
from remit.meetings.models import Declaration
from remit.meetings.models import ForwardPlanEntry
from remit.meetings.models import Meeting
from remit.meetings.models import Minutes
from remit.meetings.models import Paper
from remit.meetings.models import RecommendationOutcome
from remit.meetings.models import Vote
from remit.meetings.rules import IF_NOT_AGREED
from remit.meetings.rules import PREJUDICIAL_INTERESTS
from remit.meetings.rules import REJECTED
from remit.meetings.rules import VOTING_ROLES
from remit.meetings.rules import ForumVerdict
from remit.meetings.rules import decision_reference
from remit.meetings.rules import forum_verdict
from remit.meetings.rules import reference_prefix
from remit.meetings.services.common import local_day
from remit.meetings.services.common import lock
from remit.meetings.services.common import lock_item
from remit.meetings.services.common import member_ids_on
from remit.meetings.services.common import moment
from remit.meetings.services.common import refuse_if_closed
from remit.meetings.services.common import seats_on
from remit.proposals import services as proposals


@dataclass(frozen=True)
class OutcomeInput:
    """The board's answer to one recommendation (or to an item without any)."""

    recommendation_id: int | None
    outcome: str
    amended_text: str = ""


@transaction.atomic
def declaration_record(
    *,
    by: User,
    meeting: Meeting,
    person: Person,
    kind: str,
    description: str,
    item: AgendaItem | None = None,
) -> Declaration:
    """A member's interest, recorded before the item it concerns is decided."""
    meeting = lock(meeting)
    require(permissions.can_record_declaration(by, meeting, person))
    refuse_if_closed(meeting, "record declarations")
    if person.pk not in member_ids_on(meeting.board, meeting.date):
        raise DomainError(
            f"{person.name} was not a member of {meeting.board.name} on the day of the meeting.",
            field="person",
        )
    if item is not None:
        if item.meeting_id != meeting.pk:
            raise DomainError("That item is on another meeting's agenda.", field="item")
        if item.state == AgendaItem.State.DECIDED or item.decisions.exists():
            raise DomainError(
                "The item has already been decided: interests are declared before the decision.",
                field="item",
            )
    if kind not in Declaration.Kind.values:
        raise DomainError("Choose the kind of interest.", field="kind")
    if not description.strip():
        raise DomainError("Describe the interest.", field="description")
    declaration = Declaration(
        meeting=meeting,
        item=item,
        person=person,
        kind=kind,
        description=description.strip(),
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    return save_attributed(declaration, by=by, reason="Declared")


def _check_outcomes(item: AgendaItem, paper: Paper | None, outcomes: list[OutcomeInput]) -> None:
    expected = [r.pk for r in paper.recommendations.all()] if paper is not None else []
    given = [o.recommendation_id for o in outcomes]
    if expected:
        if sorted(given, key=lambda x: x or 0) != sorted(expected):
            raise DomainError(
                "Record the board's decision on every recommendation, once each.",
                field="outcomes",
            )
    elif given != [None]:
        raise DomainError("An item without recommendations takes one outcome.", field="outcomes")
    valid = set(RecommendationOutcome.Outcome.values)
    for number, o in enumerate(outcomes, start=1):
        if o.outcome not in valid:
            raise DomainError(f"Outcome {number}: choose an outcome.", field="outcomes")
        if (
            o.outcome == RecommendationOutcome.Outcome.AGREED_AS_AMENDED
            and not o.amended_text.strip()
        ):
            raise DomainError(
                f"Outcome {number}: write down the recommendation as amended.", field="outcomes"
            )


def _standing_paper(item: AgendaItem) -> Paper | None:
    """The paper the board decides on: published to members, and not withdrawn."""
    paper = Paper.objects.filter(item=item.paper_holder).first()
    if paper is not None and paper.members_published_at is None:
        raise DomainError("The item's paper was never published to members.", field="item")
    if paper is not None and paper.status == Paper.Status.WITHDRAWN:
        return None
    return paper


def _check_votes(item: AgendaItem, votes: Mapping[int, str]) -> None:
    """Only voting members who were present vote; a prejudicial interest bars a member."""
    if not votes:
        return
    meeting = item.meeting
    voting = {s.person_id for s in seats_on(meeting.board, meeting.date) if s.role in VOTING_ROLES}
    present = set(
        meeting.attendance.filter(status=Attendance.Status.PRESENT).values_list(
            "person_id", flat=True
        )
    )
    barred = {
        d.person_id: d.person.name
        for d in Declaration.objects.filter(
            item=item, kind__in=PREJUDICIAL_INTERESTS
        ).select_related("person")
    }
    names = dict(Person.objects.filter(pk__in=list(votes)).values_list("pk", "name"))
    for person_id, choice in votes.items():
        name = names.get(person_id, f"Person {person_id}")
        if person_id in barred:
            raise DomainError(
                f"{name} declared a prejudicial interest in this item and cannot vote on it.",
                field="votes",
            )
        if person_id not in voting:
            raise DomainError(f"{name} is not a voting member of the board.", field="votes")
        if person_id not in present:
            raise DomainError(f"{name} was not recorded as present.", field="votes")
        if choice not in Vote.Choice.values:
            raise DomainError(f"{name}: choose for, against or abstain.", field="votes")


def _check_decidable(item: AgendaItem, supersedes: Decision | None) -> None:
    meeting = item.meeting
    if not item.takes_decision or item.kind == AgendaItem.Kind.MINUTES:
        raise DomainError(
            f"A '{item.get_kind_display()}' item takes no decision here.", field="item"
        )
    if meeting.status not in (Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED):
        raise DomainError("Decisions are recorded once the meeting has been held.", field="status")
    if meeting.quorate is False:
        raise DomainError(
            "The meeting was inquorate, so it could not decide: the item rolls forward.",
            field="status",
        )
    if supersedes is None:
        if item.state != AgendaItem.State.OPEN:
            raise DomainError(
                f"The item is {item.get_state_display().lower()}: to change a decision, record "
                "a correction that supersedes it.",
                field="item",
            )
        return
    if supersedes.item_id != item.pk:
        raise DomainError(
            "A correction supersedes a decision on the same item.", field="supersedes"
        )
    if Decision.objects.filter(supersedes=supersedes).exists():
        raise DomainError(
            f"{supersedes.reference} has already been superseded.", field="supersedes"
        )


def _next_sequence(board: Board, year: int) -> int:
    Board.objects.select_for_update().filter(pk=board.pk).first()
    top = Decision.objects.filter(board=board, year=year).aggregate(top=Max("sequence"))["top"]
    return (top or 0) + 1


@transaction.atomic
def decision_record(
    *,
    by: User,
    item: AgendaItem,
    summary: str,
    outcomes: list[OutcomeInput],
    votes: Mapping[int, str] | None = None,
    published_on: date | None = None,
    effective_on: date | None = None,
    supersedes: Decision | None = None,
    correction_reason: str = "",
    at: datetime | None = None,
    if_not_agreed: str = REJECTED,
) -> Decision:
    """Record what the board resolved on an item, or a correction that supersedes a decision.

    When the item is about a proposal, the same transaction records the board's forum
    decision on it through the proposals' rules; if they refuse, nothing is saved.
    """
    item = lock_item(item)
    require(permissions.can_record_decision(by, item))
    _check_decidable(item, supersedes)
    if if_not_agreed not in IF_NOT_AGREED:
        raise DomainError(
            "Say whether the proposal is rejected or referred back.", field="if_not_agreed"
        )
    _check_outcomes(item, _standing_paper(item), outcomes)
    _check_votes(item, votes or {})
    if not summary.strip():
        raise DomainError("Write down what the board resolved.", field="summary")
    if supersedes is not None and not correction_reason.strip():
        raise DomainError("Say why the decision is being corrected.", field="correction_reason")
    board = item.meeting.board
    published = published_on or local_day(moment(at))
    effective = effective_on or published
    if effective < published:
        raise DomainError(
            "A decision cannot take effect before it is published.", field="effective_on"
        )
    year = item.meeting.date.year
    sequence = _next_sequence(board, year)
    decision = Decision(
        board=board,
        item=item,
        year=year,
        sequence=sequence,
        reference=decision_reference(
            reference_prefix(board.decision_reference_prefix, board.slug), year, sequence
        ),
        summary=summary.strip(),
        published_on=published,
        effective_on=effective,
        supersedes=supersedes,
        correction_reason=correction_reason.strip(),
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    reason = f"Corrects {supersedes.reference}" if supersedes else "Recorded"
    save_attributed(decision, by=by, reason=reason)
    for o in outcomes:
        save_attributed(
            RecommendationOutcome(
                decision=decision,
                recommendation_id=o.recommendation_id,
                outcome=o.outcome,
                amended_text=o.amended_text.strip(),
            ),
            by=by,
            reason=reason,
        )
    for person_id, choice in (votes or {}).items():
        save_attributed(
            Vote(decision=decision, person_id=person_id, choice=choice), by=by, reason=reason
        )
    if item.proposal_id is not None:
        _decide_proposal(by, item, decision, outcomes, if_not_agreed)
    if item.state != AgendaItem.State.DECIDED:
        item.state = AgendaItem.State.DECIDED
        save_attributed(item, by=by, reason=f"Decided: {decision.reference}")
    entry = ForwardPlanEntry.objects.filter(
        item=item, status=ForwardPlanEntry.Status.ON_AGENDA
    ).first()
    if entry is not None:
        transitions.check(
            workflow.PLAN_TRANSITIONS,
            entry.status,
            ForwardPlanEntry.Status.DECIDED,
            ForwardPlanEntry.Status,
            "forward plan entry",
        )
        entry.status = ForwardPlanEntry.Status.DECIDED
        save_attributed(entry, by=by, reason=f"Decided: {decision.reference}")
    return decision


def _decide_proposal(
    by: User,
    item: AgendaItem,
    decision: Decision,
    outcomes: list[OutcomeInput],
    if_not_agreed: str,
) -> None:
    """The board's forum decision on the item's proposal, pointing at the meeting decision."""
    verdict = forum_verdict(
        [(o.outcome, o.amended_text) for o in outcomes],
        resolution=decision.summary,
        if_not_agreed=if_not_agreed,
    )
    try:
        _record_verdict(by, item, decision, verdict)
    except DomainError as exc:
        raise type(exc)(
            f"Nothing was recorded: the proposal “{item.proposal}” cannot take this decision. "
            f"{exc.message}",
            field="proposal",
        ) from exc


def _record_verdict(
    by: User, item: AgendaItem, decision: Decision, verdict: ForumVerdict | None
) -> None:
    """A first decision records the forum decision; a correction supersedes the standing one.

    A correction that keeps the verdict leaves the standing forum decision as it is.
    """
    standing = selectors.standing_forum_decision(decision.supersedes)
    if standing is None:
        if verdict is not None:
            proposals.meeting_decision_record(
                by=by,
                proposal=item.proposal,  # type: ignore[arg-type]
                meeting_decision=decision,
                outcome=verdict.outcome,
                decided_on=item.meeting.date,
                changes=verdict.changes,
                reasons=verdict.reasons,
            )
        return
    if verdict is None:
        raise DomainError(
            f"{standing.board} {standing.get_outcome_display().lower()} it in "
            f"{standing.meeting_decision}, and a correction cannot take a forum decision back: "
            "record the outcome the board reached on the proposal."
        )
    if (standing.outcome, standing.changes, standing.reasons) == (
        verdict.outcome,
        verdict.changes,
        verdict.reasons,
    ):
        return
    proposals.decision_correct(
        by=by,
        decision=standing,
        outcome=verdict.outcome,
        decided_on=item.meeting.date,
        note=decision.correction_reason,
        changes=verdict.changes,
        reasons=verdict.reasons,
        meeting_decision=decision,
    )


def _minutes_locked(meeting: Meeting) -> Minutes | None:
    return Minutes.objects.select_for_update().filter(meeting=meeting).first()


@transaction.atomic
def minutes_draft(*, by: User, meeting: Meeting, body: str, version: int | None = None) -> Minutes:
    meeting = lock(meeting)
    require(permissions.can_edit_minutes(by, meeting))
    if meeting.status not in (Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED):
        raise DomainError("Minutes are drafted once the meeting has been held.", field="status")
    minutes = _minutes_locked(meeting) or Minutes(meeting=meeting)
    if minutes.status == Minutes.Status.APPROVED:
        raise DomainError(
            f"These minutes were approved on {minutes.approved_on:%d %B %Y} and cannot be changed.",
            field="body",
        )
    check_version(minutes, version)
    if not body.strip():
        raise DomainError("The minutes are empty.", field="body")
    if minutes.pk is not None and minutes.body == body.strip():
        return minutes
    minutes.body = body.strip()
    return save_attributed(minutes, by=by, reason="Drafted" if minutes.pk is None else "Redrafted")


@transaction.atomic
def minutes_approve(*, by: User, item: AgendaItem) -> Minutes:
    """The next meeting approves the minutes as a correct record; then they are frozen."""
    item = lock_item(item)
    require(permissions.can_approve_minutes(by, item))
    if item.kind != AgendaItem.Kind.MINUTES or item.minutes_of_id is None:
        raise DomainError("Minutes are approved under a minutes item.", field="item")
    approving = item.meeting
    if approving.status != Meeting.Status.HELD or approving.quorate is not True:
        raise DomainError(
            "Minutes are approved at a quorate meeting once it has been held.", field="status"
        )
    if item.state != AgendaItem.State.OPEN:
        raise DomainError(f"This item is {item.get_state_display().lower()}.", field="item")
    minuted = lock(item.minutes_of)  # type: ignore[arg-type]
    minutes = _minutes_locked(minuted)
    if minutes is None:
        raise DomainError(f"No minutes have been drafted for {minuted}.", field="item")
    if minutes.status == Minutes.Status.APPROVED:
        raise DomainError("These minutes are already approved.", field="item")
    transitions.check(
        workflow.MINUTES_TRANSITIONS,
        minutes.status,
        Minutes.Status.APPROVED,
        Minutes.Status,
        "set of minutes",
        field="item",
    )
    transitions.check(
        workflow.MEETING_TRANSITIONS,
        minuted.status,
        Meeting.Status.MINUTES_APPROVED,
        Meeting.Status,
        "meeting",
    )
    minutes.status = Minutes.Status.APPROVED
    minutes.approved_at_item = item
    minutes.approved_on = approving.date
    save_attributed(minutes, by=by, reason=f"Approved at {approving}")
    minuted.status = Meeting.Status.MINUTES_APPROVED
    save_attributed(minuted, by=by, reason=f"Minutes approved at {approving}")
    item.state = AgendaItem.State.DECIDED
    save_attributed(item, by=by, reason="Minutes approved as a correct record")
    return minutes
