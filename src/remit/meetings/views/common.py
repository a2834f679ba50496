"""What the meetings views share: the region, refusals, and domain errors as form errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from remit.core import selectors as core_selectors
from remit.core.errors import DomainError, NotPermitted
from remit.core.models import Region
from remit.core.permissions import Verdict
from remit.meetings import permissions
from remit.meetings.models import AgendaItem, Meeting, Paper


def region_or_404() -> Region:
    region = core_selectors.active_region()
    if region is None:
        raise Http404("No region has been loaded yet.")
    return region


def refuse(request: HttpRequest, verdict: Verdict) -> HttpResponse:
    return render(request, "core/refused.html", {"reason": verdict.reason}, status=403)


def run(form: Any, write: Callable[[], Any]) -> Any:
    """Call a service; a domain error becomes an error on the field it names (or the form)."""
    try:
        return write()
    except NotPermitted as exc:
        form.add_error(None, exc.message)
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return None


def meeting_or_404(region: Region, pk: int) -> Meeting:
    meeting = Meeting.objects.for_region(region).select_related("board").filter(pk=pk).first()
    if meeting is None:
        raise Http404("No such meeting.")
    return meeting


def item_or_404(region: Region, pk: int) -> AgendaItem:
    item = (
        AgendaItem.objects.filter(meeting__board__region=region, pk=pk)
        .select_related("meeting__board", "minutes_of", "origin")
        .first()
    )
    if item is None:
        raise Http404("No such agenda item.")
    return item


def paper_or_404(region: Region, pk: int) -> Paper:
    paper = (
        Paper.objects.filter(item__meeting__board__region=region, pk=pk)
        .select_related("item__meeting__board")
        .first()
    )
    if paper is None:
        raise Http404("No such paper.")
    return paper


def viewable_meeting(request: HttpRequest, pk: int) -> Meeting | HttpResponse:
    """The meeting, or the refusal to show when the user may not see it."""
    meeting = meeting_or_404(region_or_404(), pk)
    verdict = permissions.can_view_meeting(request.user, meeting)
    return meeting if verdict else refuse(request, verdict)
