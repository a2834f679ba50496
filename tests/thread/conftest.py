"""Fixtures for the golden thread: a mission seeded with every kind of record."""

from __future__ import annotations

from typing import Any

import pytest
from thread_support import Seeded
from thread_support import seed

from remit.core.models import Region
from remit.core.models import User


@pytest.fixture
def seeded(region: Region, officer: User, partner: User, db: Any) -> Seeded:
    return seed(region, officer, partner)
