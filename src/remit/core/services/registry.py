"""Registry edits made by people through the UI or the API."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction

from remit.core import permissions
from remit.core.errors import DomainError
from remit.core.models import (
    AREA_DATA_FIELDS,
    Area,
    Board,
    Membership,
    Mission,
    Organisation,
    Person,
    Region,
)

M = TypeVar("M", bound=models.Model)


def save_attributed(instance: M, *, by: Any, reason: str) -> M:
    """Validate and save, recording who made the change and why in the object's history."""
    try:
        instance.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise DomainError(" ".join(messages), field=None if field == "__all__" else field) from exc
    instance._history_user = by  # type: ignore[attr-defined]
    instance._change_reason = reason  # type: ignore[attr-defined]
    instance.save()
    return instance


def _apply(instance: M, data: Mapping[str, Any]) -> list[str]:
    changed = []
    for name, value in data.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def _fresh(instance: M) -> M:
    """The stored row: a bound ModelForm has already written its input onto the instance."""
    return type(instance)._default_manager.select_for_update().get(pk=instance.pk)


def _update(instance: M, data: Mapping[str, Any], *, by: Any) -> M:
    changed = _apply(instance, data)
    if not changed:
        return instance
    return save_attributed(instance, by=by, reason="Edited: " + ", ".join(sorted(changed)))


@transaction.atomic
def organisation_create(*, by: Any, region: Region, data: Mapping[str, Any]) -> Organisation:
    permissions.require(permissions.can_create_organisation(by))
    organisation = Organisation(region=region, **data)
    return save_attributed(organisation, by=by, reason="Created")


@transaction.atomic
def organisation_update(
    *, by: Any, organisation: Organisation, data: Mapping[str, Any]
) -> Organisation:
    organisation = _fresh(organisation)
    permissions.require(permissions.can_edit_organisation(by, organisation))
    return _update(organisation, data, by=by)


@transaction.atomic
def person_create(*, by: Any, region: Region, data: Mapping[str, Any]) -> Person:
    permissions.require(permissions.can_create_person(by, data.get("organisation")))
    return save_attributed(Person(region=region, **data), by=by, reason="Created")


@transaction.atomic
def person_update(*, by: Any, person: Person, data: Mapping[str, Any]) -> Person:
    person = _fresh(person)
    permissions.require(permissions.can_edit_person(by, person))
    if "organisation" in data and data["organisation"] != person.organisation:
        permissions.require(permissions.can_create_person(by, data["organisation"]))
    return _update(person, data, by=by)


@transaction.atomic
def board_create(*, by: Any, region: Region, data: Mapping[str, Any]) -> Board:
    permissions.require(permissions.can_edit_board(by, None))
    return save_attributed(Board(region=region, **data), by=by, reason="Created")


def _parent_cycle(board: Board, parent: Board | None) -> bool:
    seen = {board.pk}
    while parent is not None:
        if parent.pk in seen:
            return True
        seen.add(parent.pk)
        parent = parent.parent
    return False


@transaction.atomic
def board_update(*, by: Any, board: Board, data: Mapping[str, Any]) -> Board:
    board = _fresh(board)
    permissions.require(permissions.can_edit_board(by, board))
    if _parent_cycle(board, data.get("parent", board.parent)):
        raise DomainError("A board cannot sit under one of its own sub-groups.", field="parent")
    return _update(board, data, by=by)


@transaction.atomic
def membership_create(*, by: Any, board: Board, data: Mapping[str, Any]) -> Membership:
    permissions.require(permissions.can_edit_membership(by, None))
    return save_attributed(Membership(board=board, **data), by=by, reason="Created")


@transaction.atomic
def membership_update(*, by: Any, membership: Membership, data: Mapping[str, Any]) -> Membership:
    membership = _fresh(membership)
    permissions.require(permissions.can_edit_membership(by, membership))
    return _update(membership, data, by=by)


@transaction.atomic
def area_update(*, by: Any, area: Area, data: Mapping[str, Any]) -> Area:
    area = _fresh(area)
    permissions.require(permissions.can_edit_area(by, area))
    if any(
        key not in AREA_DATA_FIELDS and getattr(area, key) != value for key, value in data.items()
    ):
        permissions.require(permissions.can_rename_area(by, area))
    return _update(area, data, by=by)


@transaction.atomic
def mission_update(*, by: Any, mission: Mission, data: Mapping[str, Any]) -> Mission:
    mission = _fresh(mission)
    permissions.require(permissions.can_edit_mission(by, mission))
    return _update(mission, data, by=by)
