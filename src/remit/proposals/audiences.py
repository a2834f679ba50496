"""Who is told about a proposal's journey: its lead officer, if they may open it."""

from __future__ import annotations

from remit.core.models import User
from remit.notifications.audiences import active_accounts
from remit.proposals.models import Proposal
from remit.proposals.permissions import can_view_proposal


def lead_officers(proposal: Proposal) -> list[User]:
    """The accounts of the proposal's lead officer who may open it."""
    if proposal.lead_officer_id is None:
        return []
    accounts = active_accounts().filter(person_id=proposal.lead_officer_id)
    return [user for user in accounts if can_view_proposal(user, proposal)]
