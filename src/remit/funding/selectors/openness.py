"""What the public sees of the fund: published grants, decisions and notices."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING
from typing import Any
from typing import TypedDict
from typing import cast

from django.db.models import Count
from django.db.models import IntegerField
from django.db.models import OuterRef
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Subquery
from django.db.models.functions import Coalesce

from remit.core.models import Region
from remit.funding import permissions
from remit.funding import threesixty
from remit.funding.models import Bid
from remit.funding.models import Criterion
from remit.funding.models import Determination
from remit.funding.models import Grant
from remit.funding.models import GrantPublication
from remit.funding.models import Instalment
from remit.funding.models import InterestDeclaration
from remit.funding.models import MakerDecision
from remit.funding.models import MonitoringReturn
from remit.funding.models import Payment
from remit.funding.models import Round
from remit.funding.selectors.grants import published_grants
from remit.funding.workflow import BidStatus

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


def published_versions(grant: Grant) -> list[GrantPublication]:
    """Every version of a published grant, newest first, for its public page."""
    return list(grant.publications.order_by("-version"))


def grant_records(grants: Iterable[Grant], *, url_for: Any = None) -> list[threesixty.GrantRecord]:
    """Published grants as 360Giving records, from what was published; ``url_for(grant)``
    gives each one's public page."""
    records = []
    for grant in grants:
        published = grant.publication
        if published is None:
            continue
        payments = list(grant.payments.all())
        records.append(
            threesixty.GrantRecord(
                identifier=published.identifier,
                title=published.title,
                description=published.description,
                amount_awarded_pence=published.amount_pence,
                amount_applied_for_pence=published.amount_applied_for_pence,
                award_date=published.award_date,
                recipient=threesixty.Organisation(
                    published.recipient_identifier, published.recipient_name
                ),
                funder=threesixty.Organisation(published.funder_identifier, published.funder_name),
                programme_code=published.programme_code,
                programme_title=published.programme_title,
                locations=tuple(
                    threesixty.Location(area["code"], area["name"]) for area in published.areas
                ),
                planned_start=published.planned_start,
                planned_end=published.planned_end,
                modified=max([published.published_at, *(p.recorded_at for p in payments)]),
                url=url_for(grant) if url_for else "",
                disbursements=tuple(
                    threesixty.Disbursement(
                        identifier=f"{published.identifier}-payment-{p.pk}",
                        paid_on=p.paid_on,
                        amount_pence=p.amount_pence,
                        description="Reversal of an earlier payment" if p.reverses_id else "",
                        modified=p.recorded_at,
                    )
                    for p in payments
                ),
            )
        )
    return records


def export_grants(region: Region) -> QuerySet[Grant]:
    """Published grants with everything the 360Giving export reads, in identifier order: what
    was published, and the payments made since (money paid is never part of a snapshot)."""
    return (
        published_grants(region)
        .prefetch_related(Prefetch("payments", queryset=Payment.objects.order_by("paid_on", "pk")))
        .order_by("pk")
    )


# What waits for someone, for "Your work" (remit.work): each a fixed number of queries.


class ScoringProgress(TypedDict):
    """What `bids_to_assess` adds to each bid: the round's criteria and those the user scored."""

    criteria_count: int
    my_scores: int


class BidsWaiting(TypedDict):
    """What the moderation selectors add to each round: its bids with no recommendation."""

    waiting: int


class OwnBids(TypedDict):
    """What `open_rounds_for` adds to each round: the bids of the user's organisation in it."""

    own_bids: int


