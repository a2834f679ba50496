"""Reads for meeting pages, papers, packs and the dashboard, each with its joins done once.

Every read of papers says who is reading: `papers_visible_to(user)`, or the
public selectors, which only ever return what has been published.

One module per seam; everything is importable from here.
"""

from remit.meetings.selectors.agenda import (
    ItemRow,
    MeetingPage,
    MinutesRecord,
    item_rows,
    meeting_page,
    meetings_visible_to,
    minutes_record,
)
from remit.meetings.selectors.attendance import (
    AttendanceLine,
    attendance_lines,
    named_substitutes,
    quorum_rule,
)
from remit.meetings.selectors.decisions import (
    DecidedBy,
    DecisionRow,
    PublishedDecision,
    PublishedDecisions,
    decision_row,
    people_deciding_alone,
    public_decisions,
    published_decisions,
    standing_forum_decision,
)
from remit.meetings.selectors.for_work import (
    GoneOut,
    WriteUpState,
    decisions_since,
    forward_plan_unpublished,
    meetings_to_write_up,
    minutes_to_approve_for,
    next_meeting_dates,
    next_meetings_for,
    papers_due,
)
from remit.meetings.selectors.packs import (
    pack_content,
)
from remit.meetings.selectors.papers import (
    PAPER_KINDS,
    document_for,
    exemption,
    held_paper,
    item_number,
    members_pack_paper,
    paper_document,
    papers_visible_to,
    public_pack_paper,
    public_papers,
    reader_gets_paper,
)
from remit.meetings.selectors.planning import (
    ComplianceLine,
    compliance,
    forward_plan,
)
from remit.meetings.selectors.public import (
    BoardMeetings,
    PublicMeeting,
    public_board_meetings,
    public_boards,
    public_next_meetings,
    public_recent_papers,
)

__all__ = [
    "PAPER_KINDS",
    "AttendanceLine",
    "BoardMeetings",
    "ComplianceLine",
    "DecidedBy",
    "DecisionRow",
    "GoneOut",
    "ItemRow",
    "MeetingPage",
    "MinutesRecord",
    "PublicMeeting",
    "PublishedDecision",
    "PublishedDecisions",
    "WriteUpState",
    "attendance_lines",
    "compliance",
    "decision_row",
    "decisions_since",
    "document_for",
    "exemption",
    "forward_plan",
    "forward_plan_unpublished",
    "held_paper",
    "item_number",
    "item_rows",
    "meeting_page",
    "meetings_to_write_up",
    "meetings_visible_to",
    "members_pack_paper",
    "minutes_record",
    "minutes_to_approve_for",
    "named_substitutes",
    "next_meeting_dates",
    "next_meetings_for",
    "pack_content",
    "paper_document",
    "papers_due",
    "papers_visible_to",
    "people_deciding_alone",
    "public_board_meetings",
    "public_boards",
    "public_decisions",
    "public_next_meetings",
    "public_pack_paper",
    "public_papers",
    "public_recent_papers",
    "published_decisions",
    "quorum_rule",
    "reader_gets_paper",
    "standing_forum_decision",
]
