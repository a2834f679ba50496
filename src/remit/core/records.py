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

from remit.core.errors import ImmutableRecord


class AppendOnlyQuerySet(models.QuerySet[Any]):
    """Bulk changes are refused too: the record is only ever added to."""

    def update(self, **kwargs: Any) -> int:
        raise ImmutableRecord(f"{self.model._meta.verbose_name} records cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableRecord(f"{self.model._meta.verbose_name} records cannot be deleted.")


class AppendOnly(models.Model):
    """Abstract base: `save()` only inserts, `delete()` always refuses."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableRecord(
                f"A recorded {self._meta.verbose_name} is never changed: record a correction "
                "that supersedes it."
            )
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableRecord(
            f"A recorded {self._meta.verbose_name} is never deleted: record a correction instead."
        )


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Admin for append-only records: they can be read, never added, changed or deleted there."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
