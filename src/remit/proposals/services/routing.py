"""Governance routing: send a proposal or a position paper along the deal's route, record
each forum's decision, correct a decision, then submission, negotiation and outcome.

The order rules live in `remit.proposals.workflow`; these services load the facts, apply
the rules, and write the routing's place and every affected proposal's status in the
same transaction as the decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import cast

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from remit.core import transitions
from remit.core.errors import DomainError
from remit.core.models import Board
from remit.core.models import GovernanceRoute
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services.registry import refuse_retired_route
from remit.core.services.writes import locked
from remit.core.services.writes import save_attributed
from remit.notifications.services import Kind
from remit.notifications.services import announce
from remit.proposals import audiences
from remit.proposals import permissions
from remit.proposals import rules
from remit.proposals.at_meetings import DecisionAtMeeting
from remit.proposals.at_meetings import meetings
from remit.proposals.models import DecisionEffect
from remit.proposals.models import ForumDecision
from remit.proposals.models import ImpactAssessment
from remit.proposals.models import NegotiationEntry
from remit.proposals.models import PositionPaper
from remit.proposals.models import Proposal
from remit.proposals.models import Routing
from remit.proposals.selectors import active_routing
from remit.proposals.selectors import decision_reason
from remit.proposals.services._common import departments_only
from remit.proposals.services._common import not_in_future
from remit.proposals.services._common import set_status
from remit.proposals.workflow import ENDORSING
from remit.proposals.workflow import START
from remit.proposals.workflow import TRANSITIONS
from remit.proposals.workflow import GovernmentOutcome
from remit.proposals.workflow import Outcome
from remit.proposals.workflow import Place
from remit.proposals.workflow import RoutingState
from remit.proposals.workflow import Status
from remit.proposals.workflow import check_business_case_condition
from remit.proposals.workflow import check_decision_date
from remit.proposals.workflow import check_decision_text
from remit.proposals.workflow import check_government_outcome
from remit.proposals.workflow import check_may_decide
from remit.proposals.workflow import decide
from remit.proposals.workflow import label
from remit.proposals.workflow import resend
from remit.proposals.workflow import status_after_decision

NEGOTIATING = frozenset({Status.SUBMITTED, Status.AGREED_IN_PRINCIPLE, Status.DEFERRED})

# Who decides at a step: a board, or at a route's final step the person who decides alone.
Decider = Board | Person


def forums(route: GovernanceRoute) -> list[Decider]:
    """The route's forums in order, then its final board or the person who decides alone."""
    steps = route.steps.select_related("board").order_by("position")
    return [step.board for step in steps] + [route.final_decider]


def decider_label(decider: Decider) -> str:
    """A board by its name; a person as "Name, office"."""
    return decider.name_with_office if isinstance(decider, Person) else str(decider)


def _labels(deciders: Sequence[Decider]) -> list[str]:
    return [decider_label(d) for d in deciders]


def _may_record(by: User, decider: Decider | None) -> None:
    """A board's decision is recorded by officers; a person's only by that person."""
    if isinstance(decider, Person):
        require(permissions.can_decide_alone(by, decider))
    else:
        require(permissions.can_record_decision(by))


def _place(routing: Routing) -> Place:
    return Place(
        RoutingState(routing.state), routing.current_position, routing.awaiting_resubmission
    )


def _move(
    routing: Routing, place: Place, boards: Sequence[Decider], *, by: User, reason: str
) -> None:
    routing.state = place.state
    routing.current_position = place.position
    at = boards[place.position - 1] if place.position else None
    routing.current_board = at if isinstance(at, Board) else None
    routing.current_decision_maker = at if isinstance(at, Person) else None
    routing.awaiting_resubmission = place.awaiting_resubmission
    routing.finished_at = None if place.state == RoutingState.ACTIVE else timezone.now()
    save_attributed(routing, by=by, reason=reason)


def subjects(routing: Routing) -> list[Proposal]:
    """The proposals a routing carries; a withdrawn proposal drops out of its paper's route."""
    if routing.proposal_id:
        return [Proposal.all_objects.select_related("deal").get(pk=routing.proposal_id)]
    return list(
        Proposal.all_objects.filter(papers=routing.paper_id)
        .exclude(status=Status.WITHDRAWN)
        .select_related("deal")
        .order_by("pk")
    )


