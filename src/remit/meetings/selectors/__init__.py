"""Reads for meeting pages, papers, packs and the dashboard, each with its joins done once.

Every read of papers says who is reading: `papers_visible_to(user)`, or the
public selectors, which only ever return what has been published.

One module per seam; everything is importable from here.
"""

from remit.meetings.selectors.agenda import ItemRow
from remit.meetings.selectors.agenda import MeetingPage
from remit.meetings.selectors.agenda import MinutesRecord
from remit.meetings.selectors.agenda import item_rows
from remit.meetings.selectors.agenda import meeting_page
from remit.meetings.selectors.agenda import meetings_visible_to
from remit.meetings.selectors.agenda import minutes_record
from remit.meetings.selectors.attendance import AttendanceLine
from remit.meetings.selectors.attendance import attendance_lines
from remit.meetings.selectors.attendance import named_substitutes
from remit.meetings.selectors.attendance import quorum_rule
from remit.meetings.selectors.decisions import DecidedBy
from remit.meetings.selectors.decisions import DecisionRow
from remit.meetings.selectors.decisions import PublishedDecision
from remit.meetings.selectors.decisions import PublishedDecisions
from remit.meetings.selectors.decisions import decision_row
from remit.meetings.selectors.decisions import people_deciding_alone
from remit.meetings.selectors.decisions import public_decisions
from remit.meetings.selectors.decisions import published_decisions
from remit.meetings.selectors.decisions import standing_forum_decision
from remit.meetings.selectors.for_work import GoneOut
from remit.meetings.selectors.for_work import WriteUpState
from remit.meetings.selectors.for_work import decisions_since
from remit.meetings.selectors.for_work import forward_plan_unpublished
from remit.meetings.selectors.for_work import meetings_to_write_up
from remit.meetings.selectors.for_work import minutes_to_approve_for
from remit.meetings.selectors.for_work import next_meeting_dates
from remit.meetings.selectors.for_work import next_meetings_for
from remit.meetings.selectors.for_work import papers_due
from remit.meetings.selectors.packs import pack_content
from remit.meetings.selectors.papers import PAPER_KINDS
from remit.meetings.selectors.papers import document_for
from remit.meetings.selectors.papers import exemption
from remit.meetings.selectors.papers import held_paper
from remit.meetings.selectors.papers import item_number
from remit.meetings.selectors.papers import members_pack_paper
from remit.meetings.selectors.papers import paper_document
from remit.meetings.selectors.papers import papers_visible_to
from remit.meetings.selectors.papers import public_pack_paper
from remit.meetings.selectors.papers import public_papers
from remit.meetings.selectors.papers import reader_gets_paper
from remit.meetings.selectors.planning import ComplianceLine
from remit.meetings.selectors.planning import compliance
from remit.meetings.selectors.planning import forward_plan
from remit.meetings.selectors.public import BoardMeetings
from remit.meetings.selectors.public import PublicMeeting
from remit.meetings.selectors.public import public_board_meetings
from remit.meetings.selectors.public import public_boards
from remit.meetings.selectors.public import public_next_meetings
from remit.meetings.selectors.public import public_recent_papers

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
