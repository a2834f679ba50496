"""Reads for meeting pages, papers, packs and the dashboard, each with its joins done once.

Every read of papers says who is reading: `papers_visible_to(user)`, or the
public selectors, which only ever return what has been published.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypedDict, cast, overload

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from remit.core.models import Board, Membership, Person, Region, Substitute
from remit.core.permissions import person_of
from remit.meetings import deadlines, permissions
from remit.meetings.documents import (
    AgendaLine,
    AppendixLine,
    PackContent,
    PaperDocument,
    PersonLine,
)
from remit.meetings.models import (
    AgendaItem,
    Appendix,
    Attendance,
    Decision,
    Declaration,
    Exemption,
    ForwardPlanEntry,
    Meeting,
    Minutes,
    PackBuild,
    Paper,
    PaperSection,
    Recommendation,
)
from remit.meetings.report import ReportContent, Section, layout_report
from remit.meetings.rules import (
    OnTimeRate,
    PaperTiming,
    QuorumResult,
    Seat,
    on_time_rates,
    quorum_check,
)
from remit.proposals import selectors as proposal_selectors
from remit.proposals.models import ForumDecision

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

PAPER_KINDS = (AgendaItem.Kind.REPORT, AgendaItem.Kind.DECISION, AgendaItem.Kind.INFORMATION)


def meetings_visible_to(user: Any, region: Region) -> QuerySet[Meeting]:
    qs = Meeting.objects.for_region(region).select_related("board")
    if permissions.can_schedule_meeting(user):
        return qs
    return qs.filter(board_id__in=permissions.member_board_ids(user))


def papers_visible_to(user: Any) -> QuerySet[Paper]:
    qs = Paper.objects.select_related("item__meeting__board")
    if permissions.can_write_paper(user):
        return qs
    public = Q(
        public_published_at__isnull=False,
        item__private=False,
        item__meeting__public_at__isnull=False,
    )
    members = Q(
        members_published_at__isnull=False,
        item__meeting__board_id__in=permissions.member_board_ids(user),
    )
    return qs.filter(public | members)


def public_papers() -> QuerySet[Paper]:
    return Paper.objects.public().filter(item__meeting__public_at__isnull=False)


def public_decisions(region: Region, on: date | None = None) -> QuerySet[Decision]:
    return (
        Decision.objects.filter(
            board__region=region,
            published_on__lte=on or timezone.localdate(),
            item__private=False,
            item__meeting__public_at__isnull=False,
        )
        .select_related("board", "item__meeting", "supersedes")
        .order_by("-published_on", "-pk")
    )


PublishedDecision = Decision | ForumDecision


@dataclass(frozen=True)
class DecidedBy:
    """Whose decisions the public list shows: a board's (`board`) or one person's (`person`)."""

    kind: str
    slug: str

    @classmethod
    def parse(cls, value: str) -> DecidedBy | None:
        """Read "board:slug" or "person:slug", the values the list's filter offers."""
        kind, _, slug = value.partition(":")
        return cls(kind, slug) if kind in {"board", "person"} and slug else None

    @property
    def value(self) -> str:
        return f"{self.kind}:{self.slug}"


