"""The signed-in home: what needs this person, most urgent first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def your_work(request: HttpRequest) -> HttpResponse:
    return render(request, "work/home.html", {})
