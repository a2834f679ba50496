"""What goes in a meeting's pack, for members or the public."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q

from remit.core.models import Person
from remit.meetings.documents import AgendaLine
from remit.meetings.documents import PackContent
from remit.meetings.models import AgendaItem
from remit.meetings.models import Meeting
from remit.meetings.models import PackBuild
from remit.meetings.models import PaperSection
from remit.meetings.selectors.agenda import item_rows
from remit.meetings.selectors.papers import exemption
from remit.meetings.selectors.papers import members_pack_paper
from remit.meetings.selectors.papers import paper_document
from remit.meetings.selectors.papers import public_pack_paper


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
                exemption_label=exemption(item),
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
