"""The public home and board pages: the next meetings with their public papers, and
a board's latest meetings and decisions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field
from datetime import date

from django.db.models import QuerySet

from remit.core.models import Board
from remit.core.models import Region
from remit.meetings.models import AgendaItem
from remit.meetings.models import Decision
from remit.meetings.models import Meeting
from remit.meetings.models import Paper
from remit.meetings.selectors.decisions import public_decisions
from remit.meetings.selectors.papers import held_paper
from remit.meetings.selectors.papers import public_pack_paper
from remit.meetings.selectors.papers import public_papers


def public_boards(region: Region) -> QuerySet[Board]:
    return region.boards.filter(meetings__isnull=False).distinct().order_by("name")


@dataclass
class PublicMeeting:
    """A meeting as the public sees it, with the papers published to the public for it."""

    meeting: Meeting
    papers: list[Paper] = field(default_factory=list)


def _with_public_papers(meetings: list[Meeting]) -> list[PublicMeeting]:
    """Each meeting with its public papers in agenda order, from one query for them all.

    A paper carried forward with its item shows at each meeting that takes it; a meeting whose
    agenda is not yet public shows none.
    """
    shown = [m.pk for m in meetings if m.public_at is not None]
    papers: dict[int, list[Paper]] = defaultdict(list)
    items = (
        AgendaItem.objects.filter(meeting_id__in=shown, private=False)
        .select_related("paper", "origin__paper")
        .order_by("position", "pk")
    )
    for item in items:
        try:
            paper = held_paper(item)
        except Paper.DoesNotExist:
            paper = None
        if paper is not None and public_pack_paper(paper):
            papers[item.meeting_id].append(paper)
    return [PublicMeeting(m, papers[m.pk]) for m in meetings]


def public_next_meetings(region: Region, today: date, limit: int) -> list[PublicMeeting]:
    """The next meetings of any board, soonest first, each with its public papers."""
    meetings = list(
        Meeting.objects.for_region(region)
        .upcoming(today)
        .select_related("board")
        .order_by("date", "start_time", "pk")[:limit]
    )
    return _with_public_papers(meetings)


def public_recent_papers(region: Region, limit: int) -> QuerySet[Paper]:
    """Papers most recently published to the public, newest first (withdrawn ones left out)."""
    return (
        public_papers()
        .filter(item__meeting__board__region=region, status=Paper.Status.PUBLIC)
        .select_related("item__meeting__board")
        .order_by("-public_published_at", "-pk")[:limit]
    )


@dataclass
class BoardMeetings:
    upcoming: list[PublicMeeting]
    past: list[Meeting]
    decisions: list[Decision]


def public_board_meetings(region: Region, board: Board, today: date, limit: int) -> BoardMeetings:
    """A board's next meetings (with their public papers), its latest meetings held and its
    latest published decisions, at most ``limit`` of each."""
    meetings = Meeting.objects.filter(board=board).select_related("board")
    upcoming = list(meetings.filter(date__gte=today).order_by("date", "start_time", "pk")[:limit])
    past = list(meetings.filter(date__lt=today).order_by("-date", "-start_time", "-pk")[:limit])
    decisions = list(public_decisions(region, today).filter(board=board)[:limit])
    return BoardMeetings(_with_public_papers(upcoming), past, decisions)
