"""Report papers as PDF (WeasyPrint) and Word (python-docx), in the house style.

Both read a `PaperDocument`, so paragraph numbers match on screen, on paper
and in Word. The print stylesheet is a file WeasyPrint reads; browsers never
see it.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from remit.core.text import printable
from remit.meetings.documents import PaperDocument

PRINT_CSS = Path(__file__).resolve().parent / "templates" / "meetings" / "print" / "report.css"


@cache
def stylesheet() -> Any:
    from weasyprint import CSS

    return CSS(filename=str(PRINT_CSS))


def render_pdf(html: str) -> Any:
    """Lay HTML out as a WeasyPrint document (call `.write_pdf()` for the bytes).

    Papers and converted Word appendices carry only embedded data (pictures as data URIs),
    so nothing else is fetched: an appendix cannot make the server read a file or a URL.
    """
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    return HTML(
        string=printable(html),
        base_url=str(PRINT_CSS.parent),
        url_fetcher=URLFetcher(allowed_protocols={"data"}),
    ).render(stylesheets=[stylesheet()])


def paper_html(paper: PaperDocument) -> str:
    return render_to_string("meetings/print/paper.html", {"paper": paper})


def paper_pdf(paper: PaperDocument) -> bytes:
    return bytes(render_pdf(paper_html(paper)).write_pdf())


def _numbered(document: Any, number: str, text: str, *, bold: bool = False) -> None:
    from docx.shared import Cm

    paragraph = document.add_paragraph()
    paragraph.paragraph_format.left_indent = Cm(1.3)
    paragraph.paragraph_format.first_line_indent = Cm(-1.3)
    paragraph.paragraph_format.tab_stops.add_tab_stop(Cm(1.3))
    run = paragraph.add_run(printable(f"{number}\t{text}" if number else text))
    run.bold = bold


def _header(document: Any, paper: PaperDocument) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = printable(paper.board_name)
    table.cell(0, 0).paragraphs[0].runs[0].bold = True
    table.cell(
        1, 0
    ).text = f"{paper.meeting_date:%A} {paper.meeting_date.day} {paper.meeting_date:%B %Y}"
    if paper.item_number:
        table.cell(0, 1).text = f"Agenda item {paper.item_number}"
        table.cell(0, 1).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if paper.private:
        table.cell(1, 1).text = "Not for publication"
        table.cell(1, 1).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_heading(printable(paper.title), level=0)
    if paper.presented_by:
        document.add_paragraph(printable(f"Presented by: {paper.presented_by}"))
    if paper.private:
        document.add_paragraph(
            printable(
                "Exempt from publication under Schedule 12A to the Local Government Act 1972 — "
                f"{paper.exemption_label}."
            )
        )
    if paper.late:
        note = document.add_paragraph()
        note.add_run("Late (supplementary) paper. ").bold = True
        note.add_run(printable(f"Reason for urgency given by the chair: {paper.urgency_reason}"))
    if paper.after_meeting:
        note = document.add_paragraph()
        note.add_run("Supplementary information to the minutes. ").bold = True
        day = paper.published_on
        when = f"Published on {day.day} {day:%B %Y}, after the meeting." if day else ""
        note.add_run(when or "Published after the meeting.")


def paper_docx(paper: PaperDocument) -> bytes:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    _header(document, paper)
    for section in paper.sections:
        document.add_heading(printable(f"{section.number}.\t{section.heading}"), level=1)
        if section.lead:
            _numbered(document, "", section.lead)
        for block in section.blocks:
            if block.is_list:
                for entry in block.items:
                    document.add_paragraph(printable(entry), style="List Bullet")
            else:
                _numbered(document, block.number, block.text, bold=section.key == "recommendations")
    people = [("Author", paper.author), ("Contact officer", paper.contact)]
    for label, person in people:
        if person is None:
            continue
        line = document.add_paragraph()
        line.add_run(f"{label}: ").bold = True
        detail = ", ".join(p for p in (person.name, person.job_title, person.organisation) if p)
        line.add_run(printable(detail + (f" — {person.email}" if person.email else "")))
    if paper.appendices:
        document.add_heading("Appendices", level=1)
        for appendix in paper.appendices:
            document.add_paragraph(printable(f"Appendix {appendix.letter}: {appendix.title}"))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
