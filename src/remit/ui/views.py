"""What the views of every part share: the active region, the refusal page, and a service
call whose domain error lands on the form field it names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from remit.core import selectors
from remit.core.errors import DomainError, NotPermitted
from remit.core.models import Region
from remit.core.permissions import Verdict
from remit.core.services.writes import StaleEdit


def region_or_404() -> Region:
    region = selectors.active_region()
    if region is None:
        raise Http404("No region has been loaded yet: run `remit region load FILE`.")
    return region


def refuse(request: HttpRequest, verdict: Verdict) -> HttpResponse:
    """A 403 page that says why, in the words of the permission rule."""
    return render(request, "core/refused.html", {"reason": verdict.reason}, status=403)


def run_service(form: Any, write: Callable[[], Any]) -> Any:
    """Call a service; None when it refused, with its message added to `form`."""
    try:
        return write()
    except NotPermitted as exc:
        form.add_error(None, exc.message)
    except StaleEdit as exc:
        form.stale(exc)
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return None
