"""What the meetings views share: the region, refusals, and domain errors as form errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse

from remit.core.models import Region
from remit.meetings import permissions
from remit.meetings.models import AgendaItem
from remit.meetings.models import Meeting
from remit.meetings.models import Paper
from remit.ui.views import refuse
from remit.ui.views import region_or_404
from remit.ui.views import run_service


def press(request: HttpRequest, write: Callable[[], Any], done: str = "") -> Any:
    """Call the service behind a button that has no fields: its refusal, or `done` once it
    has acted, is a message on the next page. What the service returned; None if it refused."""
    form = django_forms.Form(request.POST)
    result = run_service(form, write)
    if result is None:
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
    elif done:
        messages.success(request, done)
    return result


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
