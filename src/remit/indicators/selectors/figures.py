"""The indicators a reader may see, and each one's summary: figures by area and period,
trends, ranks, gaps and how each area stands against its targets, read in a fixed number
of queries and worked out with `measures`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal
from typing import Any

from django.db.models import Count
from django.db.models import Max
from django.db.models import Prefetch
from django.http import Http404

from remit.core.models import Area
from remit.core.models import Mission
from remit.core.models import Region
from remit.indicators import kinds
from remit.indicators import measures
from remit.indicators.models import Indicator
from remit.indicators.models import IndicatorQuerySet
from remit.indicators.models import IndicatorValue
from remit.indicators.models import Kind
from remit.indicators.models import Target

ValueRow = tuple[int, int, str, Decimal, bool]  # indicator, area, period, value, partial
NO_TARGET = measures.Assessment(measures.Rag.GREY, None, None)
GAP_PERIODS = 12


def indicators_for(user: Any, *, public: bool = False) -> IndicatorQuerySet:
    if public:
        return Indicator.objects.published()
    return Indicator.all_objects.visible_to(user)


def with_links(qs: IndicatorQuerySet) -> IndicatorQuerySet:
    return qs.prefetch_related(
        Prefetch("missions", queryset=Mission.objects.order_by("number")),
        Prefetch("targets", queryset=Target.objects.select_related("area").order_by("due")),
    )


def indicator_list(region: Region, user: Any, *, public: bool = False) -> IndicatorQuerySet:
    return (
        with_links(indicators_for(user, public=public).filter(region=region))
        .annotate(value_count=Count("values"), latest_period=Max("values__period"))
        .order_by("name", "pk")
    )


def find_indicator(region: Region, slug: str, user: Any, *, public: bool = False) -> Indicator:
    found = with_links(indicators_for(user, public=public).filter(region=region, slug=slug))
    indicator = found.first()
    if indicator is None:
        raise Http404("No such indicator.")
    return indicator


@dataclass
class AreaRow:
    area: Area
    points: list[measures.Point]
    partial_periods: frozenset[str]
    latest: measures.Point | None = None
    change: measures.Change | None = None
    rolling: measures.Point | None = None
    rank: int | None = None
    assessment: measures.Assessment = NO_TARGET

    @property
    def latest_partial(self) -> bool:
        return self.latest is not None and self.latest.period in self.partial_periods

    @property
    def partial(self) -> bool:
        return bool(self.partial_periods)

    def value_at(self, period: str) -> measures.Point | None:
        return next((p for p in self.points if p.period == period), None)


@dataclass
class Summary:
    indicator: Indicator
    periods: list[str]
    areas: list[AreaRow]
    region_points: list[measures.Point]
    gaps: list[measures.Gap]
    gap_trend: measures.GapTrend | None
    region_assessment: measures.Assessment
    compared: int = 0  # areas in the latest period's ranks and gap
    partial_areas: list[Area] = field(default_factory=list)

    @property
    def has_comparison_areas(self) -> bool:
        """Whether any area shown is there for comparison, outside the region's figures."""
        return any(row.area.context for row in self.areas)

    @property
    def latest_period(self) -> str | None:
        return self.periods[-1] if self.periods else None

    @property
    def region_latest(self) -> measures.Point | None:
        return self.region_points[-1] if self.region_points else None

    @property
    def latest_gap(self) -> measures.Gap | None:
        return self.gaps[-1] if self.gaps else None

    def row(self, area: Area) -> AreaRow | None:
        return next((r for r in self.areas if r.area.pk == area.pk), None)

    @property
    def monthly(self) -> bool:
        return bool(self.periods) and measures.is_month(self.periods[0])


def _targets(indicator: Indicator, area: Area | None) -> list[measures.Target]:
    """The area's own targets, else the region's (not for counts); none for context figures."""
    if not indicator.is_performance:
        return []
    area_id = area.pk if area else None
    own = [measures.Target(t.due, t.value) for t in indicator.targets.all() if t.area_id == area_id]
    if own or area is None or indicator.kind == Kind.COUNT:
        return own
    return _targets(indicator, None)


