"""Who may do what to deals and proposals: one verdict function per action.

Officers keep the register. A workstream lead (a board member or officer whose person
record leads the workstream) may edit that workstream's proposals, prepare their impact
screening and record engagement for it. Only officers send proposals to forums, record
forum decisions, negotiation and outcomes, sign off screenings and publish. Where a route
ends at one person who decides alone (a commissioner, a mayor), that person, signed in as
a decision maker, records and corrects their own decision, and no one else does: the same
rule as a fund's determinations. Partners and the public see published proposals only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from remit.core.models import Role
from remit.core.permissions import ALLOW
from remit.core.permissions import SIGN_IN
from remit.core.permissions import Verdict
from remit.core.permissions import deny
from remit.core.permissions import only_roles
from remit.core.permissions import person_of
from remit.core.permissions import role_of

if TYPE_CHECKING:
    from remit.core.models import Person
    from remit.core.models import Workstream
    from remit.proposals.models import ForumDecision
    from remit.proposals.models import Proposal
    from remit.proposals.models import Routing

KEEPERS = (Role.ADMIN, Role.OFFICER)
INSIDERS = (Role.ADMIN, Role.OFFICER, Role.BOARD_MEMBER, Role.DECISION_MAKER, Role.ANALYST)


def _leads(user: Any, workstream: Workstream | None) -> bool:
    person_id = person_of(user)
    return bool(workstream is not None and person_id and workstream.lead_id == person_id)


def _keeper_or_lead(user: Any, workstream: Workstream | None, what: str) -> Verdict:
    role = role_of(user)
    if role in KEEPERS:
        return ALLOW
    if role == Role.BOARD_MEMBER:
        if _leads(user, workstream):
            return ALLOW
        return Verdict(False, f"Only the workstream's lead can {what}.")
    return deny(role, what)


def can_view_drafts(user: Any) -> Verdict:
    role = role_of(user)
    if role in INSIDERS:
        return ALLOW
    if role == Role.PARTNER:
        return Verdict(False, "Partners see published proposals only.")
    return SIGN_IN


def can_view_proposal(user: Any, proposal: Proposal) -> Verdict:
    return ALLOW if proposal.is_published else can_view_drafts(user)


def can_create_proposal(user: Any, workstream: Workstream | None = None) -> Verdict:
    """Officers add proposals to any workstream; a lead may add them to their own."""
    role = role_of(user)
    if role == Role.BOARD_MEMBER and workstream is None:
        return Verdict(False, "Choose one of your own workstreams.")
    return _keeper_or_lead(user, workstream, "add proposals")


def can_edit_proposal(user: Any, proposal: Proposal) -> Verdict:
    return _keeper_or_lead(user, proposal.workstream, "edit this proposal")


def can_align_proposal(user: Any, proposal: Proposal) -> Verdict:
    return _keeper_or_lead(user, proposal.workstream, "align this proposal to missions")


def can_edit_assessment(user: Any, proposal: Proposal) -> Verdict:
    return _keeper_or_lead(user, proposal.workstream, "prepare this impact screening")


def can_sign_off_assessment(user: Any, proposal: Proposal) -> Verdict:
    return only_roles(user, KEEPERS, "sign off impact screenings")


def can_route(user: Any, proposal: Proposal | None = None) -> Verdict:
    return only_roles(user, KEEPERS, "send proposals to governance forums")


def can_record_decision(user: Any, proposal: Proposal | None = None) -> Verdict:
    return only_roles(user, KEEPERS, "record forum decisions")


def decides_as(user: Any, person: Person) -> bool:
    """The user is signed in as that person, in the decision maker's role."""
    person_id = person_of(user)
    return bool(role_of(user) == Role.DECISION_MAKER and person_id and person_id == person.pk)


def can_decide_alone(user: Any, person: Person) -> Verdict:
    """A decision one person takes alone is recorded by that person, attributed to them."""
    if decides_as(user, person):
        return ALLOW
    if role_of(user) is None:
        return SIGN_IN
    return Verdict(False, f"Only {person.name_with_office} can record their own decision.")


def can_record_step(user: Any, routing: Routing) -> Verdict:
    """Record the decision the routing waits for: a board's, or one person's alone."""
    person = routing.current_decision_maker
    return can_decide_alone(user, person) if person is not None else can_record_decision(user)


def can_correct_decision(user: Any, decision: ForumDecision) -> Verdict:
    """Whoever could record a decision corrects it: a person's own only by that person."""
    person = decision.decision_maker
    return can_decide_alone(user, person) if person is not None else can_record_decision(user)


def can_negotiate(user: Any, proposal: Proposal | None = None) -> Verdict:
    """Submission to government, the negotiation log and the outcome."""
    return only_roles(user, KEEPERS, "record submission and negotiation")


def can_withdraw(user: Any, proposal: Proposal) -> Verdict:
    return only_roles(user, KEEPERS, "withdraw proposals")


def can_publish(user: Any, proposal: Proposal | None = None) -> Verdict:
    return only_roles(user, KEEPERS, "publish proposals")


def can_manage_deal(user: Any) -> Verdict:
    """Deals, their milestones and position papers."""
    return only_roles(user, KEEPERS, "manage deals, milestones and position papers")


def can_record_engagement(user: Any, workstream: Workstream | None = None) -> Verdict:
    """Sessions, ideas and feedback: officers for any workstream, a lead for their own."""
    return _keeper_or_lead(user, workstream, "record engagement")
