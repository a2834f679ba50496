"""What is coming up: papers still due against their deadlines, each board's on-time
record, and the forward plan of key decisions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.db.models import QuerySet

from remit.core.models import Region
from remit.meetings import deadlines
from remit.meetings.models import AgendaItem
from remit.meetings.models import ForwardPlanEntry
from remit.meetings.models import Meeting
from remit.meetings.models import Paper
from remit.meetings.rules import OnTimeRate
from remit.meetings.rules import PaperTiming
from remit.meetings.rules import on_time_rates
from remit.meetings.selectors.papers import PAPER_KINDS
from remit.meetings.selectors.papers import held_paper


@dataclass
class ComplianceLine:
    meeting: Meeting
    deadline: deadlines.Deadline
    clear_days_left: int
    days_to_deadline: int
    missing: list[str]
    late: int


def compliance(region: Region, today: date) -> tuple[list[ComplianceLine], list[OnTimeRate]]:
    """Upcoming meetings with papers still to come, and each board's on-time record by quarter."""
    upcoming = list(
        Meeting.objects.for_region(region)
        .upcoming(today)
        .select_related("board")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=AgendaItem.objects.filter(kind__in=PAPER_KINDS)
                .exclude(state=AgendaItem.State.WITHDRAWN)
                .select_related("paper", "origin__paper")
                .order_by("position", "pk"),
            )
        )
    )
    lines = []
    for meeting in upcoming:
        missing, late = [], 0
        for item in meeting.items.all():
            try:
                paper = held_paper(item)
            except Paper.DoesNotExist:
                paper = None
            if paper is None or paper.members_published_at is None:
                missing.append(item.title)
            elif paper.late or paper.after_meeting:
                late += 1
        deadline = meeting.deadline()
        lines.append(
            ComplianceLine(
                meeting=meeting,
                deadline=deadline,
                clear_days_left=deadlines.clear_days(today, meeting.date),
                days_to_deadline=(deadline.effective - today).days,
                missing=missing,
                late=late,
            )
        )
    timings = [
        PaperTiming(board, day, late or after_meeting)
        for board, day, late, after_meeting in Paper.objects.filter(
            item__meeting__board__region=region, members_published_at__isnull=False
        ).values_list("item__meeting__board__name", "item__meeting__date", "late", "after_meeting")
    ]
    return lines, on_time_rates(timings)


def forward_plan(region: Region, *, public: bool) -> QuerySet[ForwardPlanEntry]:
    qs = ForwardPlanEntry.objects.filter(board__region=region).select_related(
        "board", "contact", "item__meeting"
    )
    if public:
        qs = qs.filter(published_at__isnull=False).exclude(status=ForwardPlanEntry.Status.WITHDRAWN)
    return qs.order_by("expected_date", "pk")
