"""The register and the coverage matrix as CSV and XLSX: one row per proposal."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from remit.core.models import Mission
from remit.core.models import Region
from remit.core.spreadsheets import safe_cell
from remit.core.spreadsheets import safe_row
from remit.proposals.models import MissionAlignment
from remit.proposals.models import ProposalQuerySet
from remit.proposals.selectors import CoverageMatrix
from remit.proposals.selectors import RegisterFilters


@dataclass
class Table:
    headers: list[str]
    rows: list[list[Any]]
    money_columns: frozenset[int] = frozenset()


def _mission_heading(mission: Mission) -> str:
    return f"Mission {mission.number}: {mission.short_title}"


def register_table(region: Region, qs: ProposalQuerySet, filters: RegisterFilters) -> Table:
    missions = list(Mission.objects.filter(region=region).order_by("number"))
    proposals = (
        filters.apply(qs.filter(deal__region=region))
        .select_related("deal", "workstream__theme", "lead_officer", "sponsor")
        .prefetch_related(
            "partners",
            "departments",
            Prefetch("alignments", queryset=MissionAlignment.objects.select_related("mission")),
        )
    )
    headers = [
        "ID",
        "Deal",
        "Theme",
        "Workstream",
        "Title",
        "Status",
        "Stage",
        "Asks for",
        "Amount (£)",
        "First year",
        "Last year",
        "Form of devolution",
        "Powers asked for",
        "Lead officer",
        "Sponsor",
        "Partners",
        "Government departments",
        "Published",
        *(_mission_heading(m) for m in missions),
    ]
    rows = []
    for p in proposals:
        strength = {a.mission.number: a.get_strength_display() for a in p.alignments.all()}
        rows.append(
            [
                p.pk,
                p.deal.name,
                p.workstream.theme.name,
                p.workstream.name,
                p.title,
                p.get_status_display(),
                p.get_stage_display(),
                p.get_ask_type_display(),
                Decimal(p.amount_pence) / 100 if p.amount_pence is not None else None,
                p.years_from,
                p.years_to,
                p.get_form_of_devolution_display(),
                p.powers_asked,
                str(p.lead_officer or ""),
                str(p.sponsor or ""),
                "; ".join(o.name for o in p.partners.all()),
                "; ".join(o.name for o in p.departments.all()),
                "Yes" if p.is_published else "No",
                *(strength.get(m.number, "") for m in missions),
            ]
        )
    return Table(headers, rows, frozenset({headers.index("Amount (£)")}))


def coverage_table(matrix: CoverageMatrix) -> Table:
    headers = ["ID", "Workstream", "Proposal", *(_mission_heading(m) for m in matrix.missions)]
    rows: list[list[Any]] = [
        [
            row.proposal.pk,
            row.proposal.workstream.name,
            row.proposal.title,
            *(cell.capitalize() for cell in row.cells),
        ]
        for row in matrix.rows
    ]
    rows.append(["", "", "Primary", *(c.primary for c in matrix.coverage)])
    rows.append(["", "", "Secondary", *(c.secondary for c in matrix.coverage)])
    return Table(headers, rows)


def csv_response(table: Table, filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(safe_row(table.headers))
    for row in table.rows:
        writer.writerow(safe_row("" if v is None else v for v in row))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_bytes(table: Table, sheet: str) -> bytes:
    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet)
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for title in table.headers:
        cell = WriteOnlyCell(ws, value=safe_cell(title))
        cell.font = bold
        header.append(cell)
    ws.append(header)
    for row in table.rows:
        cells = []
        for i, value in enumerate(row):
            cell = WriteOnlyCell(ws, value=safe_cell(value))
            if i in table.money_columns and value is not None:
                cell.number_format = "£#,##0.00"
            cells.append(cell)
        ws.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_response(table: Table, filename: str, sheet: str) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(table, sheet),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
