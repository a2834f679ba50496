"""A mission's indicators, how they moved, and who says they will move them."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.urls import reverse

from remit.core.models import Mission
from remit.core.models import Region
from remit.indicators import measures
from remit.indicators import selectors as indicator_selectors
from remit.indicators.models import Indicator
from remit.indicators.selectors import ResultView
from remit.indicators.selectors import Summary


@dataclass
class Claim:
    """A proposal or grant that says one of its results will move an indicator."""

    label: str
    url: str
    result: str


@dataclass
class IndicatorLine:
    summary: Summary
    url: str
    change: measures.Change | None
    direction: str
    claims: list[Claim] = field(default_factory=list)

    @property
    def indicator(self) -> Indicator:
        return self.summary.indicator

    @property
    def anchor(self) -> str:
        return f"indicator-{self.indicator.slug}"


DIRECTIONS = {
    (measures.LOWER_IS_BETTER, -1): "Better",
    (measures.LOWER_IS_BETTER, 1): "Worse",
    (measures.HIGHER_IS_BETTER, 1): "Better",
    (measures.HIGHER_IS_BETTER, -1): "Worse",
}


def direction(polarity: str, change: measures.Change | None) -> str:
    """Whether the region's latest year-on-year change is for the better."""
    if change is None:
        return "Not enough figures to say"
    sign = (change.absolute > 0) - (change.absolute < 0)
    return DIRECTIONS.get((polarity, sign), "No change")


def indicator_lines(
    region: Region, mission: Mission, views: list[ResultView], user: Any, *, public: bool
) -> list[IndicatorLine]:
    indicators = list(
        indicator_selectors.indicators_for(user, public=public)
        .filter(region=region, missions=mission)
        .prefetch_related("targets")
        .distinct()
        .order_by("name", "pk")
    )
    ns = "indicators_public" if public else "indicators"
    lines = []
    for summary in indicator_selectors.summaries(region, indicators):
        indicator = summary.indicator
        changes = measures.year_on_year(summary.region_points)
        latest = summary.region_latest
        change = changes[-1] if changes and latest and changes[-1].period == latest.period else None
        claims = [
            Claim(label=v.owner_label, url=v.owner_url, result=v.result.title)
            for v in views
            if any(i.pk == indicator.pk for i in v.indicators)
        ]
        lines.append(
            IndicatorLine(
                summary=summary,
                url=reverse(f"{ns}:detail", args=[indicator.slug]),
                change=change,
                direction=direction(indicator.polarity, change),
                claims=claims,
            )
        )
    return lines
