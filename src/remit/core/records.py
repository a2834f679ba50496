"""Recorded decisions: rows that are never edited or deleted.

Forum decisions, meeting decisions, approved minutes, determinations and
business-case approvals all share this rule; a correction is a new row that
supersedes the old one, and both stay visible.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from remit.core.errors import DomainError

NEVER_CHANGED = "A recorded decision is never changed: record a correction that supersedes it."
NEVER_DELETED = "A recorded decision is never deleted: record a correction instead."


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise DomainError(NEVER_CHANGED)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise DomainError(NEVER_DELETED)


class AppendOnly(models.Model):
    """Abstract base: `save()` only inserts, `delete()` always refuses."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise DomainError(NEVER_CHANGED)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise DomainError(NEVER_DELETED)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Admin for append-only records: they can be read, never added, changed or deleted there."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