def _ready(proposal: Proposal) -> None:
    try:
        rules.check_ready_for_forums(
            ask_type=proposal.ask_type,
            amount_pence=proposal.amount_pence,
            years_from=proposal.years_from,
            powers_asked=proposal.powers_asked,
        )
    except DomainError as exc:
        raise DomainError(f"“{proposal}”: {exc.message}", field=exc.field) from exc


def _send(
    routing: Routing | None, proposals: list[Proposal], *, by: User, make: Routing
) -> Routing:
    if routing is None:
        refuse_retired_route(
            make.route, advice="Give the deal a route that is in use, then send it."
        )
    for proposal in proposals:
        if proposal.status == Status.IN_GOVERNANCE:
            raise DomainError(f"“{proposal}” is already with the forums.")
        transitions.check(TRANSITIONS, proposal.status, Status.IN_GOVERNANCE, Status, "proposal")
        _ready(proposal)
    if routing is None:
        routing, place = make, START
    else:
        place = resend(_place(routing))
    boards = forums(routing.route)
    board = decider_label(boards[(place.position or 1) - 1])
    verb = "Sent again" if routing.pk else "Sent"
    routing.started_by = routing.started_by or by
    _move(routing, place, boards, by=by, reason=f"{verb} to {board}")
    for proposal in proposals:
        set_status(proposal, Status.IN_GOVERNANCE, by=by, reason=f"{verb} to {board}")
    return routing


@transaction.atomic
def proposal_route(*, by: User, proposal: Proposal) -> Routing:
    """Send a proposal to the first forum, or back to the forum that referred it back."""
    require(permissions.can_route(by, proposal))
    paper_routing = (
        Routing.objects.filter(state=RoutingState.ACTIVE, paper__proposals=proposal)
        .select_related("paper")
        .first()
    )
    if paper_routing is not None:
        raise DomainError(
            f"It is going through governance in the paper “{paper_routing.paper}”: "
            "send the paper instead."
        )
    own = proposal.routings.filter(state=RoutingState.ACTIVE).first()
    return _send(own, [proposal], by=by, make=Routing(route=proposal.deal.route, proposal=proposal))


@transaction.atomic
def paper_route(*, by: User, paper: PositionPaper) -> Routing:
    """Send a position paper, with all its proposals, along the deal's route."""
    require(permissions.can_route(by))
    proposals = list(Proposal.all_objects.filter(papers=paper).order_by("pk"))
    if not proposals:
        raise DomainError("Add at least one proposal to the paper first.", field="proposals")
    clash = (
        Routing.objects.filter(state=RoutingState.ACTIVE)
        .filter(Q(proposal__in=proposals) | Q(paper__proposals__in=proposals))
        .exclude(paper=paper)
        .first()
    )
    if clash is not None:
        raise DomainError(
            f"{clash.proposal or clash.paper} is already going through governance.",
            field="proposals",
        )
    own = paper.routings.filter(state=RoutingState.ACTIVE).first()
    return _send(own, proposals, by=by, make=Routing(route=paper.deal.route, paper=paper))


def _check_final_board(proposals: Sequence[Proposal], board: Decider) -> None:
    signed = set(
        ImpactAssessment.objects.filter(
            proposal__in=proposals, signed_off_at__isnull=False
        ).values_list("proposal_id", flat=True)
    )
    for proposal in proposals:
        if proposal.pk not in signed:
            raise DomainError(
                f"{decider_label(board)} cannot consider “{proposal}” before its equality and "
                "health impact screening is signed off.",
                field="position",
            )


def _apply(
    decision: ForumDecision,
    routing: Routing,
    place: Place,
    boards: Sequence[Decider],
    before: dict[int, str],
    *,
    by: User,
) -> None:
    """Write the routing's new place and each proposal's status, with one effect row each."""
    reason = decision_reason(decision.decider_label, decision.get_outcome_display())
    _move(routing, place, boards, by=by, reason=reason)
    for proposal in subjects(routing):
        if proposal.pk not in before:
            continue
        after = status_after_decision(
            before[proposal.pk], outcome=decision.outcome, place=place, forum_steps=len(boards) - 1
        )
        if after != before[proposal.pk]:
            transitions.check(TRANSITIONS, before[proposal.pk], after, Status, "proposal")
        DecisionEffect(
            decision=decision,
            proposal=proposal,
            status_before=before[proposal.pk],
            status_after=after,
        ).save()
        if after != proposal.status:
            proposal.status = after
            save_attributed(proposal, by=by, reason=reason)