def summarise(indicator: Indicator, rows: Iterable[ValueRow], areas: dict[int, Area]) -> Summary:
    """Everything the pages say about one indicator, from its figures.

    Only performance kinds are ranked, have a gap and are rated against targets; a context
    figure such as population is summarised as facts only (`kinds`).
    """
    by_area: dict[int, list[measures.Point]] = defaultdict(list)
    partial: dict[int, set[str]] = defaultdict(set)
    by_period: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for _, area_id, period, value, is_partial in rows:
        if area_id not in areas:
            continue
        by_area[area_id].append(measures.Point(period, value))
        if is_partial:
            partial[area_id].add(period)
        elif not areas[area_id].context:
            by_period[period][areas[area_id].code] = value
    periods = sorted({p.period for points in by_area.values() for p in points})
    populations = {a.code: a.population for a in areas.values()}
    region_values = {
        period: kinds.region_figure(indicator.kind, by_period[period], populations)
        for period in periods
    }
    region_points = [
        measures.Point(period, total)
        for period, total in region_values.items()
        if total is not None
    ]
    performance = indicator.is_performance
    gaps = measures.gap_series(by_period, indicator.polarity) if performance else []
    latest = periods[-1] if periods else None
    ranks = measures.ranks(by_period[latest], indicator.polarity) if latest and performance else {}
    rows_out = [
        _area_row(indicator, areas[area_id], sorted(points, key=lambda p: p.period), partial, ranks)
        for area_id, points in by_area.items()
    ]
    rows_out.sort(key=lambda r: (r.area.context, r.rank is None, r.rank or 0, r.area.name))
    return Summary(
        indicator=indicator,
        periods=periods,
        areas=rows_out,
        region_points=region_points,
        gaps=gaps,
        gap_trend=measures.gap_trend(gaps, GAP_PERIODS),
        region_assessment=measures.assess(
            region_points[-1] if region_points else None,
            _targets(indicator, None),
            indicator.polarity,
            _baseline(indicator),
            complete=not _partial_in(
                {a: p for a, p in partial.items() if not areas[a].context},
                region_points[-1].period if region_points else None,
            ),
        ),
        compared=len(ranks),
        partial_areas=sorted(
            (areas[a] for a, periods_ in partial.items() if latest in periods_),
            key=lambda a: a.name,
        ),
    )


def _partial_in(partial: dict[int, set[str]], period: str | None) -> bool:
    """Whether any area's figure for the period is partial, so a region figure leaves it out."""
    return period is not None and any(period in periods for periods in partial.values())


def _baseline(indicator: Indicator) -> tuple[str, Decimal] | None:
    if indicator.baseline_period and indicator.baseline_value is not None:
        return (indicator.baseline_period, Decimal(indicator.baseline_value))
    return None


def _area_row(
    indicator: Indicator,
    area: Area,
    points: list[measures.Point],
    partial: dict[int, set[str]],
    ranks: dict[str, int],
) -> AreaRow:
    latest = points[-1] if points else None
    changes = measures.year_on_year(points)
    monthly = bool(points) and measures.is_month(points[0].period)
    # A 12-month total of a context figure such as population would add people up twice.
    rolling = measures.rolling_total(points) if monthly and indicator.is_performance else []
    targets = _targets(indicator, area)
    return AreaRow(
        area=area,
        points=points,
        partial_periods=frozenset(partial.get(area.pk, set())),
        latest=latest,
        change=changes[-1] if changes and latest and changes[-1].period == latest.period else None,
        rolling=rolling[-1] if rolling else None,
        rank=ranks.get(area.code),
        assessment=measures.assess(
            latest,
            targets,
            indicator.polarity,
            _baseline(indicator),
            complete=latest is None or latest.period not in partial.get(area.pk, set()),
        ),
    )


def value_rows(indicators: Sequence[Indicator]) -> dict[int, list[ValueRow]]:
    found: dict[int, list[ValueRow]] = defaultdict(list)
    rows = IndicatorValue.objects.filter(indicator__in=[i.pk for i in indicators]).values_list(
        "indicator_id", "area_id", "period", "value", "partial"
    )
    for row in rows.order_by("indicator_id", "area_id", "period"):
        found[row[0]].append(row)
    return found


def _areas(region: Region) -> dict[int, Area]:
    return {a.pk: a for a in region.areas.order_by("code")}


def summaries(region: Region, indicators: Sequence[Indicator]) -> list[Summary]:
    values = value_rows(indicators)
    areas = _areas(region)
    return [summarise(i, values.get(i.pk, []), areas) for i in indicators]
