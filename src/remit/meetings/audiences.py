"""Who is told about meetings and their papers: board members who may open them, and the
officers who publish papers."""

from __future__ import annotations

from remit.core.models import User
from remit.meetings.models import Meeting
from remit.meetings.models import Paper
from remit.meetings.permissions import can_publish_paper
from remit.meetings.permissions import can_view_meeting
from remit.meetings.permissions import can_view_paper
from remit.notifications.audiences import board_members
from remit.notifications.audiences import officers


def paper_readers(paper: Paper) -> list[User]:
    """Members of the paper's board who may now read it."""
    return board_members(paper.item.meeting.board, lambda user: can_view_paper(user, paper))


def meeting_members(meeting: Meeting) -> list[User]:
    """Members of the meeting's board who may open it."""
    return board_members(meeting.board, lambda user: can_view_meeting(user, meeting))


def paper_publishers() -> list[User]:
    """The officers who publish papers, who are told when a meeting's papers are late."""
    return officers(can_publish_paper)
