"""The link to a person's notifications, with the unread count, in every signed-in page's
header."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from remit.notifications.selectors import unread_count


def unread(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "notifications_url": reverse("notifications:list"),
        "notifications_unread": SimpleLazyObject(lambda: unread_count(user)),
    }
