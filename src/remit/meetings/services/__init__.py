"""Every write to meetings: one function per use case, checked, attributed and in a transaction."""

from remit.meetings.services.agenda import item_add
from remit.meetings.services.agenda import item_move
from remit.meetings.services.agenda import item_update
from remit.meetings.services.agenda import item_withdraw
from remit.meetings.services.attendance import attendance_record
from remit.meetings.services.attendance import quorum_for
from remit.meetings.services.attendance import substitutes_name
from remit.meetings.services.decisions import OutcomeInput
from remit.meetings.services.decisions import decision_record
from remit.meetings.services.decisions import declaration_record
from remit.meetings.services.decisions import minutes_approve
from remit.meetings.services.decisions import minutes_draft
from remit.meetings.services.forward_plan import forward_plan_add
from remit.meetings.services.forward_plan import forward_plan_place
from remit.meetings.services.forward_plan import forward_plan_publish
from remit.meetings.services.forward_plan import forward_plan_update
from remit.meetings.services.forward_plan import forward_plan_withdraw
from remit.meetings.services.meetings import agenda_publish
from remit.meetings.services.meetings import meeting_cancel
from remit.meetings.services.meetings import meeting_mark_held
from remit.meetings.services.meetings import meeting_publish_public
from remit.meetings.services.meetings import meeting_schedule
from remit.meetings.services.meetings import meeting_update
from remit.meetings.services.meetings import next_meeting
from remit.meetings.services.packs import pack_build_run
from remit.meetings.services.packs import pack_enqueue
from remit.meetings.services.packs import pack_request
from remit.meetings.services.papers import appendix_add
from remit.meetings.services.papers import appendix_remove
from remit.meetings.services.papers import paper_create
from remit.meetings.services.papers import paper_publish
from remit.meetings.services.papers import paper_update
from remit.meetings.services.papers import paper_withdraw
from remit.meetings.services.subscriptions import subscription_cancel
from remit.meetings.services.subscriptions import subscription_confirm
from remit.meetings.services.subscriptions import subscription_request

__all__ = [
    "OutcomeInput",
    "agenda_publish",
    "appendix_add",
    "appendix_remove",
    "attendance_record",
    "decision_record",
    "declaration_record",
    "forward_plan_add",
    "forward_plan_place",
    "forward_plan_publish",
    "forward_plan_update",
    "forward_plan_withdraw",
    "item_add",
    "item_move",
    "item_update",
    "item_withdraw",
    "meeting_cancel",
    "meeting_mark_held",
    "meeting_publish_public",
    "meeting_schedule",
    "meeting_update",
    "minutes_approve",
    "minutes_draft",
    "next_meeting",
    "pack_build_run",
    "pack_enqueue",
    "pack_request",
    "paper_create",
    "paper_publish",
    "paper_update",
    "paper_withdraw",
    "quorum_for",
    "subscription_cancel",
    "subscription_confirm",
    "subscription_request",
    "substitutes_name",
]