class PublishedDecisions(Sequence[PublishedDecision]):
    """Boards' published decisions and the decisions people took alone, newest first, as one
    list for the decisions page and its feed.

    A board's decision is dated when it was published, a person's the day they decided. The
    first `n` in that order are among the newest `n` of each kind, so a slice reads the dates
    and keys of no more rows than it ends at, then fetches only its own rows: a page costs the
    same queries, and about the same time, however many decisions there are.
    """

    def __init__(self, boards: QuerySet[Decision], alone: QuerySet[ForumDecision]) -> None:
        self._boards = boards.prefetch_related("outcomes")
        self._alone = alone

    @cached_property
    def _count(self) -> int:
        return self._boards.count() + self._alone.count()

    def _keys(self, stop: int | None) -> list[tuple[bool, int]]:
        """Which decisions come first, up to `stop` (all of them when it is None)."""
        boards = (
            self._boards.prefetch_related(None)
            .order_by("-published_on", "-recorded_at", "-pk")
            .values_list("published_on", "recorded_at", "pk")
        )
        alone = (
            self._alone.prefetch_related(None)
            .order_by("-decided_on", "-recorded_at", "-pk")
            .values_list("decided_on", "recorded_at", "pk")
            .distinct()
        )
        if stop is not None:
            boards, alone = boards[:stop], alone[:stop]
        rows: list[tuple[date, datetime, bool, int]] = [
            (day, at, False, pk) for day, at, pk in boards
        ]
        rows += [(day, at, True, pk) for day, at, pk in alone]
        rows.sort(reverse=True)
        return [(is_alone, pk) for _, _, is_alone, pk in rows[:stop]]

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> PublishedDecision: ...

    @overload
    def __getitem__(self, index: slice) -> list[PublishedDecision]: ...

    def __getitem__(self, index: int | slice) -> PublishedDecision | list[PublishedDecision]:
        if isinstance(index, int):
            found = (
                self[index : index + 1] if index >= 0 else self._fetch([self._keys(None)[index]])
            )
            if not found:
                raise IndexError(index)
            return found[0]
        from_top = index.step is None and (index.start or 0) >= 0 and (index.stop or 0) >= 0
        return self._fetch(self._keys(index.stop if from_top else None)[index])

    def _fetch(self, keys: list[tuple[bool, int]]) -> list[PublishedDecision]:
        boards = self._boards.in_bulk([pk for alone, pk in keys if not alone])
        alone = self._alone.in_bulk([pk for is_alone, pk in keys if is_alone])
        return [alone[pk] if is_alone else boards[pk] for is_alone, pk in keys]


def published_decisions(region: Region, decided_by: DecidedBy | None = None) -> PublishedDecisions:
    """Every published decision in the region, or those of one board or one person."""
    boards = public_decisions(region)
    alone = proposal_selectors.published_decisions_taken_alone(region)
    if decided_by is not None and decided_by.kind == "board":
        boards, alone = boards.filter(board__slug=decided_by.slug), alone.none()
    elif decided_by is not None:
        boards, alone = boards.none(), alone.filter(decision_maker__slug=decided_by.slug)
    return PublishedDecisions(boards, alone)


def people_deciding_alone(region: Region) -> QuerySet[Person]:
    """Those whose decisions taken alone are published, to filter the decisions list by."""
    decided = proposal_selectors.published_decisions_taken_alone(region).values("decision_maker")
    return Person.objects.filter(pk__in=decided).order_by("name", "pk")


@dataclass(frozen=True)
class DecisionRow:
    """A line of the public decisions list, the same for a board's decision and a person's."""

    reference: str
    url: str
    title: str
    decided_by: str
    day: date
    corrects: str


def decision_row(item: PublishedDecision) -> DecisionRow:
    if isinstance(item, ForumDecision):
        effects = item.published_effects  # type: ignore[attr-defined]
        subjects = ", ".join(f"“{e.proposal.title}”" for e in effects)
        return DecisionRow(
            reference="",
            url=reverse("published_proposals:detail", args=[effects[0].proposal_id])
            + f"#decision-{item.pk}",
            title=f"{subjects}: {item.get_outcome_display().lower()}",
            decided_by=item.decider_label,
            day=item.decided_on,
            corrects="an earlier record" if item.supersedes_id else "",
        )
    return DecisionRow(
        reference=item.reference,
        url=reverse("meetings_public:decision", args=[item.pk]),
        title=item.item.title,
        decided_by=item.board.name,
        day=item.published_on,
        corrects=item.supersedes.reference if item.supersedes else "",
    )


def _person(person: Person | None) -> PersonLine | None:
    if person is None:
        return None
    organisation = (
        person.organisation.name if person.organisation_id and person.organisation else ""
    )
    return PersonLine(person.name, person.job_title, organisation, person.email)


def _exemption(item: AgendaItem) -> str:
    return Exemption(item.exemption).label if item.private and item.exemption else ""


