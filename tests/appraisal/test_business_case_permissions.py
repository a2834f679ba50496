"""The business case permissions matrix: role × action × owner or not, from one literal table.

Removing or loosening any rule in `remit.appraisal.permissions` makes a row here fail.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from remit.appraisal import permissions as p
from remit.appraisal.models import BusinessCase
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User

Y, OWN, N = "both", "owner only", "neither"

ACTIONS: dict[str, Callable[[Any, BusinessCase], p.Verdict]] = {
    "view_all_cases": lambda u, case: p.can_view_all_cases(u),
    "view_draft_case": lambda u, case: p.can_view_case(u, case),
    "view_published": lambda u, case: p.can_view_published(u, case),
    "create_case": lambda u, case: p.can_create_case(u),
    "edit_case": lambda u, case: p.can_edit_case(u, case),
    "edit_sections": lambda u, case: p.can_edit_sections(u, case),
    "comment": lambda u, case: p.can_comment(u, case),
    "send_for_review": lambda u, case: p.can_move_section(u, case, "drafting", "ready_for_review"),
    "approve_section": lambda u, case: p.can_move_section(u, case, "ready_for_review", "approved"),
    "record_decision": lambda u, case: p.can_record_decision(u, case),
    "export": lambda u, case: p.can_export(u, case),
}

READER = {
    **dict.fromkeys(ACTIONS, N),
    "view_all_cases": Y,
    "view_draft_case": Y,
    "view_published": Y,
    "export": Y,
}
OWNER_RIGHTS = {
    "view_draft_case": OWN,
    "edit_sections": OWN,
    "comment": OWN,
    "send_for_review": OWN,
    "export": OWN,
    "view_published": Y,
}

MATRIX: dict[str, dict[str, str]] = {
    "anonymous": {**dict.fromkeys(ACTIONS, N), "view_published": Y},
    Role.ADMIN: dict.fromkeys(ACTIONS, Y),
    Role.OFFICER: dict.fromkeys(ACTIONS, Y),
    Role.BOARD_MEMBER: {**READER, "comment": Y, "edit_sections": OWN, "send_for_review": OWN},
    Role.ANALYST: {**READER, "comment": OWN, "edit_sections": OWN, "send_for_review": OWN},
    Role.DECISION_MAKER: {**READER, "comment": OWN, "edit_sections": OWN, "send_for_review": OWN},
    Role.PARTNER: {**dict.fromkeys(ACTIONS, N), **OWNER_RIGHTS},
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


OWN_PERSON, OTHER_PERSON = 101, 202


def _user(role: str) -> Any:
    """An unsaved user: the rules read only the role, the flags and the person."""
    if role == "anonymous":
        return AnonymousUser()
    return User(
        username=role,
        role=role,
        is_superuser=role == Role.ADMIN,
        is_active=True,
        person_id=OWN_PERSON,
    )


def _case(side: str) -> BusinessCase:
    """An unsaved approved case, owned by the acting user's person or by someone else."""
    owner = OWN_PERSON if side == "own" else OTHER_PERSON
    return BusinessCase(title=side, owner_id=owner, approved_decision_id=1)


@pytest.mark.parametrize(("role", "action", "side"), CASES)
def test_permission(role: str, action: str, side: str) -> None:
    verdict = ACTIONS[action](_user(role), _case(side))

    expected = MATRIX[role][action] == Y or (MATRIX[role][action] == OWN and side == "own")
    assert verdict.allowed is expected, f"{role} {action} on {side}: {verdict.reason}"
    if not verdict.allowed:
        assert verdict.reason, "a refusal must say why"


def test_a_draft_case_is_not_published(region: Region) -> None:
    case = BusinessCase.all_objects.create(region=region, title="Draft")
    assert not p.can_view_published(AnonymousUser(), case)
    assert list(BusinessCase.objects.all()) == []
    assert p.can_view_published(AnonymousUser(), _case("other"))


def test_drafts_are_listed_for_readers_and_owners_only(region: Region, make_user: Any) -> None:
    own_person = region.people.get(slug="northton-rep")
    BusinessCase.all_objects.create(region=region, title="Mine", owner=own_person)
    BusinessCase.all_objects.create(region=region, title="Theirs")
    partner = make_user(Role.PARTNER, organisation=own_person.organisation, person=own_person)
    analyst = make_user(Role.ANALYST)
    visible = BusinessCase.all_objects.visible_to
    assert [c.title for c in visible(partner)] == ["Mine"]
    assert [c.title for c in visible(analyst)] == ["Mine", "Theirs"]
    assert list(visible(AnonymousUser())) == []


def test_an_inactive_officer_is_treated_as_signed_out() -> None:
    user = _user(Role.OFFICER)
    user.is_active = False
    assert not p.can_create_case(user)
