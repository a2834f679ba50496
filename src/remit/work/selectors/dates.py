"""How the page writes dates, and how far back it looks for what is recent."""

from __future__ import annotations

from datetime import date
from datetime import datetime

from django.utils import timezone

RECENT_DAYS = 30
"""How far back recent determinations, refused imports and new decisions reach."""


def long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def local_day(moment: datetime) -> date:
    return timezone.localdate(moment)