def _decision(
    routing: Routing,
    board: Decider,
    *,
    by: User,
    position: int,
    outcome: str,
    decided_on: date,
    meeting_reference: str,
    changes: str,
    reasons: str,
    meeting_decision: DecisionAtMeeting | None = None,
    supersedes: ForumDecision | None = None,
    correction_note: str = "",
) -> ForumDecision:
    """The decision row; a person's carries the office they held, which corrections keep."""
    person = board if isinstance(board, Person) else None
    office = person.job_title if person is not None else ""
    if supersedes is not None and supersedes.decision_maker_id:
        office = supersedes.office
    decision = ForumDecision(
        routing=routing,
        position=position,
        board=board if isinstance(board, Board) else None,
        decision_maker=person,
        office=office,
        outcome=outcome,
        changes=changes.strip(),
        reasons=reasons.strip(),
        decided_on=decided_on,
        meeting_reference="" if meeting_decision is not None else meeting_reference.strip(),
        meeting_decision_id=None if meeting_decision is None else meeting_decision.pk,
        recorded_by=by,
        supersedes=supersedes,
        correction_note=correction_note.strip(),
    )
    reason = "Recorded"
    if meeting_decision is not None:
        reason = f"Decided at the meeting: {meeting_decision.reference}"
    save_attributed(decision, by=by, reason=reason)
    for proposal in subjects(routing) if outcome == Outcome.REFERRED_BACK else []:
        title = f"{decision.decider_label} referred back “{proposal}”"
        link = reverse("proposals:detail", args=[proposal.pk])
        key = f"referred-back:{decision.pk}:{proposal.pk}"
        announce(Kind.PROPOSAL_REFERRED_BACK, key, audiences.lead_officers(proposal), title, link)
    return decision


def _check_date(
    routing: Routing, decided_on: date, *, replacing: ForumDecision | None = None
) -> None:
    """Refuse a date before the decisions standing on the route (a correction's own aside)."""
    standing = routing.decisions.filter(superseded_by__isnull=True).select_related(
        "board", "decision_maker"
    )
    if replacing is not None:
        standing = standing.exclude(pk=replacing.pk)
    check_decision_date(decided_on, [(d.decider_label, d.decided_on) for d in standing])


def _refuse_if_on_an_agenda(routing: Routing, board: Decider) -> None:
    """A board deciding at a meeting records its decision there, once, not here as well."""
    if routing.proposal is None or not isinstance(board, Board):
        return
    due = [e for e in meetings().agenda(routing.proposal) if e.board.pk == board.pk]
    if due:
        raise DomainError(
            f"It is on the agenda of the {board} meeting of {due[0].meeting_on:%-d %B %Y}: "
            "record the decision on that item at the meeting, and it is recorded here too.",
            field="position",
        )


@transaction.atomic
def forum_decision_record(
    *,
    by: User,
    routing: Routing,
    position: int,
    outcome: str,
    decided_on: date,
    meeting_reference: str = "",
    changes: str = "",
    reasons: str = "",
    meeting_decision: DecisionAtMeeting | None = None,
) -> ForumDecision:
    """Record what the forum at step `position` decided; forums decide strictly in order.

    A decision taken at a meeting comes with the meeting's `Decision`, which stays the
    record of what the board resolved; the forum decision points at it. At a final step
    that one person decides alone, only that person records it, and never at a meeting.
    """
    routing = locked(routing, related=("route__final_board", "route__final_decision_maker"))
    boards = forums(routing.route)
    at = boards[position - 1] if 1 <= position <= len(boards) else None
    _may_record(by, at)
    if meeting_decision is not None and isinstance(at, Person):
        raise DomainError(f"{decider_label(at)} decides alone, not at a meeting.", field="position")
    check_decision_text(outcome, changes, reasons)
    not_in_future(decided_on, field="decided_on")
    place = decide(_place(routing), at=position, outcome=outcome, forums=_labels(boards))
    _check_date(routing, decided_on)
    if meeting_decision is None:
        _refuse_if_on_an_agenda(routing, boards[position - 1])
    proposals = subjects(routing)
    for proposal in proposals:
        check_may_decide(proposal.status, at=position, forum_steps=len(boards) - 1)
    if position == len(boards):
        _check_final_board(proposals, boards[-1])
    decision = _decision(
        routing,
        boards[position - 1],
        by=by,
        position=position,
        outcome=outcome,
        decided_on=decided_on,
        meeting_reference=meeting_reference,
        changes=changes,
        reasons=reasons,
        meeting_decision=meeting_decision,
    )
    _apply(decision, routing, place, boards, {p.pk: p.status for p in proposals}, by=by)
    return decision


