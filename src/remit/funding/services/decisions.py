"""The recommending board's recommendations and the decision makers' determinations.

Both are recorded decisions: never changed, never deleted. A correction is a new record that
supersedes the one in force, and the bid's current recommendation or determination is written
in the same transaction. A determination that funds a bid makes (or updates) its grant.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from remit.core import transitions
from remit.core.errors import DomainError
from remit.core.models import Person
from remit.core.models import User
from remit.core.permissions import person_of
from remit.core.permissions import require
from remit.core.services.writes import save_attributed
from remit.funding import audiences
from remit.funding import joint
from remit.funding import permissions
from remit.funding.models import Bid
from remit.funding.models import Determination
from remit.funding.models import Grant
from remit.funding.models import MakerDecision
from remit.funding.models import Recommendation
from remit.funding.rules import RuleError
from remit.funding.rules import money
from remit.funding.rules import part_by_year
from remit.funding.services.assessment import recommend_verdict
from remit.funding.services.bids import locked
from remit.funding.workflow import ASSESSABLE
from remit.funding.workflow import TRANSITIONS
from remit.funding.workflow import BidStatus
from remit.funding.workflow import Outcome
from remit.funding.workflow import status_for
from remit.notifications.services import Kind
from remit.notifications.services import announce


def _asked_by_year(bid: Bid) -> dict[str, int]:
    return {a.financial_year: a.amount_pence for a in bid.amounts.all()}


def amount_for(
    bid: Bid,
    outcome: str,
    amount_pence: int | None,
    amounts_pence: Mapping[str, int | None] | None = None,
) -> tuple[int | None, dict[str, int]]:
    """The amount that goes with an outcome — all that was asked, part of it, or nothing —
    and how it falls in each financial year.

    A bid asking for money in more than one year is funded in part year by year: an amount
    for each year, no more than was asked that year; a total, if given, must be their sum.
    """
    if outcome not in Outcome.values:
        raise DomainError("Choose an outcome.", field="outcome")
    asked = _asked_by_year(bid)
    whole = sum(asked.values())
    if outcome == Outcome.DO_NOT_FUND:
        return None, {}
    if outcome == Outcome.FUND_IN_FULL:
        return whole, {year: amount for year, amount in asked.items() if amount > 0}
    if len([a for a in asked.values() if a > 0]) > 1:
        try:
            by_year = part_by_year(asked, amounts_pence or {}, amount_pence)
        except RuleError as error:
            field = "amount_pence" if error.field == "total" else f"amounts_pence.{error.field}"
            raise DomainError(error.message[:1].upper() + error.message[1:] + ".", field) from None
        return sum(by_year.values()), by_year
    if amount_pence is None or amount_pence <= 0:
        raise DomainError("Enter the amount to fund.", field="amount_pence")
    if amount_pence >= whole:
        raise DomainError(
            f"Funding in part means less than the {money(whole)} asked for; "
            "choose fund in full otherwise.",
            field="amount_pence",
        )
    year = next((y for y, a in asked.items() if a > 0), None)
    return amount_pence, ({year: amount_pence} if year else {})


def _current(bid: Bid, supersedes: Any, current: Any, what: str) -> None:
    if supersedes is None and current is not None:
        raise DomainError(
            f"This bid already has a {what}; record a correction to change it.", field="outcome"
        )
    if supersedes is not None and (current is None or supersedes.pk != current.pk):
        raise DomainError(f"Only the {what} in force can be corrected.", field="outcome")


@transaction.atomic
def recommendation_record(
    *,
    by: User,
    bid: Bid,
    outcome: str,
    reasons: str,
    recommended_on: date,
    amount_pence: int | None = None,
    supersedes: Recommendation | None = None,
    correction_note: str = "",
    amounts_pence: Mapping[str, int | None] | None = None,
    meeting_decision: Any = None,
) -> Recommendation:
    bid = locked(bid)
    require(recommend_verdict(by, bid))
    if bid.status not in ASSESSABLE:
        raise DomainError(
            f"A bid that is {bid.get_status_display().lower()} gets no recommendation.",
            field="outcome",
        )
    _current(bid, supersedes, bid.recommendation, "recommendation")
    if supersedes is not None and not correction_note.strip():
        raise DomainError("Say what the correction puts right.", field="correction_note")
    if not reasons.strip():
        raise DomainError("Give the board's reasons.", field="reasons")
    amount, by_year = amount_for(bid, outcome, amount_pence, amounts_pence)
    recommendation = save_attributed(
        Recommendation(
            bid=bid,
            outcome=outcome,
            amount_pence=amount,
            amounts=by_year,
            reasons=reasons.strip(),
            board=bid.round.fund.recommending_board,
            recommended_on=recommended_on,
            meeting_decision=meeting_decision,
            recorded_by=by,
            supersedes=supersedes,
            correction_note=correction_note.strip(),
        ),
        by=by,
        reason="Correction recorded" if supersedes else "Recorded",
    )
    bid.recommendation = recommendation
    label = Outcome(outcome).label.lower()
    save_attributed(bid, by=by, reason=f"Recommendation: {label}")
    title = f"Recommendation to determine: {bid} ({label})"
    people, link = audiences.decision_makers(bid.round.fund), reverse("funding:bid", args=[bid.pk])
    key = f"recommendation:{recommendation.pk}"
    announce(Kind.RECOMMENDATION_RECORDED, key, people, title, link)
    return recommendation


def differs(
    recommendation: Recommendation,
    outcome: str,
    amount_pence: int | None,
    amounts: Mapping[str, int] | None = None,
) -> bool:
    """The decision departs from the recommendation: another outcome, amount, or split of the
    amount between the years (where the recommendation recorded one)."""
    if recommendation.outcome != outcome or recommendation.amount_pence != amount_pence:
        return True
    return bool(
        recommendation.amounts and amounts is not None and recommendation.amounts != amounts
    )


def round_of_deciding(bid: Bid) -> list[MakerDecision]:
    """The decision makers' decisions towards the next determination, in the order recorded."""
    return list(
        MakerDecision.objects.filter(bid=bid, corrects_id=bid.determination_id)
        .select_related("person", "recorded_by")
        .order_by("recorded_at", "pk")
    )


