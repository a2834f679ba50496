"""Rounds and the bids made in them."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal
from typing import Any

from django.db.models import F
from django.db.models import IntegerField
from django.db.models import OuterRef
from django.db.models import Prefetch
from django.db.models import QuerySet
from django.db.models import Subquery
from django.db.models import Sum
from django.db.models.functions import Coalesce

from remit.core import selectors as core_selectors
from remit.core.models import Area
from remit.core.models import Person
from remit.core.models import Region
from remit.funding import joint
from remit.funding import rules
from remit.funding.models import Answer
from remit.funding.models import Attachment
from remit.funding.models import Bid
from remit.funding.models import BidAmount
from remit.funding.models import BidOutcome
from remit.funding.models import Determination
from remit.funding.models import InterestDeclaration
from remit.funding.models import MakerDecision
from remit.funding.models import MatchFunding
from remit.funding.models import Recommendation
from remit.funding.models import Round


def find_round(region: Region, pk: int) -> Round | None:
    return (
        Round.objects.filter(fund__region=region, pk=pk)
        .select_related("fund__owner", "fund__decision_maker", "fund__recommending_board")
        .first()
    )


def round_detail(round: Round) -> Round:
    return (
        Round.objects.select_related("fund__owner", "fund__decision_maker", "moderation_opened_by")
        .prefetch_related(
            Prefetch("questions", queryset=round.questions.order_by("position")),
            Prefetch("criteria", queryset=round.criteria.order_by("position")),
        )
        .get(pk=round.pk)
    )


def _sum(model: Any, **filters: Any) -> Coalesce:
    rows = (
        model.objects.filter(bid=OuterRef("pk"), **filters)
        .order_by()
        .values("bid")
        .annotate(total=Sum("amount_pence"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_sums(qs: QuerySet[Bid]) -> QuerySet[Bid]:
    """Bids with what they ask for in all, in the fund's own year, and their match funding."""
    return qs.annotate(
        requested_pence=_sum(BidAmount),
        first_year_pence=_sum(BidAmount, financial_year=F("bid__round__fund__financial_year")),
        match_pence=_sum(MatchFunding),
    )


def bid_list(round: Round, user: Any) -> QuerySet[Bid]:
    return with_sums(
        Bid.all_objects.visible_to(user)
        .filter(round=round)
        .select_related(
            "organisation", "lead_area", "recommendation", "determination", "round__fund"
        )
        .order_by("organisation__name", "title", "pk")
    )


def own_bids(user: Any) -> QuerySet[Bid]:
    """A partner's bids across every round, newest first."""
    organisation_id = getattr(user, "organisation_id", None)
    if organisation_id is None:
        return Bid.all_objects.none()
    return with_sums(
        Bid.all_objects.visible_to(user)
        .filter(organisation_id=organisation_id)
        .select_related("round__fund", "lead_area", "determination")
        .order_by("-created_at", "-pk")
    )


def find_bid(region: Region, pk: int) -> Bid | None:
    """Any bid of the region, drafts included: the caller checks who may see it."""
    return (
        Bid.all_objects.filter(round__fund__region=region, pk=pk)
        .select_related(
            "round__fund__decision_maker",
            "round__fund__recommending_board",
            "round__fund__owner",
            "organisation",
            "lead_area",
            "recommendation__recorded_by",
            "determination__decided_by",
        )
        .first()
    )


@dataclass
class BidPage:
    bid: Bid
    years: list[tuple[str, int]]
    requested_pence: int
    match_pence: int
    match_confirmed_pence: int
    match_percent: Decimal | None
    answers: list[tuple[Any, str]]
    recommendations: list[Recommendation]
    determinations: list[Determination]
    interests: list[InterestDeclaration]
    attachments: list[Attachment] = field(default_factory=list)
    deciding: list[MakerDecision] = field(default_factory=list)
    awaited: list[Person] = field(default_factory=list)
    joint: bool = False


