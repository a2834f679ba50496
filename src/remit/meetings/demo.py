"""Demonstration meetings: the region's meetings story, walked through the services.

The story is data beside the region's pack (``regions/demo/<region>/meetings.yaml``, see
docs/region-packs.md). Everything goes through the services, dated in the past, so the history
reads as it would have. Loading is idempotent: a series whose first meeting exists is left alone.
A region with no story, or without the boards and people its story requires, is left untouched,
and a series waiting on a proposal is held only while that proposal waits for its board.
"""

from __future__ import annotations

import io
import logging
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from remit.core.models import Board
from remit.core.models import Membership
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User
from remit.meetings import services
from remit.meetings.models import AgendaItem
from remit.meetings.models import Meeting
from remit.meetings.models import Paper
from remit.meetings.services import OutcomeInput
from remit.proposals import selectors as proposal_selectors
from remit.proposals.models import Proposal
from remit.regions.story import read_story

logger = logging.getLogger(__name__)

DEMO_OFFICER = "officer"
START, END = time(10), time(12)
Spec = dict[str, Any]


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _day(spec: Spec) -> date:
    return date.fromisoformat(spec["date"])


def _title(item: Spec) -> str:
    return str(item["paper"]["title"] if "paper" in item else item["title"])


class Loader:
    """Walks a story's meetings through the services, as the secretariat would have at the time."""

    def __init__(self, region: Region, officer: User) -> None:
        self.region = region
        self.by = officer
        self.people = {p.slug: p for p in region.people.all()}

    def paper(self, item: AgendaItem, spec: Spec, meeting: Meeting) -> Paper:
        author = self.people.get(spec["author"])
        paper = services.paper_create(
            by=self.by,
            item=item,
            data={
                "title": spec["title"],
                "purpose": spec["purpose"],
                "financial_implications": spec["financial"],
                "legal_implications": spec["legal"],
                "equality_implications": spec["equality"],
                "author": author,
                "contact_officer": author,
                "presented_by": spec.get("presented_by", ""),
            },
            recommendations=spec["recommendations"],
            sections=[(s["heading"], s["body"]) for s in spec.get("sections", [])],
        )
        for appendix in spec.get("appendices", []):
            upload = _appendix(appendix, meeting)
            services.appendix_add(by=self.by, paper=paper, upload=upload, title=appendix["title"])
        return paper

    def _item(self, meeting: Meeting, spec: Spec) -> AgendaItem:
        paper = spec.get("paper") or {}
        proposal = (
            Proposal.all_objects.filter(deal__region=self.region, title=spec["proposal"]).first()
            if "proposal" in spec
            else None
        )
        return services.item_add(
            by=self.by,
            meeting=meeting,
            data={
                "kind": spec["kind"],
                "title": _title(spec),
                "presenter": spec.get("presenter") or paper.get("presented_by", ""),
                "private": "exemption" in spec,
                "exemption": spec.get("exemption", ""),
                "exemption_reason": spec.get("exemption_reason", ""),
                "proposal": proposal,
            },
        )

    def build(self, board: Board, spec: Spec, location: str) -> Meeting:
        """Schedule one meeting, add its items and papers, and publish them (late ones late)."""
        (meeting,) = services.meeting_schedule(
            by=self.by,
            board=board,
            first_date=_day(spec),
            start_time=START,
            end_time=END,
            location=spec.get("location", location),
        )
        late = []
        for item_spec in spec["items"]:
            if "forward_plan" in item_spec:
                continue
            item = self._item(meeting, item_spec)
            if "paper" not in item_spec:
                continue
            if "late_reason" in item_spec:
                late.append((item, item_spec))
            else:
                self.paper(item, item_spec["paper"], meeting)
        on_time = meeting.deadline().effective - timedelta(days=1)
        services.agenda_publish(by=self.by, meeting=meeting, at=_at(on_time))
        services.meeting_publish_public(
            by=self.by, meeting=meeting, at=_at(on_time, 14), build_pack=False
        )
        for item, item_spec in late:
            paper = self.paper(item, item_spec["paper"], meeting)
            services.paper_publish(
                by=self.by,
                paper=paper,
                at=_at(_day(spec) - timedelta(days=2)),
                urgency_reason=item_spec["late_reason"],
            )
        return meeting

    def forward_plan(self, meeting: Meeting, spec: Spec) -> None:
        """A key decision is given notice in the forward plan, then placed on its meeting."""
        for item_spec in spec["items"]:
            notice = item_spec.get("forward_plan")
            if notice is None:
                continue
            entry = services.forward_plan_add(
                by=self.by,
                board=meeting.board,
                data={
                    "title": item_spec["title"],
                    "decision_maker": notice["decision_maker"],
                    "summary": notice["summary"],
                    "expected_date": meeting.date,
                    "contact": self.people.get(notice.get("contact", "")),
                },
            )
            published = _at(meeting.date - timedelta(days=notice["notice_days"]))
            services.forward_plan_publish(by=self.by, entry=entry, at=published)
            services.forward_plan_place(by=self.by, entry=entry, meeting=meeting)

    def hold(self, meeting: Meeting, spec: Spec) -> bool:
        members = Membership.objects.current(on=meeting.date).filter(board=meeting.board)
        substitutes = spec.get("substitutes", {})
        away = {*spec.get("absent", []), *substitutes}
        statuses = {
            m.person_id: "apologies" if m.person.slug in away else "present"
            for m in members.select_related("person")
        }
        stood_in = [
            (self.people[substitute].pk, self.people[member].pk)
            for member, substitute in substitutes.items()
            if member in self.people and substitute in self.people
        ]
        services.attendance_record(
            by=self.by, meeting=meeting, statuses=statuses, substitutes=stood_in or None
        )
        return services.meeting_mark_held(by=self.by, meeting=meeting).quorate

    def _declare(self, meeting: Meeting, item: AgendaItem, spec: Spec) -> None:
        for declaration in spec.get("declarations", []):
            person = self.people.get(declaration["person"])
            if person is not None:
                services.declaration_record(
                    by=self.by,
                    meeting=meeting,
                    person=person,
                    item=item,
                    kind=declaration["kind"],
                    description=declaration["description"],
                )

    def decide(self, meeting: Meeting, specs: dict[str, Spec]) -> None:
        """Decide every open item, including any rolled forward from an inquorate meeting."""
        for item in meeting.items.filter(state=AgendaItem.State.OPEN).order_by("position"):
            spec = specs.get(item.title)
            if spec is None or not item.takes_decision or item.kind == AgendaItem.Kind.MINUTES:
                continue
            self._declare(meeting, item, spec)
            paper = Paper.objects.filter(item=item.paper_holder).first()
            recs: list[Any] = list(paper.recommendations.all()) if paper else [None]
            outcomes = [
                OutcomeInput(rec.pk if rec else None, *_outcome(written))
                for rec, written in zip(recs, spec["outcomes"], strict=True)
            ]
            votes = spec.get("votes", {})
            services.decision_record(
                by=self.by,
                item=item,
                summary=spec["resolution"],
                outcomes=outcomes,
                votes={self.people[s].pk: v for s, v in votes.items() if s in self.people},
                published_on=meeting.date + timedelta(days=2),
            )

    def minute(self, meetings: list[Meeting], specs: list[Spec]) -> None:
        """Each meeting's minutes are drafted, then approved under the next meeting's item."""
        for meeting, spec in zip(meetings, specs, strict=True):
            services.minutes_draft(by=self.by, meeting=meeting, body=spec["minutes"])
        for meeting in meetings:
            meeting.refresh_from_db()
            if not meeting.quorate:
                continue
            open_minutes = meeting.items.filter(
                kind=AgendaItem.Kind.MINUTES, state=AgendaItem.State.OPEN
            ).order_by("position")
            for item in open_minutes:
                services.minutes_approve(by=self.by, item=item)

    def run(self, board: Board, series: Spec) -> list[Meeting]:
        specs = series["meetings"]
        meetings = [self.build(board, spec, series["location"]) for spec in specs]
        for meeting, spec in zip(meetings, specs, strict=True):
            self.forward_plan(meeting, spec)
        titles = {_title(item): item for spec in specs for item in spec["items"]}
        for meeting, spec in zip(meetings, specs, strict=True):
            if self.hold(meeting, spec):
                self.decide(meeting, titles)
        self.minute(meetings, specs)
        return meetings

    def upcoming(self, spec: Spec) -> None:
        """A meeting ahead of today with papers still to write, so the dashboard has work."""
        board = self.region.boards.filter(slug=spec["board"]).first()
        today = timezone.localdate()
        if board is None or Meeting.objects.filter(board=board, date__gte=today).exists():
            return
        (meeting,) = services.meeting_schedule(
            by=self.by,
            board=board,
            first_date=today + timedelta(days=spec["in_days"]),
            start_time=START,
            location=spec["location"],
        )
        for item in spec["items"]:
            data = {"kind": item["kind"], "title": item["title"]}
            services.item_add(by=self.by, meeting=meeting, data=data)


