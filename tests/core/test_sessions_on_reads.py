"""Reading pages signed in does not write the session; a session left idle still ends."""

from __future__ import annotations

from datetime import UTC
from datetime import datetime
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from remit.core.middleware import SEEN_REFRESH_SECONDS
from remit.core.models import Region
from remit.core.models import User

START = datetime(2030, 6, 14, 8, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _quick_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class Clock:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = START
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def move(self, **by: float) -> None:
        self.now += timedelta(**by)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


@pytest.fixture
def signed_in(client: Any, officer: User, region: Region, clock: Clock) -> Any:
    response = client.post(
        reverse("login"),
        {"username": officer.username, "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    return client


def _session_writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if "django_session" in q["sql"]
        and q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


def _expiry() -> datetime:
    return Session.objects.get().expire_date


def test_a_signed_in_page_read_writes_nothing_to_the_session(signed_in: Any, clock: Clock) -> None:
    before = _expiry()
    for _ in range(3):
        clock.move(seconds=30)
        with CaptureQueriesContext(connection) as queries:
            response = signed_in.get(reverse("registry:home"))
        assert response.status_code == 200
        assert _session_writes(queries) == []
    assert _expiry() == before


def test_a_session_in_use_is_kept_alive_every_few_minutes(signed_in: Any, clock: Clock) -> None:
    clock.move(seconds=SEEN_REFRESH_SECONDS + 1)
    with CaptureQueriesContext(connection) as queries:
        assert signed_in.get(reverse("registry:home")).status_code == 200
    assert len(_session_writes(queries)) == 1
    assert _expiry() == clock.now + timedelta(seconds=django_settings.SESSION_COOKIE_AGE)


def test_a_session_left_idle_signs_the_person_out(signed_in: Any, clock: Clock) -> None:
    clock.move(seconds=django_settings.SESSION_COOKIE_AGE + 60)
    response = signed_in.get(reverse("registry:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_session_used_through_the_day_stays_signed_in(signed_in: Any, clock: Clock) -> None:
    """Idle time counts from the last use, not from signing in."""
    for _ in range(3):
        clock.move(seconds=django_settings.SESSION_COOKIE_AGE * 0.75)
        assert signed_in.get(reverse("registry:home")).status_code == 200
    clock.move(seconds=django_settings.SESSION_COOKIE_AGE + 60)
    assert signed_in.get(reverse("registry:home")).status_code == 302
