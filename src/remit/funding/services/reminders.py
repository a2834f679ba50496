"""Reminders about grants found by date: monitoring returns due within a week, or overdue."""

from __future__ import annotations

from datetime import date
from datetime import timedelta

from django.urls import reverse

from remit.funding import audiences
from remit.funding.models import MonitoringReturn
from remit.notifications.services import Kind
from remit.notifications.services import announce_new
from remit.notifications.services.scheduled import Found

RETURN_WARNING = timedelta(days=7)


def returns_check(today: date) -> list[Found]:
    """Tell the grantee and the grant managers of each return due soon, and of each overdue."""
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
            overdue += announce_new(
                Kind.RETURN_OVERDUE, f"return-overdue:{row.pk}", people, title, link
            )
        else:
            title = f"Monitoring return due on {on}: {grant.bid} ({period})"
            due += announce_new(Kind.RETURN_DUE, f"return-due:{row.pk}", people, title, link)
    return [
        Found("returns_due", "Returns due within 7 days", due),
        Found("returns_overdue", "Returns overdue", overdue),
    ]
