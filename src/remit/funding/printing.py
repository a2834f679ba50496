"""The decision notice as a PDF, laid out by WeasyPrint with the meeting papers' house style."""

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
