"""Background work for notifications: delivering an announced event after its write commits."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_notifications(
    kind: str, event_key: str, recipient_ids: list[int], title: str, link: str
) -> int:
    """Make the notifications of one event and send the e-mails due straight away."""
    from remit.notifications.services.delivery import deliver

    made = deliver(
        kind=kind, event_key=event_key, recipient_ids=recipient_ids, title=title, link=link
    )
    return len(made)
