"""A person's own list: opening a notification marks it read; or mark them all read at once."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from remit.core.models import User
from remit.core.permissions import require
from remit.notifications import permissions
from remit.notifications.models import Notification


@transaction.atomic
def notification_open(*, by: User, notification: Notification, now: datetime | None = None) -> str:
    """Mark one of the person's own notifications read; returns where it leads."""
    require(permissions.can_open_notification(by, notification))
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=now or timezone.now()
        )
    return notification.link


@transaction.atomic
def notifications_mark_all_read(*, by: User, now: datetime | None = None) -> int:
    """Mark every unread notification of the person's own read; returns how many."""
    require(permissions.can_use_notifications(by))
    return Notification.objects.for_user(by).unread().update(read_at=now or timezone.now())
