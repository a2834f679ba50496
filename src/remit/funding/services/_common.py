"""What every fund service shares: rule errors on form fields, moments and edit reasons."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from remit.core.errors import DomainError
from remit.funding.rules import RuleError


def rule_error(error: RuleError, field: str | None = None) -> DomainError:
    """The rule's error on a form field; where it was inside the field (a line) stays said."""
    if field and error.field and error.field != field:
        return DomainError(f"{error.field.capitalize()}: {error.message}", field=field)
    return DomainError(error.message, field=field or error.field or None)


def when(moment: datetime) -> str:
    """A moment as people read it in the site's time zone: 17:00 on 23 February 2018."""
    local = timezone.localtime(moment)
    return f"{local:%H:%M} on {local.day} {local:%B %Y}"


def edited(changed: list[str]) -> str:
    return "Edited: " + ", ".join(name.replace("_", " ") for name in sorted(changed))