def _own_routing(proposal: Proposal) -> Routing:
    routing = active_routing(proposal)
    if routing is None:
        raise DomainError(
            f"It is {label(proposal.status)} and not going through governance.", field="proposal"
        )
    if routing.proposal_id != proposal.pk:
        raise DomainError(
            f"It goes through the forums in the position paper “{routing.paper}”, so the paper "
            "is decided on, not the proposal alone.",
            field="proposal",
        )
    return routing


def check_awaits(proposal: Proposal, board: Board) -> None:
    """A board can take a proposal at a meeting only when the proposal's route is at it."""
    routing = _own_routing(proposal)
    if routing.current_board_id != board.pk:
        raise DomainError(
            f"It is waiting for {routing.current_label}, not {board}.", field="proposal"
        )


def _step_of(routing: Routing, board: Board) -> int:
    boards = forums(routing.route)

    def is_board(forum: Decider) -> bool:
        return isinstance(forum, Board) and forum.pk == board.pk

    if routing.current_position and is_board(boards[routing.current_position - 1]):
        return routing.current_position
    for position, forum in enumerate(boards, start=1):
        if is_board(forum):
            return position
    raise DomainError(
        f"{board} is not one of the forums on its route ({routing.route}).", field="proposal"
    )


@transaction.atomic
def meeting_decision_record(
    *,
    by: User,
    proposal: Proposal,
    meeting_decision: DecisionAtMeeting,
    outcome: str,
    decided_on: date,
    changes: str = "",
    reasons: str = "",
) -> ForumDecision:
    """The forum decision a board took on a proposal at its meeting, through the same rules."""
    routing = _own_routing(proposal)
    return forum_decision_record(
        by=by,
        routing=routing,
        position=_step_of(routing, meeting_decision.board),
        outcome=outcome,
        decided_on=decided_on,
        changes=changes,
        reasons=reasons,
        meeting_decision=meeting_decision,
    )


@transaction.atomic
def decision_correct(
    *,
    by: User,
    decision: ForumDecision,
    outcome: str,
    decided_on: date,
    note: str,
    meeting_reference: str = "",
    changes: str = "",
    reasons: str = "",
    meeting_decision: DecisionAtMeeting | None = None,
) -> ForumDecision:
    """Put a recorded decision right with a new one that supersedes it; both stay on record.

    Only the latest decision on a route can be corrected, and only while the proposals
    still stand where it left them: the correction replays that step from the start.
    A decision taken at a meeting is corrected at the meeting, whose correcting
    `Decision` comes with it; a person's decision only by that person.
    """
    _may_record(by, decision.decision_maker or decision.board)
    if not note.strip():
        raise DomainError("Say what the correction puts right.", field="note")
    if decision.meeting_decision_id and meeting_decision is None:
        taken = decision.meeting_decision
        raise DomainError(
            f"{decision.board} decided this at its meeting, in decision {taken}: record the "
            "correction of that decision at the meeting, and it is recorded here too."
        )
    if ForumDecision.objects.filter(supersedes=decision).exists():
        raise DomainError("That decision has already been corrected; correct the correction.")
    routing = locked(
        decision.routing, related=("route__final_board", "route__final_decision_maker")
    )
    latest = routing.decisions.order_by("-recorded_at", "-pk").first()
    if latest is None or latest.pk != decision.pk:
        raise DomainError(
            "Only the latest decision on a route can be corrected: a later forum has decided since."
        )
    effects = list(decision.effects.select_related("proposal"))
    for effect in effects:
        if effect.proposal.status != effect.status_after:
            raise DomainError(
                f"“{effect.proposal}” has moved on since this decision (it is now "
                f"{effect.proposal.get_status_display().lower()}): record the next decision "
                "instead."
            )
    boards = forums(routing.route)
    check_decision_text(outcome, changes, reasons)
    not_in_future(decided_on, field="decided_on")
    _check_date(routing, decided_on, replacing=decision)
    place = decide(
        Place(RoutingState.ACTIVE, decision.position),
        at=decision.position,
        outcome=outcome,
        forums=_labels(boards),
    )
    if decision.position == len(boards):
        _check_final_board([e.proposal for e in effects], boards[-1])
    correction = _decision(
        routing,
        decision.decision_maker or decision.board,  # type: ignore[arg-type]
        by=by,
        position=decision.position,
        outcome=outcome,
        decided_on=decided_on,
        meeting_reference=meeting_reference,
        changes=changes,
        reasons=reasons,
        meeting_decision=meeting_decision,
        supersedes=decision,
        correction_note=note,
    )
    _apply(
        correction, routing, place, boards, {e.proposal_id: e.status_before for e in effects}, by=by
    )
    return correction


