"""What every indicator service shares: the permission check and the crime store's place."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from remit.core.errors import NotPermitted
from remit.core.permissions import Verdict


def require(verdict: Verdict) -> None:
    if not verdict.allowed:
        raise NotPermitted(verdict.reason)


def crime_store() -> Path:
    return Path(settings.CRIME_STORE)