def decisions_behind(determination: Determination) -> list[MakerDecision]:
    """The decision makers' decisions that made a determination."""
    return list(
        MakerDecision.objects.filter(
            bid_id=determination.bid_id, corrects_id=determination.supersedes_id
        )
        .select_related("person", "recorded_by")
        .order_by("recorded_at", "pk")
    )


def _said(decisions: list[MakerDecision]) -> list[joint.Said]:
    return [joint.Said(d.person_id, d.outcome, d.amount_pence, dict(d.amounts)) for d in decisions]


def _joined_reasons(decisions: list[MakerDecision], made: joint.Made, many: bool) -> str:
    if not many:
        return decisions[-1].reasons if decisions else ""
    lines = []
    if not made.agreed:
        lines.append("The decision makers did not agree, so the bid is not funded.")
    for d in decisions:
        said = Outcome(d.outcome).label.lower()
        if d.amount_pence:
            said += f", {money(d.amount_pence)}"
        lines.append(f"{d.person.name}: {said}." + (f" {d.reasons}" if d.reasons else ""))
    return "\n".join(lines)


@transaction.atomic
def determination_record(
    *,
    by: User,
    bid: Bid,
    outcome: str,
    reasons: str,
    decided_on: date,
    amount_pence: int | None = None,
    reference: str = "",
    supersedes: Determination | None = None,
    correction_note: str = "",
    amounts_pence: Mapping[str, int | None] | None = None,
) -> Determination | None:
    """A decision maker's decision, and the determination once the fund's rule is satisfied.

    Reasons are required where the decision departs from the board's recommendation.
    With one decision maker, their decision is the determination. On a joint fund the
    determination waits for the rule (see `remit.funding.joint`): None is returned until then.
    """
    bid = locked(bid)
    require(permissions.can_determine(by, bid))
    recommendation = bid.recommendation
    if recommendation is None:
        board = bid.round.fund.recommending_board
        raise DomainError(
            f"{board.name if board else 'The board'} has not made a recommendation on this "
            "bid yet.",
            field="outcome",
        )
    _current(bid, supersedes, bid.determination, "determination")
    if supersedes is not None and not correction_note.strip():
        raise DomainError("Say what the correction puts right.", field="correction_note")
    if outcome not in Outcome.values:
        raise DomainError("Choose an outcome.", field="outcome")
    transitions.check(
        TRANSITIONS, bid.status, status_for(outcome), BidStatus, "bid", field="outcome"
    )
    amount, by_year = amount_for(bid, outcome, amount_pence, amounts_pence)
    departs = differs(recommendation, outcome, amount, by_year)
    if departs and not reasons.strip():
        recommended = recommendation.get_outcome_display().lower()
        if recommendation.amount_pence:
            recommended += f", {money(recommendation.amount_pence)}"
        raise DomainError(
            f"Give the reasons: this decision differs from the board's recommendation "
            f"({recommended}).",
            field="reasons",
        )
    fund = bid.round.fund
    person = Person.objects.get(pk=int(person_of(by) or 0))
    earlier = round_of_deciding(bid)
    if any(d.person_id == person.pk for d in earlier):
        raise DomainError(
            "You have already recorded your decision on this bid; the others' are awaited.",
            field="outcome",
        )
    mine = save_attributed(
        MakerDecision(
            bid=bid,
            person=person,
            outcome=outcome,
            amount_pence=amount,
            amounts=by_year,
            reasons=reasons.strip(),
            decided_on=decided_on,
            corrects=supersedes,
            correction_note=correction_note.strip(),
            recorded_by=by,
        ),
        by=by,
        reason="Correction recorded" if supersedes else "Recorded",
    )
    decisions = [*earlier, mine]
    makers = [p.pk for p in fund.decision_makers]
    made = joint.determination(fund.decision_rule, fund.decision_maker_id, makers, _said(decisions))
    if made is None:
        title = f"Your decision is awaited on {bid}"
        waiting = joint.awaited(
            fund.decision_rule, fund.decision_maker_id, makers, _said(decisions)
        )
        people = audiences.decision_makers(fund, waiting)
        link = reverse("funding:bid", args=[bid.pk])
        announce(Kind.RECOMMENDATION_RECORDED, f"decided:{mine.pk}", people, title, link)
        return None
    return _determine(
        bid, made, decisions, recommendation, reference=reference, by=by, many=len(makers) > 1
    )


