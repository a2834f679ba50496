"""Helpers for the meetings tests: the clock, small PDF and Word files, holding a meeting, and a
paper on an item about a proposal."""

from __future__ import annotations

import io
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from remit.core.models import Person
from remit.core.models import User
from remit.meetings import services
from remit.meetings.models import Meeting
from remit.meetings.models import Paper
from remit.proposals.models import Proposal

PROPOSAL_RECOMMENDATIONS = ["Endorse the proposal.", "Note the timetable."]


def at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def pdf_bytes(pages: int = 2) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(heading: str = "Delivery plan", rows: int = 2) -> bytes:
    from docx import Document

    document = Document()
    document.add_heading(heading, level=1)
    document.add_paragraph("Partners agreed the plan in September.")
    document.add_paragraph("First point", style="List Bullet")
    table = document.add_table(rows=rows, cols=2)
    table.cell(0, 0).text = "Area"
    table.cell(0, 1).text = "Allocation"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_with_links(links: list[tuple[str, str]]) -> bytes:
    """A Word document with one paragraph per (text, address) hyperlink."""
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.shared import OxmlElement
    from docx.oxml.shared import qn

    document = Document()
    document.add_heading("Links", level=1)
    for text, address in links:
        paragraph = document.add_paragraph()
        link = OxmlElement("w:hyperlink")
        link.set(
            qn("r:id"),
            paragraph.part.relate_to(address, RELATIONSHIP_TYPE.HYPERLINK, is_external=True),
        )
        run = OxmlElement("w:r")
        words = OxmlElement("w:t")
        words.text = text
        run.append(words)
        link.append(run)
        paragraph._p.append(link)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def hold(meeting: Meeting, by: User, present: list[Person], absent: list[Person] = ()) -> None:  # type: ignore[assignment]
    """Publish the agenda well before the meeting, record attendance and mark it held."""
    meeting.refresh_from_db()
    if meeting.agenda_published_at is None:
        services.agenda_publish(by=by, meeting=meeting, at=at(meeting.date - timedelta(days=14)))
    statuses = {p.pk: "present" for p in present} | {p.pk: "apologies" for p in absent}
    services.attendance_record(by=by, meeting=meeting, statuses=statuses)
    services.meeting_mark_held(by=by, meeting=meeting)
    meeting.refresh_from_db()


def paper_on(meeting: Meeting, proposal: Proposal | None, by: User, **data: Any) -> Paper:
    """An item for decision about `proposal`, with a paper ready to publish."""
    item = services.item_add(
        by=by,
        meeting=meeting,
        data={"kind": "decision", "title": "Violence reduction partnership", "proposal": proposal}
        | data,
    )
    author = Person.objects.get(region=meeting.board.region, slug="northton-rep")
    return services.paper_create(
        by=by,
        item=item,
        data={
            "title": item.title,
            "purpose": "To ask the partnership to endorse the proposal.",
            "financial_implications": "£36m over three years, from government.",
            "legal_implications": "None.",
            "equality_implications": "The screening is under way.",
            "author": author,
            "contact_officer": author,
        },
        recommendations=PROPOSAL_RECOMMENDATIONS,
    )