def bids_to_assess(region: Region, user: Any) -> list[WithAnnotations[Bid, ScoringProgress]]:
    """Submitted bids with no recommendation yet that the user may score and has not scored
    on every criterion; a bid the user is conflicted on is never offered."""
    user_id = getattr(user, "pk", None)
    criteria = (
        Criterion.objects.filter(round=OuterRef("round"))
        .order_by()
        .values("round")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # BidQuerySet is not generic, so its annotate() cannot carry the added fields' types.
    bids = cast(
        "QuerySet[WithAnnotations[Bid, ScoringProgress]]",
        Bid.all_objects.filter(
            round__fund__region=region,
            status=BidStatus.SUBMITTED,
            recommendation__isnull=True,
        )
        .annotate(
            criteria_count=Coalesce(Subquery(criteria, output_field=IntegerField()), 0),
            my_scores=Count(
                "scores__criterion", filter=Q(scores__assessor_id=user_id), distinct=True
            ),
        )
        .select_related("round", "organisation")
        .order_by("submitted_at", "pk"),
    )
    declared = (
        dict(
            InterestDeclaration.objects.filter(
                bid__round__fund__region=region, user_id=user_id
            ).values_list("bid_id", "nature")
        )
        if user_id is not None
        else {}
    )
    return [
        bid
        for bid in bids
        if not (bid.criteria_count and bid.my_scores >= bid.criteria_count)
        and permissions.can_score(user, bid, declared=declared.get(bid.pk))
    ]


def rounds_in_moderation(region: Region) -> QuerySet[WithAnnotations[Round, BidsWaiting]]:
    """Rounds whose moderation is open and which still have bids with no recommendation.

    Each carries ``waiting``: how many.
    """
    return _with_bids_waiting(
        Round.objects.filter(fund__region=region, moderation_opened_at__isnull=False)
    )


def rounds_to_moderate(region: Region, now: Any) -> QuerySet[WithAnnotations[Round, BidsWaiting]]:
    """Closed rounds with submitted bids whose moderation has not been opened.

    Each carries ``waiting``: how many bids.
    """
    return _with_bids_waiting(
        Round.objects.filter(
            fund__region=region, moderation_opened_at__isnull=True, closes_at__lt=now
        )
    )


def _with_bids_waiting(
    rounds: QuerySet[Round],
) -> QuerySet[WithAnnotations[Round, BidsWaiting]]:
    """The rounds that still have submitted bids with no recommendation, soonest closed first."""
    return (
        rounds.annotate(
            waiting=Count(
                "bids",
                filter=Q(bids__status=BidStatus.SUBMITTED, bids__recommendation__isnull=True),
            )
        )
        .filter(waiting__gt=0)
        .select_related("fund")
        .order_by("closes_at", "pk")
    )


def instalments_due(region: Region, today: date, within_days: int) -> QuerySet[Instalment]:
    """Instalments of grants in force falling due from today to ``within_days`` ahead."""
    from datetime import timedelta

    return (
        Instalment.objects.filter(
            grant__bid__round__fund__region=region,
            grant__withdrawn_at__isnull=True,
            due_on__gte=today,
            due_on__lte=today + timedelta(days=within_days),
        )
        .select_related("grant__bid__organisation")
        .order_by("due_on", "pk")
    )


def returns_outstanding(region: Region, user: Any, *, due_by: date) -> QuerySet[MonitoringReturn]:
    """Returns not yet submitted and due on or before ``due_by``, on grants the user may see."""
    return (
        MonitoringReturn.objects.filter(
            grant__in=Grant.all_objects.visible_to(user),
            grant__bid__round__fund__region=region,
            grant__withdrawn_at__isnull=True,
            submitted_at__isnull=True,
            due_on__lte=due_by,
        )
        .select_related("grant__bid__organisation")
        .order_by("due_on", "pk")
    )


def open_rounds_for(
    region: Region, user: Any, now: Any
) -> QuerySet[WithAnnotations[Round, OwnBids]]:
    """Rounds open for bids now, closing soonest first; each carries ``own_bids``: how many
    bids the user's organisation has in it."""
    return (
        Round.objects.filter(fund__region=region, opens_at__lte=now, closes_at__gte=now)
        .annotate(
            own_bids=Count(
                "bids", filter=Q(bids__organisation_id=getattr(user, "organisation_id", None))
            )
        )
        .select_related("fund")
        .order_by("closes_at", "pk")
    )


def live_bids_for(region: Region, user: Any) -> QuerySet[Bid]:
    """Draft and submitted bids the user may see (a partner: their own organisation's)."""
    return (
        Bid.all_objects.visible_to(user)
        .filter(round__fund__region=region, status__in=[BidStatus.DRAFT, BidStatus.SUBMITTED])
        .select_related("round")
        .order_by("round__closes_at", "pk")
    )


def grants_for(region: Region, user: Any) -> QuerySet[Grant]:
    """Grants in force the user may see (a partner: their own organisation's)."""
    return (
        Grant.all_objects.visible_to(user)
        .filter(bid__round__fund__region=region, withdrawn_at__isnull=True)
        .select_related("bid__round")
        .order_by("agreement_end", "pk")
    )


def awaiting_determination(region: Region, user: Any) -> list[Bid]:
    """Bids with the board's recommendation that the user, as the fund's decision
    maker, has still to determine; oldest recommendation first."""
    person_id = getattr(user, "person_id", None)
    # Someone with no person record has made no joint decision to leave out.
    decided = (
        MakerDecision.objects.filter(person_id=person_id, corrects__isnull=True)
        if person_id is not None
        else MakerDecision.objects.none()
    )
    bids = (
        Bid.all_objects.filter(
            Q(round__fund__decision_maker_id=person_id)
            | Q(round__fund__joint_decision_makers=person_id),
            round__fund__region=region,
            status=BidStatus.SUBMITTED,
            recommendation__isnull=False,
            determination__isnull=True,
        )
        .exclude(pk__in=decided.values("bid_id"))
        .distinct()
        .select_related("round__fund__decision_maker", "organisation", "recommendation__board")
        .prefetch_related("round__fund__joint_decision_makers")
        .order_by("recommendation__recommended_on", "recommendation__recorded_at", "pk")
    )
    return [bid for bid in bids if permissions.can_determine(user, bid)]


def determinations_by(region: Region, user: Any, since: date) -> QuerySet[Determination]:
    """Determinations the user made on or after ``since``, newest first."""
    return (
        Determination.objects.filter(
            bid__round__fund__region=region,
            decided_by_id=getattr(user, "person_id", None),
            decided_on__gte=since,
        )
        .select_related("bid__organisation")
        .order_by("-decided_on", "-recorded_at", "-pk")
    )
