"""What every fund service shares: attributed saves, permission checks and locking."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone

from remit.core.errors import DomainError
from remit.core.services.registry import save_attributed as _save_attributed
from remit.funding.rules import RuleError

M = TypeVar("M", bound=models.Model)

REASON_LENGTH = 100


def save_attributed(instance: M, *, by: Any, reason: str) -> M:
    """Save with who and why; the reason is cut to what the history column holds."""
    if len(reason) > REASON_LENGTH:
        reason = reason[: REASON_LENGTH - 1] + "…"
    return _save_attributed(instance, by=by, reason=reason)


def rule_error(error: RuleError, field: str | None = None) -> DomainError:
    """The rule's error on a form field; where it was inside the field (a line) stays said."""
    if field and error.field and error.field != field:
        return DomainError(f"{error.field.capitalize()}: {error.message}", field=field)
    return DomainError(error.message, field=field or error.field or None)


def apply(instance: models.Model, data: Mapping[str, Any], names: tuple[str, ...]) -> list[str]:
    """Set the named fields that are in ``data`` and differ; return the names changed."""
    changed = []
    for name in names:
        if name in data and getattr(instance, name) != data[name]:
            setattr(instance, name, data[name])
            changed.append(name)
    return changed


def when(moment: datetime) -> str:
    """A moment as people read it in the site's time zone: 17:00 on 23 February 2018."""
    local = timezone.localtime(moment)
    return f"{local:%H:%M} on {local.day} {local:%B %Y}"


def edited(changed: list[str]) -> str:
    return "Edited: " + ", ".join(name.replace("_", " ") for name in sorted(changed))


def delete_attributed(instance: models.Model, *, by: Any, reason: str) -> None:
    """Delete a row, recording who removed it and why in its history."""
    instance._history_user = by  # type: ignore[attr-defined]
    instance._change_reason = reason[:REASON_LENGTH]  # type: ignore[attr-defined]
    instance.delete()
