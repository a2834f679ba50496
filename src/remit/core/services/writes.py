"""Writes with history, done one way by every app.

Every change records who made it and why; an edit changes only the fields that differ; a
record being changed is re-read under a row lock so two writers take turns; and an edit made
from a copy read earlier is refused when someone else has changed the record since, naming
what they changed, so the second save never silently wipes the first.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from typing import TypeVar

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError
from django.db import models

from remit.core.errors import DomainError
from remit.core.models import User
from remit.core.permissions import Verdict
from remit.core.permissions import require

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Change:
    """One field someone else changed: its label, what it was and what it is now."""

    label: str
    old: str
    new: str


class StaleEdit(DomainError):
    """The record changed after the editor read it; saving would wipe someone else's change."""

    def __init__(self, what: str, changes: list[Change], version: int) -> None:
        """``what`` names the record as a sentence does: "this organisation", "these minutes"."""
        self.changes = changes
        self.version = version
        said = "; ".join(f"{c.label}: {c.old} → {c.new}" for c in changes)
        message = (
            f"Someone else changed {what} while you were editing it. "
            "Your changes have not been saved. "
            + (f"What they changed: {said}. " if said else "")
            + "Check your changes against theirs, then save again to keep yours."
        )
        super().__init__(message)


def save_attributed(instance: M, *, by: User | None, reason: str) -> M:
    """Validate and save, recording who made the change and why in the object's history."""
    try:
        instance.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(" ".join(messages), field=None if field == "__all__" else field) from exc
    attribute(instance, by=by, reason=reason)
    instance.save()
    return instance


def delete_attributed(instance: models.Model, *, by: User | None, reason: str) -> None:
    """Delete a row, recording who removed it and why in its history."""
    attribute(instance, by=by, reason=reason)
    instance.delete()


def attribute(instance: models.Model, *, by: User | None, reason: str) -> None:
    """Name who and why for the history row the next save or delete writes."""
    instance._history_user = by  # type: ignore[attr-defined]
    instance._change_reason = reason  # type: ignore[attr-defined]


def apply_changes(
    instance: models.Model, data: Mapping[str, Any], fields: Iterable[str] | None = None
) -> list[str]:
    """Set the fields (all of ``data`` when none are named) present in ``data`` that differ.

    Returns the names changed, in the order given.
    """
    changed = []
    for name in data if fields is None else fields:
        if name in data and getattr(instance, name) != data[name]:
            setattr(instance, name, data[name])
            changed.append(name)
    return changed


def apply_many(instance: models.Model, name: str, items: Iterable[models.Model] | None) -> bool:
    """Set a many-to-many field to ``items`` when it differs (None leaves it alone).

    Such fields are stored apart from the row, so ``apply_changes`` cannot set them.
    """
    if items is None:
        return False
    wanted = {item.pk for item in items}
    related = getattr(instance, name)
    if wanted == set(related.values_list("pk", flat=True)):
        return False
    related.set(wanted)
    return True


def locked(instance: M, *, related: tuple[str, ...] = ()) -> M:
    """The stored row, re-read under a row lock so two writers take turns.

    A bound ModelForm has already written its input onto ``instance``, so the copy in hand is
    never trusted. Read through the base manager, so rows a default manager hides (withdrawn,
    unpublished) are found; ``related`` rows come along without being locked. Call inside the
    write's transaction.
    """
    rows = type(instance)._base_manager.select_for_update(of=("self",) if related else ())
    fresh: M = rows.select_related(*related).get(pk=instance.pk)
    return fresh


def locked_to_edit(
    instance: M,
    version: int | None,
    may: Verdict | Callable[[M], Verdict],
    *,
    related: tuple[str, ...] = (),
) -> M:
    """The opening every edit shares, in the order it must run: lock the stored row, refuse
    whoever may not edit it (``may`` is asked of the fresh row), then refuse an edit made
    from a copy someone has changed since (``version``, as in ``check_version``)."""
    fresh = locked(instance, related=related)
    require(may(fresh) if callable(may) else may)
    check_version(fresh, version)
    return fresh


def version_of(instance: models.Model) -> int:
    """The version a reader saw: the id of the record's latest history row (0 when none)."""
    history = getattr(type(instance), "history", None)
    if history is None or instance.pk is None:
        return 0
    latest = (
        history.model._default_manager.filter(**{instance._meta.pk.attname: instance.pk})
        .order_by("-history_id")
        .values_list("history_id", flat=True)
        .first()
    )
    return int(latest or 0)


def check_version(instance: models.Model, version: int | None) -> None:
    """Refuse when the record's history has moved on from ``version`` (None: not asked).

    Call after the permission check, on the row ``locked`` returned, so a refusal names
    changes only to someone who may make them.
    """
    if version is None:
        return
    current = version_of(instance)
    if current == version:
        return
    raise StaleEdit(_named(instance), changes_since(instance, version), current)


def _named(instance: models.Model) -> str:
    one, many = str(instance._meta.verbose_name), str(instance._meta.verbose_name_plural)
    return f"these {many}" if one == many else f"this {one}"


def changes_since(instance: models.Model, version: int) -> list[Change]:
    """What changed between the history row ``version`` and the record's latest row."""
    manager = type(instance).history.model._default_manager  # type: ignore[attr-defined]
    rows = manager.filter(**{instance._meta.pk.attname: instance.pk})
    before = rows.filter(history_id=version).first()
    after = rows.order_by("-history_id").first()
    if before is None or after is None:
        return []
    delta = after.diff_against(before)
    return [
        Change(
            _label(instance, c.field),
            _shown(instance, c.field, c.old),
            _shown(instance, c.field, c.new),
        )
        for c in delta.changes
    ]


def _label(instance: models.Model, name: str) -> str:
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return name.replace("_", " ").capitalize()
    return str(getattr(field, "verbose_name", name)).capitalize()


def _shown(instance: models.Model, name: str, value: Any) -> str:
    """A value as the page shows it: a choice's label, a related record's name, or a blank."""
    if value in (None, ""):
        return "(blank)"
    try:
        field: Any = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return str(value)
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation and field.related_model is not None:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    text = str(value)
    return text if len(text) <= 80 else text[:79] + "…"
