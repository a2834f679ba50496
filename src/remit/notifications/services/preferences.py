"""A person's choice, per kind of event, of how to hear about it: attributed and in history."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction

from remit.core.errors import DomainError
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services.writes import save_attributed
from remit.notifications import permissions
from remit.notifications.models import Delivery
from remit.notifications.models import Kind
from remit.notifications.models import NotificationPreference


@transaction.atomic
def preferences_save(*, by: User, choices: Mapping[str, str]) -> list[NotificationPreference]:
    """Save the person's own choices (kind → delivery); returns the ones that changed."""
    require(permissions.can_use_notifications(by))
    for kind, delivery in choices.items():
        if kind not in Kind.values:
            raise DomainError("That is not a kind of notification.", field=kind)
        if delivery not in Delivery.values:
            raise DomainError(f"Choose how to hear when {Kind(kind).label.lower()}.", field=kind)
    current = {p.kind: p for p in NotificationPreference.objects.filter(user=by)}
    changed = []
    for kind, delivery in choices.items():
        row = current.get(kind) or NotificationPreference(user=by, kind=kind)
        if row.pk is not None and row.delivery == delivery:
            continue
        if row.pk is None and delivery == row.delivery:
            continue
        row.delivery = delivery
        label = f"{Kind(kind).label}: {Delivery(delivery).label.lower()}"
        changed.append(save_attributed(row, by=by, reason=label))
    return changed
