"""Who may do what to business cases: one verdict function per action.

Officers keep business cases: they create them, edit everything, approve sections and record
the boards' decisions. A case's owner (the senior responsible owner, through their person
record) edits its sections. Board members read every case and comment on sections for review.
Analysts and decision makers read. Partners and the public see the approved summaries only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from remit.appraisal.workflow import APPROVER_MOVES
from remit.appraisal.workflow import SectionStatus
from remit.core.models import Role
from remit.core.permissions import ALLOW
from remit.core.permissions import SIGN_IN
from remit.core.permissions import Verdict
from remit.core.permissions import deny
from remit.core.permissions import only_roles
from remit.core.permissions import person_of
from remit.core.permissions import role_of

if TYPE_CHECKING:
    from remit.appraisal.models import BusinessCase

KEEPERS = (Role.ADMIN, Role.OFFICER)
REVIEWERS = (Role.ADMIN, Role.OFFICER, Role.BOARD_MEMBER)
READERS = (Role.ADMIN, Role.OFFICER, Role.BOARD_MEMBER, Role.ANALYST, Role.DECISION_MAKER)
NOT_FOUND = Verdict(False, "There is no such business case, or you cannot see it.")


def _owns(user: Any, case: BusinessCase | None) -> bool:
    person_id = person_of(user)
    return bool(case is not None and person_id and case.owner_id == person_id)


def is_published(case: BusinessCase) -> bool:
    return case.approved_decision_id is not None


def can_view_all_cases(user: Any) -> Verdict:
    return only_roles(user, READERS, "see business cases in draft")


def can_view_case(user: Any, case: BusinessCase) -> Verdict:
    """The whole case, drafts and commercial case included."""
    if role_of(user) in READERS or (role_of(user) is not None and _owns(user, case)):
        return ALLOW
    return NOT_FOUND if role_of(user) is not None else SIGN_IN


def can_view_published(user: Any, case: BusinessCase) -> Verdict:
    """The approved summary, which anyone may read."""
    return ALLOW if is_published(case) else NOT_FOUND


def can_create_case(user: Any) -> Verdict:
    return only_roles(user, KEEPERS, "start business cases")


def can_edit_case(user: Any, case: BusinessCase | None) -> Verdict:
    """Title, stage, owner and proposal: the officers' part."""
    return only_roles(user, KEEPERS, "change a business case's details")


def can_edit_sections(user: Any, case: BusinessCase) -> Verdict:
    """The five cases' content, the appraisal inputs, funding, milestones and risks."""
    role = role_of(user)
    if role in KEEPERS or (role is not None and _owns(user, case)):
        return ALLOW
    if role is None:
        return SIGN_IN
    return Verdict(False, "Only officers and the case's owner can edit its sections.")


def can_comment(user: Any, case: BusinessCase) -> Verdict:
    role = role_of(user)
    if role in REVIEWERS or (role is not None and _owns(user, case)):
        return ALLOW
    return deny(role, "comment on business cases")


def can_move_section(user: Any, case: BusinessCase, current: str, target: str) -> Verdict:
    """Authors move their own work along; only officers approve a section."""
    if (SectionStatus(current), SectionStatus(target)) in APPROVER_MOVES:
        return only_roles(user, KEEPERS, "approve sections")
    return can_edit_sections(user, case)


def can_record_decision(user: Any, case: BusinessCase | None) -> Verdict:
    return only_roles(user, KEEPERS, "record a board's decision")


def can_export(user: Any, case: BusinessCase) -> Verdict:
    return can_view_case(user, case)
