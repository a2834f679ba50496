"""Fixtures for the public pages: a fixed clock and a maker of records of every kind."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from django.utils import timezone
from portal_support import NOW
from portal_support import Records

from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User


@pytest.fixture(autouse=True)
def _quick_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> datetime:
    """The site's clock stands at midday on 14 June 2030."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW


@pytest.fixture
def records(region: Region, make_user: Callable[..., User], clock: datetime) -> Records:
    return Records(region, make_user(Role.OFFICER))
