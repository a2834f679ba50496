"""The whole business case as a Word document (python-docx) and a PDF (WeasyPrint).

Both follow the five case model: strategic, economic, commercial, financial and management,
with the appraisal summary table and the charts of the economic case: the same Vega-Lite
specs the page draws, rendered by vl-convert (SVG for the PDF, PNG for Word, which carries
the alternative text on the picture).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Inches
from docx.shared import Pt

from remit.appraisal import charts
from remit.appraisal.selectors import AppraisalView
from remit.appraisal.selectors import CasePage
from remit.appraisal.workflow import SectionKind
from remit.core.text import printable
from remit.ui.charts import svg_data_uri
from remit.ui.charts import to_png
from remit.ui.formatting import format_pence
from remit.ui.formatting import format_pounds

SUMMARY_HEADINGS = (
    "Option",
    "PV costs",
    "PV benefits",
    "NPSV",
    "BCR",
    "Incremental NPSV",
    "Incremental BCR",
    "Benefits may fall by",
    "Costs may rise by",
)


def filename(page: CasePage, extension: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", page.case.title.lower()).strip("-")[:60] or "business-case"
    return f"{slug}.{extension}"


def _money(value: Decimal | None) -> str:
    return "" if value is None else format_pounds(value)


def _ratio(value: str | None) -> str:
    return "n/a" if value is None else value


def _percent(value: Decimal | None) -> str:
    return "n/a" if value is None else f"{value}%"


def summary_rows(view: AppraisalView) -> list[list[str]]:
    """The appraisal summary table, one line per option, as text."""
    return [
        [
            f"{option.name} (counterfactual)" if option.counterfactual else option.name,
            _money(option.pv_costs),
            _money(option.pv_benefits),
            _money(option.npsv),
            _ratio(option.bcr),
            "" if option.counterfactual else _money(option.incremental_npsv),
            "" if option.counterfactual else _ratio(option.incremental_bcr),
            "" if option.counterfactual else _percent(option.benefits_may_fall),
            "" if option.counterfactual else _percent(option.costs_may_rise),
        ]
        for option in view.options
    ]


def basis(view: AppraisalView) -> str:
    return (
        f"Present values in {view.prices}, discounted to {view.base_year} at the Green Book "
        f"{view.discount} rate. Costs include optimism bias; benefits are net of additionality. "
        f"Incremental figures and switching values are against {view.counterfactual}. "
        f"{view.rounding}"
    )


def paragraphs(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"\n\s*\n", text or "") if part.strip()]


def lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]


def _details(page: CasePage) -> list[tuple[str, str]]:
    case = page.case
    decision = case.approved_decision
    return [
        ("Stage", case.get_stage_display()),
        ("Owner", str(case.owner) if case.owner else "Not recorded"),
        ("Proposal", str(case.proposal) if case.proposal else "None"),
        (
            "Approval",
            f"{decision.get_outcome_display()} by {decision.board} "
            f"on {decision.decided_on:%d %B %Y}"
            if decision
            else "Not approved",
        ),
        (
            "Appraisal",
            f"Appraisal {page.run.number}, inputs fingerprint {page.run.inputs_sha256}"
            if page.run
            else "No appraisal yet",
        ),
        ("Produced", f"{timezone.localtime():%d %B %Y %H:%M}"),
    ]


def _funding_rows(page: CasePage) -> list[list[str]]:
    return [[line.source, str(line.year), format_pence(line.amount_pence)] for line in page.funding]


def _gap_rows(page: CasePage) -> list[list[str]]:
    found = page.affordability
    rows = [
        [
            str(year.year),
            format_pence(year.funding_pence),
            format_pence(year.costs_pence),
            format_pence(year.gap_pence),
        ]
        for year in found.years
    ]
    rows.append(
        [
            "Total",
            format_pence(found.funding_pence),
            format_pence(found.costs_pence),
            format_pence(found.gap_pence),
        ]
    )
    return rows


def _milestone_rows(page: CasePage) -> list[list[str]]:
    return [
        [
            milestone.title,
            f"{milestone.due_on:%d %b %Y}",
            f"{milestone.achieved_on:%d %b %Y}" if milestone.achieved_on else "",
        ]
        for milestone in page.milestones
    ]


def _risk_rows(page: CasePage) -> list[list[str]]:
    return [
        [
            risk.title,
            str(risk.owner) if risk.owner else "",
            str(risk.likelihood),
            str(risk.impact),
            str(risk.score),
            risk.mitigation,
        ]
        for risk in page.risks
    ]


def _decision_rows(page: CasePage) -> list[list[str]]:
    superseded = page.superseded
    return [
        [
            f"{decision.decided_on:%d %b %Y}",
            str(decision.board),
            decision.get_stage_display(),
            decision.get_outcome_display()
            + (" (superseded by a correction)" if decision.pk in superseded else ""),
            decision.conditions or decision.reasons,
        ]
        for decision in page.decisions
    ]


def _year_rows(view: AppraisalView) -> list[list[str]]:
    return [
        [option.name, str(row.year), row.discount_factor, _money(row.costs), _money(row.benefits)]
        for option in view.years
        for row in option.rows
    ]


def _section(page: CasePage, kind: SectionKind) -> Any:
    return page.by_kind[kind]


def case_docx(page: CasePage) -> bytes:
    """The business case as a Word document, landscape so the appraisal table fits."""
    document = Document()
    layout = document.sections[0]
    layout.orientation = WD_ORIENT.LANDSCAPE
    layout.page_width, layout.page_height = layout.page_height, layout.page_width
    document.styles["Normal"].font.size = Pt(10)
    case = page.case
    document.add_heading(printable(case.title), level=0)
    _table(document, ("", ""), [list(row) for row in _details(page)], header=False)
    for text in paragraphs(case.summary):
        document.add_paragraph(printable(text))

    strategic = _section(page, SectionKind.STRATEGIC)
    _heading(document, "1. Strategic case", strategic)
    document.add_heading("Case for change", level=2)
    _text(document, strategic.text)
    document.add_heading("Objectives", level=2)
    _bullets(document, lines(strategic.objectives))
    document.add_heading("Missions served", level=2)
    _bullets(document, [str(mission) for mission in page.missions])

    economic = _section(page, SectionKind.ECONOMIC)
    _heading(document, "2. Economic case", economic)
    _text(document, economic.text)
    view = page.appraisal
    if view is None:
        document.add_paragraph("No appraisal has been made yet.")
    else:
        if case.preferred_option:
            document.add_paragraph(printable(f"Preferred option: {case.preferred_option}."))
        document.add_heading("Appraisal summary", level=2)
        document.add_paragraph(printable(basis(view)))
        _table(document, SUMMARY_HEADINGS, summary_rows(view))
        for alt, spec in charts.printed_charts(view.result):
            document.add_picture(io.BytesIO(to_png(spec)), width=Inches(8))
            document.inline_shapes[-1]._inline.docPr.set("descr", printable(alt))
        document.add_heading("Discounted costs and benefits by year", level=2)
        _table(
            document,
            ("Option", "Year", "Discount factor", "Discounted costs", "Discounted benefits"),
            _year_rows(view),
        )

    commercial = _section(page, SectionKind.COMMERCIAL)
    _heading(document, "3. Commercial case", commercial)
    _text(document, commercial.text)

    financial = _section(page, SectionKind.FINANCIAL)
    _heading(document, "4. Financial case", financial)
    _text(document, financial.text)
    document.add_heading("Funding", level=2)
    _table(document, ("Source", "Year", "Amount"), _funding_rows(page))
    document.add_heading("Affordability", level=2)
    document.add_paragraph(printable(_gap_note(page)))
    _table(document, ("Year", "Funding", "Costs", "Surplus or gap"), _gap_rows(page))

    management = _section(page, SectionKind.MANAGEMENT)
    _heading(document, "5. Management case", management)
    document.add_heading("Delivery plan", level=2)
    _text(document, management.text)
    document.add_heading("Milestones", level=2)
    _table(document, ("Milestone", "Due", "Achieved"), _milestone_rows(page))
    document.add_heading("Risks", level=2)
    _table(
        document,
        ("Risk", "Owner", "Likelihood", "Impact", "Score", "Mitigation"),
        _risk_rows(page),
    )

    document.add_heading("Decisions", level=1)
    _table(
        document,
        ("Decided", "Board", "Stage", "Outcome", "Conditions or reasons"),
        _decision_rows(page),
    )
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _gap_note(page: CasePage) -> str:
    option = page.affordability.option
    if option is None:
        return "Funding by year; there is no appraisal to set costs against yet."
    return (
        f"Funding by year against the undiscounted costs of {option} (after optimism bias, "
        "in the appraisal's prices). A negative figure is a shortfall."
    )


def _heading(document: Any, title: str, section: Any) -> None:
    document.add_heading(title, level=1)
    document.add_paragraph().add_run(f"Status: {section.get_status_display()}").italic = True


def _text(document: Any, text: str) -> None:
    found = paragraphs(text)
    for part in found or ["Not written yet."]:
        document.add_paragraph(printable(part))


def _bullets(document: Any, items: Iterable[str]) -> None:
    found = list(items)
    for item in found or ["None recorded."]:
        document.add_paragraph(printable(item), style="List Bullet")


def _table(
    document: Any, headings: Sequence[str], rows: list[list[str]], *, header: bool = True
) -> None:
    if not rows:
        document.add_paragraph("None recorded.")
        return
    table = document.add_table(rows=0, cols=len(headings))
    table.style = "Table Grid"
    if header:
        cells = table.add_row().cells
        for cell, heading in zip(cells, headings, strict=True):
            cell.text = printable(heading)
            for run in cell.paragraphs[0].runs:
                run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = printable(value)


def case_pdf(page: CasePage) -> bytes:
    """The business case as a PDF, with the page's charts rendered to SVG."""
    from weasyprint import HTML

    view = page.appraisal
    printed = charts.printed_charts(view.result) if view is not None else []
    html = render_to_string(
        "appraisal/export_pdf.html",
        {
            "page": page,
            "case": page.case,
            "details": _details(page),
            "sections": {kind.value: _section(page, kind) for kind in SectionKind},
            "view": view,
            "basis": basis(view) if view else "",
            "summary_headings": SUMMARY_HEADINGS,
            "summary_rows": summary_rows(view) if view else [],
            "year_rows": _year_rows(view) if view else [],
            "charts": [(alt, svg_data_uri(spec)) for alt, spec in printed],
            "funding_rows": _funding_rows(page),
            "gap_rows": _gap_rows(page),
            "gap_note": _gap_note(page),
            "milestone_rows": _milestone_rows(page),
            "risk_rows": _risk_rows(page),
            "decision_rows": _decision_rows(page),
            "strategic_paragraphs": paragraphs(_section(page, SectionKind.STRATEGIC).text),
            "objectives": lines(_section(page, SectionKind.STRATEGIC).objectives),
            "paragraphs": {
                kind.value: paragraphs(_section(page, kind).text) for kind in SectionKind
            },
            "summary_paragraphs": paragraphs(page.case.summary),
        },
    )
    return bytes(HTML(string=printable(html)).write_pdf())
