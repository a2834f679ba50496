"""The partner's journey: draft a bid, add to it, attach files, submit it before the deadline.

Only the bidding organisation writes its bid, and only while it is a draft. Every change is
recorded in the history of the bid or of the row it touched (amounts, answers, match funding,
outcomes, attachments), and the bid's history page shows them together.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import PurePath
from typing import Any
from typing import BinaryIO

from django.core.files import File
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from remit.core import transitions
from remit.core.errors import DomainError
from remit.core.models import Area
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services import writes
from remit.core.services.writes import apply_changes
from remit.core.services.writes import delete_attributed
from remit.core.services.writes import save_attributed
from remit.funding import audiences
from remit.funding import files
from remit.funding import permissions
from remit.funding.models import Answer
from remit.funding.models import Attachment
from remit.funding.models import Bid
from remit.funding.models import BidAmount
from remit.funding.models import BidOutcome
from remit.funding.models import MatchFunding
from remit.funding.models import Round
from remit.funding.rules import match_percent
from remit.funding.rules import money
from remit.funding.services._common import edited
from remit.funding.services._common import when
from remit.funding.workflow import TRANSITIONS
from remit.funding.workflow import BidStatus
from remit.funding.workflow import RoundState
from remit.notifications.services import Kind
from remit.notifications.services import announce

MOST_ATTACHMENTS = 10


def locked(bid: Bid) -> Bid:
    """The stored bid, locked, so two writers take turns."""
    return writes.locked(bid, related=("round__fund__region", "organisation"))


def _open(round: Round, now: datetime) -> None:
    state = round.state(now)
    if state == RoundState.UPCOMING:
        raise DomainError(
            f"{round} opens at {when(round.opens_at)}; bids can be started then.", field="round"
        )
    if state == RoundState.CLOSED:
        raise DomainError(
            f"{round} closed at {when(round.closes_at)}; it takes no more bids.", field="round"
        )


def _areas(bid: Bid, areas: Sequence[Area], lead: Area | None) -> list[Area]:
    fund = bid.round.fund
    region_id = fund.region_id
    chosen = list(areas)
    fundable = set(fund.fundable_areas().values_list("pk", flat=True))
    for area in chosen:
        if area.region_id != region_id:
            raise DomainError("Choose areas from this region.", field="areas")
        if area.pk not in fundable:
            raise DomainError(f"{fund} does not fund {area.name}.", field="areas")
    if lead is not None:
        if lead.region_id != region_id:
            raise DomainError("Choose the lead area from this region.", field="lead_area")
        if lead.pk not in fundable:
            raise DomainError(f"{fund} does not fund {lead.name}.", field="lead_area")
        if lead not in chosen:
            chosen.insert(0, lead)
    return chosen


def _priorities(bid: Bid, priorities: Sequence[str]) -> list[str]:
    known = list(bid.round.fund.priorities)
    unknown = [p for p in priorities if p not in known]
    if unknown:
        raise DomainError(f"{unknown[0]} is not one of the fund's priorities.", field="priorities")
    return [p for p in known if p in priorities]


def _amounts(bid: Bid, amounts: Mapping[str, int | None], *, by: User) -> list[str]:
    years = bid.round.years
    changed = []
    for year, amount in amounts.items():
        if year not in years:
            raise DomainError(
                f"{year} is not a year this round funds ({', '.join(years)}).", field="amounts"
            )
        field = f"amount_{years.index(year)}"
        if amount is not None and amount < 0:
            raise DomainError("The amount cannot be negative.", field=field)
        row = bid.amounts.filter(financial_year=year).first()
        if amount is None or amount == 0:
            if row is not None:
                delete_attributed(row, by=by, reason=f"Removed the amount for {year}")
                changed.append(f"amount for {year}")
            continue
        if row is None:
            row = BidAmount(bid=bid, financial_year=year, amount_pence=amount)
        elif row.amount_pence == amount:
            continue
        row.amount_pence = amount
        save_attributed(row, by=by, reason=f"Amount for {year}: {money(int(amount))}")
        changed.append(f"amount for {year}")
    return changed


def _answers(bid: Bid, answers: Mapping[int, str], *, by: User) -> list[str]:
    questions = {q.pk: q for q in bid.round.questions.all()}
    current = {a.question_id: a for a in bid.answers.all()}
    changed = []
    for question_id, text in answers.items():
        question = questions.get(question_id)
        if question is None:
            raise DomainError("That question is not part of this round.", field="answers")
        answer = current.get(question_id) or Answer(bid=bid, question=question, text="")
        text = text.strip()
        unchanged = answer.text == text if answer.pk else not text
        if unchanged:
            continue
        answer.text = text
        save_attributed(answer, by=by, reason=f"Answered question {question.position}")
        changed.append(f"answer {question.position}")
    return changed


def _write(bid: Bid, data: Mapping[str, Any], *, by: User) -> Bid:
    changed: list[str] = []
    if "title" in data and not str(data["title"]).strip():
        raise DomainError("Give the project a title.", field="title")
    if "lead_area" in data or "areas" in data:
        lead = data.get("lead_area", bid.lead_area)
        areas = _areas(bid, data.get("areas", list(bid.areas.all())), lead)
        before = sorted(bid.areas.values_list("code", flat=True))
        if sorted(area.code for area in areas) != before:
            bid.areas.set(areas)
            changed.append("areas served")
    if "priorities" in data:
        data = {**data, "priorities": _priorities(bid, data["priorities"])}
    changed += apply_changes(bid, data, ("title", "summary", "lead_area", "priorities"))
    if changed or not bid.pk:
        save_attributed(bid, by=by, reason=edited(changed))
    _amounts(bid, data.get("amounts", {}), by=by)
    _answers(bid, data.get("answers", {}), by=by)
    return bid


@transaction.atomic
def bid_create(
    *, by: User, round: Round, data: Mapping[str, Any], now: datetime | None = None
) -> Bid:
    """A new draft for the partner's own organisation, while the round is open."""
    require(permissions.can_create_bid(by, round))
    round = Round.objects.select_related("fund__region").get(pk=round.pk)
    _open(round, now or timezone.now())
    title = str(data.get("title", "")).strip()
    if not title:
        raise DomainError("Give the project a title.", field="title")
    bid = Bid(round=round, organisation=by.organisation, title=title, created_by=by)
    save_attributed(bid, by=by, reason="Drafted")
    return _write(bid, {k: v for k, v in data.items() if k != "title"}, by=by)


