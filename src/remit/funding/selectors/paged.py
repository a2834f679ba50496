"""Lists that grow with the fund, a page at a time, with totals over every row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.paginator import Page
from django.core.paginator import Paginator
from django.db.models import F
from django.db.models import Max
from django.db.models import Min
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.db.models.functions import TruncDate
from django.utils import timezone

from remit.core.models import Region
from remit.core.paging import KeysFirst
from remit.funding import rules
from remit.funding.models import Bid
from remit.funding.models import BidAmount
from remit.funding.models import Grant
from remit.funding.models import MonitoringReturn
from remit.funding.models import Payment
from remit.funding.models import Round
from remit.funding.models import Score
from remit.funding.selectors.assessment import Moderation
from remit.funding.selectors.assessment import _moderation_rows
from remit.funding.selectors.assessment import assessed_bids
from remit.funding.selectors.assessment import withheld_from
from remit.funding.selectors.bids import bid_list
from remit.funding.selectors.grants import GrantRow
from remit.funding.selectors.grants import _grant_queryset
from remit.funding.selectors.grants import _row
from remit.funding.workflow import ASSESSABLE

#
# Lists that grow with the fund are shown a page at a time: only the page's rows are built,
# and the figures for the whole list (how many, how much) are SQL aggregates over every row.

LIST_PAGE_SIZE = 50


def _page(queryset: QuerySet[Any], number: Any) -> Page[Any]:
    return Paginator(KeysFirst(queryset), LIST_PAGE_SIZE).get_page(number)


def _late_returns(grants: QuerySet[Grant], today: date) -> int:
    """Monitoring returns late by ``today`` (as ``MonitoringReturn.is_late`` says), counted."""
    submitted_on = TruncDate("submitted_at", tzinfo=timezone.get_current_timezone())
    return (
        MonitoringReturn.objects.filter(grant__in=grants.values("pk"))
        .annotate(submitted_on=submitted_on)
        .filter(
            Q(submitted_at__isnull=True, due_on__lt=today)
            | Q(submitted_at__isnull=False, submitted_on__gt=F("due_on"))
        )
        .count()
    )


@dataclass
class GrantList:
    """One page of the internal grants list, with figures for every grant the list holds."""

    page: Page[Any]
    rows: list[GrantRow]
    award_pence: int
    paid_pence: int
    late: int

    @property
    def count(self) -> int:
        return int(self.page.paginator.count)


def grant_list(region: Region, user: Any, number: Any = 1) -> GrantList:
    today = timezone.localdate()
    grants = (
        _grant_queryset()
        .visible_to(user)
        .filter(bid__round__fund__region=region)
        .order_by("bid__round__fund__financial_year", "bid__organisation__name", "pk")
    )
    page = _page(grants, number)
    award = grants.aggregate(total=Coalesce(Sum("amount_pence"), 0))["total"]
    paid = Payment.objects.filter(grant__in=grants.values("pk")).aggregate(
        total=Coalesce(Sum("amount_pence"), 0)
    )["total"]
    return GrantList(
        page=page,
        rows=[_row(grant, today) for grant in page.object_list],
        award_pence=int(award),
        paid_pence=int(paid),
        late=_late_returns(grants, today),
    )


@dataclass
class BidList:
    """One page of a round's bids, with what every bid in the list asks for in all."""

    page: Page[Any]
    requested_pence: int

    @property
    def count(self) -> int:
        return int(self.page.paginator.count)


def bid_list_page(round: Round, user: Any, number: Any = 1) -> BidList:
    bids = bid_list(round, user)
    requested = BidAmount.objects.filter(
        bid__in=Bid.all_objects.visible_to(user).filter(round=round).values("pk")
    ).aggregate(total=Coalesce(Sum("amount_pence"), 0))["total"]
    return BidList(page=_page(bids, number), requested_pence=int(requested))


@dataclass
class ModerationPage(Moderation):
    """One page of moderation, with the flags counted over every assessed bid."""

    page: Page[Any] | None = None
    flagged_count: int = 0

    @property
    def flagged(self) -> int:
        return self.flagged_count

    @property
    def count(self) -> int:
        return int(self.page.paginator.count) if self.page is not None else len(self.rows)


def _disagreeing(round: Round) -> QuerySet[Any]:
    """The ids of the round's bids whose assessors disagree on some criterion."""
    return (
        Score.objects.filter(bid__round=round)
        .order_by()
        .values("bid_id", "criterion_id")
        .annotate(spread=Max("score") - Min("score"))
        .filter(spread__gte=rules.DISAGREEMENT_SPREAD)
        .values("bid_id")
    )


def moderation_page(round: Round, user: Any, number: Any = 1) -> ModerationPage:
    criteria = list(round.criteria.order_by("position"))
    page = _page(assessed_bids(round), number)
    shown = list(page.object_list)
    flagged = list(
        Bid.all_objects.filter(round=round, status__in=ASSESSABLE, pk__in=_disagreeing(round))
        .order_by()
        .only("pk", "organisation_id", "round_id")
    )
    # One look at what the user may not see, for the flagged bids and the page's alike.
    withheld = withheld_from(user, round, [*flagged, *shown])
    return ModerationPage(
        criteria=criteria,
        rows=_moderation_rows(round, criteria, shown, user, withheld),
        page=page,
        flagged_count=sum(1 for bid in flagged if bid.pk not in withheld),
    )