def bid_page(bid: Bid) -> BidPage:
    bid = (
        Bid.all_objects.select_related(
            "round__fund__decision_maker",
            "round__fund__recommending_board",
            "round__fund__owner",
            "round__fund__region",
            "organisation",
            "lead_area",
            "recommendation",
            "determination",
        )
        .prefetch_related(
            Prefetch("areas", queryset=Area.objects.order_by("name")),
            Prefetch("amounts", queryset=BidAmount.objects.order_by("financial_year")),
            Prefetch("match_funding", queryset=MatchFunding.objects.order_by("pk")),
            Prefetch("outcomes", queryset=BidOutcome.objects.order_by("pk")),
            Prefetch("answers", queryset=Answer.objects.select_related("question")),
            Prefetch(
                "attachments",
                queryset=Attachment.objects.select_related("uploaded_by").order_by("pk"),
            ),
            Prefetch("round__questions"),
        )
        .get(pk=bid.pk)
    )
    fund = bid.round.fund
    decisions: dict[int | None, list[MakerDecision]] = {}
    for decision in (
        MakerDecision.objects.filter(bid=bid)
        .select_related("person", "recorded_by")
        .order_by("recorded_at", "pk")
    ):
        decisions.setdefault(decision.corrects_id, []).append(decision)
    determinations = list(
        bid.determinations.select_related("recorded_by", "decided_by").order_by("recorded_at")
    )
    for determination in determinations:
        determination.joint_decisions = decisions.get(determination.supersedes_id, [])
    deciding = decisions.get(bid.determination_id, [])
    makers = fund.decision_makers
    said = [joint.Said(d.person_id, d.outcome) for d in deciding]
    waiting = set(
        joint.awaited(fund.decision_rule, fund.decision_maker_id, [p.pk for p in makers], said)
    )
    undecided = bid.recommendation_id is not None and (
        bid.determination_id is None or bool(deciding)
    )
    asked = {a.financial_year: a.amount_pence for a in bid.amounts.all()}
    years = [(year, asked.get(year, 0)) for year in bid.round.years]
    requested = sum(asked.values())
    match = sum(line.amount_pence for line in bid.match_funding.all())
    confirmed = sum(line.amount_pence for line in bid.match_funding.all() if line.confirmed)
    answered = {a.question_id: a.text for a in bid.answers.all()}
    questions = sorted(bid.round.questions.all(), key=lambda q: q.position)
    return BidPage(
        bid=bid,
        years=years,
        requested_pence=requested,
        match_pence=match,
        match_confirmed_pence=confirmed,
        match_percent=rules.match_percent(match, requested),
        answers=[(q, answered.get(q.pk, "")) for q in questions],
        recommendations=list(
            bid.recommendations.select_related("recorded_by", "board", "meeting_decision").order_by(
                "recorded_at"
            )
        ),
        determinations=determinations,
        interests=list(bid.interests.select_related("user").order_by("declared_at")),
        attachments=list(bid.attachments.all()),
        deciding=deciding if len(makers) > 1 else [],
        joint=len(makers) > 1,
        awaited=[p for p in makers if p.pk in waiting] if undecided and len(makers) > 1 else [],
    )


HISTORY_PARTS: tuple[tuple[Any, str], ...] = (
    (BidAmount, "Amount"),
    (Answer, "Answer"),
    (MatchFunding, "Match funding"),
    (BidOutcome, "Outcome"),
    (Attachment, "Attachment"),
)


def bid_history(bid: Bid) -> list[dict[str, Any]]:
    """Every change to the bid and to its rows, newest first, each with who and why."""
    return core_selectors.gathered_history(
        (bid.history.select_related("history_user"), Bid, "The bid"),
        *(
            (model.history.filter(bid_id=bid.pk).select_related("history_user"), model, what)
            for model, what in HISTORY_PARTS
        ),
    )
