"""Reminders about meetings found by date: papers still to publish after their deadline."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from remit.core.models import Region
from remit.meetings import audiences
from remit.meetings.selectors import compliance
from remit.notifications.services import Kind
from remit.notifications.services import announce_new
from remit.notifications.services.scheduled import Found


def papers_late_check(today: date) -> list[Found]:
    """Tell the officers who publish papers of each meeting whose paper deadline has passed."""
    publishers = audiences.paper_publishers()
    count = 0
    for region in Region.objects.order_by("pk"):
        lines, _ = compliance(region, today)
        for line in lines:
            if line.days_to_deadline >= 0 or not line.missing:
                continue
            meeting = line.meeting
            n = len(line.missing)
            title = (
                f"Papers are late for {meeting}: {n} still to publish, due by "
                f"{line.deadline.effective:%-d %B %Y}"
            )
            link = reverse("meetings:meeting", args=[meeting.pk])
            count += announce_new(
                Kind.PAPERS_LATE, f"papers-late:{meeting.pk}", publishers, title, link
            )
    return [Found("papers_late", "Meetings with late papers", count)]
