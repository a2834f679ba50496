"""A meeting's page: its agenda items with their papers, decisions and declarations, and
what its minutes record.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.db.models import QuerySet

from remit.core.models import Region
from remit.meetings import deadlines
from remit.meetings import permissions
from remit.meetings.models import AgendaItem
from remit.meetings.models import Appendix
from remit.meetings.models import Attendance
from remit.meetings.models import Decision
from remit.meetings.models import Declaration
from remit.meetings.models import Meeting
from remit.meetings.models import Minutes
from remit.meetings.models import PackBuild
from remit.meetings.models import Paper
from remit.meetings.models import Recommendation
from remit.meetings.rules import QuorumResult
from remit.meetings.selectors.attendance import AttendanceLine
from remit.meetings.selectors.attendance import attendance_lines
from remit.meetings.selectors.attendance import quorum_rule
from remit.meetings.selectors.papers import PAPER_KINDS
from remit.meetings.selectors.papers import held_paper
from remit.meetings.selectors.papers import reader_gets_paper


def meetings_visible_to(user: Any, region: Region) -> QuerySet[Meeting]:
    qs = Meeting.objects.for_region(region).select_related("board")
    if permissions.can_schedule_meeting(user):
        return qs
    return qs.filter(board_id__in=permissions.member_board_ids(user))


@dataclass
class ItemRow:
    number: int
    item: AgendaItem
    paper: Paper | None
    appendices: list[Appendix] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    declarations: list[Declaration] = field(default_factory=list)

    @property
    def current_decision(self) -> Decision | None:
        superseded = {d.supersedes_id for d in self.decisions if d.supersedes_id}
        current = [d for d in self.decisions if d.pk not in superseded]
        return current[-1] if current else None

    @property
    def paper_is_inherited(self) -> bool:
        return self.item.origin_id is not None

    @property
    def withdrawn(self) -> bool:
        return self.item.withdrawn

    @property
    def wants_paper(self) -> bool:
        """An open report, decision or information item of its own still waiting for a paper."""
        item = self.item
        return (
            self.paper is None
            and item.kind in PAPER_KINDS
            and item.state == AgendaItem.State.OPEN
            and item.origin_id is None
        )


def _items(meeting: Meeting) -> list[AgendaItem]:
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related(
            "minutes_of",
            "rolled_from__meeting",
            "paper__author",
            "paper__contact_officer",
            "origin__paper",
            "origin__meeting",
            "proposal",
            "fund_round",
            "forward_plan_entry",
        )
        .order_by("position", "pk")
    )
    for item in items:
        item.meeting = meeting
    return items


def item_rows(meeting: Meeting, *, paper_filter: Any = None) -> list[ItemRow]:
    """The agenda with each item's paper, appendices, recommendations, decisions, declarations."""
    items = _items(meeting)
    rows = []
    for number, item in enumerate(items, start=1):
        try:
            paper = held_paper(item)
        except Paper.DoesNotExist:
            paper = None
        if paper is not None and not reader_gets_paper(item, paper, paper_filter):
            paper = None
        rows.append(ItemRow(number, item, paper))
    paper_ids = [r.paper.pk for r in rows if r.paper is not None]
    appendices: dict[int, list[Appendix]] = defaultdict(list)
    for a in Appendix.objects.filter(paper_id__in=paper_ids).order_by("position"):
        appendices[a.paper_id].append(a)
    recommendations: dict[int, list[Recommendation]] = defaultdict(list)
    for r in Recommendation.objects.filter(paper_id__in=paper_ids).order_by("position"):
        recommendations[r.paper_id].append(r)
    decisions: dict[int, list[Decision]] = defaultdict(list)
    for d in (
        Decision.objects.filter(item__meeting=meeting)
        .prefetch_related("outcomes__recommendation", "votes__person")
        .order_by("pk")
    ):
        decisions[d.item_id].append(d)
    declared: dict[int, list[Declaration]] = defaultdict(list)
    for decl in Declaration.objects.filter(meeting=meeting, item__isnull=False).select_related(
        "person"
    ):
        declared[decl.item_id or 0].append(decl)
    for row in rows:
        if row.paper is not None:
            row.appendices = appendices[row.paper.pk]
            row.recommendations = recommendations[row.paper.pk]
        row.decisions = decisions[row.item.pk]
        row.declarations = declared[row.item.pk]
    return rows


@dataclass
class MeetingPage:
    meeting: Meeting
    rows: list[ItemRow]
    deadline: deadlines.Deadline
    attendance: list[AttendanceLine]
    quorum: QuorumResult
    declarations: list[Declaration]
    minutes: Minutes | None
    pack: PackBuild | None
    next_meeting: Meeting | None
    late_papers: list[ItemRow]
    supplementary_papers: list[ItemRow] = field(default_factory=list)
    quorum_rule: str = ""

    @property
    def withdrawn(self) -> list[ItemRow]:
        return [r for r in self.rows if r.withdrawn]


def meeting_page(meeting: Meeting, *, paper_filter: Any = None) -> MeetingPage:
    rows = item_rows(meeting, paper_filter=paper_filter)
    attendance, quorum = attendance_lines(meeting)
    declarations = list(
        Declaration.objects.filter(meeting=meeting).select_related("person", "item")
    )
    minutes = (
        Minutes.objects.filter(meeting=meeting)
        .select_related("approved_at_item__meeting__board")
        .first()
    )
    pack = PackBuild.objects.filter(meeting=meeting, audience=PackBuild.Audience.MEMBERS).first()
    following = (
        Meeting.objects.filter(board=meeting.board, date__gt=meeting.date)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("date", "start_time")
        .first()
    )
    return MeetingPage(
        meeting=meeting,
        rows=rows,
        deadline=meeting.deadline(),
        attendance=attendance,
        quorum=quorum,
        declarations=declarations,
        minutes=minutes,
        pack=pack,
        next_meeting=following,
        late_papers=[r for r in rows if r.paper is not None and r.paper.late],
        supplementary_papers=[r for r in rows if r.paper is not None and r.paper.after_meeting],
        quorum_rule=quorum_rule(meeting.board),
    )


@dataclass
class MinutesRecord:
    """What printed minutes list; a heading with nothing under it is left out."""

    present: list[AttendanceLine]
    apologies: list[AttendanceLine]
    declarations: list[Declaration]
    decisions: list[ItemRow]
    withdrawn: list[ItemRow]


def minutes_record(page: MeetingPage, *, public: bool) -> MinutesRecord:
    def shown(item: AgendaItem | None) -> bool:
        return not (public and item is not None and item.private)

    return MinutesRecord(
        present=[a for a in page.attendance if a.status == Attendance.Status.PRESENT],
        apologies=[a for a in page.attendance if a.status == Attendance.Status.APOLOGIES],
        declarations=[d for d in page.declarations if shown(d.item)],
        decisions=[r for r in page.rows if r.current_decision is not None and shown(r.item)],
        withdrawn=[r for r in page.rows if r.withdrawn],
    )
