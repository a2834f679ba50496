"""The scheduled checks (`remit notify due`): events no write causes, found by date.

Each app registers the checks for its own events when it starts (papers late for meetings,
monitoring returns due or overdue for funding), so notifications never reaches up into the apps
that use it. Each event is told once: running the checks again, the same day or later, tells
nobody anything new.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from remit.notifications.models import Kind
from remit.notifications.models import Notification
from remit.notifications.services.announce import announce


@dataclass(frozen=True)
class Found:
    """How many events of one kind a check announced, with the words to report it in."""

    key: str
    label: str
    count: int


Check = Callable[[date], Sequence[Found]]
_CHECKS: list[Check] = []


def scheduled_check(check: Check) -> None:
    """Run ``check`` with every `remit notify due`; called from an app's ``ready``."""
    if check not in _CHECKS:
        _CHECKS.append(check)


@dataclass(frozen=True)
class DueReport:
    found: tuple[Found, ...]

    def count(self, key: str) -> int:
        return sum(line.count for line in self.found if line.key == key)

    def lines(self) -> list[str]:
        return [f"{line.label}: {line.count}." for line in self.found]


def announce_new(kind: Kind, key: str, recipients: Sequence[Any], title: str, link: str) -> bool:
    """Announce unless everyone has already been told; True when someone is still to be."""
    told = set(
        Notification.objects.filter(kind=kind, event_key=key).values_list("recipient_id", flat=True)
    )
    waiting = [user for user in recipients if user.pk not in told]
    if not waiting:
        return False
    announce(kind, key, waiting, title, link)
    return True


def due_check(*, today: date | None = None) -> DueReport:
    """Run every registered check for ``today``; says how many events each announced."""
    today = today or timezone.localdate()
    return DueReport(tuple(line for check in _CHECKS for line in check(today)))
