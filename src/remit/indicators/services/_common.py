"""What every indicator service shares: the permission check and the crime store's place."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def crime_store() -> Path:
    return Path(settings.CRIME_STORE)
