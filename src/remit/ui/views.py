"""What the views of every part share: the active region, the refusal page, the form page, and
a service call whose refusal lands on the form field it names or on the refusal page."""

from __future__ import annotations

import logging
from collections.abc import Callable
from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.db import IntegrityError
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse

from remit.core import selectors
from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import Region
from remit.core.models import Role
from remit.core.permissions import Verdict
from remit.core.permissions import role_of
from remit.core.services.writes import StaleEdit
from remit.ui.constraints import refused_save_message

log = logging.getLogger(__name__)

FORM_PAGE = "ui/form_page.html"


def region_or_404() -> Region:
    region = selectors.active_region()
    if region is None:
        raise Http404("No region has been loaded yet: run `remit region load FILE`.")
    return region


# Where each role is pointed when it is refused: the part of Remit it works in.
ONWARD_BY_ROLE: dict[str | None, tuple[str, str]] = {
    None: ("Go to the public site", "portal:public_home"),
    Role.PARTNER: ("See your organisation's bids and grants", "funding:home"),
    Role.BOARD_MEMBER: ("See your boards' meetings", "meetings:home"),
    Role.DECISION_MAKER: ("See your work", "portal:home"),
    Role.ANALYST: ("See the indicators", "indicators:home"),
    Role.OFFICER: ("Go to the registry", "registry:home"),
    Role.ADMIN: ("Go to the registry", "registry:home"),
}


def onward_for(user: Any) -> tuple[str, str]:
    """The useful way on from a refusal for this person: words and address."""
    words, name = ONWARD_BY_ROLE.get(role_of(user), ONWARD_BY_ROLE[None])
    return words, reverse(name)


def refuse(
    request: HttpRequest,
    verdict: Verdict,
    *,
    onward: str = "",
    onward_url: str = "",
) -> HttpResponse:
    """A 403 page that says why, in the words of the permission rule, and where to go
    instead: the way given, or else the part of Remit the person's role works in."""
    if not (onward and onward_url):
        onward, onward_url = onward_for(request.user)
    context = {"reason": verdict.reason, "onward": onward, "onward_url": onward_url}
    return render(request, "ui/refused.html", context, status=403)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's 403 (a PermissionDenied from anywhere): the refusal page, with the way on."""
    onward, onward_url = onward_for(request.user)
    context = {"onward": onward, "onward_url": onward_url}
    return render(request, "403.html", context, status=403)


def run_service(
    form: Any, write: Callable[[], Any], *, aliases: Mapping[str, str] | None = None
) -> Any:
    """Call a service; None when it refused, with its message added to `form`.

    A refusal naming a field the form has lands on that field (`aliases` maps a service's
    field name to the form's); any other lands at the top of the form. A save the database
    refuses is said in the words of the rule it broke, never the database's own.
    """
    try:
        return write()
    except IntegrityError as exc:
        log.warning("The database refused a save: %s", exc)
        form.add_error(None, refused_save_message(exc))
    except NotPermitted as exc:
        form.add_error(None, exc.message)
    except StaleEdit as exc:
        form.stale(exc)
    except DomainError as exc:
        name = (aliases or {}).get(exc.field or "", exc.field)
        form.add_error(name if name in form.fields else None, exc.message)
    return None


def submit_form(
    request: HttpRequest,
    form: Any,
    write: Callable[[], Any],
    *,
    done: str | Callable[[Any], str],
    to: str | Callable[[Any], str],
    aliases: Mapping[str, str] | None = None,
) -> HttpResponse | None:
    """Call a form's service once the form is posted and valid: on success, `done` is said on
    the page at `to` (either may be made from what the service returned). None while the form
    is to be shown, again with the refusal on it where the service refused."""
    if request.method != "POST" or not form.is_valid():
        return None
    result = run_service(form, write, aliases=aliases)
    if result is None:
        return None
    messages.success(request, done(result) if callable(done) else done)
    return redirect(to(result) if callable(to) else to)


def run_action(
    request: HttpRequest, write: Callable[[], Any], done: str | Callable[[Any], str] = ""
) -> HttpResponse | None:
    """Call a one-button service: a permission refusal gives the refusal page (returned); any
    other refusal, or `done` on success, is a message on the next page."""
    try:
        result = write()
    except IntegrityError as exc:
        log.warning("The database refused a save: %s", exc)
        messages.error(request, refused_save_message(exc))
        return None
    except NotPermitted as exc:
        return refuse(request, Verdict(False, exc.message))
    except DomainError as exc:
        messages.error(request, exc.message)
        return None
    if done:
        messages.success(request, done(result) if callable(done) else done)
    return None


def history_page(request: HttpRequest, obj: Any, *, back: str) -> HttpResponse:
    """The one page a record's history is shown on: who changed what, newest first."""
    context = {"obj": obj, "back": back, "entries": selectors.history_for(obj)}
    return render(request, "ui/history_page.html", context)


def form_page(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    back: str,
    button: str,
    caption: object = "",
    intro: str = "",
    template: str = FORM_PAGE,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    """The one page a form is shown on: caption, heading, intro, the form and its button."""
    context = {
        "form": form,
        "title": title,
        "back": back,
        "button": button,
        "caption": caption,
        "intro": intro,
        **extra,
    }
    return render(request, template, context, status=status)
