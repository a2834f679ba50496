"""Announcing an event: told after the write commits, never on a rollback, never twice, and as
each person chose (straight away, in the daily summary, or not at all)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from notifications_support import told

from remit.core.errors import DomainError
from remit.core.models import User
from remit.funding import services as funding
from remit.funding.models import Bid
from remit.notifications import services
from remit.notifications.models import Delivery
from remit.notifications.models import Kind
from remit.notifications.models import Notification
from remit.notifications.models import NotificationPreference


def test_nothing_is_told_until_the_write_commits(
    draft_bid: Bid,
    partner: User,
    officer: User,
    django_capture_on_commit_callbacks: Any,
    mailoutbox: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        funding.bid_submit(by=partner, bid=draft_bid)
    assert Notification.objects.count() == 0
    assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert told(Kind.BID_SUBMITTED) == {officer.username}
    assert len(mailoutbox) == 1


def test_a_write_that_rolls_back_tells_nobody(
    draft_bid: Bid, partner: User, officer: User, committed: Callable[[], Any], mailoutbox: Any
) -> None:
    def submit_then_fail() -> None:
        with transaction.atomic():
            funding.bid_submit(by=partner, bid=draft_bid)
            raise DomainError("Something after the submission failed.")

    with committed(), pytest.raises(DomainError):
        submit_then_fail()
    assert Notification.objects.count() == 0
    assert mailoutbox == []
    assert Bid.all_objects.get(pk=draft_bid.pk).status == "draft"


def test_one_event_is_told_to_a_person_once_however_often_it_is_announced(
    officer: User, committed: Callable[[], Any], mailoutbox: Any
) -> None:
    for _ in range(2):
        with committed():
            services.announce(Kind.BID_SUBMITTED, "bid-submitted:7", [officer], "Bid", "/funds/")
    assert Notification.objects.filter(recipient=officer).count() == 1
    assert len(mailoutbox) == 1


def test_the_database_refuses_a_second_notification_of_one_event(officer: User) -> None:
    from django.db import IntegrityError
    from django.utils import timezone

    fields = {
        "recipient": officer,
        "kind": Kind.BID_SUBMITTED,
        "event_key": "bid-submitted:7",
        "title": "Bid",
        "link": "/funds/",
        "created": timezone.now(),
        "delivery": Delivery.IMMEDIATELY,
    }
    Notification.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(**fields)


def test_a_second_submission_of_the_same_bid_event_tells_nobody_again(
    submitted_bid: Bid, officer: User, committed: Callable[[], Any], mailoutbox: Any
) -> None:
    """The trigger's event run twice (as a worker retrying would): still one each."""
    before = len(mailoutbox)
    with committed():
        services.announce(
            Kind.BID_SUBMITTED,
            f"bid-submitted:{submitted_bid.pk}",
            [officer],
            "Bid to assess",
            f"/funds/bids/{submitted_bid.pk}/",
        )
    assert Notification.objects.filter(kind=Kind.BID_SUBMITTED).count() == 1
    assert len(mailoutbox) == before


@pytest.mark.parametrize(
    ("choice", "listed", "emailed"),
    [
        (Delivery.IMMEDIATELY, True, True),
        (Delivery.DIGEST, True, False),
        (Delivery.OFF, False, False),
    ],
)
def test_each_person_is_told_as_they_chose(
    officer: User,
    committed: Callable[[], Any],
    mailoutbox: Any,
    choice: str,
    listed: bool,
    emailed: bool,
) -> None:
    services.preferences_save(by=officer, choices={Kind.BID_SUBMITTED: choice})
    with committed():
        services.announce(Kind.BID_SUBMITTED, "bid-submitted:1", [officer], "Bid", "/funds/")
    assert Notification.objects.filter(recipient=officer).exists() is listed
    assert (len(mailoutbox) == 1) is emailed


def test_a_choice_for_one_kind_leaves_the_others_straight_away(
    officer: User, committed: Callable[[], Any], mailoutbox: Any
) -> None:
    services.preferences_save(by=officer, choices={Kind.BID_SUBMITTED: Delivery.OFF})
    with committed():
        services.announce(Kind.MODERATION_OPENED, "moderation:1", [officer], "Open", "/funds/")
    assert told(Kind.MODERATION_OPENED) == {officer.username}
    assert len(mailoutbox) == 1


def test_a_person_without_an_e_mail_address_is_told_in_remit_only(
    make_user: Callable[..., User], committed: Callable[[], Any], mailoutbox: Any
) -> None:
    nobody = make_user()
    with committed():
        services.announce(Kind.MODERATION_OPENED, "moderation:1", [nobody], "Open", "/funds/")
    assert told(Kind.MODERATION_OPENED) == {nobody.username}
    assert mailoutbox == []


def test_a_deactivated_account_is_told_nothing(
    officer: User, committed: Callable[[], Any], mailoutbox: Any
) -> None:
    officer.is_active = False
    officer.save()
    with committed():
        services.announce(Kind.MODERATION_OPENED, "moderation:1", [officer], "Open", "/funds/")
    assert Notification.objects.count() == 0


def test_preferences_are_attributed_and_kept_in_history(officer: User) -> None:
    services.preferences_save(by=officer, choices={Kind.RETURN_DUE: Delivery.DIGEST})
    services.preferences_save(by=officer, choices={Kind.RETURN_DUE: Delivery.OFF})
    row = NotificationPreference.objects.get(user=officer, kind=Kind.RETURN_DUE)
    assert row.delivery == Delivery.OFF
    history = list(row.history.order_by("history_id"))
    assert [h.delivery for h in history] == [Delivery.DIGEST, Delivery.OFF]
    assert {h.history_user_id for h in history} == {officer.pk}
    assert history[-1].history_change_reason == (
        "A monitoring return is due within 7 days: do not tell me"
    )


def test_choosing_what_is_already_in_force_writes_nothing(officer: User) -> None:
    assert (
        services.preferences_save(by=officer, choices={Kind.RETURN_DUE: Delivery.IMMEDIATELY}) == []
    )
    assert not NotificationPreference.objects.exists()


def test_a_delivery_that_is_not_one_of_the_choices_is_refused_naming_the_kind(
    officer: User,
) -> None:
    with pytest.raises(DomainError) as caught:
        services.preferences_save(by=officer, choices={Kind.RETURN_DUE: "hourly"})
    assert caught.value.field == Kind.RETURN_DUE
    assert not NotificationPreference.objects.exists()


def test_the_delivery_task_run_twice_for_one_event_tells_each_person_once(
    officer: User, partner: User, mailoutbox: Any
) -> None:
    from remit.notifications.tasks import deliver_notifications

    args = {
        "kind": Kind.DETERMINATION_MADE,
        "event_key": "determination:3",
        "recipient_ids": [officer.pk, partner.pk],
        "title": "Decision on Safer routes home: fund in full",
        "link": "/funds/bids/3/",
    }
    assert deliver_notifications.call(**args) == 2
    assert deliver_notifications.call(**args) == 0
    assert Notification.objects.count() == 2
    assert sorted(m.to[0] for m in mailoutbox) == [
        "bids@safe-streets.example.org",
        "fo@example.org",
    ]