@transaction.atomic
def bid_update(*, by: User, bid: Bid, data: Mapping[str, Any], version: int | None = None) -> Bid:
    bid = locked(bid)
    require(permissions.can_edit_bid(by, bid))
    writes.check_version(bid, version)
    return _write(bid, data, by=by)


def _percent(value: Decimal) -> str:
    return f"{value.normalize():f}"


def requested_pence(bid: Bid) -> int:
    return int(bid.amounts.aggregate(total=Sum("amount_pence"))["total"] or 0)


def missing(bid: Bid) -> list[str]:
    """What a bid still needs before it can be submitted, in words for the bidder."""
    gaps = []
    if not bid.summary.strip():
        gaps.append("write a summary of the project")
    if bid.lead_area_id is None:
        gaps.append("choose the lead area")
    if bid.round.fund.priorities and not bid.priorities:
        gaps.append("choose the priorities the project addresses")
    asked = requested_pence(bid)
    if asked <= 0:
        gaps.append("say how much the project asks for")
    answered = {a.question_id for a in bid.answers.all() if a.text.strip()}
    for question in bid.round.questions.all():
        if question.required and question.pk not in answered:
            gaps.append(f"answer question {question.position} ({question.text})")
    if not bid.outcomes.exists():
        gaps.append("add at least one outcome and how it will be measured")
    least = bid.round.match_funding_min_percent
    if least is not None and asked > 0:
        matched = int(bid.match_funding.aggregate(total=Sum("amount_pence"))["total"] or 0)
        share = match_percent(matched, asked)
        if share is not None and share < least:
            gaps.append(
                f"find more match funding: this round asks for at least {_percent(least)}% of "
                f"the amount requested, and the bid has {_percent(share)}% ({money(matched)})"
            )
    return gaps


@transaction.atomic
def bid_submit(*, by: User, bid: Bid, now: datetime | None = None) -> Bid:
    """Submit before the deadline; a late submission is refused with the deadline it missed."""
    bid = locked(bid)
    require(permissions.can_submit_bid(by, bid))
    now = now or timezone.now()
    round = bid.round
    if now > round.closes_at:
        raise DomainError(
            f"The deadline for {round} was {when(round.closes_at)}. It has passed, so this bid "
            "can no longer be submitted.",
            field="deadline",
        )
    if now < round.opens_at:
        raise DomainError(
            f"{round} opens at {when(round.opens_at)}; submit the bid after that.",
            field="deadline",
        )
    gaps = missing(bid)
    if gaps:
        raise DomainError("Before you submit the bid, " + "; ".join(gaps) + ".", field=None)
    transitions.check(TRANSITIONS, bid.status, BidStatus.SUBMITTED, BidStatus, "bid")
    bid.status = BidStatus.SUBMITTED
    bid.submitted_at = now
    save_attributed(bid, by=by, reason="Submitted")
    title = f"Bid to assess: {bid} from {bid.organisation} ({round})"
    link = reverse("funding:bid", args=[bid.pk])
    announce(
        Kind.BID_SUBMITTED, f"bid-submitted:{bid.pk}", audiences.bid_assessors(bid), title, link
    )
    return bid


