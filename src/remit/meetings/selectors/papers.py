"""Papers: who may read which, and each laid out as its readers see it.

Every read of papers says who is reading: `papers_visible_to(user)`, or the
public selectors, which only ever return what has been published.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet
from django.utils import timezone

from remit.core.models import Person
from remit.meetings import permissions
from remit.meetings.documents import AppendixLine
from remit.meetings.documents import PaperDocument
from remit.meetings.documents import PersonLine
from remit.meetings.models import AgendaItem
from remit.meetings.models import Appendix
from remit.meetings.models import Exemption
from remit.meetings.models import Paper
from remit.meetings.models import Recommendation
from remit.meetings.report import ReportContent
from remit.meetings.report import Section
from remit.meetings.report import layout_report

PAPER_KINDS = (AgendaItem.Kind.REPORT, AgendaItem.Kind.DECISION, AgendaItem.Kind.INFORMATION)


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


def _person(person: Person | None) -> PersonLine | None:
    if person is None:
        return None
    organisation = (
        person.organisation.name if person.organisation_id and person.organisation else ""
    )
    return PersonLine(person.name, person.job_title, organisation, person.email)


def exemption(item: AgendaItem) -> str:
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
        exemption_label=exemption(item),
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


def held_paper(item: AgendaItem) -> Paper | None:
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


def members_pack_paper(paper: Paper) -> bool:
    return paper.status in (Paper.Status.MEMBERS, Paper.Status.PUBLIC)


def public_pack_paper(paper: Paper) -> bool:
    return paper.status == Paper.Status.PUBLIC and not paper.item.private
