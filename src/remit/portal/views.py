"""Public pages. They read other apps only through their selectors."""

from __future__ import annotations

from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from remit.core import selectors
from remit.core.models import Board
from remit.core.pagecache import public_page
from remit.funding import selectors as funding
from remit.indicators import selectors as indicators
from remit.meetings import selectors as meetings
from remit.ui.views import region_or_404
from remit.work.views import your_work

# How many of each the public home shows; each block links to the full list.
NEXT_MEETINGS = 5
LATEST_DECISIONS = 5
RECENT_PAPERS = 5
OPEN_ROUNDS = 5
LATEST_GRANTS = 5
HEADLINES = 6
# The apps whose records the public home shows: a change to any of them renews the page.
HOME_APPS = ("core", "funding", "indicators", "meetings")
# How many of its meetings (coming up, and held) and decisions a board's page shows.
BOARD_ROWS = 10


@public_page(*HOME_APPS)
def home(request: HttpRequest) -> HttpResponse:
    """Signed in, people start from their own work; everyone else sees the public home."""
    if request.user.is_authenticated:
        return your_work(request)
    return _public_home(request)


@public_page(*HOME_APPS)
def public_home(request: HttpRequest) -> HttpResponse:
    return _public_home(request)


def _public_home(request: HttpRequest) -> HttpResponse:
    """What is happening: meetings, decisions, papers, funding, grants and headline figures."""
    region = selectors.active_region()
    if region is None:
        return render(request, "portal/empty.html")
    today = timezone.localdate()
    return render(
        request,
        "portal/home.html",
        {
            "region": region,
            "next_meetings": meetings.public_next_meetings(region, today, NEXT_MEETINGS),
            "decisions": meetings.public_decisions(region, today)[:LATEST_DECISIONS],
            "papers": meetings.public_recent_papers(region, RECENT_PAPERS),
            "rounds": funding.open_rounds(region, timezone.now(), OPEN_ROUNDS),
            "grants": funding.published_grants(region)[:LATEST_GRANTS],
            "headlines": indicators.headline_indicators(region, HEADLINES),
            "boards": selectors.board_tree(region),
            "missions": selectors.mission_list(region),
            "areas": selectors.area_list(region),
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
    today = timezone.localdate()
    return render(
        request,
        "portal/board.html",
        {
            "page": page,
            "board": page.board,
            "meetings": meetings.public_board_meetings(region, page.board, today, BOARD_ROWS),
            "limit": BOARD_ROWS,
        },
    )


def funding_round(request: HttpRequest, pk: int) -> HttpResponse:
    """A call for bids as published: what it funds, who may bid, what they answer, how bids
    are judged and how to apply. Rounds not yet open are not published."""
    now = timezone.now()
    found = funding.find_public_round(region_or_404(), pk, now)
    if found is None:
        raise Http404("No such funding round, or it has not opened yet.")
    return render(
        request,
        "portal/round.html",
        {"round": found, "fund": found.fund, "open": found.closes_at > now},
    )


def missions(request: HttpRequest) -> HttpResponse:
    region = region_or_404()
    return render(request, "portal/missions.html", {"missions": selectors.mission_list(region)})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")
