"""Who may read notifications: each person their own, and nobody anyone else's."""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from remit.core.permissions import ALLOW
from remit.core.permissions import SIGN_IN
from remit.core.permissions import Verdict
from remit.core.permissions import signed_in

if TYPE_CHECKING:
    from remit.notifications.models import Notification

NOT_FOUND = Verdict(False, "There is no such notification.")


def can_use_notifications(user: Any) -> Verdict:
    return ALLOW if signed_in(user) else SIGN_IN


def can_open_notification(user: Any, notification: Notification) -> Verdict:
    """Only its recipient; to anyone else it does not exist."""
    if not signed_in(user):
        return SIGN_IN
    return ALLOW if notification.recipient_id == user.pk else NOT_FOUND
