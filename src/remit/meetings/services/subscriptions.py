"""E-mail subscriptions to a board's papers: double opt-in, and a note when papers are published.

Addresses are confirmed by a signed link before anything else is sent, and
every message carries a signed link to stop. Mail goes out only once the
publishing transaction has committed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.mail import get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from remit.core.errors import DomainError
from remit.core.models import Board
from remit.core.services.writes import save_attributed
from remit.meetings.models import Meeting
from remit.meetings.models import Paper
from remit.meetings.models import Subscription

CONFIRM_SALT = "remit.meetings.subscription.confirm"
STOP_SALT = "remit.meetings.subscription.stop"
CONFIRM_FOR = timedelta(days=7)


def site_url() -> str:
    return str(getattr(settings, "REMIT_SITE_URL", "http://127.0.0.1:8000")).rstrip("/")


def _link(name: str, token: str) -> str:
    return site_url() + reverse(name, args=[token])


def confirm_token(subscription: Subscription) -> str:
    return signing.dumps({"s": subscription.pk, "e": subscription.email}, salt=CONFIRM_SALT)


def stop_token(subscription: Subscription) -> str:
    return signing.dumps({"s": subscription.pk, "e": subscription.email}, salt=STOP_SALT)


def _send(subject: str, body: str, to: str) -> None:
    EmailMessage(subject=subject, body=body, to=[to]).send()


@transaction.atomic
def subscription_request(*, board: Board, email: str) -> Subscription:
    """Record the address unconfirmed and send it a link to confirm; nothing else until then."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise DomainError(
            "Enter an e-mail address such as name@example.org.", field="email"
        ) from exc
    subscription = Subscription.objects.filter(board=board, email=email).first()
    if subscription is None:
        subscription = save_attributed(
            Subscription(board=board, email=email), by=None, reason="Requested"
        )
    if subscription.confirmed_at is None:
        body = render_to_string(
            "meetings/email/confirm.txt",
            {
                "board": board,
                "confirm_url": _link(
                    "meetings_public:subscription_confirm", confirm_token(subscription)
                ),
                "days": CONFIRM_FOR.days,
            },
        )
        subject = f"Confirm your subscription to {board.name} papers"
        transaction.on_commit(lambda: _send(subject, body, email))
    return subscription


def _load(token: str, salt: str, max_age: timedelta | None) -> Subscription:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise DomainError(
            "This link has expired: subscribe again for a new one.", field="token"
        ) from exc
    except signing.BadSignature as exc:
        raise DomainError("This link is not valid.", field="token") from exc
    subscription = (
        Subscription.objects.select_related("board")
        .filter(pk=data.get("s"), email=data.get("e"))
        .first()
    )
    if subscription is None:
        raise DomainError("This subscription no longer exists.", field="token")
    return subscription


@transaction.atomic
def subscription_confirm(*, token: str) -> Subscription:
    subscription = _load(token, CONFIRM_SALT, CONFIRM_FOR)
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        save_attributed(subscription, by=None, reason="Confirmed")
    return subscription


@transaction.atomic
def subscription_cancel(*, token: str) -> Board:
    subscription = _load(token, STOP_SALT, None)
    board = subscription.board
    subscription.delete()
    return board


def _deliver(meeting_id: int, paper_ids: list[int]) -> None:
    meeting = Meeting.objects.select_related("board").get(pk=meeting_id)
    papers = list(Paper.objects.filter(pk__in=paper_ids).order_by("item__position"))
    subscribers = list(
        Subscription.objects.filter(board=meeting.board, confirmed_at__isnull=False).order_by("pk")
    )
    if not papers or not subscribers:
        return
    meeting_url = site_url() + reverse("meetings_public:meeting", args=[meeting.pk])
    subject = f"Papers published: {meeting}"
    messages = []
    for subscriber in subscribers:
        body = render_to_string(
            "meetings/email/papers_published.txt",
            {
                "meeting": meeting,
                "papers": [
                    (p, site_url() + reverse("meetings_public:paper", args=[p.pk])) for p in papers
                ],
                "meeting_url": meeting_url,
                "stop_url": _link("meetings_public:subscription_stop", stop_token(subscriber)),
            },
        )
        messages.append(EmailMessage(subject=subject, body=body, to=[subscriber.email]))
    get_connection().send_messages(messages)


def notify_papers_published(meeting: Meeting, papers: Sequence[Paper]) -> None:
    """Tell confirmed subscribers, once the publication has committed."""
    public = [p.pk for p in papers if p.status == Paper.Status.PUBLIC]
    if public:
        meeting_id = meeting.pk
        transaction.on_commit(lambda: _deliver(meeting_id, public))
