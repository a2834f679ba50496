"""Fixtures for "Your work": people in each role on the test region's partnership."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def commissioner(make_user: Callable[..., User], region: Region) -> User:
    """The fund's decision maker, who also chairs the partnership."""
    return make_user(Role.DECISION_MAKER, person=region.people.get(slug="commissioner"))


@pytest.fixture
def member(make_user: Callable[..., User], region: Region) -> User:
    return make_user(Role.BOARD_MEMBER, person=region.people.get(slug="northton-rep"))


@pytest.fixture
def analyst(make_user: Callable[..., User], region: Region) -> User:
    return make_user(Role.ANALYST)


@pytest.fixture
def admin(make_user: Callable[..., User], region: Region) -> User:
    return make_user(Role.ADMIN)


@pytest.fixture
def board(region: Region) -> Any:
    return region.boards.get(slug="csp")