def paper_document(
    paper: Paper,
    *,
    item: AgendaItem,
    number: int | None,
    recommendations: Iterable[Recommendation],
    sections: Iterable[tuple[str, str]],
    appendices: Iterable[Appendix],
) -> PaperDocument:
    """Lay a paper out as its readers see it; the caller has already fetched its parts."""
    meeting = item.meeting
    laid_out: tuple[Section, ...] = tuple(
        layout_report(
            ReportContent(
                purpose=paper.purpose,
                recommendations=[r.text for r in recommendations],
                sections=list(sections),
                financial=paper.financial_implications,
                legal=paper.legal_implications,
                equality=paper.equality_implications,
                board_name=f"The {meeting.board.name}",
            )
        )
    )
    published = paper.members_published_at
    return PaperDocument(
        id=paper.pk,
        title=paper.title,
        board_name=meeting.board.name,
        meeting_name=meeting.name,
        meeting_date=meeting.date,
        meeting_time=meeting.start_time,
        location=meeting.location or "Online",
        item_number=number,
        status=paper.status,
        private=item.private,
        exemption_label=_exemption(item),
        late=paper.late,
        urgency_reason=paper.urgency_reason,
        presented_by=paper.presented_by,
        author=_person(paper.author),
        contact=_person(paper.contact_officer),
        sections=laid_out,
        appendices=tuple(
            AppendixLine(a.pk, a.letter, a.title, a.kind, a.sha256, a.file.name, a.pages)
            for a in appendices
        ),
        withdrawn_reason=paper.withdrawn_reason,
        published_on=timezone.localdate(published) if published else None,
        after_meeting=paper.after_meeting,
    )


def _paper_queryset() -> QuerySet[Paper]:
    return Paper.objects.select_related(
        "item__meeting__board", "author__organisation", "contact_officer__organisation"
    ).prefetch_related(
        Prefetch("recommendations", queryset=Recommendation.objects.order_by("position")),
        "sections",
        Prefetch("appendices", queryset=Appendix.objects.order_by("position")),
    )


def document_for(paper: Paper, number: int | None = None) -> PaperDocument:
    paper = _paper_queryset().get(pk=paper.pk)
    if number is None:
        number = item_number(paper.item)
    return paper_document(
        paper,
        item=paper.item,
        number=number,
        recommendations=paper.recommendations.all(),
        sections=[(s.heading, s.body) for s in paper.sections.all()],
        appendices=paper.appendices.all(),
    )


def item_number(item: AgendaItem) -> int:
    ordered = list(
        AgendaItem.objects.filter(meeting_id=item.meeting_id)
        .order_by("position", "pk")
        .values_list("pk", flat=True)
    )
    return ordered.index(item.pk) + 1


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


def _held_paper(item: AgendaItem) -> Paper | None:
    holder = item.origin if item.origin_id else item
    return getattr(holder, "paper", None) if holder is not None else None


def reader_gets_paper(item: AgendaItem, paper: Paper, paper_filter: Any) -> bool:
    """Whether a reader (members, the public, a pack) is given an item's paper.

    The one rule for every page and pack: a withdrawn item is shown as withdrawn,
    with its reason, and carries no paper, even one it inherited from an earlier
    meeting; otherwise the reader's own filter decides. Officers (no filter) keep
    every paper on the record.
    """
    if paper_filter is None:
        return True
    return not item.withdrawn and bool(paper_filter(paper))


def item_rows(meeting: Meeting, *, paper_filter: Any = None) -> list[ItemRow]:
    """The agenda with each item's paper, appendices, recommendations, decisions, declarations."""
    items = _items(meeting)
    rows = []
    for number, item in enumerate(items, start=1):
        try:
            paper = _held_paper(item)
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
class AttendanceLine:
    person: Person
    role: str
    role_label: str
    organisation: str
    status: str | None
    status_label: str
    in_place_of: Person | None = None

    @property
    def name(self) -> str:
        """How minutes name an attendee: "Cllr A (substitute for Cllr B)"."""
        if self.in_place_of is None:
            return self.person.name
        return f"{self.person.name} (substitute for {self.in_place_of.name})"


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


def attendance_lines(meeting: Meeting) -> tuple[list[AttendanceLine], QuorumResult]:
    """Members on the day with their attendance, each followed by anyone who stood in for
    them, and whether enough voting members came under the board's rules."""
    memberships = list(
        Membership.objects.current(on=meeting.date)
        .filter(board=meeting.board)
        .select_related("person", "organisation")
        .order_by("role", "person__name")
    )
    recorded = {
        a.person_id: a for a in Attendance.objects.filter(meeting=meeting, in_place_of__isnull=True)
    }
    stood_in: dict[int, Attendance] = {
        a.in_place_of_id: a
        for a in Attendance.objects.filter(meeting=meeting, in_place_of__isnull=False)
        .select_related("person")
        .order_by("pk")
        if a.in_place_of_id is not None
    }
    role_order = {r: i for i, r in enumerate(Membership.Role.values)}
    memberships.sort(key=lambda m: (role_order.get(m.role, 99), m.person.name))
    lines, seen = [], set()
    for m in memberships:
        if m.person_id in seen:
            continue
        seen.add(m.person_id)
        a = recorded.get(m.person_id)
        lines.append(
            AttendanceLine(
                m.person,
                m.role,
                m.get_role_display(),
                m.represents,
                a.status if a else None,
                a.get_status_display() if a else "Not recorded",
            )
        )
        sub = stood_in.get(m.person_id)
        if sub is not None:
            lines.append(
                AttendanceLine(
                    sub.person,
                    "substitute",
                    "Substitute",
                    m.represents,
                    sub.status,
                    sub.get_status_display(),
                    in_place_of=m.person,
                )
            )
    present = {pid for pid, a in recorded.items() if a.status == Attendance.Status.PRESENT}
    seats = [Seat(m.person_id, m.role) for m in memberships]
    return lines, quorum_check(
        seats,
        present,
        meeting.board.quorum,
        substituted=set(stood_in),
        substitutes_count=meeting.board.substitutes_counted,
    )


