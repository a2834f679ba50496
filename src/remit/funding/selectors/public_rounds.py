"""The public site: rounds open for bids."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from datetime import datetime
from typing import Any

from django.db.models import Case
from django.db.models import IntegerField
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import When

from remit.core.models import Region
from remit.funding import permissions
from remit.funding.models import Bid
from remit.funding.models import Criterion
from remit.funding.models import DecisionNotice
from remit.funding.models import Question
from remit.funding.models import Round
from remit.funding.selectors.assessment import declared_interests
from remit.funding.workflow import ASSESSABLE


def _public_rounds(region: Region, now: datetime) -> QuerySet[Round]:
    """Rounds the public may read: every round that has opened (a call for bids is published
    when it opens)."""
    return Round.objects.filter(fund__region=region, opens_at__lte=now).select_related(
        "fund__owner", "fund__recommending_board"
    )


def open_rounds(region: Region, now: datetime, limit: int) -> QuerySet[Round]:
    """Rounds taking bids now, closing soonest first."""
    return _public_rounds(region, now).filter(closes_at__gt=now).order_by("closes_at", "pk")[:limit]


def find_public_round(region: Region, pk: int, now: datetime) -> Round | None:
    """A round that has opened, with the questions bidders answer and how bids are judged."""
    return (
        _public_rounds(region, now)
        .prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("position", "pk")),
            Prefetch("criteria", queryset=Criterion.objects.order_by("position", "pk")),
        )
        .filter(pk=pk)
        .first()
    )


def awaiting_recommendation(round: Round, user: Any) -> tuple[list[Bid], dict[int, str]]:
    """The round's bids the board has yet to recommend on, and, apart, those the user is
    conflicted on (with why) — they take no part in those."""
    bids = list(
        Bid.objects.filter(round=round, status__in=ASSESSABLE, recommendation__isnull=True)
        .select_related("organisation")
        .prefetch_related("amounts")
        .order_by("pk")
    )
    declared = declared_interests(user, round)
    conflicted = {}
    for bid in bids:
        why = permissions.conflict(user, bid, declared=declared.get(bid.pk))
        if why:
            conflicted[bid.pk] = why
    return [b for b in bids if b.pk not in conflicted], conflicted


def asked_by_year(bids: Iterable[Bid], round: Round) -> dict[int, list[tuple[str, int]]]:
    """What each bid asks for in each of the round's years (from prefetched amounts)."""
    years = round.years
    out = {}
    for bid in bids:
        asked = {a.financial_year: a.amount_pence for a in bid.amounts.all()}
        out[bid.pk] = [(y, asked.get(y, 0)) for y in years]
    return out


def recommendation_items(round: Round) -> QuerySet[Any]:
    """Open items for decision on the region's boards' agendas that could be about the round,
    the recommending board's first, newest meetings first."""
    from remit.meetings.models import AgendaItem
    from remit.meetings.models import Meeting

    board_id = round.fund.recommending_board_id or 0
    return (
        AgendaItem.objects.filter(
            meeting__board__region_id=round.fund.region_id,
            state=AgendaItem.State.OPEN,
            kind__in=[AgendaItem.Kind.DECISION, AgendaItem.Kind.REPORT],
        )
        .filter(Q(fund_round__isnull=True) | Q(fund_round=round))
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related("meeting__board")
        .annotate(
            theirs=Case(
                When(meeting__board_id=board_id, then=1), default=0, output_field=IntegerField()
            )
        )
        .order_by("-theirs", "-meeting__date", "position", "pk")
    )


def agenda_meetings(round: Round, today: date) -> QuerySet[Any]:
    """Upcoming meetings of the recommending board whose agendas can still change."""
    from remit.meetings.models import Meeting

    return (
        Meeting.objects.filter(
            board_id=round.fund.recommending_board_id or 0,
            date__gte=today,
            status__in=[Meeting.Status.SCHEDULED, Meeting.Status.PAPERS_PUBLISHED],
        )
        .select_related("board")
        .order_by("date", "start_time")
    )


def round_agenda_items(round: Round) -> list[Any]:
    """Where the round's bids are (or were) business of the board."""
    return list(
        round.agenda_items.select_related("meeting__board")
        .prefetch_related("decisions")
        .order_by("meeting__date", "pk")
    )


def round_notices(round: Round) -> list[DecisionNotice]:
    return list(
        DecisionNotice.objects.filter(round=round)
        .select_related("supersedes")
        .order_by("-year", "-sequence")
    )


def find_notice(region: Region, pk: int) -> DecisionNotice | None:
    return (
        DecisionNotice.objects.filter(round__fund__region=region, pk=pk)
        .select_related("round__fund", "supersedes", "published_by")
        .first()
    )


def public_notices(region: Region) -> QuerySet[DecisionNotice]:
    """Published decision notices, newest first: the public decisions list carries them."""
    return (
        DecisionNotice.objects.published()
        .filter(round__fund__region=region)
        .select_related("supersedes")
        .order_by("-decided_on", "-year", "-sequence")
    )


def find_public_notice(region: Region, reference: str) -> DecisionNotice | None:
    return (
        public_notices(region)
        .select_related("round__fund")
        .filter(reference=reference.upper())
        .first()
    )


def corrected_by(notice: DecisionNotice, *, public: bool = False) -> DecisionNotice | None:
    """The notice that corrects this one; for the public, only once that one is published."""
    found = DecisionNotice.objects.filter(supersedes=notice)
    return (found.published() if public else found).first()
