"""The one call a write makes to tell people about an event.

Nothing is told until the write's transaction commits: a write that rolls back tells nobody.
Delivery then runs in the background worker (`remit manage db_worker`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from remit.notifications.models import Kind


def _id(recipient: Any) -> int | None:
    if recipient is None:
        return None
    if isinstance(recipient, int):
        return recipient
    return getattr(recipient, "pk", None)


def _enqueue(kind: str, event_key: str, recipient_ids: list[int], title: str, link: str) -> None:
    from remit.notifications.tasks import deliver_notifications

    deliver_notifications.enqueue(
        kind=kind, event_key=event_key, recipient_ids=recipient_ids, title=title, link=link
    )


def announce(kind: Kind, event_key: str, recipients: Iterable[Any], title: str, link: str) -> None:
    """Tell ``recipients`` (users or their ids) about one event, once the transaction commits.

    ``event_key`` names the event (``bid-submitted:42``): however often it is announced, each
    person is told about it once. ``link`` is the path of the page where the thing is.
    """
    ids = sorted({i for i in (_id(r) for r in recipients) if i is not None})
    if not ids:
        return
    args = (str(kind), event_key[:200], ids, title[:300], link[:500])
    transaction.on_commit(lambda: _enqueue(*args))