def quorum_rule(board: Board) -> str:
    """The board's quorum as its standing orders would say it."""
    quorum = f"{board.quorum} voting member{'' if board.quorum == 1 else 's'}"
    if not board.substitutes_allowed:
        return f"Quorum is {quorum}. The board does not allow substitutes."
    if board.substitutes_count_towards_quorum:
        return (
            f"Quorum is {quorum}. A named substitute counts towards quorum in place of the "
            "member they attend for."
        )
    return f"Quorum is {quorum}. Substitutes may attend but do not count towards quorum."


def named_substitutes(meeting: Meeting) -> dict[int, list[Person]]:
    """For each member on the day, the people named to attend in their place."""
    named: dict[int, list[Person]] = defaultdict(list)
    if not meeting.board.substitutes_allowed:
        return named
    for s in (
        Substitute.objects.filter(
            membership__in=Membership.objects.current(on=meeting.date).filter(board=meeting.board)
        )
        .select_related("membership", "person")
        .order_by("person__name")
    ):
        if s.person not in named[s.membership.person_id]:
            named[s.membership.person_id].append(s.person)
    return named


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


def members_pack_paper(paper: Paper) -> bool:
    return paper.status in (Paper.Status.MEMBERS, Paper.Status.PUBLIC)


def public_pack_paper(paper: Paper) -> bool:
    return paper.status == Paper.Status.PUBLIC and not paper.item.private


def pack_content(meeting: Meeting, audience: str) -> PackContent:
    """What goes in a pack: members see every paper sent to them, the public only public ones."""
    public = audience == PackBuild.Audience.PUBLIC
    keep = public_pack_paper if public else members_pack_paper
    rows = item_rows(meeting, paper_filter=keep)
    paper_ids = [r.paper.pk for r in rows if r.paper is not None]
    sections: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for s in PaperSection.objects.filter(paper_id__in=paper_ids).order_by("position", "pk"):
        sections[s.paper_id].append((s.heading, s.body))
    people = {
        p.pk: p
        for p in Person.objects.filter(
            Q(papers_written__in=paper_ids) | Q(papers_contact__in=paper_ids)
        ).select_related("organisation")
    }
    lines = []
    for row in rows:
        item = row.item
        document = None
        if row.paper is not None:
            paper = row.paper
            paper.author = people.get(paper.author_id) if paper.author_id else None
            paper.contact_officer = (
                people.get(paper.contact_officer_id) if paper.contact_officer_id else None
            )
            document = paper_document(
                paper,
                item=item,
                number=row.number,
                recommendations=row.recommendations,
                sections=sections[paper.pk],
                appendices=row.appendices,
            )
        note = ""
        if item.withdrawn:
            note = f"Withdrawn: {item.withdrawn_reason}" if item.withdrawn_reason else "Withdrawn."
        elif item.private:
            note = "To be taken in private."
        elif item.kind == AgendaItem.Kind.MINUTES and item.minutes_of is not None:
            note = "Minutes to follow the meeting's approval." if public else ""
        if item.rolled_from_id and item.rolled_from is not None:
            note = (note + f" Carried forward from {item.rolled_from.meeting}.").strip()
        lines.append(
            AgendaLine(
                number=row.number,
                title=item.title,
                kind=item.kind,
                kind_label=item.get_kind_display(),
                presenter=item.presenter,
                private=item.private,
                exemption_label=_exemption(item),
                paper=document,
                note=note,
                withdrawn=item.withdrawn,
            )
        )
    return PackContent(
        meeting_id=meeting.pk,
        audience=audience,
        board_name=meeting.board.name,
        meeting_name=meeting.name,
        meeting_date=meeting.date,
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        location=meeting.location,
        online_link=meeting.online_link,
        agenda=tuple(lines),
    )


