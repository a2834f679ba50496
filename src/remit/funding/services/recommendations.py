"""The recommending board's recommendation on a round's bids, taken at one of its meetings.

The board decides under an agenda item of a meeting it has held; the meeting's decision on that
item is the one record of the recommendation, and each bid's recommendation points at it. The
item can be put on an upcoming meeting's agenda from the round.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field

from django.db import transaction

from remit.core.errors import DomainError
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services.writes import save_attributed
from remit.funding import permissions
from remit.funding.models import Bid
from remit.funding.models import Recommendation
from remit.funding.models import Round
from remit.funding.rules import money
from remit.funding.services.decisions import amount_for
from remit.funding.services.decisions import recommendation_record
from remit.funding.workflow import Outcome
from remit.meetings import services as meetings
from remit.meetings.models import AgendaItem
from remit.meetings.models import Decision
from remit.meetings.models import Meeting
from remit.meetings.models import RecommendationOutcome
from remit.meetings.services.decisions import OutcomeInput

HELD = (Meeting.Status.HELD, Meeting.Status.MINUTES_APPROVED)


@dataclass(frozen=True)
class BidVerdict:
    """What the board recommends on one bid."""

    bid: Bid
    outcome: str
    reasons: str
    amount_pence: int | None = None
    amounts_pence: Mapping[str, int | None] | None = field(default=None)


def agenda_title(round: Round) -> str:
    return f"Community safety fund: recommendations on the bids to {round.title}"


def check_item(round: Round, item: AgendaItem) -> None:
    """The item is business of a meeting of the fund's recommending board that has been held."""
    board = round.fund.recommending_board
    meeting = item.meeting
    if board is None:
        raise DomainError(
            f"{round.fund} has no recommending board: name one on the fund first.", field="item"
        )
    if meeting.board_id != board.pk:
        raise DomainError(
            f"That item is on the agenda of {meeting.board.name}; the bids to {round.title} are "
            f"recommended by {board.name}. Choose an item of one of its meetings.",
            field="item",
        )
    if meeting.status not in HELD:
        day = f"{meeting.date.day} {meeting.date:%B %Y}"
        raise DomainError(
            f"The {board.name} meeting on {day} has not been held yet: record the board's "
            "recommendation once it has.",
            field="item",
        )
    if item.withdrawn:
        raise DomainError("That item was withdrawn from the agenda.", field="item")
    if item.fund_round_id is not None and item.fund_round_id != round.pk:
        raise DomainError(
            f"That item is about the bids to {item.fund_round}: choose the item for this round.",
            field="item",
        )


def _line(v: BidVerdict) -> str:
    """One bid in the board's resolution: what it recommends and how much, year by year."""
    try:
        total, by_year = amount_for(v.bid, v.outcome, v.amount_pence, v.amounts_pence)
    except DomainError as exc:
        raise _about(v.bid, exc) from exc
    said = f"- {v.bid.reference} {v.bid.title} ({v.bid.organisation.name}): "
    said += Outcome(v.outcome).label.lower()
    if total:
        said += f", {money(total)}"
        if len(by_year) > 1:
            said += " (" + "; ".join(f"{y}: {money(a)}" for y, a in sorted(by_year.items())) + ")"
    return said


def _about(bid: Bid, exc: DomainError) -> DomainError:
    """A refusal on one bid's row names the bid, and the row's field."""
    return type(exc)(
        f"{bid.reference} {bid.title}: {exc.message}",
        field=f"bid{bid.pk}-{exc.field}" if exc.field else None,
    )


def _resolution(resolution: str, verdicts: Sequence[BidVerdict]) -> str:
    lines = [resolution.strip(), "", "The board recommends to the commissioner:"]
    lines += [_line(v) for v in verdicts]
    return "\n".join(lines)


@transaction.atomic
def round_recommendation_record(
    *,
    by: User,
    round: Round,
    item: AgendaItem,
    resolution: str,
    verdicts: Sequence[BidVerdict],
) -> Decision:
    """Record the board's decision on the item and, with it, its recommendation on each bid.

    If the board's decision or any bid's recommendation is refused, nothing is saved.
    """
    require(permissions.can_record_recommendation_at_meeting(by, round))
    check_item(round, item)
    if not resolution.strip():
        raise DomainError("Write down what the board resolved.", field="resolution")
    if not verdicts:
        raise DomainError("Choose the board's recommendation on at least one bid.", field="bids")
    for v in verdicts:
        if v.bid.round_id != round.pk:
            raise DomainError(f"{v.bid} is a bid to another round.", field="bids")
    summary = _resolution(resolution, verdicts)
    paper = getattr(item.paper_holder, "paper", None)
    recommendations = list(paper.recommendations.all()) if paper is not None else []
    agreed = RecommendationOutcome.Outcome.AGREED
    outcomes = [OutcomeInput(r.pk, agreed) for r in recommendations] or [OutcomeInput(None, agreed)]
    decision = meetings.decision_record(by=by, item=item, summary=summary, outcomes=outcomes)
    for v in verdicts:
        try:
            recommendation_record(
                by=by,
                bid=v.bid,
                outcome=v.outcome,
                reasons=v.reasons,
                recommended_on=item.meeting.date,
                amount_pence=v.amount_pence,
                amounts_pence=v.amounts_pence,
                meeting_decision=decision,
            )
        except DomainError as exc:
            raise _about(v.bid, exc) from exc
    linked = AgendaItem.objects.get(pk=item.pk)
    if linked.fund_round_id is None:
        linked.fund_round = round
        save_attributed(linked, by=by, reason=f"About the bids to {round.title}")
    return decision


def recommended_at(decision: Decision) -> list[Recommendation]:
    """The bids' recommendations the board's decision records, with what each needs to show."""
    return list(
        decision.fund_recommendations.select_related("bid__organisation").order_by("bid__pk")
    )


@transaction.atomic
def round_on_agenda(*, by: User, round: Round, meeting: Meeting) -> AgendaItem:
    """Put the round's recommendations on an upcoming meeting's agenda, for decision."""
    require(permissions.can_record_recommendation_at_meeting(by, round))
    board = round.fund.recommending_board
    if board is None or meeting.board_id != board.pk:
        name = board.name if board else "the fund's recommending board"
        raise DomainError(f"Choose a meeting of {name}.", field="meeting")
    item = meetings.item_add(
        by=by,
        meeting=meeting,
        data={
            "kind": AgendaItem.Kind.DECISION,
            "title": agenda_title(round),
            "summary": f"The board recommends to the commissioner which bids to {round.title} "
            "to fund, and how much.",
        },
    )
    item.fund_round = round
    return save_attributed(item, by=by, reason=f"About the bids to {round.title}")


def amounts_text(recommendation: Recommendation) -> str:
    if recommendation.amount_pence is None:
        return "Nothing"
    if len(recommendation.amounts) > 1:
        years = "; ".join(f"{y}: {money(a)}" for y, a in sorted(recommendation.amounts.items()))
        return f"{money(recommendation.amount_pence)} ({years})"
    return money(recommendation.amount_pence)
