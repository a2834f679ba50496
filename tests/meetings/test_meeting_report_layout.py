"""A report reads like a council report: purpose, recommendations, body, then each implication."""

from __future__ import annotations

import io

from meetings_support import docx_bytes

from remit.meetings.docx_convert import docx_to_html
from remit.meetings.report import ReportContent, layout_report, paragraphs


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
    assert "<td>Allocation</td>" in html