@dataclass
class ComplianceLine:
    meeting: Meeting
    deadline: deadlines.Deadline
    clear_days_left: int
    days_to_deadline: int
    missing: list[str]
    late: int


def compliance(region: Region, today: date) -> tuple[list[ComplianceLine], list[OnTimeRate]]:
    """Upcoming meetings with papers still to come, and each board's on-time record by quarter."""
    upcoming = list(
        Meeting.objects.for_region(region)
        .upcoming(today)
        .select_related("board")
        .prefetch_related(
            Prefetch(
                "items",
                queryset=AgendaItem.objects.filter(kind__in=PAPER_KINDS)
                .exclude(state=AgendaItem.State.WITHDRAWN)
                .select_related("paper", "origin__paper")
                .order_by("position", "pk"),
            )
        )
    )
    lines = []
    for meeting in upcoming:
        missing, late = [], 0
        for item in meeting.items.all():
            try:
                paper = _held_paper(item)
            except Paper.DoesNotExist:
                paper = None
            if paper is None or paper.members_published_at is None:
                missing.append(item.title)
            elif paper.late or paper.after_meeting:
                late += 1
        deadline = meeting.deadline()
        lines.append(
            ComplianceLine(
                meeting=meeting,
                deadline=deadline,
                clear_days_left=deadlines.clear_days(today, meeting.date),
                days_to_deadline=(deadline.effective - today).days,
                missing=missing,
                late=late,
            )
        )
    timings = [
        PaperTiming(board, day, late or after_meeting)
        for board, day, late, after_meeting in Paper.objects.filter(
            item__meeting__board__region=region, members_published_at__isnull=False
        ).values_list("item__meeting__board__name", "item__meeting__date", "late", "after_meeting")
    ]
    return lines, on_time_rates(timings)


def forward_plan(region: Region, *, public: bool) -> QuerySet[ForwardPlanEntry]:
    qs = ForwardPlanEntry.objects.filter(board__region=region).select_related(
        "board", "contact", "item__meeting"
    )
    if public:
        qs = qs.filter(published_at__isnull=False).exclude(status=ForwardPlanEntry.Status.WITHDRAWN)
    return qs.order_by("expected_date", "pk")


def public_boards(region: Region) -> QuerySet[Board]:
    return region.boards.filter(meetings__isnull=False).distinct().order_by("name")


def standing_forum_decision(decision: Decision | None) -> ForumDecision | None:
    """The forum decision a meeting decision stands for: its own, or the one it corrects.

    A correction that leaves the proposal's outcome as it was records no new forum
    decision, so the one taken with an earlier decision in the chain still stands.
    """
    while decision is not None:
        # Append-only records share an untyped queryset, so name the row type here.
        found: ForumDecision | None = (
            ForumDecision.objects.filter(meeting_decision=decision)
            .select_related("board", "meeting_decision", "routing__proposal")
            .first()
        )
        if found is not None:
            return found
        decision = decision.supersedes
    return None


# What waits for someone, for "Your work" (remit.work): each a fixed number of queries.


def papers_due(region: Region, today: date) -> list[tuple[AgendaItem, Paper | None]]:
    """Items of upcoming meetings whose paper has not gone to members yet, and the draft if any."""
    items = (
        AgendaItem.objects.filter(
            meeting__board__region=region, meeting__date__gte=today, kind__in=PAPER_KINDS
        )
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .exclude(state=AgendaItem.State.WITHDRAWN)
        .select_related("meeting__board", "paper", "origin__paper")
        .order_by("meeting__date", "meeting__start_time", "position", "pk")
    )
    due = []
    for item in items:
        paper = _held_paper(item)
        if paper is None or (
            paper.members_published_at is None and paper.status != Paper.Status.WITHDRAWN
        ):
            due.append((item, paper))
    return due


class WriteUpState(TypedDict):
    """What `meetings_to_write_up` adds to each meeting."""

    open_items: int
    has_minutes: bool


class GoneOut(TypedDict):
    """What `next_meetings_for` adds to each meeting."""

    papers_out: int
    pack_ready: bool
    declared: bool


