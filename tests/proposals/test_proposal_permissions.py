"""The proposals permissions matrix: role × action × own/other workstream, from one table.

"Own" means the user's person record leads the proposal's workstream. Removing or
loosening any rule in `remit.proposals.permissions` makes a row here fail.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from remit.core.models import Person, Role, User, Workstream
from remit.core.permissions import Verdict
from remit.proposals import permissions as p
from remit.proposals.models import Proposal

Y, OWN, N = "both", "own only", "neither"

ACTIONS: dict[str, Callable[[Any, Proposal], Verdict]] = {
    "view_drafts": lambda u, prop: p.can_view_drafts(u),
    "view_unpublished": lambda u, prop: p.can_view_proposal(u, prop),
    "create": lambda u, prop: p.can_create_proposal(u, prop.workstream),
    "edit": p.can_edit_proposal,
    "align": p.can_align_proposal,
    "prepare_screening": p.can_edit_assessment,
    "sign_off_screening": p.can_sign_off_assessment,
    "route": p.can_route,
    "record_decision": p.can_record_decision,
    "negotiate": p.can_negotiate,
    "withdraw": p.can_withdraw,
    "publish": p.can_publish,
    "manage_deal": lambda u, prop: p.can_manage_deal(u),
    "record_engagement": lambda u, prop: p.can_record_engagement(u, prop.workstream),
}

LEAD_MAY = dict.fromkeys(("create", "edit", "align", "prepare_screening", "record_engagement"), OWN)
READERS = {"view_drafts": Y, "view_unpublished": Y}

MATRIX: dict[str, dict[str, str]] = {
    "anonymous": dict.fromkeys(ACTIONS, N),
    Role.ADMIN: dict.fromkeys(ACTIONS, Y),
    Role.OFFICER: dict.fromkeys(ACTIONS, Y),
    Role.BOARD_MEMBER: {**dict.fromkeys(ACTIONS, N), **READERS, **LEAD_MAY},
    Role.PARTNER: dict.fromkeys(ACTIONS, N),
    Role.DECISION_MAKER: {**dict.fromkeys(ACTIONS, N), **READERS},
    Role.ANALYST: {**dict.fromkeys(ACTIONS, N), **READERS},
}

CASES = [(role, action, side) for role in MATRIX for action in ACTIONS for side in ("own", "other")]


def test_matrix_covers_every_role_and_action() -> None:
    assert set(MATRIX) == {"anonymous", *Role.values}
    assert all(set(row) == set(ACTIONS) for row in MATRIX.values())


@pytest.mark.parametrize(("role", "action", "side"), CASES)
def test_permission(role: str, action: str, side: str) -> None:
    """Built from unsaved records: the verdicts read attributes, never the database."""
    me = Person(pk=1, slug="ws-lead")
    if role == "anonymous":
        user: Any = AnonymousUser()
    else:
        user = User(username=role, role=role, person=me, is_superuser=role == Role.ADMIN)
    lead = me if side == "own" else Person(pk=2, slug="someone-else")
    proposal = Proposal(workstream=Workstream(slug="crime", lead=lead), is_published=False)

    verdict = ACTIONS[action](user, proposal)

    expected = MATRIX[role][action]
    assert verdict.allowed == (expected == Y or (expected == OWN and side == "own")), verdict.reason
    if not verdict.allowed:
        assert verdict.reason


def test_partners_read_published_proposals_only(partner: Any, make_proposal: Any) -> None:
    published = make_proposal(status="in_governance", published=True)
    assert p.can_view_proposal(partner, published).allowed
    assert not p.can_view_proposal(partner, make_proposal()).allowed
    assert p.can_view_proposal(AnonymousUser(), published).allowed
