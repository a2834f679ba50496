"""The indicators the public home leads with, and which way each is moving."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists
from django.db.models import F
from django.db.models import Min
from django.db.models import OuterRef

from remit.core.models import Region
from remit.indicators import measures
from remit.indicators.models import Indicator
from remit.indicators.models import IndicatorValue
from remit.indicators.selectors.figures import Summary
from remit.indicators.selectors.figures import summaries
from remit.indicators.selectors.figures import with_links


@dataclass
class Headline:
    """A published indicator's region figure, which way it moved on a year before, and whether
    that is the better way for this indicator."""

    summary: Summary
    change: measures.Change | None
    direction: str  # "up", "down", "same", or "" when there is no figure a year before
    better: bool | None  # None when it has not moved or cannot be compared

    @property
    def indicator(self) -> Indicator:
        return self.summary.indicator


def movement(change: measures.Change | None, polarity: str) -> tuple[str, bool | None]:
    """Which way a change went, and whether that is better for an indicator of this polarity."""
    if change is None:
        return "", None
    if change.absolute == 0:
        return "same", None
    up = change.absolute > 0
    return ("up" if up else "down"), up == (polarity == measures.HIGHER_IS_BETTER)


def headline_indicators(region: Region, limit: int) -> list[Headline]:
    """The region's headline figures: published indicators that have figures, in mission order
    (those serving no mission last), each with its latest region figure and its direction."""
    indicators = list(
        with_links(Indicator.objects.published().filter(region=region))
        .filter(Exists(IndicatorValue.objects.filter(indicator=OuterRef("pk"))))
        .annotate(first_mission=Min("missions__number"))
        .order_by(F("first_mission").asc(nulls_last=True), "name", "pk")[:limit]
    )
    headlines = []
    for summary in summaries(region, indicators):
        changes = measures.year_on_year(summary.region_points)
        latest = summary.region_latest
        change = changes[-1] if changes and latest and changes[-1].period == latest.period else None
        direction, better = movement(change, summary.indicator.polarity)
        if not summary.indicator.is_performance:
            better = None
        headlines.append(Headline(summary, change, direction, better))
    return headlines
