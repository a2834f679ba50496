"""Reads for a person's own notifications and preferences."""

from __future__ import annotations

from typing import Any

from remit.notifications.models import DEFAULT_DELIVERY
from remit.notifications.models import Kind
from remit.notifications.models import Notification
from remit.notifications.models import NotificationPreference
from remit.notifications.models import NotificationQuerySet


def notifications_for(user: Any) -> NotificationQuerySet:
    """The person's own notifications, newest first; nobody else's."""
    return Notification.objects.for_user(user).order_by("-created", "-pk")


def unread_count(user: Any) -> int:
    return Notification.objects.for_user(user).unread().count()


def latest_unread(user: Any, limit: int) -> list[Notification]:
    """The newest ``limit`` of the person's unread notifications, in one query."""
    return list(Notification.objects.for_user(user).unread().order_by("-created", "-pk")[:limit])


def notification_of(user: Any, pk: int) -> Notification | None:
    """One of the person's own notifications; another's is not found."""
    return Notification.objects.for_user(user).filter(pk=pk).first()


def preferences_for(user: Any) -> dict[str, str]:
    """How the person hears about each kind: what they chose, or straight away."""
    chosen = dict(
        NotificationPreference.objects.filter(user_id=user.pk).values_list("kind", "delivery")
    )
    return {kind: chosen.get(kind, DEFAULT_DELIVERY) for kind in Kind.values}
