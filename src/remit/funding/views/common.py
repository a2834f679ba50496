"""What the fund's views share: the region, objects the user may see, the form page."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse

from remit.funding import permissions
from remit.funding import selectors
from remit.funding.models import Bid
from remit.funding.models import Fund
from remit.funding.models import Grant
from remit.funding.models import Round
from remit.ui import views as ui_views
from remit.ui.views import region_or_404


def fund_or_404(slug: str) -> Fund:
    fund = selectors.find_fund(region_or_404(), slug)
    if fund is None:
        raise Http404("No such fund.")
    return fund


def round_or_404(pk: int) -> Round:
    found = selectors.find_round(region_or_404(), pk)
    if found is None:
        raise Http404("No such round.")
    return found


def bid_or_404(request: HttpRequest, pk: int) -> Bid:
    """The bid if this user may see it; otherwise the same 404 as a bid that does not exist."""
    bid = selectors.find_bid(region_or_404(), pk)
    if bid is None or not permissions.can_view_bid(request.user, bid):
        raise Http404("No such bid.")
    return bid


def grant_or_404(request: HttpRequest, pk: int) -> Grant:
    grant = selectors.find_grant(region_or_404(), pk)
    if grant is None or not permissions.can_view_grant(request.user, grant):
        raise Http404("No such grant.")
    return grant


def form_page(request: HttpRequest, form: Any, **page: Any) -> HttpResponse:
    """The shared form page, with a cancel link and the fund's styles."""
    return ui_views.form_page(request, form, cancel=True, stylesheet="funding/funding.css", **page)
