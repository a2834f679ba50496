"""Reads for proposal pages, the API and the exports, with every join done once per page.

One module per seam; everything is importable from here.
"""

from remit.proposals.at_meetings import MeetingLink
from remit.proposals.selectors.deals import (
    DealPage,
    deal_list,
    deal_page,
    paper_page,
    session_page,
    sessions_for_feedback,
)
from remit.proposals.selectors.proposal_page import (
    ProposalPage,
    on_agenda,
    order_events,
    proposal_detail,
    proposal_page,
    timeline,
)
from remit.proposals.selectors.register import (
    COVERAGE_PAGE_SIZE,
    CoverageMatrix,
    CoverageRow,
    RegisterFilters,
    alignments_prefetch,
    coverage_matrix,
    filter_choices,
    proposals_ready_for_business_case,
    register,
    where_now,
)
from remit.proposals.selectors.routes import (
    ACTIVE_ROUTINGS,
    RouteView,
    StepView,
    active_routing,
    awaiting,
    decision_reason,
    meeting_link,
    paper_routing_queryset,
    published_decisions_taken_alone,
    route_view,
    routings_for,
)
from remit.proposals.selectors.waiting import (
    screenings_to_sign_off,
    waiting_at_forums,
    waiting_for_person,
)

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
