"""The pages: a person's own list with unread ones marked, opening one, marking all read, the
header's unread count, choosing how to hear; nobody reads anyone else's."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

import pytest
from django.utils import timezone

from remit.core.models import Role
from remit.core.models import User
from remit.notifications.models import Delivery
from remit.notifications.models import Kind
from remit.notifications.models import Notification
from remit.notifications.models import NotificationPreference


def note(user: User, n: int = 1, **fields: Any) -> Notification:
    values = {
        "kind": Kind.BID_SUBMITTED,
        "event_key": f"bid-submitted:{n}",
        "title": f"Bid to assess: project {n}",
        "link": f"/funds/bids/{n}/",
        "created": timezone.now(),
        "delivery": Delivery.IMMEDIATELY,
        **fields,
    }
    return Notification.objects.create(recipient=user, **values)


@pytest.fixture
def someone_else(make_user: Callable[..., User]) -> User:
    return make_user(Role.OFFICER)


def test_the_list_shows_my_notifications_with_the_unread_marked_and_nobody_elses(
    client: Any, officer: User, someone_else: User
) -> None:
    note(officer, 1)
    note(officer, 2, read_at=timezone.now())
    note(someone_else, 3, title="Not for you")
    client.force_login(officer)
    page = client.get("/notifications/").content.decode()
    assert "Bid to assess: project 1" in page
    assert "Bid to assess: project 2" in page
    assert "Not for you" not in page
    assert page.count(">Unread</strong>") == 1
    assert "You have 1 unread notification." in page
    assert "Mark all as read" in page


def test_the_header_shows_how_many_are_unread(client: Any, officer: User) -> None:
    note(officer, 1)
    note(officer, 2)
    client.force_login(officer)
    page = client.get("/notifications/").content.decode()
    assert 'Notifications (2<span class="govuk-visually-hidden"> unread</span>)' in page


def test_with_nothing_unread_the_header_shows_no_count(client: Any, officer: User) -> None:
    client.force_login(officer)
    page = client.get("/notifications/").content.decode()
    assert ">Notifications</a>" in page
    assert "You have no notifications yet." in page


def test_opening_my_notification_marks_it_read_and_goes_to_the_thing(
    client: Any, officer: User
) -> None:
    mine = note(officer, 7)
    client.force_login(officer)
    response = client.get(f"/notifications/{mine.pk}/")
    assert response.status_code == 302
    assert response["Location"] == "/funds/bids/7/"
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_nobody_can_open_or_read_another_persons_notification(
    client: Any, officer: User, someone_else: User
) -> None:
    theirs = note(someone_else, 7)
    client.force_login(officer)
    assert client.get(f"/notifications/{theirs.pk}/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_open_service_refuses_another_persons_notification(
    officer: User, someone_else: User
) -> None:
    from remit.core.errors import NotPermitted
    from remit.notifications.services import notification_open

    theirs = note(someone_else, 7)
    with pytest.raises(NotPermitted):
        notification_open(by=officer, notification=theirs)
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_as_read_marks_mine_only(client: Any, officer: User, someone_else: User) -> None:
    note(officer, 1)
    note(officer, 2)
    theirs = note(someone_else, 3)
    client.force_login(officer)
    response = client.post("/notifications/read/", follow=True)
    assert "2 notifications marked as read." in response.content.decode()
    assert not Notification.objects.filter(recipient=officer, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_as_read_needs_the_button_not_a_link(client: Any, officer: User) -> None:
    note(officer, 1)
    client.force_login(officer)
    assert client.get("/notifications/read/").status_code == 405
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


@pytest.mark.parametrize("path", ["/notifications/", "/notifications/preferences/"])
def test_signed_out_people_are_asked_to_sign_in(client: Any, db: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_preferences_page_asks_how_to_hear_about_each_kind(client: Any, officer: User) -> None:
    client.force_login(officer)
    page = client.get("/notifications/preferences/").content.decode()
    assert "Choose which notifications you get" in page
    for kind in Kind:
        assert escape(kind.label) in page
    assert page.count('type="radio"') == 3 * len(Kind)
    assert page.count("checked") == len(Kind)


def test_saving_preferences_keeps_my_choices(client: Any, officer: User) -> None:
    client.force_login(officer)
    data = dict.fromkeys(Kind.values, Delivery.IMMEDIATELY)
    data[Kind.BID_SUBMITTED] = Delivery.DIGEST
    data[Kind.PAPERS_LATE] = Delivery.OFF
    response = client.post("/notifications/preferences/", data, follow=True)
    assert "Your notification choices have been saved." in response.content.decode()
    assert dict(
        NotificationPreference.objects.filter(user=officer).values_list("kind", "delivery")
    ) == {Kind.BID_SUBMITTED: Delivery.DIGEST, Kind.PAPERS_LATE: Delivery.OFF}


def test_a_missing_choice_is_named_and_nothing_is_saved(client: Any, officer: User) -> None:
    client.force_login(officer)
    data = dict.fromkeys(Kind.values, Delivery.DIGEST)
    del data[Kind.RETURN_DUE]
    page = client.post("/notifications/preferences/", data).content.decode()
    assert "Choose how to hear when a monitoring return is due within 7 days." in page
    assert not NotificationPreference.objects.exists()


def test_the_list_page_stays_flat_in_queries_from_10_to_1000_notifications(
    client: Any, officer: User, page_queries_stay_flat: Any
) -> None:
    def add(start: int, stop: int) -> None:
        Notification.objects.bulk_create(
            Notification(
                recipient=officer,
                kind=Kind.BID_SUBMITTED,
                event_key=f"bid-submitted:{n}",
                title=f"Bid to assess: project {n}",
                link=f"/funds/bids/{n}/",
                created=timezone.now(),
                delivery=Delivery.IMMEDIATELY,
                read_at=timezone.now() if n % 2 else None,
            )
            for n in range(start, stop)
        )

    add(0, 10)
    client.force_login(officer)
    page = page_queries_stay_flat("/notifications/", lambda: add(10, 1000))
    assert "You have 500 unread notifications." in page
    assert 'aria-label="Pagination"' in page
