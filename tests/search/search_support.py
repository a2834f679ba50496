"""Builders for the search tests: papers in any state of publication, appendices with text."""

from __future__ import annotations

import io
from datetime import date
from datetime import datetime
from datetime import time

from django.core.files.base import ContentFile
from django.utils import timezone

from remit.meetings.models import AgendaItem
from remit.meetings.models import Appendix
from remit.meetings.models import Meeting
from remit.meetings.models import Paper

WORD_PHRASE = "turquoise lighthouse keepers"


def docx_bytes(*paragraphs: str) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_bytes(text: str) -> bytes:
    """A one-page PDF whose page holds ``text`` (written by hand: pypdf does not draw text)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9)))


def add_paper(
    meeting: Meeting,
    title: str,
    *,
    purpose: str = "To tell the board.",
    private: bool = False,
    members: bool = False,
    public: bool = False,
    position: int = 1,
) -> Paper:
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=position,
        title=title,
        private=private,
        exemption="3" if private else "",
    )
    status = (
        Paper.Status.PUBLIC if public else Paper.Status.MEMBERS if members else Paper.Status.DRAFT
    )
    return Paper.objects.create(
        item=item,
        title=title,
        purpose=purpose,
        status=status,
        members_published_at=_at(meeting.date) if members or public else None,
        public_published_at=_at(meeting.date) if public else None,
    )


def add_appendix(
    paper: Paper, name: str, data: bytes, kind: str, title: str = "Appendix"
) -> Appendix:
    appendix = Appendix(
        paper=paper,
        position=paper.appendices.count() + 1,
        title=title,
        original_name=name,
        kind=kind,
        size=len(data),
        sha256="0" * 64,
    )
    appendix.file.save(name, ContentFile(data), save=False)
    appendix.save()
    return appendix
