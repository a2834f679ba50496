"""When the person last looked, and their unread notifications."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from remit.notifications import selectors as notifications
from remit.work.models import LastLooked

LATEST_NOTIFICATIONS = 3


def last_looked(user: Any) -> datetime | None:
    user_id = getattr(user, "pk", None)
    if user_id is None:
        return None  # nobody signed in has looked
    mark = LastLooked.objects.filter(user_id=user_id).first()
    return mark.at if mark else None


def unread_count(user: Any) -> int:
    return notifications.unread_count(user)


def latest_unread(user: Any) -> list[Any]:
    """The person's newest few unread notifications."""
    return notifications.latest_unread(user, LATEST_NOTIFICATIONS)
