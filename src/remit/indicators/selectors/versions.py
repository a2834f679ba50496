"""What the indicators' open data files depend on, so a kept file is rebuilt only when
its figures change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Count
from django.db.models import Max
from django.db.models import Prefetch
from django.db.models import Q

from remit.core.models import Area
from remit.core.models import Mission
from remit.core.models import Region
from remit.indicators.models import Indicator
from remit.indicators.models import IndicatorValue
from remit.indicators.selectors.figures import indicators_for
from remit.indicators.selectors.pages import area_for


def figures_version(region: Region, indicators: Sequence[Indicator]) -> tuple[Any, ...]:
    """A cheap value that changes whenever a figures CSV of these indicators would: how each
    indicator is defined, its figures (loads replace them, so the newest row changes), and
    the region's areas with their names and populations. Two queries."""
    from django.db.models import Sum

    ids = [i.pk for i in indicators]
    figures = list(
        IndicatorValue.objects.filter(indicator__in=ids)
        .order_by()
        .values("indicator_id")
        .annotate(
            n=Count("pk"),
            newest=Max("pk"),
            total=Sum("value"),
            partial=Count("pk", filter=Q(partial=True)),
        )
        .values_list("indicator_id", "n", "newest", "total", "partial")
        .order_by("indicator_id")
    )
    areas = list(region.areas.order_by("pk").values_list("pk", "code", "name", "population"))
    defined = [
        (i.pk, i.slug, i.kind, i.unit, i.polarity, i.decimal_places, i.refreshed_at)
        for i in indicators
    ]
    return (region.pk, tuple(defined), tuple(figures), tuple(areas))


def area_indicators(
    region: Region, code: str, user: Any, *, public: bool = False
) -> tuple[Area, list[Indicator]]:
    """The area and the indicators with figures for it that the user may see, as
    ``area_page`` finds them, without working out their summaries."""
    area = area_for(region, code)
    indicators = list(
        indicators_for(user, public=public)
        .filter(region=region, values__area=area)
        .prefetch_related(Prefetch("missions", queryset=Mission.objects.order_by("number")))
        .distinct()
    )
    return area, indicators
