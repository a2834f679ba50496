"""Neighbourhood pages: a district's worst-affected neighbourhoods, and their figures as CSV."""

from __future__ import annotations

from decimal import ROUND_HALF_UP
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from remit.core.models import Region
from remit.indicators import dashboards
from remit.indicators import map_pages
from remit.indicators import selectors
from remit.indicators.models import Indicator
from remit.indicators.models import Origin
from remit.ui.views import region_or_404

ALL_CRIMES = "All crimes"
TWO = Decimal("0.01")


def _csv(text: str, name: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _choice(
    region: Region, user: object, slug: str
) -> tuple[list[str] | None, str, list[Indicator]]:
    """The crime types counted: a crime indicator's, or every type."""
    crime_indicators = list(
        selectors.indicators_for(user).filter(region=region, origin=Origin.CRIME).order_by("name")
    )
    chosen = next((i for i in crime_indicators if i.slug == slug), None)
    if slug and chosen is None:
        raise Http404("No such crime indicator.")
    if chosen is None:
        return None, ALL_CRIMES, crime_indicators
    return list(chosen.crime_types), chosen.name, crime_indicators


@login_required
def neighbourhoods(request: HttpRequest, code: str) -> HttpResponse:
    region = region_or_404()
    area = selectors.area_for(region, code)
    slug = request.GET.get("indicator", "")
    types, label, choices = _choice(region, request.user, slug)
    page = map_pages.hotspot_page(region, area, types, label)
    query = f"?indicator={slug}" if slug else ""
    return render(
        request,
        "indicators/neighbourhoods.html",
        {
            "area": area,
            "page": page,
            "choices": choices,
            "chosen": slug,
            "label": label,
            "chart": {
                "id": f"gap-{area.code}",
                "spec_id": f"gap-{area.code}-spec",
                "spec": page.chart if page else {},
                "rows": _gap_rows(page) if page else [],
                "first_heading": "Month",
                "headings": ("Worst tenth (mean)", "Median neighbourhood", "Gap"),
                "csv": reverse("indicators:neighbourhoods_worst_csv", args=[area.code]) + query,
            },
            "worst_csv": reverse("indicators:neighbourhoods_worst_csv", args=[area.code]) + query,
            "ns": "indicators",
        },
    )


def _gap_rows(page: map_pages.HotspotPage) -> list[dashboards.TableRow]:
    return [
        dashboards.TableRow(
            dashboards.period_label(g.month),
            tuple(
                str(v.quantize(TWO, rounding=ROUND_HALF_UP))
                for v in (g.worst_mean, g.median, g.gap)
            ),
        )
        for g in page.result.months
    ]


@login_required
def worst_csv(request: HttpRequest, code: str) -> HttpResponse:
    region = region_or_404()
    area = selectors.area_for(region, code)
    types, label, _ = _choice(region, request.user, request.GET.get("indicator", ""))
    page = map_pages.hotspot_page(region, area, types, label)
    if page is None:
        raise Http404("No neighbourhood shapes have been loaded for this area.")
    rows: list[tuple[object, ...]] = [
        ("worst", h.code, page.names.get(h.code, ""), "", h.crimes, h.population, h.rate)
        for h in page.result.worst
    ]
    rows += [("gap", "", "", g.month, "", "", g.gap) for g in page.result.months]
    header = ("row", "lsoa_code", "lsoa_name", "month", "crimes", "population", "rate_per_1000")
    return _csv(dashboards.csv_text(header, rows), f"{code}-worst-neighbourhoods.csv")


def neighbourhoods_csv_response(region: Region, code: str) -> HttpResponse:
    area = selectors.area_for(region, code)
    data = map_pages.neighbourhood_data(region, area, None)
    if data is None:
        raise Http404("No neighbourhood shapes have been loaded for this area.")
    rows = []
    for p in data.places:
        for month in data.counts.months:
            complete = month in data.counts.complete
            count = data.counts.counts.get(p.code, {}).get(month, 0)
            rows.append(
                (
                    p.code,
                    p.name,
                    month,
                    count if complete else "",
                    p.population if p.population is not None else "",
                    map_pages.rate_of(count, p.population) if complete else "",
                    p.imd_decile if p.imd_decile is not None else "",
                    p.imd_rank if p.imd_rank is not None else "",
                    "" if complete else "yes",
                )
            )
    header = (
        "lsoa_code",
        "lsoa_name",
        "month",
        "crimes",
        "population",
        "crimes_per_1000",
        "imd_decile",
        "imd_rank",
        "no_data",
    )
    return _csv(dashboards.csv_text(header, rows), f"{code}-neighbourhoods.csv")


@login_required
def neighbourhoods_csv(request: HttpRequest, code: str) -> HttpResponse:
    return neighbourhoods_csv_response(region_or_404(), code)
