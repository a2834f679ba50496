"""The local partnership performance report goes to a meeting as an appendix of a paper.

The PDF is generated afresh and added through the meetings' own appendix service (which the
meetings app hands to ``reports.report_papers`` when it starts), so the
paper's rules (drafts only, who may write it, the size limit) and its history apply as for
any upload, and the meeting pack picks the report up like any other appendix.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.text import slugify

from remit.core.errors import DomainError
from remit.core.models import Area
from remit.core.models import User
from remit.indicators import reports


@transaction.atomic
def report_attach(
    *, by: User, area: Area, period_from: str | None, period_to: str | None, paper: Any
) -> Any:
    """Adds the report (with what `by` may see) to a draft paper of the area's region."""
    desk = reports.paper_desk()
    if desk is None:
        raise DomainError("Reports cannot be added to papers here.", field="paper")
    if paper.item.meeting.board.region_id != area.region_id:
        raise DomainError("Choose a paper for a meeting of this region's boards.", field="paper")
    report = reports.area_report(area, period_from, period_to, user=by)
    pdf = reports.area_report_pdf_of(report)
    name = f"performance-{slugify(area.name)}-{slugify(report.period_text)}.pdf"
    upload = SimpleUploadedFile(name, pdf, content_type="application/pdf")
    title = f"Local partnership performance report: {area.name}, {report.period_text}"
    return desk.attach(by=by, paper=paper, upload=upload, title=title)
