"""The request path: response headers that depend on who is signed in, the active region
looked up once per request, and sessions written only when there is something to keep."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.utils import timezone

from remit.core import selectors

# When a signed-in person was last seen, in whole seconds since the epoch. The session's
# expiry (SESSION_COOKIE_AGE after it was last written) moves on only when this is
# rewritten, at most once every SEEN_REFRESH_SECONDS: reading pages does not write the
# session each time, and a session left idle still ends about SESSION_COOKIE_AGE later.
SEEN_KEY = "remit_seen"
SEEN_REFRESH_SECONDS = 5 * 60

READING = frozenset({"GET", "HEAD", "OPTIONS"})


class PrivatePagesMiddleware:
    """Signed-in pages hold names, drafts and scores: no shared cache or browser disk keeps them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers["Cache-Control"] = "private, no-store"
        return response


class RegionMemoMiddleware:
    """A reading request looks the active region up once, however many templates ask."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in READING:
            return self.get_response(request)
        token = selectors.remember_active_region()
        try:
            return self.get_response(request)
        finally:
            selectors.stop_remembering_active_region(token)


def mark_seen(session: Any) -> None:
    session[SEEN_KEY] = int(timezone.now().timestamp())


class SessionActivityMiddleware:
    """Keeps a signed-in session alive while it is used, writing it at most every few
    minutes rather than on every page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            seen = request.session.get(SEEN_KEY)
            now = int(timezone.now().timestamp())
            if not isinstance(seen, int) or not 0 <= now - seen < SEEN_REFRESH_SECONDS:
                mark_seen(request.session)
        return self.get_response(request)
