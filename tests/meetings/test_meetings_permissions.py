"""The meetings permissions matrix: role × action × own/other board, from one literal table.

"Own" is a board the user's person sits on. Loosening or deleting any rule in
`remit.meetings.permissions` makes a row here fail.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from datetime import time
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from remit.core.models import Board
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Role
from remit.core.permissions import Verdict
from remit.meetings import permissions as p
from remit.meetings.models import AgendaItem
from remit.meetings.models import Meeting
from remit.meetings.models import Paper

BOTH, OWN, NEITHER = "both", "own only", "neither"


def _paper(meeting: Meeting, *, members: bool, public: bool) -> Paper:
    item = AgendaItem(meeting=meeting, title="Report", kind="report")
    now = timezone.now()
    return Paper(
        item=item,
        title="Report",
        members_published_at=now if members else None,
        public_published_at=now if public else None,
    )


ACTIONS: dict[str, Callable[[Any, Meeting, Person], Verdict]] = {
    "use_meetings": lambda u, m, me: p.can_use_meetings(u),
    "view_meeting": lambda u, m, me: p.can_view_meeting(u, m),
    "view_member_paper": lambda u, m, me: p.can_view_paper(
        u, _paper(m, members=True, public=False)
    ),
    "view_public_paper": lambda u, m, me: p.can_view_paper(u, _paper(m, members=True, public=True)),
    "view_draft_paper": lambda u, m, me: p.can_view_paper(
        u, _paper(m, members=False, public=False)
    ),
    "schedule": lambda u, m, me: p.can_schedule_meeting(u, m.board),
    "edit_meeting": lambda u, m, me: p.can_edit_meeting(u, m),
    "edit_agenda": lambda u, m, me: p.can_edit_agenda(u, m),
    "write_paper": lambda u, m, me: p.can_write_paper(u, None),
    "publish_paper": lambda u, m, me: p.can_publish_paper(u, None),
    "record_attendance": lambda u, m, me: p.can_record_attendance(u, m),
    "name_substitutes": lambda u, m, me: p.can_name_substitutes(u, m.board),
    "record_decision": lambda u, m, me: p.can_record_decision(u, None),
    "edit_minutes": lambda u, m, me: p.can_edit_minutes(u, m),
    "approve_minutes": lambda u, m, me: p.can_approve_minutes(u, None),
    "build_pack": lambda u, m, me: p.can_build_pack(u, m),
    "view_compliance": lambda u, m, me: p.can_view_compliance(u),
    "manage_forward_plan": lambda u, m, me: p.can_manage_forward_plan(u),
    "declare_own": lambda u, m, me: p.can_record_declaration(u, m, me),
    "declare_other": lambda u, m, me: p.can_record_declaration(
        u, m, Person.objects.get(slug="commissioner")
    ),
}

OFFICER_ROW = dict.fromkeys(ACTIONS, BOTH)
MEMBER_ROW = {
    **dict.fromkeys(ACTIONS, NEITHER),
    "use_meetings": BOTH,
    "view_meeting": OWN,
    "view_member_paper": OWN,
    "view_public_paper": BOTH,
    "declare_own": OWN,
}
OUTSIDER_ROW = {**dict.fromkeys(ACTIONS, NEITHER), "view_public_paper": BOTH}

MATRIX: dict[str, dict[str, str]] = {
    "anonymous": OUTSIDER_ROW,
    Role.ADMIN: OFFICER_ROW,
    Role.OFFICER: OFFICER_ROW,
    Role.BOARD_MEMBER: MEMBER_ROW,
    Role.DECISION_MAKER: MEMBER_ROW,
    Role.PARTNER: OUTSIDER_ROW,
    Role.ANALYST: OUTSIDER_ROW,
}

CASES = [(role, side) for role in MATRIX for side in ("own", "other")]


def test_matrix_covers_every_role_and_action() -> None:
    assert set(MATRIX) == {"anonymous", *Role.values}
    assert all(set(row) == set(ACTIONS) for row in MATRIX.values())


def _user(role: str, region: Region, make_user: Any, me: Person) -> Any:
    if role == "anonymous":
        return AnonymousUser()
    if role == Role.PARTNER:
        return make_user(role, organisation=region.organisations.get(slug="safe-streets"))
    if role in (Role.BOARD_MEMBER, Role.DECISION_MAKER):
        return make_user(role, person=me)
    return make_user(role)


@pytest.mark.parametrize(("role", "side"), CASES)
def test_permission(role: str, side: str, region: Region, make_user: Any) -> None:
    """Every action for one role on one side; the failure lists each rule that disagrees."""
    me = region.people.get(slug="northton-rep")
    own = region.boards.get(slug="csp")
    other = Board.objects.create(region=region, slug="other", name="Other Board")
    meeting = Meeting(
        board=own if side == "own" else other,
        date=date(2018, 4, 24),
        start_time=time(10),
        location="X",
    )
    meeting.public_at = timezone.now()
    user = _user(role, region, make_user, me)
    wrong = []
    for action, check in ACTIONS.items():
        expected = MATRIX[role][action]
        should = expected == BOTH or (expected == OWN and side == "own")
        verdict = check(user, meeting, me)
        if bool(verdict) is not should or (not should and not verdict.reason):
            wrong.append(f"{action}: expected {'allowed' if should else 'refused'}, got {verdict}")
    assert not wrong, "\n".join(wrong)


def test_a_private_item_is_never_public(region: Region) -> None:
    board = region.boards.get(slug="csp")
    meeting = Meeting(board=board, date=date(2018, 4, 24), start_time=time(10), location="X")
    meeting.public_at = timezone.now()
    paper = _paper(meeting, members=True, public=True)
    paper.item.private = True
    assert not p.can_view_paper(AnonymousUser(), paper)
