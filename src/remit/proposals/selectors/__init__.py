"""Reads for proposal pages, the API and the exports, with every join done once per page.

One module per seam; everything is importable from here.
"""

from remit.proposals.at_meetings import MeetingLink
from remit.proposals.selectors.deals import DealPage
from remit.proposals.selectors.deals import deal_list
from remit.proposals.selectors.deals import deal_page
from remit.proposals.selectors.deals import paper_page
from remit.proposals.selectors.deals import session_page
from remit.proposals.selectors.deals import sessions_for_feedback
from remit.proposals.selectors.proposal_page import ProposalPage
from remit.proposals.selectors.proposal_page import on_agenda
from remit.proposals.selectors.proposal_page import order_events
from remit.proposals.selectors.proposal_page import proposal_detail
from remit.proposals.selectors.proposal_page import proposal_page
from remit.proposals.selectors.proposal_page import timeline
from remit.proposals.selectors.register import COVERAGE_PAGE_SIZE
from remit.proposals.selectors.register import CoverageMatrix
from remit.proposals.selectors.register import CoverageRow
from remit.proposals.selectors.register import RegisterFilters
from remit.proposals.selectors.register import alignments_prefetch
from remit.proposals.selectors.register import coverage_matrix
from remit.proposals.selectors.register import filter_choices
from remit.proposals.selectors.register import proposals_ready_for_business_case
from remit.proposals.selectors.register import register
from remit.proposals.selectors.register import where_now
from remit.proposals.selectors.routes import ACTIVE_ROUTINGS
from remit.proposals.selectors.routes import RouteView
from remit.proposals.selectors.routes import StepView
from remit.proposals.selectors.routes import active_routing
from remit.proposals.selectors.routes import awaiting
from remit.proposals.selectors.routes import decision_reason
from remit.proposals.selectors.routes import meeting_link
from remit.proposals.selectors.routes import paper_routing_queryset
from remit.proposals.selectors.routes import published_decisions_taken_alone
from remit.proposals.selectors.routes import route_view
from remit.proposals.selectors.routes import routings_for
from remit.proposals.selectors.waiting import screenings_to_sign_off
from remit.proposals.selectors.waiting import waiting_at_forums
from remit.proposals.selectors.waiting import waiting_for_person

__all__ = [
    "ACTIVE_ROUTINGS",
    "COVERAGE_PAGE_SIZE",
    "CoverageMatrix",
    "CoverageRow",
    "DealPage",
    "MeetingLink",
    "ProposalPage",
    "RegisterFilters",
    "RouteView",
    "StepView",
    "active_routing",
    "alignments_prefetch",
    "awaiting",
    "coverage_matrix",
    "deal_list",
    "deal_page",
    "decision_reason",
    "filter_choices",
    "meeting_link",
    "on_agenda",
    "order_events",
    "paper_page",
    "paper_routing_queryset",
    "proposal_detail",
    "proposal_page",
    "proposals_ready_for_business_case",
    "published_decisions_taken_alone",
    "register",
    "route_view",
    "routings_for",
    "screenings_to_sign_off",
    "session_page",
    "sessions_for_feedback",
    "timeline",
    "waiting_at_forums",
    "waiting_for_person",
    "where_now",
]
