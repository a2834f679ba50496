"""The e-mails notifications send: a plain-text part and an HTML part, each with the link."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from remit.notifications.models import Notification

__all__ = ["EmailMultiAlternatives", "address_of", "digest", "one", "site_url"]


def site_url() -> str:
    return str(getattr(settings, "REMIT_SITE_URL", "http://127.0.0.1:8000")).rstrip("/")


def address_of(user: Any) -> str:
    """Where to e-mail a person: their account's address, or their registry entry's."""
    if user.email:
        return str(user.email)
    person = user.person if user.person_id else None
    return str(person.email) if person is not None and person.email else ""


def _message(
    subject: str, template: str, context: dict[str, Any], to: str
) -> EmailMultiAlternatives:
    context = {
        **context,
        "site_url": site_url(),
        "preferences_url": site_url() + reverse("notifications:preferences"),
        "list_url": site_url() + reverse("notifications:list"),
    }
    text = render_to_string(f"notifications/email/{template}.txt", context)
    html = render_to_string(f"notifications/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    return message


def _item(notification: Notification) -> dict[str, Any]:
    return {"notification": notification, "url": site_url() + notification.link}


def one(address: str, notification: Notification) -> EmailMultiAlternatives:
    subject = " ".join(notification.title.split())  # a header is one line
    return _message(subject, "one", {"item": _item(notification)}, address)


def digest(address: str, notifications: Sequence[Notification]) -> EmailMultiAlternatives:
    count = len(notifications)
    subject = f"Your daily summary from Remit: {count} notification{'' if count == 1 else 's'}"
    items = [_item(n) for n in notifications]
    return _message(subject, "digest", {"items": items, "count": count}, address)
