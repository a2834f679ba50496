"""The figures Remit holds that a fund's allocation formula may use, with their source and
period, so an officer picks them rather than typing them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q

from remit.core.models import Area
from remit.core.models import Region
from remit.indicators.models import Indicator
from remit.indicators.models import IndicatorValue
from remit.indicators.selectors.figures import indicators_for


@dataclass(frozen=True)
class HeldIndicator:
    """An indicator with the periods it holds figures for, newest first."""

    indicator: Indicator
    periods: list[str]


def held_indicators(region: Region, user: Any) -> list[HeldIndicator]:
    """The indicators the user may see that hold figures, for measuring need; two queries."""
    indicators = list(indicators_for(user).filter(region=region).order_by("name", "pk"))
    periods: dict[int, set[str]] = defaultdict(set)
    rows = IndicatorValue.objects.filter(indicator__in=[i.pk for i in indicators])
    for indicator_id, period in rows.values_list("indicator_id", "period").distinct():
        periods[indicator_id].add(period)
    return [
        HeldIndicator(indicator, sorted(periods[indicator.pk], reverse=True))
        for indicator in indicators
        if periods[indicator.pk]
    ]


def figures_for(chosen: dict[int, str], areas: Iterable[Area]) -> dict[int, dict[str, Decimal]]:
    """Each chosen indicator's complete figure per area code for its chosen period; one query.

    A partial figure (the area's own police force's file is not in the store) is not the
    area's figure, so it is left out like a missing one.
    """
    codes = {area.pk: area.code for area in areas}
    found: dict[int, dict[str, Decimal]] = {indicator_id: {} for indicator_id in chosen}
    if not chosen or not codes:
        return found
    pairs = Q()
    for indicator_id, period in chosen.items():
        pairs |= Q(indicator_id=indicator_id, period=period)
    rows = IndicatorValue.objects.filter(pairs, area_id__in=list(codes), partial=False)
    for indicator_id, area_id, value in rows.values_list("indicator_id", "area_id", "value"):
        found[indicator_id][codes[area_id]] = value
    return found
