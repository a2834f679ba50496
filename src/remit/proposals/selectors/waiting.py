"""What waits for someone, for "Your work" (remit.work): each a fixed number of queries."""

from __future__ import annotations

from django.db.models import QuerySet

from remit.core.models import Region
from remit.proposals.models import ImpactAssessment
from remit.proposals.models import Routing
from remit.proposals.workflow import RoutingState
from remit.proposals.workflow import Status

# What waits for someone, for "Your work" (remit.work): each a fixed number of queries.


def waiting_at_forums(region: Region) -> QuerySet[Routing]:
    """Proposals on their route waiting for a forum's decision (not sent back for changes)."""
    return (
        Routing.objects.filter(
            proposal__deal__region=region,
            state=RoutingState.ACTIVE,
            awaiting_resubmission=False,
            current_board__isnull=False,
        )
        .select_related("proposal", "current_board")
        .order_by("started_at", "pk")
    )


def waiting_for_person(region: Region, person_id: int | None) -> QuerySet[Routing]:
    """Proposals and papers whose route waits for this person's decision, taken alone."""
    return (
        Routing.objects.filter(
            route__region=region,
            state=RoutingState.ACTIVE,
            awaiting_resubmission=False,
            current_decision_maker_id=person_id,
            current_decision_maker__isnull=False,
        )
        .select_related("proposal", "paper")
        .order_by("started_at", "pk")
    )


def screenings_to_sign_off(region: Region) -> QuerySet[ImpactAssessment]:
    """Impact screenings not yet signed off, of proposals still in play."""
    return (
        ImpactAssessment.objects.filter(proposal__deal__region=region, signed_off_at__isnull=True)
        .exclude(proposal__status=Status.WITHDRAWN)
        .select_related("proposal")
        .order_by("proposal__created_at", "pk")
    )
