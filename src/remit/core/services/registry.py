"""Registry edits made by people through the UI or the API."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

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
    User,
)
from remit.core.services.writes import (
    apply_changes,
    apply_many,
    check_version,
    locked,
    save_attributed,
)

M = TypeVar("M", bound=models.Model)


def _update(instance: M, data: Mapping[str, Any], *, by: User) -> M:
    changed = apply_changes(instance, data)
    if not changed:
        return instance
    return save_attributed(instance, by=by, reason="Edited: " + ", ".join(sorted(changed)))


@transaction.atomic
def organisation_create(*, by: User, region: Region, data: Mapping[str, Any]) -> Organisation:
    permissions.require(permissions.can_create_organisation(by))
    fields = dict(data)
    areas = fields.pop("areas_served", None)
    organisation = save_attributed(Organisation(region=region, **fields), by=by, reason="Created")
    apply_many(organisation, "areas_served", areas)
    return organisation


@transaction.atomic
def organisation_update(
    *, by: User, organisation: Organisation, data: Mapping[str, Any], version: int | None = None
) -> Organisation:
    organisation = locked(organisation)
    permissions.require(permissions.can_edit_organisation(by, organisation))
    check_version(organisation, version)
    fields = dict(data)
    areas = fields.pop("areas_served", None)
    changed = apply_changes(organisation, fields)
    if apply_many(organisation, "areas_served", areas):
        changed.append("areas served")
    if not changed:
        return organisation
    return save_attributed(organisation, by=by, reason="Edited: " + ", ".join(sorted(changed)))


@transaction.atomic
def person_create(*, by: User, region: Region, data: Mapping[str, Any]) -> Person:
    permissions.require(permissions.can_create_person(by, data.get("organisation")))
    return save_attributed(Person(region=region, **data), by=by, reason="Created")


@transaction.atomic
def person_update(
    *, by: User, person: Person, data: Mapping[str, Any], version: int | None = None
) -> Person:
    person = locked(person)
    permissions.require(permissions.can_edit_person(by, person))
    if "organisation" in data and data["organisation"] != person.organisation:
        permissions.require(permissions.can_create_person(by, data["organisation"]))
    check_version(person, version)
    return _update(person, data, by=by)


@transaction.atomic
def board_create(*, by: User, region: Region, data: Mapping[str, Any]) -> Board:
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
def board_update(
    *, by: User, board: Board, data: Mapping[str, Any], version: int | None = None
) -> Board:
    board = locked(board)
    permissions.require(permissions.can_edit_board(by, board))
    if _parent_cycle(board, data.get("parent", board.parent)):
        raise DomainError("A board cannot sit under one of its own sub-groups.", field="parent")
    check_version(board, version)
    return _update(board, data, by=by)


@transaction.atomic
def membership_create(*, by: User, board: Board, data: Mapping[str, Any]) -> Membership:
    permissions.require(permissions.can_edit_membership(by, None))
    return save_attributed(Membership(board=board, **data), by=by, reason="Created")


@transaction.atomic
def membership_update(
    *, by: User, membership: Membership, data: Mapping[str, Any], version: int | None = None
) -> Membership:
    membership = locked(membership)
    permissions.require(permissions.can_edit_membership(by, membership))
    check_version(membership, version)
    return _update(membership, data, by=by)


@transaction.atomic
def area_update(
    *, by: User, area: Area, data: Mapping[str, Any], version: int | None = None
) -> Area:
    area = locked(area)
    permissions.require(permissions.can_edit_area(by, area))
    if any(
        key not in AREA_DATA_FIELDS and getattr(area, key) != value for key, value in data.items()
    ):
        permissions.require(permissions.can_rename_area(by, area))
    check_version(area, version)
    return _update(area, data, by=by)


@transaction.atomic
def mission_update(
    *, by: User, mission: Mission, data: Mapping[str, Any], version: int | None = None
) -> Mission:
    mission = locked(mission)
    permissions.require(permissions.can_edit_mission(by, mission))
    check_version(mission, version)
    return _update(mission, data, by=by)
