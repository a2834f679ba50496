"""Public pages kept, for visitors who are not signed in, until what they show changes.

A page is kept under a key made of its address, the active region, today's date and a
version of the records it reads: one query reads the newest row of every table of the apps
the page draws on, history tables included (every save and delete through the models writes
a history row). Publishing, withdrawing or changing anything those apps hold changes the
version, so the next visitor gets the page afresh; what moves with the clock alone (a round
opening at noon) or is changed in bulk without history shows within ``KEEP_SECONDS``.

Only requests with no session and no messages are served from, or stored in, the cache:
a signed-in person never sees a kept page, and a page that set a cookie (a form bound to
a CSRF token), carried messages or did not answer 200 is never kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from collections.abc import Iterable
from functools import cache as memoise
from functools import wraps
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db import models
from django.http import HttpRequest
from django.http import HttpResponse
from django.utils import timezone

from remit.core.selectors import active_region

KEEP_SECONDS = 60
SAFE = frozenset({"GET", "HEAD"})

View = Callable[..., HttpResponse]


def _tracked_column(model: type[models.Model]) -> str | None:
    """The column whose maximum moves when a row is added to the table."""
    meta = model._meta
    if meta.abstract or meta.proxy or not meta.managed or meta.swapped:
        return None
    return meta.pk.column


@memoise
def _version_sql(app_labels: tuple[str, ...]) -> str:
    quote = connection.ops.quote_name
    parts = []
    for label in app_labels:
        for model in apps.get_app_config(label).get_models():
            column = _tracked_column(model)
            if column is not None:
                table = quote(model._meta.db_table)
                # Names from the model registry, quoted: no request text reaches this SQL.
                parts.append(f"(SELECT MAX({quote(column)}) FROM {table})")  # noqa: S608
    return "SELECT " + ", ".join(parts or ["0"])


def content_version(app_labels: Iterable[str]) -> str:
    """A short digest that changes whenever a record of these apps is saved or deleted."""
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(tuple(sorted(app_labels))))
        row = cursor.fetchone()
    return hashlib.blake2b(repr(row).encode(), digest_size=12).hexdigest()


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        getattr(settings, "REMIT_PUBLIC_PAGE_CACHE", True)
        and request.method in SAFE
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    storage = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(storage, "_queued_messages", None)
        and not getattr(getattr(request, "session", None), "modified", False)
    )


def _key(request: HttpRequest, app_labels: tuple[str, ...]) -> str:
    region = active_region()
    where = (
        f"{region.pk}:{region.slug}:{region.loaded_at and region.loaded_at.isoformat()}"
        if region
        else "-"
    )
    path = hashlib.blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()
    return (
        f"remit:page:{request.method}:{path}:{where}:{timezone.localdate().isoformat()}:"
        f"{content_version(app_labels)}"
    )


def public_page(*app_labels: str) -> Callable[[View], View]:
    """Keep the view's page for visitors who are not signed in; `app_labels` name the apps
    whose records it shows."""
    labels = tuple(sorted(app_labels))

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _cacheable_request(request):
                return view(request, *args, **kwargs)
            key = _key(request, labels)
            kept = cache.get(key)
            if kept is not None:
                content, headers = kept
                response = HttpResponse(content)
                for name, value in headers:
                    response.headers[name] = value
                return response
            response = view(request, *args, **kwargs)
            if _cacheable_response(request, response):
                cache.set(key, (response.content, list(response.headers.items())), KEEP_SECONDS)
            return response

        return wrapped

    return decorate
