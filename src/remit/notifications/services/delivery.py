"""Delivering an announced event: a notification in each person's list, and e-mail as they chose.

Each e-mail is claimed (its notification marked as e-mailed) before it is sent, so no event
is ever e-mailed to a person twice, even if the worker or the digest runs twice at once.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from itertools import groupby

from django.db import transaction
from django.utils import timezone

from remit.core.models import User
from remit.notifications import emails
from remit.notifications.models import DEFAULT_DELIVERY
from remit.notifications.models import Delivery
from remit.notifications.models import Notification
from remit.notifications.models import NotificationPreference

log = logging.getLogger(__name__)


def deliveries(user_ids: Sequence[int], kind: str) -> dict[int, str]:
    """How each of these people wants this kind: their choice, or straight away."""
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=user_ids, kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    return {user_id: chosen.get(user_id, DEFAULT_DELIVERY) for user_id in user_ids}


def _claim(notifications: Sequence[Notification], now: datetime) -> list[Notification]:
    """Mark these as e-mailed at ``now``; returns those this run claimed, leaving out any
    another run (with its own time) claimed first."""
    ids = [n.pk for n in notifications]
    Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(emailed_at=now)
    mine = set(Notification.objects.filter(pk__in=ids, emailed_at=now).values_list("pk", flat=True))
    return [n for n in notifications if n.pk in mine]


def _send(message: emails.EmailMultiAlternatives) -> None:
    try:
        message.send()
    except OSError:
        log.exception("Could not send a notification e-mail to %s", message.to)


def deliver(
    *,
    kind: str,
    event_key: str,
    recipient_ids: Sequence[int],
    title: str,
    link: str,
    now: datetime | None = None,
) -> list[Notification]:
    """Make each person's notification of one event (once ever) and e-mail those who want it
    straight away. Returns the notifications made by this call."""
    now = now or timezone.now()
    users = list(User.objects.filter(pk__in=recipient_ids, is_active=True).select_related("person"))
    wanted = deliveries([u.pk for u in users], kind)
    made = []
    for user in users:
        delivery = wanted[user.pk]
        if delivery == Delivery.OFF:
            continue
        with transaction.atomic():
            notification, created = Notification.objects.get_or_create(
                recipient=user,
                kind=kind,
                event_key=event_key,
                defaults={"title": title, "link": link, "created": now, "delivery": delivery},
            )
        if created:
            made.append(notification)
            if delivery == Delivery.IMMEDIATELY:
                _email_now(user, notification, now)
    return made


def _email_now(user: User, notification: Notification, now: datetime) -> None:
    address = emails.address_of(user)
    if address and _claim([notification], now):
        _send(emails.one(address, notification))


def digest_send(*, now: datetime | None = None) -> int:
    """One e-mail per person listing what they chose to hear about daily and have not yet been
    sent. Returns the number of e-mails sent; a second run sends nothing new."""
    now = now or timezone.now()
    waiting = (
        Notification.objects.awaiting_digest()
        .select_related("recipient__person")
        .order_by("recipient_id", "created", "pk")
    )
    sent = 0
    for _, rows in groupby(waiting, key=lambda n: n.recipient_id):
        batch = list(rows)
        address = emails.address_of(batch[0].recipient)
        claimed = _claim(batch, now) if address else []
        if claimed:
            _send(emails.digest(address, claimed))
            sent += 1
    return sent