def _outcome(written: str | Spec) -> tuple[str, str]:
    """``noted`` → (noted, ""); ``{agreed_as_amended: wording}`` → the outcome and its wording."""
    if isinstance(written, str):
        return written, ""
    ((outcome, wording),) = written.items()
    return str(outcome), str(wording)


def _appendix(spec: Spec, meeting: Meeting) -> SimpleUploadedFile:
    stem = spec["title"].lower().replace(" ", "-")
    if spec["kind"] == "document":
        return SimpleUploadedFile(f"{stem}.docx", _document(spec))
    return SimpleUploadedFile(f"{stem}.pdf", _membership_pdf(meeting))


def _document(spec: Spec) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(spec["heading"], level=1)
    if "lead" in spec:
        document.add_paragraph(spec["lead"])
    for line in spec["bullets"]:
        document.add_paragraph(line, style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _membership_pdf(meeting: Meeting) -> bytes:
    from django.utils.html import escape

    from remit.meetings.rendering import render_pdf

    rows = "".join(
        f"<tr><td>{escape(m.person.name)}</td><td>{escape(m.represents)}</td>"
        f"<td>{escape(m.get_role_display())}</td></tr>"
        for m in Membership.objects.current(on=meeting.date)
        .filter(board=meeting.board)
        .select_related("person", "organisation")
        .order_by("organisation__name")
    )
    html = (
        f"<h1 class='paper-title'>{escape(meeting.board.name)}: membership</h1>"
        "<table class='converted-table'>"
        f"<tr><td>Member</td><td>Representing</td><td>Role</td></tr>{rows}</table>"
    )
    return bytes(render_pdf(html).write_pdf())


def _demo_officer() -> User:
    user = User.objects.filter(username=DEMO_OFFICER).first()
    if user is None:
        user = User(username=DEMO_OFFICER, role=Role.OFFICER, first_name="Olu", last_name="Officer")
        user.set_unusable_password()
        user.save()
    return user


def _has_what_it_requires(region: Region, story: Spec) -> bool:
    required = story.get("requires", {})
    boards = set(region.boards.values_list("slug", flat=True))
    people = set(region.people.values_list("slug", flat=True))
    missing = sorted(
        {*required.get("boards", [])} - boards | {*required.get("people", [])} - people
    )
    if missing:
        logger.info("No demo meetings for %s: it has no %s", region.slug, ", ".join(missing))
    return not missing


def _due(board: Board, series: Spec) -> bool:
    """A series is loaded once, and one waiting on a proposal only while the proposal waits."""
    first = _day(series["meetings"][0])
    if Meeting.objects.filter(board=board, date=first).exists():
        return False
    awaited = series.get("while_awaiting")
    return awaited is None or proposal_selectors.awaiting(board).filter(title=awaited).exists()


@transaction.atomic
def demo_load(region: Region, pack: Path | None = None) -> None:
    """Load the demonstration meetings of the region's story, if it has one: beside `pack`,
    the region's pack file, or else shipped."""
    story = read_story(region.slug, "meetings", pack)
    if story is None:
        logger.info("No demo meetings for %s: it has no meetings story", region.slug)
        return
    if not _has_what_it_requires(region, story):
        return
    loader = Loader(region, _demo_officer())
    boards = {b.slug: b for b in region.boards.all()}
    for series in story["series"]:
        board = boards.get(series["board"])
        if board is not None and _due(board, series):
            loader.run(board, series)
    for upcoming in story.get("upcoming", []):
        loader.upcoming(upcoming)