def _determine(
    bid: Bid,
    made: joint.Made,
    decisions: list[MakerDecision],
    recommendation: Recommendation,
    *,
    reference: str,
    by: User,
    many: bool,
) -> Determination:
    fund = bid.round.fund
    if not made.agreed:
        transitions.check(
            TRANSITIONS, bid.status, status_for(made.outcome), BidStatus, "bid", field="outcome"
        )
    supersedes = bid.determination
    notes = [d.correction_note for d in decisions if d.correction_note]
    determination = save_attributed(
        Determination(
            bid=bid,
            outcome=made.outcome,
            amount_pence=made.amount_pence,
            amounts=made.amounts,
            reasons=_joined_reasons(decisions, made, many),
            recommendation=recommendation,
            differs_from_recommendation=differs(
                recommendation, made.outcome, made.amount_pence, made.amounts
            ),
            decided_by_id=made.decided_by,
            decided_on=max(d.decided_on for d in decisions),
            rule=fund.decision_rule,
            agreed=made.agreed,
            reference=reference.strip(),
            recorded_by=by,
            supersedes=supersedes,
            correction_note=" ".join(dict.fromkeys(notes)) if supersedes else "",
        ),
        by=by,
        reason="Correction recorded" if supersedes else "Recorded",
    )
    bid.determination = determination
    bid.status = status_for(made.outcome)
    label = Outcome(made.outcome).label.lower()
    save_attributed(
        bid, by=by, reason=f"Determined: {label}" + ("" if made.agreed else " (not agreed)")
    )
    _grant_follows(bid, determination, by=by)
    title = f"Decision on {bid}: {label}"
    people, link = audiences.bid_organisation(bid), reverse("funding:bid", args=[bid.pk])
    announce(Kind.DETERMINATION_MADE, f"determination:{determination.pk}", people, title, link)
    return determination


def _grant_follows(bid: Bid, determination: Determination, *, by: User) -> None:
    grant = Grant.all_objects.select_for_update().filter(bid=bid).first()
    if determination.funds:
        if grant is None:
            grant = Grant(bid=bid, determination=determination, amount_pence=0)
        grant.determination = determination
        grant.amount_pence = int(determination.amount_pence or 0)
        grant.withdrawn_at = None
        reason = "Awarded" if grant.pk is None else f"Award now {money(grant.amount_pence)}"
        save_attributed(grant, by=by, reason=reason)
    elif grant is not None and grant.withdrawn_at is None:
        grant.determination = determination
        grant.withdrawn_at = timezone.now()
        grant.is_published = False
        save_attributed(grant, by=by, reason="Withdrawn: the bid is no longer funded")
