"""Versions of the open data files, so each is built once per change of its data."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.db.models import Max
from django.db.models import Sum

from remit.core.models import Region
from remit.funding.models import Grant
from remit.funding.models import Payment


@dataclass(frozen=True)
class ExportVersion:
    """What the 360Giving export is built from, in a few numbers: equal versions, equal files."""

    region: int
    grants: int
    versions: int | None
    newest_version: int | None
    newest_payment: int | None
    newest_change: int | None


def export_version(region: Region) -> ExportVersion:
    """A cheap value that changes whenever the 360Giving export would: the region's published
    grants (how many, and which published version of each is in force), the newest payment
    (payments are never changed or deleted, only added) and the newest change to any grant
    (publishing, unpublishing, withdrawal). Three queries; only the first reads the grants,
    and none reads what was published or paid."""

    # The register's grants without its per-grant sums: an aggregate over an annotated
    # queryset would work every grant's payments out first.
    shown = Grant.objects.filter(
        bid__round__fund__region=region, publication__isnull=False
    ).aggregate(count=Count("pk"), versions=Sum("publication_id"), newest=Max("publication_id"))
    paid = Payment.objects.aggregate(newest=Max("pk"))["newest"]
    changed = Grant.history.model.objects.aggregate(newest=Max("history_id"))["newest"]
    return ExportVersion(
        region=region.pk,
        grants=shown["count"],
        versions=shown["versions"],
        newest_version=shown["newest"],
        newest_payment=paid,
        newest_change=changed,
    )
