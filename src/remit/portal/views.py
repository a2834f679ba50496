"""Public pages. They read other apps only through their selectors."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from remit.core import selectors
from remit.core.models import Board
from remit.ui.views import region_or_404
from remit.work.views import your_work


def home(request: HttpRequest) -> HttpResponse:
    """Signed in, people start from their own work; everyone else sees the public home."""
    if request.user.is_authenticated:
        return your_work(request)
    return public_home(request)


def public_home(request: HttpRequest) -> HttpResponse:
    region = selectors.active_region()
    if region is None:
        return render(request, "portal/empty.html")
    return render(
        request,
        "portal/home.html",
        {
            "boards": selectors.board_list(region).filter(parent__isnull=True),
            "missions": selectors.mission_list(region),
            "areas": selectors.area_list(region),
            "themes": selectors.themes_with_workstreams(region),
        },
    )


def boards(request: HttpRequest) -> HttpResponse:
    region = region_or_404()
    return render(request, "portal/boards.html", {"boards": selectors.board_list(region)})


def board(request: HttpRequest, slug: str) -> HttpResponse:
    region = region_or_404()
    try:
        page = selectors.board_page(region, slug)
    except Board.DoesNotExist:
        raise Http404 from None
    return render(request, "portal/board.html", {"page": page, "board": page.board})


def missions(request: HttpRequest) -> HttpResponse:
    region = region_or_404()
    return render(request, "portal/missions.html", {"missions": selectors.mission_list(region)})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")
