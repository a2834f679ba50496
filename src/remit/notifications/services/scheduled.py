"""The scheduled checks (`remit notify due`): events no write causes, found by date.

A meeting whose paper deadline has passed with papers still to publish, a monitoring return
due within 7 days, and one overdue. Each is told once: running the check again, the same day
or later, tells nobody anything new.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from remit.core.models import Region
from remit.notifications import audiences
from remit.notifications.models import Kind, Notification
from remit.notifications.services.announce import announce

RETURN_WARNING = timedelta(days=7)


@dataclass(frozen=True)
class DueReport:
    papers_late: int
    returns_due: int
    returns_overdue: int


def _announce_new(kind: Kind, key: str, recipients: Sequence[Any], title: str, link: str) -> bool:
    """Announce unless everyone has already been told; True when someone is still to be."""
    told = set(
        Notification.objects.filter(kind=kind, event_key=key).values_list("recipient_id", flat=True)
    )
    waiting = [user for user in recipients if user.pk not in told]
    if not waiting:
        return False
    announce(kind, key, waiting, title, link)
    return True


def _papers_late(today: date) -> int:
    from remit.meetings.selectors import compliance

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
            count += _announce_new(
                Kind.PAPERS_LATE, f"papers-late:{meeting.pk}", publishers, title, link
            )
    return count


def _returns(today: date) -> tuple[int, int]:
    from remit.funding.models import MonitoringReturn

    waiting = (
        MonitoringReturn.objects.filter(
            submitted_at__isnull=True,
            grant__withdrawn_at__isnull=True,
            due_on__lte=today + RETURN_WARNING,
        )
        .select_related("grant__bid__organisation")
        .order_by("due_on", "pk")
    )
    due = overdue = 0
    for row in waiting:
        grant = row.grant
        people = audiences.grant_managers_and_grantee(grant.bid)
        link = reverse("funding:grant_return", args=[grant.pk, row.pk])
        period = f"{row.period_start:%-d %B %Y} to {row.period_end:%-d %B %Y}"
        on = f"{row.due_on:%-d %B %Y}"
        if row.due_on < today:
            title = f"Monitoring return overdue: {grant.bid} ({period}) was due on {on}"
            overdue += _announce_new(
                Kind.RETURN_OVERDUE, f"return-overdue:{row.pk}", people, title, link
            )
        else:
            title = f"Monitoring return due on {on}: {grant.bid} ({period})"
            due += _announce_new(Kind.RETURN_DUE, f"return-due:{row.pk}", people, title, link)
    return due, overdue


def due_check(*, today: date | None = None) -> DueReport:
    """Run every scheduled check for ``today``; returns how many events were announced."""
    today = today or timezone.localdate()
    late = _papers_late(today)
    due, overdue = _returns(today)
    return DueReport(papers_late=late, returns_due=due, returns_overdue=overdue)