@transaction.atomic
def bid_withdraw(*, by: User, bid: Bid, reason: str) -> Bid:
    bid = locked(bid)
    require(permissions.can_withdraw_bid(by, bid))
    transitions.check(
        TRANSITIONS, bid.status, BidStatus.WITHDRAWN, BidStatus, "bid", field="reason"
    )
    if not reason.strip():
        raise DomainError("Say why the bid is withdrawn.", field="reason")
    bid.status = BidStatus.WITHDRAWN
    return save_attributed(bid, by=by, reason=f"Withdrawn: {reason.strip()}")


@transaction.atomic
def match_funding_add(*, by: User, bid: Bid, data: Mapping[str, Any]) -> MatchFunding:
    bid = locked(bid)
    require(permissions.can_edit_bid(by, bid))
    if not str(data.get("source", "")).strip():
        raise DomainError("Say who provides the money.", field="source")
    if not data.get("amount_pence") or data["amount_pence"] <= 0:
        raise DomainError("Enter an amount of more than £0.", field="amount_pence")
    line = MatchFunding(
        bid=bid,
        source=str(data["source"]).strip(),
        amount_pence=data["amount_pence"],
        confirmed=bool(data.get("confirmed")),
    )
    return save_attributed(line, by=by, reason="Match funding added")


def _bid_line_remove(by: User, line: MatchFunding | BidOutcome | Attachment, reason: str) -> None:
    """Delete one of a bid's own lines, as whoever may edit the bid, with the bid held."""
    require(permissions.can_edit_bid(by, locked(line.bid)))
    delete_attributed(line, by=by, reason=reason)


@transaction.atomic
def match_funding_remove(*, by: User, line: MatchFunding) -> None:
    _bid_line_remove(by, line, "Match funding removed")


@transaction.atomic
def outcome_add(*, by: User, bid: Bid, data: Mapping[str, Any]) -> BidOutcome:
    bid = locked(bid)
    require(permissions.can_edit_bid(by, bid))
    for name, words in (("outcome", "the outcome"), ("measure", "how it will be measured")):
        if not str(data.get(name, "")).strip():
            raise DomainError(f"Describe {words}.", field=name)
    row = BidOutcome(
        bid=bid,
        outcome=str(data["outcome"]).strip(),
        measure=str(data["measure"]).strip(),
        target=str(data.get("target", "")).strip(),
    )
    return save_attributed(row, by=by, reason="Outcome added")


@transaction.atomic
def outcome_remove(*, by: User, row: BidOutcome) -> None:
    _bid_line_remove(by, row, "Outcome removed")


@transaction.atomic
def attachment_add(
    *, by: User, bid: Bid, name: str, stream: BinaryIO, size: int, max_bytes: int = files.MAX_BYTES
) -> Attachment:
    """Attach a PDF, DOCX or XLSX file, judged by its bytes; anything else is refused."""
    bid = locked(bid)
    require(permissions.can_edit_bid(by, bid))
    if bid.attachments.count() >= MOST_ATTACHMENTS:
        raise DomainError(
            f"A bid can carry at most {MOST_ATTACHMENTS} attachments: remove one first.",
            field="file",
        )
    name = PurePath(name.replace("\\", "/")).name or "attachment"
    try:
        checked = files.check(name, stream, size, max_bytes)
    except files.AttachmentRejected as error:
        raise DomainError(error.message, field="file") from None
    attachment = Attachment(
        bid=bid,
        name=name,
        kind=checked.kind,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by,
    )
    attachment.file.save(name, File(stream, name=name), save=False)
    return save_attributed(attachment, by=by, reason=f"Attached {name}")


@transaction.atomic
def attachment_remove(*, by: User, attachment: Attachment) -> None:
    stored = attachment.file.name
    storage = attachment.file.storage
    _bid_line_remove(by, attachment, f"Removed {attachment.name}")
    transaction.on_commit(lambda: storage.delete(stored))
