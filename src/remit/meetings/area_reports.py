"""An area's performance report goes to a meeting as an appendix of a draft paper: which papers
a person may add it to, and the appendix service that adds it."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from remit.core.models import Area
from remit.indicators.reports import PaperDesk
from remit.meetings import permissions
from remit.meetings.models import Paper
from remit.meetings.services import appendix_add
from remit.meetings.workflow import MeetingStatus


def papers_for_reports(user: Any, area: Area) -> list[Paper]:
    """Draft papers of the region's coming meetings that `user` may add an appendix to."""
    papers = (
        Paper.objects.filter(
            status=Paper.Status.DRAFT,
            item__meeting__board__region=area.region,
            item__meeting__date__gte=timezone.localdate(),
        )
        .exclude(item__meeting__status=MeetingStatus.CANCELLED)
        .select_related("item__meeting__board")
        .order_by("item__meeting__date", "item__position")
    )
    return [p for p in papers if permissions.can_write_paper(user, p.item)]


MEETING_PAPERS = PaperDesk(papers=papers_for_reports, attach=appendix_add)
