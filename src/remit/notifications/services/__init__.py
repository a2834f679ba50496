"""Every write of notifications: announcing an event, delivering it, the digest, the scheduled
checks, a person's preferences and marking what they have read."""

from remit.notifications.models import Kind
from remit.notifications.services.announce import announce
from remit.notifications.services.delivery import deliver
from remit.notifications.services.delivery import digest_send
from remit.notifications.services.inbox import notification_open
from remit.notifications.services.inbox import notifications_mark_all_read
from remit.notifications.services.preferences import preferences_save
from remit.notifications.services.scheduled import announce_new
from remit.notifications.services.scheduled import due_check
from remit.notifications.services.scheduled import scheduled_check

__all__ = [
    "Kind",
    "announce",
    "announce_new",
    "deliver",
    "digest_send",
    "due_check",
    "notification_open",
    "notifications_mark_all_read",
    "preferences_save",
    "scheduled_check",
]
