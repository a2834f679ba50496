"""Every write to deals and proposals: one function per use case, attributed, in a transaction."""

from remit.proposals.services.deals import deal_create
from remit.proposals.services.deals import deal_update
from remit.proposals.services.deals import milestone_create
from remit.proposals.services.deals import milestone_update
from remit.proposals.services.deals import paper_create
from remit.proposals.services.deals import paper_update
from remit.proposals.services.engagement import feedback_add
from remit.proposals.services.engagement import feedback_mark_acted_on
from remit.proposals.services.engagement import idea_add
from remit.proposals.services.engagement import idea_adopt
from remit.proposals.services.engagement import session_create
from remit.proposals.services.engagement import session_update
from remit.proposals.services.proposals import alignment_remove
from remit.proposals.services.proposals import alignment_set
from remit.proposals.services.proposals import proposal_create
from remit.proposals.services.proposals import proposal_publish
from remit.proposals.services.proposals import proposal_unpublish
from remit.proposals.services.proposals import proposal_update
from remit.proposals.services.proposals import proposal_withdraw
from remit.proposals.services.proposals import screening_save
from remit.proposals.services.proposals import screening_sign_off
from remit.proposals.services.routing import check_awaits
from remit.proposals.services.routing import decision_correct
from remit.proposals.services.routing import final_endorsement
from remit.proposals.services.routing import forum_decision_record
from remit.proposals.services.routing import forums
from remit.proposals.services.routing import meeting_decision_record
from remit.proposals.services.routing import negotiation_log
from remit.proposals.services.routing import outcome_record
from remit.proposals.services.routing import paper_route
from remit.proposals.services.routing import proposal_route
from remit.proposals.services.routing import proposal_submit

__all__ = [
    "alignment_remove",
    "alignment_set",
    "check_awaits",
    "deal_create",
    "deal_update",
    "decision_correct",
    "feedback_add",
    "feedback_mark_acted_on",
    "final_endorsement",
    "forum_decision_record",
    "forums",
    "idea_add",
    "idea_adopt",
    "meeting_decision_record",
    "milestone_create",
    "milestone_update",
    "negotiation_log",
    "outcome_record",
    "paper_create",
    "paper_route",
    "paper_update",
    "proposal_create",
    "proposal_publish",
    "proposal_route",
    "proposal_submit",
    "proposal_unpublish",
    "proposal_update",
    "proposal_withdraw",
    "screening_save",
    "screening_sign_off",
    "session_create",
    "session_update",
]
