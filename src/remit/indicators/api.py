"""Indicators, their series and crime counts over HTTP.

Without a token the API shows published indicators only; with a token, what that user
may see. Crime counts come straight from the crime store (police.uk data is public).
"""

from datetime import date
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Query
from ninja import Router
from ninja import Schema

from remit.core.apikit.auth import TOKEN_OR_PUBLIC
from remit.core.apikit.inputs import Input
from remit.core.apikit.pagination import Built
from remit.core.apikit.pagination import paginated
from remit.core.apikit.region import api_region
from remit.core.errors import DomainError
from remit.indicators import crime
from remit.indicators import measures
from remit.indicators import selectors
from remit.indicators.crime_files import CrimeDataError
from remit.indicators.models import Indicator
from remit.indicators.models import IndicatorValue
from remit.indicators.services._common import crime_store

router = Router(tags=["indicators"])


READ = TOKEN_OR_PUBLIC


class TargetOut(Schema):
    area_code: str | None
    due: date
    value: Decimal


class IndicatorOut(Schema):
    slug: str
    name: str
    description: str
    source: str
    period: str
    geography: str
    licence: str
    origin: str
    kind: str
    is_performance: bool
    decimal_places: int
    crime_types: list[str]
    unit: str
    unit_label: str
    polarity: str
    missions: list[int]
    baseline_period: str
    baseline_value: Decimal | None
    targets: list[TargetOut]
    is_published: bool
    refreshed_at: datetime | None


class SeriesPointOut(Schema):
    area_code: str
    area_name: str
    period: str
    value: Decimal
    partial: bool


class GapOut(Schema):
    period: str
    worst_areas_mean: Decimal
    median: Decimal
    gap: Decimal
    worst_areas: list[str]


class CrimeCountOut(Schema):
    area_code: str
    area_name: str
    month: str
    crime_type: str
    count: int


class ForceMonthOut(Schema):
    force: str
    month: str
    rows: int
    unlocated: int
    source: str
    imported_at: datetime | None


class SeriesFilters(Input):
    area: str | None = None
    period_from: str | None = None
    period_to: str | None = None


class CrimeFilters(Input):
    area: str | None = None
    month_from: str | None = None
    month_to: str | None = None
    crime_type: str | None = None


def _out(indicator: Indicator) -> dict[str, Any]:
    return {
        "slug": indicator.slug,
        "name": indicator.name,
        "description": indicator.description,
        "source": indicator.source,
        "period": indicator.period,
        "geography": indicator.geography,
        "licence": indicator.licence,
        "origin": indicator.origin,
        "kind": indicator.kind,
        "is_performance": indicator.is_performance,
        "decimal_places": indicator.places,
        "crime_types": list(indicator.crime_types or []),
        "unit": indicator.unit,
        "unit_label": indicator.unit_label,
        "polarity": indicator.polarity,
        "missions": [m.number for m in indicator.missions.all()],
        "baseline_period": indicator.baseline_period,
        "baseline_value": indicator.baseline_value,
        "targets": [
            {"area_code": t.area.code if t.area else None, "due": t.due, "value": t.value}
            for t in indicator.targets.all()
        ],
        "is_published": indicator.is_published,
        "refreshed_at": indicator.refreshed_at,
    }


def _period(value: str | None, field: str) -> str | None:
    if value is not None and not measures.is_period(value):
        raise DomainError(f"{value!r} is not a month (YYYY-MM) or a year (YYYY)", field=field)
    return value


@router.get("/indicators", response=list[IndicatorOut], auth=READ)
@paginated
def indicators(request: HttpRequest, mission: int | None = None) -> Any:
    qs = selectors.indicator_list(api_region(), request.auth)  # type: ignore[attr-defined]
    if mission is not None:
        qs = qs.filter(missions__number=mission)
    return Built(qs, _out)


@router.get("/indicators/{slug}", response=IndicatorOut, auth=READ)
def indicator(request: HttpRequest, slug: str) -> Any:
    return _out(selectors.find_indicator(api_region(), slug, request.auth))  # type: ignore[attr-defined]


@router.get("/indicators/{slug}/series", response=list[SeriesPointOut], auth=READ)
@paginated
def series(request: HttpRequest, slug: str, filters: Query[SeriesFilters]) -> Any:
    """Figures per area and period; `partial` marks an area whose own force's file is missing."""
    found = selectors.find_indicator(api_region(), slug, request.auth)  # type: ignore[attr-defined]
    qs = IndicatorValue.objects.filter(indicator=found).select_related("area")
    if filters.area:
        qs = qs.filter(area__code=filters.area)
    if _period(filters.period_from, "period_from"):
        qs = qs.filter(period__gte=filters.period_from)
    if _period(filters.period_to, "period_to"):
        qs = qs.filter(period__lte=filters.period_to)
    return Built(qs.order_by("area__code", "period"), _point)


def _point(v: IndicatorValue) -> dict[str, Any]:
    return {
        "area_code": v.area.code,
        "area_name": v.area.name,
        "period": v.period,
        "value": v.value,
        "partial": v.partial,
    }


@router.get("/indicators/{slug}/gap", response=list[GapOut], auth=READ)
def gap(request: HttpRequest, slug: str) -> Any:
    """The worst-affected areas' mean against the median area, period by period; none for a
    context figure such as population, which is never ranked."""
    region = api_region()
    found = selectors.find_indicator(region, slug, request.auth)  # type: ignore[attr-defined]
    summary = selectors.summaries(region, [found])[0]
    return [
        {
            "period": g.period,
            "worst_areas_mean": g.worst_mean,
            "median": g.median,
            "gap": g.size,
            "worst_areas": list(g.worst_areas),
        }
        for g in summary.gaps
    ]


@router.get("/crime/summary", response=list[CrimeCountOut])
@paginated
def crime_summary(request: HttpRequest, filters: Query[CrimeFilters]) -> Any:
    """Crimes per area, month and type, counted in the crime store."""
    try:
        rows = selectors.crime_summary(
            api_region(),
            area=filters.area,
            month_from=filters.month_from,
            month_to=filters.month_to,
            crime_type=filters.crime_type,
        )
    except CrimeDataError as exc:
        raise DomainError(exc.message, field=exc.field) from exc
    return [r.__dict__ for r in rows]


@router.get("/crime/status", response=list[ForceMonthOut])
def crime_status(request: HttpRequest) -> Any:
    """Each force-month held in the crime store."""
    return [fm.__dict__ for fm in crime.status(crime_store())]
