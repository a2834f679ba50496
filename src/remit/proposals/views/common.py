"""What the proposal views share: the region, the visible proposals, forms that call services."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from remit.core.models import Workstream
from remit.core.permissions import Verdict
from remit.proposals import permissions
from remit.proposals.forms import FIELD_ALIASES
from remit.proposals.models import Proposal
from remit.proposals.models import ProposalQuerySet
from remit.ui import views as ui_views
from remit.ui.views import run_service

View = Callable[..., HttpResponse]


def visible(request: HttpRequest) -> ProposalQuerySet:
    return Proposal.all_objects.visible_to(request.user)


def led_workstream(user: Any) -> Workstream | None:
    """A workstream the user leads, for page-level checks before one is chosen."""
    person_id = getattr(user, "person_id", None)
    return Workstream.objects.filter(lead_id=person_id).first() if person_id else None


def refuse(request: HttpRequest, verdict: Verdict) -> HttpResponse:
    """The refusal page, pointing to what is published."""
    return ui_views.refuse(
        request,
        verdict,
        onward="See published proposals",
        onward_url=reverse("published_proposals:list"),
    )


def insiders_only(view: View) -> View:
    """Signed-in users who may see drafts; partners are sent to what is published."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        verdict = permissions.can_view_drafts(request.user)
        if not verdict.allowed:
            return refuse(request, verdict)
        return view(request, *args, **kwargs)

    return wrapped


def run(form: Any, write: Callable[[], Any]) -> Any:
    """Call a service with a valid form; a domain error becomes an error on the form."""
    if not form.is_valid():
        return None
    return run_service(form, write, aliases=FIELD_ALIASES)


def run_form(
    request: HttpRequest,
    form: Any,
    write: Callable[[], Any],
    *,
    done: str | Callable[[Any], str],
    to: str | Callable[[Any], str],
) -> HttpResponse | None:
    """`ui.views.submit_form` for the proposal forms, whose fields the services name otherwise."""
    return ui_views.submit_form(request, form, write, done=done, to=to, aliases=FIELD_ALIASES)


def saved(request: HttpRequest, message: str, to: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(to)


def correctable(user: Any, routes: Any) -> set[int]:
    """The decisions this user may correct: each route's latest, if they could record it."""
    return {
        route.latest.pk
        for route in routes
        if route.latest is not None and permissions.can_correct_decision(user, route.latest)
    }
