"""The decision notice and the fund's maps as PDFs, laid out by WeasyPrint with the meeting
papers' house style."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from remit.meetings.rendering import render_pdf


def notice_html(notice: Any, corrected_by: Any = None) -> str:
    return render_to_string(
        "funding/print/notice.html", {"notice": notice, "corrected_by": corrected_by}
    )


def notice_pdf_bytes(notice: Any, corrected_by: Any = None) -> bytes:
    return bytes(render_pdf(notice_html(notice, corrected_by)).write_pdf())


def fund_map_html(fund_map: Any, *, caption: str, title: str, lines: list[str]) -> str:
    return render_to_string(
        "funding/print/fund_map.html",
        {"map": fund_map, "caption": caption, "title": title, "lines": lines, "for_print": True},
    )


def fund_map_pdf_bytes(fund_map: Any, *, caption: str, title: str, lines: list[str]) -> bytes:
    """A map of the fund on paper: drawn from the page's own spec by vl-convert, with its
    legend, the table of the same figures, the areas with no data named, and the shapes'
    attribution."""
    return bytes(
        render_pdf(fund_map_html(fund_map, caption=caption, title=title, lines=lines)).write_pdf()
    )
