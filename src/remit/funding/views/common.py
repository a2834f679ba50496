"""What the fund's views share: the region, objects the user may see, forms that call services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from remit.core.errors import DomainError, NotPermitted
from remit.core.services.writes import StaleEdit
from remit.funding import permissions, selectors
from remit.funding.models import Bid, Fund, Grant, Round
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


def run(form: Any, write: Callable[[], Any]) -> Any:
    """Run a service, turning its refusal into an error on the field it names."""
    try:
        return write()
    except NotPermitted as exc:
        form.add_error(None, exc.message)
    except StaleEdit as exc:
        form.stale(exc)
    except DomainError as exc:
        field = exc.field if exc.field in form.fields else None
        form.add_error(field, exc.message if field else str(exc))
    return None


def form_page(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    back: str,
    button: str,
    caption: str = "",
    intro: str = "",
    items: list[str] | None = None,
    upload: bool = False,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "funding/form.html",
        {
            "form": form,
            "title": title,
            "back": back,
            "button": button,
            "caption": caption,
            "intro": intro,
            "items": items or [],
            "upload": upload,
        },
        status=status,
    )