def final_endorsement(proposal: Proposal) -> ForumDecision | None:
    """The final step's standing endorsement of a proposal, if it has one: the final
    board's, or that of the person who decides alone."""
    candidates = (
        ForumDecision.objects.filter(
            effects__proposal=proposal,
            outcome__in=ENDORSING,
            superseded_by__isnull=True,
        )
        .select_related("routing__route")
        .order_by("-recorded_at")
    )
    for found in candidates:
        decision = cast(ForumDecision, found)
        route = decision.routing.route
        final = (decision.board_id, decision.decision_maker_id) == (
            route.final_board_id,
            route.final_decision_maker_id,
        )
        if final and decision.position == route.steps.count() + 1:
            return decision
    return None


@transaction.atomic
def proposal_submit(*, by: User, proposal: Proposal, submitted_on: date) -> Proposal:
    """Submit a cleared proposal to government, or reopen negotiation on a deferred one."""
    require(permissions.can_negotiate(by, proposal))
    not_in_future(submitted_on, field="submitted_on")
    if not proposal.departments.exists():
        raise DomainError(
            "Name the government departments it asks of before submitting it.",
            field="departments",
        )
    transitions.check(TRANSITIONS, proposal.status, Status.SUBMITTED, Status, "proposal")
    proposal.submitted_on = submitted_on
    return set_status(proposal, Status.SUBMITTED, by=by, reason="Submitted to government")


@transaction.atomic
def negotiation_log(
    *,
    by: User,
    proposal: Proposal,
    department: Organisation,
    held_on: date,
    summary: str,
    next_steps: str = "",
) -> NegotiationEntry:
    require(permissions.can_negotiate(by, proposal))
    if proposal.status not in NEGOTIATING:
        raise DomainError("Negotiation is logged once the proposal is with government.")
    departments_only([department], field="department")
    not_in_future(held_on, field="held_on")
    entry = NegotiationEntry(
        proposal=proposal,
        department=department,
        held_on=held_on,
        summary=summary.strip(),
        next_steps=next_steps.strip(),
        recorded_by=by,
    )
    return save_attributed(entry, by=by, reason="Logged")


@transaction.atomic
def outcome_record(
    *,
    by: User,
    proposal: Proposal,
    outcome: str,
    decided_on: date,
    conditions: str = "",
    subject_to_business_case: bool = False,
) -> Proposal:
    """Record where negotiation ended; agreed needs the final board's endorsement.

    An agreement in principle may be subject to a business case, which can then be started.
    """
    require(permissions.can_negotiate(by, proposal))
    not_in_future(decided_on, field="decided_on")
    check_business_case_condition(outcome, subject_to_business_case)
    target = check_government_outcome(
        outcome,
        final_endorsed=final_endorsement(proposal) is not None,
        final_board=proposal.deal.route.final_label,
    )
    transitions.check(TRANSITIONS, proposal.status, target, Status, "proposal")
    proposal.outcome = outcome
    proposal.outcome_on = decided_on
    proposal.outcome_conditions = conditions.strip()
    proposal.subject_to_business_case = subject_to_business_case
    label = GovernmentOutcome(outcome).label.lower()
    return set_status(proposal, target, by=by, reason=f"Government outcome: {label}")
