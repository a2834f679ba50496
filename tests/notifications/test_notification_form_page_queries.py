"""The page for choosing how to hear about each kind of notification makes as many queries with
four times the choices saved and notifications received as with one of each, and shows them."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse
from django.utils import timezone

from remit.core.models import User
from remit.notifications.models import Delivery
from remit.notifications.models import Kind
from remit.notifications.models import Notification
from remit.notifications.models import NotificationPreference

MORE = 3
KINDS = list(Kind)


def _grow(user: User, numbers: range) -> None:
    """More kinds the person chose a way to hear about, and notifications they were sent."""
    for n in numbers:
        NotificationPreference.objects.create(user=user, kind=KINDS[n], delivery=Delivery.DIGEST)
        Notification.objects.create(
            recipient=user,
            kind=KINDS[n],
            event_key=f"event:{n}",
            title=f"Something happened {n}",
            link=f"/somewhere/{n}/",
            created=timezone.now(),
            delivery=Delivery.DIGEST,
        )


def test_the_notification_choices_make_no_more_queries_with_more_choices_saved(
    client: Any, officer: User, page_queries_stay_flat: Any
) -> None:
    _grow(officer, range(1))
    client.force_login(officer)

    html = page_queries_stay_flat(
        reverse("notifications:preferences"), lambda: _grow(officer, range(1, 1 + MORE))
    )

    assert "Choose which notifications you get" in html
    assert KINDS[MORE].label in html
    assert len(re.findall(r'value="digest"[^>]*\bchecked', html)) == 1 + MORE
