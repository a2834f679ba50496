"""Who may do what with meetings and papers: one verdict per action.

Officers (and administrators) run the business: they schedule meetings, write
and publish papers, and record attendance, decisions and minutes. Board
members read papers once they go to members, before the public does, and
record their own declarations of interest. Everyone else sees what has been
published to the public. Views, the API and the services all ask here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from remit.core.models import Membership
from remit.core.models import Role
from remit.core.permissions import ALLOW
from remit.core.permissions import SIGN_IN
from remit.core.permissions import Verdict
from remit.core.permissions import deny
from remit.core.permissions import only_roles
from remit.core.permissions import person_of
from remit.core.permissions import role_of

if TYPE_CHECKING:
    from remit.core.models import Board
    from remit.core.models import Person
    from remit.meetings.models import AgendaItem
    from remit.meetings.models import Meeting
    from remit.meetings.models import Paper

OFFICERS = frozenset({Role.ADMIN, Role.OFFICER})
MEMBER_ROLES = frozenset({Role.BOARD_MEMBER, Role.DECISION_MAKER})
NOT_FOUND = Verdict(False, "There is no such meeting or paper, or it has not been published yet.")


def member_board_ids(user: Any) -> frozenset[int]:
    """Boards the user sits on (any term), looked up once per user object."""
    cached = getattr(user, "_meetings_board_ids", None)
    if cached is not None:
        return frozenset(cached)
    ids: frozenset[int] = frozenset()
    if role_of(user) in MEMBER_ROLES and person_of(user):
        ids = frozenset(
            Membership.objects.filter(person_id=user.person_id).values_list("board_id", flat=True)
        )
    user._meetings_board_ids = ids
    return ids


def sits_on(user: Any, board: Board) -> bool:
    return board.pk in member_board_ids(user)


def can_use_meetings(user: Any) -> Verdict:
    """The signed-in side of meetings is for officers and the members of boards."""
    role = role_of(user)
    if role in OFFICERS or role in MEMBER_ROLES:
        return ALLOW
    if role is None:
        return SIGN_IN
    return Verdict(
        False,
        f"Your role ({Role(role).label.lower()}) sees meetings on the published site.",
    )


def can_view_meeting(user: Any, meeting: Meeting) -> Verdict:
    role = role_of(user)
    if role in OFFICERS:
        return ALLOW
    if role in MEMBER_ROLES:
        if not sits_on(user, meeting.board):
            return Verdict(False, "You can only see the meetings of boards you sit on.")
        return ALLOW
    return can_use_meetings(user)


def can_view_paper(user: Any, paper: Paper) -> Verdict:
    """Officers see drafts; members see what went to members; anyone sees what is public."""
    role = role_of(user)
    if role in OFFICERS:
        return ALLOW
    if role in MEMBER_ROLES and sits_on(user, paper.item.meeting.board):
        return ALLOW if paper.members_published_at is not None else NOT_FOUND
    return ALLOW if is_public_paper(paper) else NOT_FOUND


def is_public_paper(paper: Paper) -> bool:
    return (
        paper.public_published_at is not None
        and not paper.item.private
        and paper.item.meeting.public_at is not None
    )


def can_schedule_meeting(user: Any, board: Board | None = None) -> Verdict:
    return only_roles(user, OFFICERS, "schedule meetings")


def can_edit_meeting(user: Any, meeting: Meeting | None = None) -> Verdict:
    return only_roles(user, OFFICERS, "change meetings")


def can_edit_agenda(user: Any, meeting: Meeting | None = None) -> Verdict:
    return only_roles(user, OFFICERS, "change agendas")


def can_write_paper(user: Any, item: AgendaItem | None = None) -> Verdict:
    return only_roles(user, OFFICERS, "write papers")


def can_publish_paper(user: Any, paper: Paper | None = None) -> Verdict:
    return only_roles(user, OFFICERS, "publish papers")


def can_record_attendance(user: Any, meeting: Meeting | None = None) -> Verdict:
    return only_roles(user, OFFICERS, "record attendance")


def can_name_substitutes(user: Any, board: Board | None = None) -> Verdict:
    """Who may attend in a member's place is part of the board's membership, kept by officers."""
    return only_roles(user, OFFICERS, "name substitutes")


def can_record_decision(user: Any, item: AgendaItem | None = None) -> Verdict:
    return only_roles(user, OFFICERS, "record decisions")


def can_edit_minutes(user: Any, meeting: Meeting | None = None) -> Verdict:
    return only_roles(user, OFFICERS, "draft minutes")


def can_approve_minutes(user: Any, item: AgendaItem | None = None) -> Verdict:
    return only_roles(user, OFFICERS, "record the approval of minutes")


def can_build_pack(user: Any, meeting: Meeting | None = None) -> Verdict:
    return only_roles(user, OFFICERS, "build meeting packs")


def can_view_compliance(user: Any) -> Verdict:
    return only_roles(user, OFFICERS, "see the publication dashboard")


def can_manage_forward_plan(user: Any) -> Verdict:
    return only_roles(user, OFFICERS, "change the forward plan")


def can_record_declaration(user: Any, meeting: Meeting, person: Person | None) -> Verdict:
    """Officers record for any member; a member records their own interests."""
    role = role_of(user)
    if role in OFFICERS:
        return ALLOW
    if role in MEMBER_ROLES:
        if not sits_on(user, meeting.board):
            return Verdict(
                False, "You can only declare interests at meetings of boards you sit on."
            )
        if person is not None and person.pk != user.person_id:
            return Verdict(False, "Members can only record their own declarations of interest.")
        return ALLOW
    return deny(role, "record declarations of interest")
