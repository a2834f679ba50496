"""The decision makers' notice on a round's bids: signed, then published.

A notice is a formal record: its reference (DN-2026-014) is the fund's notice prefix, the year
of the decision and the next number under that prefix in that year, never reused; what it says
is a snapshot of the determinations it announces. It is never edited; a correction is a new
notice that supersedes it. It is not public until published.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from remit.core.errors import DomainError
from remit.core.models import User
from remit.core.permissions import person_of
from remit.core.permissions import require
from remit.core.services.writes import locked
from remit.core.services.writes import save_attributed
from remit.funding import permissions
from remit.funding.models import Bid
from remit.funding.models import DecisionNotice
from remit.funding.models import Fund
from remit.funding.models import Round
from remit.funding.workflow import Outcome


def notice_reference(prefix: str, year: int, sequence: int) -> str:
    return f"{prefix}-{year}-{sequence:03d}"


def notice_lines(round: Round) -> list[dict[str, Any]]:
    """Each bid in the round with a determination in force: who, what, and how much."""
    bids = (
        Bid.objects.filter(round=round, determination__isnull=False)
        .select_related("organisation", "determination")
        .order_by("pk")
    )
    lines = []
    for bid in bids:
        d = bid.determination
        if d is None:
            continue
        lines.append(
            {
                "bid": bid.pk,
                "reference": bid.reference,
                "title": bid.title,
                "organisation": bid.organisation.name,
                "outcome": Outcome(d.outcome).label + ("" if d.agreed else " (not agreed)"),
                "amounts": dict(sorted((d.amounts or {}).items())) if d.funds else {},
                "total": int(d.amount_pence or 0),
            }
        )
    return lines


def _next_sequence(prefix: str, year: int) -> int:
    """Numbers run under a prefix across every fund that uses it, so two signings take turns
    on one lock; the unique number is the backstop."""
    Fund.objects.select_for_update().order_by("pk").first()
    numbered = DecisionNotice.objects.filter(prefix=prefix, year=year)
    return (numbered.aggregate(top=Max("sequence"))["top"] or 0) + 1


def _check_supersedes(round: Round, supersedes: DecisionNotice | None, note: str) -> None:
    if supersedes is None:
        return
    if supersedes.round_id != round.pk:
        raise DomainError("A correction supersedes a notice on the same round.", field="supersedes")
    if DecisionNotice.objects.filter(supersedes=supersedes).exists():
        raise DomainError(f"{supersedes.reference} has already been corrected.", field="supersedes")
    if not note.strip():
        raise DomainError("Say what the correction puts right.", field="correction_note")


@transaction.atomic
def notice_record(
    *,
    by: User,
    round: Round,
    decision: str,
    reasons: str,
    declarations: str,
    decided_on: date,
    signatory_role: str,
    signed_on: date | None = None,
    supersedes: DecisionNotice | None = None,
    correction_note: str = "",
) -> DecisionNotice:
    """The decision maker signs the notice of their determinations on the round's bids.

    The fund is read afresh under its lock, so the notice takes the prefix as it now stands.
    """
    require(permissions.can_issue_notice(by, round.fund))
    fund = locked(round.fund)
    lines = notice_lines(round)
    if not lines:
        raise DomainError(
            "There are no determinations on this round's bids yet: make them first.",
            field="decision",
        )
    if not decision.strip():
        raise DomainError("Write down the decision.", field="decision")
    if not reasons.strip():
        raise DomainError("Give the reasons for the decision.", field="reasons")
    if not signatory_role.strip():
        raise DomainError("Enter the role of the person signing.", field="signatory_role")
    signed = signed_on or decided_on
    if signed < decided_on:
        raise DomainError("The notice cannot be signed before the decision.", field="signed_on")
    _check_supersedes(round, supersedes, correction_note)
    makers = fund.decision_makers
    signer = next((p for p in makers if p.pk == person_of(by)), fund.decision_maker)
    prefix, year = fund.notice_reference_prefix, decided_on.year
    sequence = _next_sequence(prefix, year)
    notice = DecisionNotice(
        round=round,
        year=year,
        sequence=sequence,
        prefix=prefix,
        reference=notice_reference(prefix, year, sequence),
        title=f"{fund.name}: grants from {round.title}",
        decision=decision.strip(),
        reasons=reasons.strip(),
        declarations=declarations.strip(),
        decided_on=decided_on,
        lines=lines,
        total_pence=sum(line["total"] for line in lines),
        decision_makers=[{"name": p.name, "job_title": p.job_title} for p in makers],
        decision_rule=fund.decision_rule if len(makers) > 1 else "",
        signatory_name=signer.name if signer else "",
        signatory_role=signatory_role.strip(),
        signed_on=signed,
        supersedes=supersedes,
        correction_note=correction_note.strip(),
        recorded_by=by,
    )
    reason = f"Corrects {supersedes.reference}" if supersedes else "Signed"
    return save_attributed(notice, by=by, reason=reason)


@transaction.atomic
def notice_publish(*, by: User, notice: DecisionNotice) -> DecisionNotice:
    """Publish a signed notice: from now it is on the public decisions list, as it is."""
    notice = locked(notice)
    require(permissions.can_publish_notice(by, notice.round.fund))
    if notice.published_at is not None:
        day = timezone.localdate(notice.published_at)
        raise DomainError(f"{notice.reference} was published on {day:%-d %B %Y}.", field="notice")
    notice.published_at = timezone.now()
    notice.published_by = by
    return save_attributed(notice, by=by, reason="Published")
