"""A report reads like a council report: purpose, recommendations, body, then each implication."""

from __future__ import annotations

import base64
import io
from pathlib import Path
from typing import Any

from meetings_support import docx_bytes
from meetings_support import docx_with_links

from remit.meetings.docx_convert import docx_to_html
from remit.meetings.rendering import render_pdf
from remit.meetings.report import ReportContent
from remit.meetings.report import layout_report
from remit.meetings.report import paragraphs


def content(**kwargs: object) -> ReportContent:
    base: dict[str, object] = {
        "purpose": "To update the Board on progress.",
        "recommendations": ["Note the progress made.", "  ", "Agree the next steps."],
        "sections": [("Background", "First point.\n\nSecond point.\n\n- one\n- two\n\nThird.")],
        "financial": "The budget is £3,863,308.",
        "legal": "",
        "equality": "An assessment has begun.",
        "board_name": "The Board",
    }
    base.update(kwargs)
    return ReportContent(**base)  # type: ignore[arg-type]


def test_recommendations_come_straight_after_the_purpose() -> None:
    sections = layout_report(content())
    assert [s.heading for s in sections] == [
        "Purpose of the report",
        "Recommendations",
        "Background",
        "Financial implications",
        "Legal implications",
        "Equality implications",
    ]


def test_paragraphs_are_numbered_within_their_section() -> None:
    background = layout_report(content())[2]
    numbered = [b.number for b in background.blocks if not b.is_list]
    assert numbered == ["3.1", "3.2", "3.3"]
    assert background.blocks[2].items == ("one", "two")


def test_blank_recommendations_are_dropped_and_the_rest_numbered() -> None:
    recommendations = layout_report(content())[1]
    assert [(b.number, b.text) for b in recommendations.blocks] == [
        ("2.1", "Note the progress made."),
        ("2.2", "Agree the next steps."),
    ]
    assert recommendations.lead == "The Board is recommended to:"


def test_an_implication_left_blank_says_none() -> None:
    legal = layout_report(content())[4]
    assert legal.blocks[0].text == "None."


def test_lines_within_a_paragraph_are_joined() -> None:
    assert paragraphs("one\ntwo\r\n\r\nthree") == ["one two", "three"]


def test_a_word_appendix_keeps_its_headings_lists_and_tables() -> None:
    html = docx_to_html(io.BytesIO(docx_bytes("Plan <draft>")))
    assert "<h3>Plan &lt;draft&gt;</h3>" in html
    assert "<li>First point</li>" in html
    assert '<table class="converted-table">' in html
    assert "<td><p>Allocation</p></td>" in html


def test_a_word_appendix_keeps_its_pictures_and_emphasis() -> None:
    from docx import Document

    png = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )
    document = Document()
    document.add_paragraph().add_run("Bold words").bold = True
    document.add_picture(io.BytesIO(png))
    out = io.BytesIO()
    document.save(out)
    html = docx_to_html(io.BytesIO(out.getvalue()))
    assert "<strong>Bold words</strong>" in html
    assert '<img src="data:image/png;base64,' in html


def test_the_pack_renderer_fetches_nothing_but_embedded_data(caplog: Any) -> None:
    from pypdf import PdfReader

    secret = Path(__file__).resolve()
    pdf = render_pdf(
        f'<p>Before</p><img src="{secret.as_uri()}"><img src="http://127.0.0.1:9/x.png">'
        '<iframe src="file:///etc/passwd"></iframe><p>After</p>'
    ).write_pdf()
    reader = PdfReader(io.BytesIO(pdf))
    assert "After" in reader.pages[0].extract_text()
    refused = [r.getMessage() for r in caplog.records if "disallowed protocol" in r.getMessage()]
    assert len(refused) == 2, refused


LINKS = [
    ("Run me", "javascript:alert(document.domain)"),
    ("Data page", "data:text/html,<script>alert(1)</script>"),
    ("Local file", "file:///etc/passwd"),
    ("The plan", "https://example.org/plan"),
    ("Old site", "http://example.org/old"),
    ("Write to us", "mailto:board@example.org"),
]


def test_a_word_appendix_keeps_only_http_https_and_mailto_links() -> None:
    html = docx_to_html(io.BytesIO(docx_with_links(LINKS)))
    assert "javascript:" not in html
    assert "data:text" not in html
    assert "file:" not in html
    assert "Run me" in html
    assert "Local file" in html
    assert '<a href="https://example.org/plan">The plan</a>' in html
    assert '<a href="http://example.org/old">Old site</a>' in html
    assert '<a href="mailto:board@example.org">Write to us</a>' in html