def meetings_to_write_up(
    region: Region, today: date
) -> QuerySet[WithAnnotations[Meeting, WriteUpState]]:
    """Meetings held before today with items still undecided or no minutes yet.

    Each carries ``open_items`` (items that take a decision and have none) and
    ``has_minutes``.
    """
    from django.db.models import Count, Exists, OuterRef

    # MeetingQuerySet is not generic, so its annotate() cannot carry the added fields' types.
    return cast(
        "QuerySet[WithAnnotations[Meeting, WriteUpState]]",
        Meeting.objects.for_region(region)
        .filter(date__lt=today)
        .exclude(status__in=[Meeting.Status.CANCELLED, Meeting.Status.MINUTES_APPROVED])
        .annotate(
            open_items=Count(
                "items",
                filter=Q(items__state=AgendaItem.State.OPEN)
                & ~Q(items__kind__in=AgendaItem.STANDARD),
            ),
            has_minutes=Exists(Minutes.objects.filter(meeting=OuterRef("pk"))),
        )
        .filter(Q(open_items__gt=0) | Q(has_minutes=False))
        .select_related("board")
        .order_by("date", "start_time", "pk"),
    )


def forward_plan_unpublished(region: Region) -> QuerySet[ForwardPlanEntry]:
    """Key decisions planned but not yet on the published forward plan."""
    return (
        ForwardPlanEntry.objects.filter(
            board__region=region,
            published_at__isnull=True,
            status__in=[ForwardPlanEntry.Status.PLANNED, ForwardPlanEntry.Status.ON_AGENDA],
        )
        .select_related("board")
        .order_by("expected_date", "pk")
    )


def next_meeting_dates(board_ids: Iterable[int], today: date) -> dict[int, date]:
    """Each board's next meeting day (from today), for the boards that have one."""
    from django.db.models import Min

    return dict(
        Meeting.objects.filter(board_id__in=list(board_ids))
        .upcoming(today)
        .order_by()
        .values("board_id")
        .annotate(next=Min("date"))
        .values_list("board_id", "next")
    )


def next_meetings_for(
    user: Any, region: Region, today: date, limit: int
) -> list[WithAnnotations[Meeting, GoneOut]]:
    """The next meetings of the boards the user sits on, with what has gone out for them.

    Each carries ``papers_out`` (papers published to members), ``pack_ready`` (a members'
    pack has been built) and ``declared`` (the user has declared an interest at it).
    """
    from django.db.models import Count, Exists, OuterRef

    boards = permissions.member_board_ids(user)
    person_id = person_of(user)
    if person_id is None:
        return []  # only a person sits on a board
    # MeetingQuerySet is not generic, so its annotate() cannot carry the added fields' types.
    meetings = cast(
        "QuerySet[WithAnnotations[Meeting, GoneOut]]",
        Meeting.objects.for_region(region)
        .upcoming(today)
        .filter(board_id__in=boards)
        .annotate(
            papers_out=Count(
                "items__paper", filter=Q(items__paper__members_published_at__isnull=False)
            ),
            pack_ready=Exists(
                PackBuild.objects.filter(
                    meeting=OuterRef("pk"),
                    audience=PackBuild.Audience.MEMBERS,
                    status=PackBuild.Status.DONE,
                )
            ),
            declared=Exists(
                Declaration.objects.filter(meeting=OuterRef("pk"), person_id=person_id)
            ),
        )
        .select_related("board")
        .order_by("date", "start_time", "pk"),
    )
    return list(meetings[:limit])


def minutes_to_approve_for(user: Any, region: Region, today: date) -> QuerySet[AgendaItem]:
    """Items at upcoming meetings of the user's boards that approve an earlier meeting's minutes."""
    return (
        AgendaItem.objects.filter(
            kind=AgendaItem.Kind.MINUTES,
            state=AgendaItem.State.OPEN,
            meeting__board__region=region,
            meeting__board_id__in=permissions.member_board_ids(user),
            meeting__date__gte=today,
        )
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related("meeting__board", "minutes_of__board")
        .order_by("meeting__date", "pk")
    )


def decisions_since(user: Any, region: Region, since: Any) -> QuerySet[Decision]:
    """Decisions of the user's boards recorded after ``since``, newest first."""
    return (
        Decision.objects.filter(
            board__region=region,
            board_id__in=permissions.member_board_ids(user),
            recorded_at__gt=since,
        )
        .select_related("board", "item__meeting")
        .order_by("-recorded_at", "-pk")
    )


# --- the public home and board pages ------------------------------------------------------


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
            paper = _held_paper(item)
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
