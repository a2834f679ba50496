"""The golden thread's pages: signed in, what the person may open; public, what is published."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render

from remit.thread import selectors
from remit.ui.views import region_or_404

PUBLIC = AnonymousUser()


@login_required
def mission_thread(request: HttpRequest, number: int) -> HttpResponse:
    found = selectors.thread(region_or_404(), number, request.user)
    return render(request, "thread/thread.html", {"thread": found, "public": False})


def public_mission_thread(request: HttpRequest, number: int) -> HttpResponse:
    found = selectors.thread(region_or_404(), number, PUBLIC, public=True)
    return render(request, "thread/thread.html", {"thread": found, "public": True})
