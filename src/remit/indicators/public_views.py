"""The public site's indicator pages: published indicators and their dashboards only."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from remit.indicators import map_pages
from remit.indicators import selectors
from remit.indicators import views
from remit.ui.views import region_or_404

NS = "indicators_public"
PUBLIC = AnonymousUser()


def home(request: HttpRequest) -> HttpResponse:
    context = views.overview_context(region_or_404(), PUBLIC, public=True)
    context.update(ns=NS, public=True)
    return render(request, "indicators/public/home.html", context)


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    region = region_or_404()
    indicator = selectors.find_indicator(region, slug, PUBLIC, public=True)
    summary = selectors.summaries(region, [indicator])[0]
    context = views.indicator_context(summary, NS)
    context.update(ns=NS, public=True, district_map=map_pages.district_map(region, summary, NS))
    return render(request, "indicators/indicator_detail.html", context)


def values_csv(request: HttpRequest, slug: str) -> HttpResponseBase:
    return views.values_csv_response(request, region_or_404(), slug, PUBLIC, public=True)


def gap_csv(request: HttpRequest, slug: str) -> HttpResponseBase:
    return views.gap_csv_response(request, region_or_404(), slug, PUBLIC, public=True)


def mission(request: HttpRequest, number: int) -> HttpResponse:
    context = views.mission_context(
        region_or_404(), number, PUBLIC, NS, True, request.GET.get("results")
    )
    return render(request, "indicators/mission.html", context)


def area(request: HttpRequest, code: str) -> HttpResponse:
    context = views.area_context(region_or_404(), code, PUBLIC, NS, True)
    return render(request, "indicators/area.html", context)


def neighbourhoods_csv(request: HttpRequest, code: str) -> HttpResponse:
    from remit.indicators.map_views import neighbourhoods_csv_response

    return neighbourhoods_csv_response(region_or_404(), code)


def area_csv(request: HttpRequest, code: str) -> HttpResponseBase:
    slug = request.GET.get("indicator", "")
    return views.area_csv_response(request, region_or_404(), code, PUBLIC, slug, True)
