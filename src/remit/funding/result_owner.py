"""Grants declare results: how the results pages name, link, place and guard a grant, and
the figures its monitoring returns report against them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse

from remit.funding import selectors
from remit.funding.models import Grant
from remit.funding.permissions import can_view_grant
from remit.indicators.owners import OwnerKind


def _measures(ids: Iterable[int], user: Any) -> dict[int, list[Any]]:
    """Returns are not public: only grants the user may open report their figures."""
    may_open = Grant.all_objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True)
    return dict(selectors.measure_lines(may_open))


def _public_url(grant: Grant) -> str:
    listed = grant.is_published and grant.withdrawn_at is None
    return reverse("funding_public:detail", args=[grant.pk]) if listed else ""


GRANT_OWNER = OwnerKind(
    noun="grant",
    queryset=lambda: Grant.all_objects.select_related("bid__organisation", "bid__round__fund"),
    label=lambda grant: f"Grant to {grant.bid.organisation.name}: {grant.bid.title}",
    url=lambda grant: reverse("funding:grant", args=[grant.pk]),
    public_url=_public_url,
    region_id=lambda grant: int(grant.bid.round.fund.region_id),
    may_view=can_view_grant,
    may_open=can_view_grant,
    measures=_measures,
)
