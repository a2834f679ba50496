"""Every write to meetings: one function per use case, checked, attributed and in a transaction."""

from remit.meetings.services.agenda import item_add, item_move, item_update, item_withdraw
from remit.meetings.services.attendance import attendance_record, quorum_for, substitutes_name
from remit.meetings.services.decisions import (
    OutcomeInput,
    decision_record,
    declaration_record,
    minutes_approve,
    minutes_draft,
)
from remit.meetings.services.forward_plan import (
    forward_plan_add,
    forward_plan_place,
    forward_plan_publish,
    forward_plan_update,
    forward_plan_withdraw,
)
from remit.meetings.services.meetings import (
    agenda_publish,
    meeting_cancel,
    meeting_mark_held,
    meeting_publish_public,
    meeting_schedule,
    meeting_update,
    next_meeting,
)
from remit.meetings.services.packs import pack_build_run, pack_enqueue, pack_request
from remit.meetings.services.papers import (
    appendix_add,
    appendix_remove,
    paper_create,
    paper_publish,
    paper_update,
    paper_withdraw,
)
from remit.meetings.services.subscriptions import (
    subscription_cancel,
    subscription_confirm,
    subscription_request,
)

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
