"""What the meetings views share: the region, refusals, and domain errors as form errors."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from remit.core.models import Region
from remit.meetings import permissions
from remit.meetings.models import AgendaItem, Meeting, Paper
from remit.ui.views import refuse, region_or_404


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
