"""The signed-in home: what needs this person, most urgent first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from remit.core.selectors import active_region
from remit.work import selectors, services
from remit.work.items import rows


@login_required
def your_work(request: HttpRequest) -> HttpResponse:
    region = active_region()
    today, now = timezone.localdate(), timezone.now()
    sections = []
    if region is not None:
        since = selectors.last_looked(request.user)
        sections = [
            (section, rows(section, today))
            for section in selectors.your_work(
                request.user, region, today=today, now=now, since=since
            )
        ]
        services.looked(by=request.user, at=now)
    return render(
        request,
        "work/home.html",
        {"sections": sections, "today": today, "region": region},
    )
