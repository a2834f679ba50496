"""What waits for someone, for "Your work" (`remit.work`): each a fixed number of queries."""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any
from typing import TypedDict
from typing import cast

from django.db.models import Exists
from django.db.models import Max
from django.db.models import OuterRef
from django.db.models import Q
from django.db.models import QuerySet

from remit.core.models import Region
from remit.indicators.models import ImportJob
from remit.indicators.models import Indicator
from remit.indicators.models import IndicatorValue
from remit.indicators.models import Target

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


def imports_to_watch(region: Region, failed_since: Any) -> QuerySet[ImportJob]:
    """Crime imports waiting or running, and those refused since ``failed_since``."""
    return (
        ImportJob.objects.filter(region=region)
        .filter(
            Q(status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING])
            | Q(status=ImportJob.Status.FAILED, finished_at__gte=failed_since)
        )
        .order_by("created_at", "pk")
    )


class LatestPeriod(TypedDict):
    """What `latest_periods` adds to each indicator: none when it has no figures."""

    latest: str | None


def latest_periods(region: Region) -> QuerySet[WithAnnotations[Indicator, LatestPeriod]]:
    """Every indicator (drafts included) with ``latest``: the latest period it has figures for."""
    # IndicatorQuerySet is not generic, so its annotate() cannot carry the added field's type.
    return cast(
        "QuerySet[WithAnnotations[Indicator, LatestPeriod]]",
        Indicator.all_objects.filter(region=region)
        .annotate(latest=Max("values__period"))
        .order_by("name", "pk"),
    )


def targets_without_data(region: Region) -> QuerySet[Target]:
    """Targets with no figure at all to measure them by: none for their area, or, for a
    target for the whole region, none for any area."""

    for_area = IndicatorValue.objects.filter(indicator=OuterRef("indicator"), area=OuterRef("area"))
    for_region = IndicatorValue.objects.filter(indicator=OuterRef("indicator"))
    return (
        Target.objects.filter(indicator__region=region)
        .annotate(has_area=Exists(for_area), has_any=Exists(for_region))
        .filter(Q(area__isnull=False, has_area=False) | Q(area__isnull=True, has_any=False))
        .select_related("indicator", "area")
        .order_by("due", "pk")
    )
