"""The permissions matrix: role × action × own/other organisation, from one literal table.

Removing or loosening any rule in `remit.core.permissions` makes a row here fail.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from remit.core import permissions as p
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Role

Y, OWN, N = "both", "own only", "neither"

ACTIONS: dict[str, Callable[[Any, Organisation, Person], p.Verdict]] = {
    "view_registry": lambda u, org, person: p.can_view_registry(u),
    "view_history": lambda u, org, person: p.can_view_history(u, org),
    "create_organisation": lambda u, org, person: p.can_create_organisation(u),
    "edit_organisation": lambda u, org, person: p.can_edit_organisation(u, org),
    "create_person": lambda u, org, person: p.can_create_person(u, org),
    "edit_person": lambda u, org, person: p.can_edit_person(u, person),
    "edit_board": lambda u, org, person: p.can_edit_board(u, None),
    "edit_membership": lambda u, org, person: p.can_edit_membership(u, None),
    "edit_route": lambda u, org, person: p.can_edit_route(u),
    "retire_route": lambda u, org, person: p.can_retire_route(u),
    "edit_area": lambda u, org, person: p.can_edit_area(u, None),
    "rename_area": lambda u, org, person: p.can_rename_area(u, None),
    "edit_mission": lambda u, org, person: p.can_edit_mission(u, None),
    "load_region": lambda u, org, person: p.can_load_region(u),
}

MATRIX: dict[str, dict[str, str]] = {
    "anonymous": dict.fromkeys(ACTIONS, N),
    Role.ADMIN: dict.fromkeys(ACTIONS, Y),
    Role.OFFICER: {**dict.fromkeys(ACTIONS, Y), "load_region": N},
    Role.BOARD_MEMBER: {
        **dict.fromkeys(ACTIONS, N),
        "view_registry": Y,
        "view_history": Y,
        "edit_person": OWN,
    },
    Role.PARTNER: {
        **dict.fromkeys(ACTIONS, N),
        "view_registry": Y,
        "view_history": Y,
        "edit_organisation": OWN,
        "create_person": OWN,
        "edit_person": OWN,
    },
    Role.DECISION_MAKER: {**dict.fromkeys(ACTIONS, N), "view_registry": Y, "view_history": Y},
    Role.ANALYST: {
        **dict.fromkeys(ACTIONS, N),
        "view_registry": Y,
        "view_history": Y,
        "edit_area": Y,
    },
}

CASES = [
    (role, action, side)
    for role, row in MATRIX.items()
    for action in ACTIONS
    for side in ("own", "other")
]


def test_matrix_covers_every_role_and_action() -> None:
    assert set(MATRIX) == {"anonymous", *Role.values}
    assert all(set(row) == set(ACTIONS) for row in MATRIX.values())


@pytest.mark.parametrize(("role", "action", "side"), CASES)
def test_permission(role: str, action: str, side: str, region: Region, make_user: Any) -> None:
    own_org = region.organisations.get(slug="northton-council")
    other_org = region.organisations.get(slug="safe-streets")
    own_person = region.people.get(slug="northton-rep")
    other_person = region.people.get(slug="trust-lead")
    if role == "anonymous":
        user: Any = AnonymousUser()
    else:
        user = make_user(role, organisation=own_org, person=own_person)
    org, person = (own_org, own_person) if side == "own" else (other_org, other_person)

    verdict = ACTIONS[action](user, org, person)

    expected = MATRIX[role][action] == Y or (MATRIX[role][action] == OWN and side == "own")
    assert verdict.allowed is expected, f"{role} {action} on {side}: {verdict.reason}"
    if not verdict.allowed:
        assert verdict.reason, "a refusal must say why"


def test_inactive_user_is_treated_as_signed_out(region: Region, make_user: Any) -> None:
    user = make_user(Role.ADMIN, is_active=False)
    assert not p.can_view_registry(user)
