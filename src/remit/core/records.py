"""Recorded decisions: rows that are never edited or deleted.

Forum decisions, meeting decisions, approved minutes, determinations and
business-case approvals all share this rule; a correction is a new row that
supersedes the old one, and both stay visible.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

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


def supersedes_field() -> models.OneToOneField[Any, Any]:
    """The earlier record a correction replaces: each is replaced at most once, and kept."""
    return models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )


def correction_says_why(
    name: str, message: str = "Enter what the correction puts right."
) -> models.CheckConstraint:
    """A record that supersedes another says in its `correction_note` what it puts right."""
    return models.CheckConstraint(
        condition=Q(supersedes__isnull=True) | ~Q(correction_note=""),
        name=name,
        violation_error_message=message,
    )
