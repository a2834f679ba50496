"""The proposals permissions matrix: role × action × own/other workstream, from one table.

"Own" means the user's person record leads the proposal's workstream. Removing or
loosening any rule in `remit.proposals.permissions` makes a row here fail.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from remit.core.models import Board
from remit.core.models import Person
from remit.core.models import Role
from remit.core.models import User
from remit.core.models import Workstream
from remit.core.permissions import Verdict
from remit.proposals import permissions as p
from remit.proposals.models import ForumDecision
from remit.proposals.models import Proposal
from remit.proposals.models import Routing

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


# A route's final step taken by one person alone: "own" means the user is signed in as that
# person. Their decision is theirs alone to record and correct, as a fund's determinations.
BOARD = Board(pk=9, slug="ca-board", name="Combined Authority Board")

ALONE_ACTIONS: dict[str, Callable[[Any, Person], Verdict]] = {
    "decide_alone": p.can_decide_alone,
    "record_at_person": lambda u, who: p.can_record_step(u, Routing(current_decision_maker=who)),
    "correct_person": lambda u, who: p.can_correct_decision(u, ForumDecision(decision_maker=who)),
    "record_at_board": lambda u, who: p.can_record_step(u, Routing(current_board=BOARD)),
    "correct_board": lambda u, who: p.can_correct_decision(u, ForumDecision(board=BOARD)),
}
PERSON_ACTIONS = ("decide_alone", "record_at_person", "correct_person")
BOARD_ACTIONS = ("record_at_board", "correct_board")

ALONE_MATRIX: dict[str, dict[str, str]] = {
    "anonymous": dict.fromkeys(ALONE_ACTIONS, N),
    Role.ADMIN: {**dict.fromkeys(PERSON_ACTIONS, N), **dict.fromkeys(BOARD_ACTIONS, Y)},
    Role.OFFICER: {**dict.fromkeys(PERSON_ACTIONS, N), **dict.fromkeys(BOARD_ACTIONS, Y)},
    Role.BOARD_MEMBER: dict.fromkeys(ALONE_ACTIONS, N),
    Role.PARTNER: dict.fromkeys(ALONE_ACTIONS, N),
    Role.DECISION_MAKER: {**dict.fromkeys(PERSON_ACTIONS, OWN), **dict.fromkeys(BOARD_ACTIONS, N)},
    Role.ANALYST: dict.fromkeys(ALONE_ACTIONS, N),
}

ALONE_CASES = [
    (role, action, side)
    for role in ALONE_MATRIX
    for action in ALONE_ACTIONS
    for side in ("own", "other")
]


def test_alone_matrix_covers_every_role_and_action() -> None:
    assert set(ALONE_MATRIX) == {"anonymous", *Role.values}
    assert all(set(row) == set(ALONE_ACTIONS) for row in ALONE_MATRIX.values())


@pytest.mark.parametrize(("role", "action", "side"), ALONE_CASES)
def test_decision_taken_alone_permission(role: str, action: str, side: str) -> None:
    me = Person(pk=1, slug="commissioner", name="Chris Chair", job_title="Commissioner")
    if role == "anonymous":
        user: Any = AnonymousUser()
    else:
        user = User(username=role, role=role, person=me, is_superuser=role == Role.ADMIN)
    decider = me if side == "own" else Person(pk=2, slug="mayor", name="Mo Mayor")

    verdict = ALONE_ACTIONS[action](user, decider)

    expected = ALONE_MATRIX[role][action]
    assert verdict.allowed == (expected == Y or (expected == OWN and side == "own")), verdict.reason
    if not verdict.allowed:
        assert verdict.reason


def test_only_the_person_records_their_own_decision_and_the_reason_names_them() -> None:
    officer = User(username="officer", role=Role.OFFICER)
    mayor = Person(pk=2, slug="mayor", name="Mo Mayor", job_title="Mayor of Testshire")

    verdict = p.can_decide_alone(officer, mayor)

    assert verdict.reason == "Only Mo Mayor, Mayor of Testshire can record their own decision."


def test_partners_read_published_proposals_only(partner: Any, make_proposal: Any) -> None:
    published = make_proposal(status="in_governance", published=True)
    assert p.can_view_proposal(partner, published).allowed
    assert not p.can_view_proposal(partner, make_proposal()).allowed
    assert p.can_view_proposal(AnonymousUser(), published).allowed
