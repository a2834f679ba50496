"""Writing papers: the structured parts, appendices checked by content, and the PDF and Word outputs."""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document
from meetings_support import docx_bytes
from meetings_support import pdf_bytes
from meetings_support import upload
from pypdf import PdfReader

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.meetings import rendering
from remit.meetings import selectors
from remit.meetings import services
from remit.meetings.models import AgendaItem
from remit.meetings.models import Meeting
from remit.meetings.models import Paper


def test_a_paper_is_written_with_numbered_recommendations_and_ordered_sections(
    meeting: Meeting, write_paper: Any, officer: Any
) -> None:
    paper = write_paper(
        meeting,
        recommendations=["Note the report.", "", "Agree the transition year."],
        sections=[("Background", "One."), ("", ""), ("Transition", "Two.")],
    )
    assert [(r.position, r.text) for r in paper.recommendations.all()] == [
        (1, "Note the report."),
        (2, "Agree the transition year."),
    ]
    assert [s.heading for s in paper.sections.order_by("position")] == ["Background", "Transition"]
    assert paper.history.latest().history_user == officer


def test_a_section_without_a_heading_is_refused(meeting: Meeting, write_paper: Any) -> None:
    with pytest.raises(DomainError, match="Section 1 needs a heading") as caught:
        write_paper(meeting, sections=[("", "Text without a heading.")])
    assert caught.value.field == "sections"


def test_standard_items_take_no_paper(meeting: Meeting, officer: Any) -> None:
    apologies = meeting.items.get(kind=AgendaItem.Kind.APOLOGIES)
    with pytest.raises(DomainError, match="does not take a report paper"):
        services.paper_create(by=officer, item=apologies, data={"title": "X", "purpose": "Y"})


def test_an_item_has_one_paper(meeting: Meeting, write_paper: Any, officer: Any) -> None:
    paper = write_paper(meeting)
    with pytest.raises(DomainError, match="already has a paper"):
        services.paper_create(by=officer, item=paper.item, data={"title": "X", "purpose": "Y"})


def test_editing_a_draft_rewrites_its_parts_and_says_what_changed(
    meeting: Meeting, write_paper: Any, officer: Any
) -> None:
    paper = write_paper(meeting)
    services.paper_update(
        by=officer,
        paper=paper,
        data={"title": "Progress update (revised)"},
        recommendations=["Note the report.", "Endorse the plan."],
    )
    paper.refresh_from_db()
    assert paper.title == "Progress update (revised)"
    assert paper.recommendations.count() == 2
    assert paper.sections.count() == 1
    reason = paper.history.latest().history_change_reason
    assert reason == "Edited: title, recommendations and sections"


def test_a_published_paper_cannot_be_edited(
    meeting: Meeting, write_paper: Any, officer: Any
) -> None:
    paper = write_paper(meeting)
    services.agenda_publish(by=officer, meeting=meeting)
    with pytest.raises(DomainError, match="published paper is part of the record"):
        services.paper_update(by=officer, paper=paper, data={"title": "Changed"})


def test_board_members_cannot_write_papers(
    meeting: Meeting, write_paper: Any, member_user: Any
) -> None:
    paper = write_paper(meeting)
    with pytest.raises(NotPermitted):
        services.paper_update(by=member_user, paper=paper, data={"title": "Mine now"})


def test_appendices_are_lettered_in_order_and_keep_their_page_count(
    meeting: Meeting, write_paper: Any, officer: Any
) -> None:
    paper = write_paper(meeting)
    first = services.appendix_add(by=officer, paper=paper, upload=upload("plan.pdf", pdf_bytes(3)))
    second = services.appendix_add(
        by=officer, paper=paper, upload=upload("delivery.docx", docx_bytes()), title="Delivery plan"
    )
    assert (first.letter, first.title, first.pages, first.kind) == ("A", "plan", 3, "pdf")
    assert (second.letter, second.title, second.kind) == ("B", "Delivery plan", "docx")
    services.appendix_remove(by=officer, appendix=first)
    second.refresh_from_db()
    assert second.letter == "A"


def test_an_appendix_over_the_size_limit_is_refused_by_name(
    meeting: Meeting, write_paper: Any, officer: Any, settings: Any
) -> None:
    settings.REMIT_APPENDIX_MAX_BYTES = 1024
    paper = write_paper(meeting)
    with pytest.raises(DomainError, match=r"budget\.pdf is .* appendices must be") as caught:
        services.appendix_add(by=officer, paper=paper, upload=upload("budget.pdf", pdf_bytes(40)))
    assert caught.value.field == "file"
    assert paper.appendices.count() == 0


def test_an_appendix_that_is_not_really_a_pdf_is_refused(
    meeting: Meeting, write_paper: Any, officer: Any
) -> None:
    paper = write_paper(meeting)
    with pytest.raises(DomainError, match=r"minutes\.pdf is not a PDF or Word"):
        services.appendix_add(
            by=officer, paper=paper, upload=upload("minutes.pdf", b"<html>not a pdf</html>")
        )


def test_a_withdrawn_paper_says_why(meeting: Meeting, write_paper: Any, officer: Any) -> None:
    paper = write_paper(meeting)
    services.paper_withdraw(by=officer, paper=paper, reason="Superseded by a later report")
    paper.refresh_from_db()
    assert paper.status == Paper.Status.WITHDRAWN
    assert paper.withdrawn_reason == "Superseded by a later report"
    services.agenda_publish(by=officer, meeting=meeting)
    with pytest.raises(DomainError, match="withdrawn cannot become published to members"):
        services.paper_publish(by=officer, paper=paper)


def test_the_pdf_reads_like_a_council_report(meeting: Meeting, write_paper: Any) -> None:
    paper = write_paper(meeting, title="WMCSP progress update")
    pdf = PdfReader(io.BytesIO(rendering.paper_pdf(selectors.document_for(paper))))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    order = [
        "WMCSP progress update",
        "1. Purpose of the report",
        "1.1",
        "2. Recommendations",
        "is recommended to:",
        "2.1",
        "Note the report.",
        "3. Background",
        "3.2",
        "4. Financial implications",
        "5. Legal implications",
        "6. Equality implications",
        "Contact officer",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    assert "Agenda item 3" in text


def test_the_word_version_has_the_same_numbering(meeting: Meeting, write_paper: Any) -> None:
    paper = write_paper(meeting)
    document = Document(io.BytesIO(rendering.paper_docx(selectors.document_for(paper))))
    lines = [p.text for p in document.paragraphs if p.text]
    assert "2.\tRecommendations" in lines
    assert "2.1\tNote the report." in lines
    assert "3.2\tIt meets quarterly." in lines
    assert "5.1\tNone." in lines


def test_control_characters_never_break_the_paper_exports(
    meeting: Meeting, write_paper: Any
) -> None:
    paper = write_paper(meeting, title="Progress\x0bupdate\x07")
    document = selectors.document_for(paper)

    word = Document(io.BytesIO(rendering.paper_docx(document)))
    pdf = PdfReader(io.BytesIO(rendering.paper_pdf(document)))

    assert "Progress\nupdate" in [p.text for p in word.paragraphs]
    assert "update" in pdf.pages[0].extract_text()
