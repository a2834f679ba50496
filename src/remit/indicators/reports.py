"""The local partnership performance report: one area over a period, as a page and a PDF.

It shows the area's crime by type and month (counted from the crime store), each
indicator against the region with its rank and RAG, and the grants led in the area.
The PDF is the paper a partnership meeting can attach; its charts are the page's
Vega-Lite specs rendered to SVG without a browser (`remit.ui.charts`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from remit.core.models import Area
from remit.core.text import printable
from remit.indicators import charts
from remit.indicators import crime
from remit.indicators import dashboards
from remit.indicators import map_pages
from remit.indicators import measures
from remit.indicators import selectors
from remit.indicators.crime_files import CrimeDataError
from remit.indicators.services._common import crime_store
from remit.indicators.services.values import area_forces
from remit.indicators.services.values import local_areas
from remit.indicators.services.values import partial_month
from remit.regions import forces as police_forces
from remit.ui.charts import svg_data_uri

PRINT_CSS = Path(__file__).resolve().parent / "templates" / "indicators" / "print" / "report.css"


@dataclass
class ReportIndicator:
    summary: selectors.Summary
    row: selectors.AreaRow
    spec: dict[str, Any]
    table: list[dashboards.TableRow]

    @property
    def svg_uri(self) -> str:
        return svg_data_uri(self.spec)

    @property
    def spec_id(self) -> str:
        return f"report-{self.summary.indicator.slug}-spec"

    @property
    def periods(self) -> list[str]:
        return self.summary.periods


@dataclass
class CrimeTable:
    months: list[str]
    rows: list[tuple[str, list[int], int]]  # crime type, count per month, total
    totals: list[int]
    spec: dict[str, Any]
    partial_note: str

    @property
    def svg_uri(self) -> str:
        return svg_data_uri(self.spec)

    @property
    def total(self) -> int:
        return sum(self.totals)


@dataclass
class GrantLine:
    organisation: str
    title: str
    fund: str
    amount_pence: int
    paid_pence: int
    spent_pence: int | None  # from the latest submitted return; None before the first
    rag: str  # the latest submitted return's RAG, or ""
    late_returns: int


@dataclass
class AreaReport:
    area: Area
    period_from: str | None
    period_to: str | None
    generated_at: datetime
    indicators: list[ReportIndicator]
    crime: CrimeTable | None
    grants: list[GrantLine]
    maps: dict[str, Any] | None = None  # the neighbourhood maps (`map_pages.area_maps`)

    @property
    def period_text(self) -> str:
        start = dashboards.period_label(self.period_from) if self.period_from else ""
        end = dashboards.period_label(self.period_to) if self.period_to else ""
        if start and end:
            return f"{start} to {end}"
        if start:
            return f"{start} onwards"
        return f"up to {end}" if end else "every period held"


def _span(period: str) -> tuple[int, int]:
    """The first and last month of a period, as months since year 0."""
    last = measures.period_end_month(period)
    return (last if measures.is_month(period) else last - 11, last)


def _in_range(period: str, start: str | None, end: str | None) -> bool:
    first, last = _span(period)
    if start and last < _span(start)[0]:
        return False
    return not (end and first > _span(end)[1])


def _indicators(area: Area, start: str | None, end: str | None, user: Any) -> list[ReportIndicator]:
    region = area.region
    found = list(
        selectors.indicators_for(user)
        .filter(region=region, values__area=area)
        .distinct()
        .prefetch_related("missions", "targets")
        .order_by("name")
    )
    values = selectors.value_rows(found)
    areas = {a.pk: a for a in region.areas.all()}
    out = []
    for indicator in found:
        rows = [r for r in values.get(indicator.pk, []) if _in_range(r[2], start, end)]
        summary = selectors.summarise(indicator, rows, areas)
        row = summary.row(area)
        if row is None:
            continue
        out.append(
            ReportIndicator(
                summary=summary,
                row=row,
                spec=dashboards.trend_spec(summary, area=area),
                table=dashboards.trend_table(summary, area=area),
            )
        )
    return out


def _crime(area: Area, start: str | None, end: str | None) -> CrimeTable | None:
    store = crime_store()
    try:
        rows = list(
            crime.summary(
                store,
                [(a.code, a.name) for a in local_areas(area.region)],
                area=area.code,
                month_from=start if start and measures.is_month(start) else None,
                month_to=end if end and measures.is_month(end) else None,
            )
        )
        loaded = {(fm.force, fm.month) for fm in crime.status(store)}
    except CrimeDataError:
        return None
    if not rows:
        return None
    months = sorted({r.month for r in rows})
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for r in rows:
        counts[r.crime_type][r.month] = r.count
    table = [
        (kind, [by_month.get(m, 0) for m in months], sum(by_month.values()))
        for kind, by_month in sorted(counts.items())
    ]
    totals = [sum(line[1][i] for line in table) for i in range(len(months))]
    forces = area_forces([area])[area.pk]
    missing = [m for m in months if partial_month(forces, m, loaded)]
    note = ""
    if missing:
        names = " and ".join(police_forces.force_names(forces))
        note = (
            f"The police.uk files of {names} are not in the crime store "
            f"for {len(missing)} of these months: the counts are only the crimes that "
            "neighbouring forces recorded in the area, not its total."
        )
    spec = charts.line_spec(
        [
            charts.SeriesPoint("All crimes", m, Decimal(t))
            for m, t in zip(months, totals, strict=True)
        ],
        description=f"Crimes recorded in {area.name} each month.",
        y_title="Crimes",
    )
    return CrimeTable(months, table, totals, spec, note)


GrantSource = Callable[[Area, Any], list[GrantLine]]
_GRANT_SOURCES: list[GrantSource] = []


def report_grants(source: GrantSource) -> None:
    """Add the grants ``source`` finds led in an area to its report; called by the app that
    holds the grants when it starts, so indicators never imports it."""
    if source not in _GRANT_SOURCES:
        _GRANT_SOURCES.append(source)


def _grants(area: Area, user: Any) -> list[GrantLine]:
    from django.contrib.auth.models import AnonymousUser

    return [line for source in _GRANT_SOURCES for line in source(area, user or AnonymousUser())]


@dataclass(frozen=True)
class PaperDesk:
    """Where a report can go as an appendix: the papers a user may add one to, and the way
    to add it, both the meetings' own."""

    papers: Callable[[Any, Area], list[Any]]
    attach: Callable[..., Any]


_DESKS: list[PaperDesk] = []


def report_papers(desk: PaperDesk) -> None:
    """Let reports go to papers; called by the meetings app when it starts."""
    _DESKS[:] = [desk]


def paper_desk() -> PaperDesk | None:
    return _DESKS[0] if _DESKS else None


def area_report(
    area: Area, period_from: str | None, period_to: str | None, *, user: Any = None
) -> AreaReport:
    """The report's contents. Without a user, only published indicators and grants appear."""
    for name, value in (("period_from", period_from), ("period_to", period_to)):
        if value is not None and not measures.is_period(value):
            raise measures.MeasureError(f"{value!r} is not a month or a year", field=name)
    return AreaReport(
        area=area,
        period_from=period_from,
        period_to=period_to,
        generated_at=timezone.now(),
        indicators=_indicators(area, period_from, period_to, user),
        crime=_crime(area, period_from, period_to),
        grants=_grants(area, user),
        maps=map_pages.area_maps(area.region, area, "indicators"),
    )


def area_report_html(report: AreaReport) -> str:
    return render_to_string("indicators/print/report.html", {"report": report, "for_print": True})


@cache
def _stylesheet() -> Any:
    from weasyprint import CSS

    return CSS(filename=str(PRINT_CSS))


def area_report_pdf(
    area: Area, period_from: str | None, period_to: str | None, *, user: Any = None
) -> bytes:
    """The report as PDF bytes, ready to attach to a meeting as a paper."""
    return area_report_pdf_of(area_report(area, period_from, period_to, user=user))


def area_report_pdf_of(report: AreaReport) -> bytes:
    from weasyprint import HTML

    document = HTML(string=printable(area_report_html(report)), base_url=str(PRINT_CSS.parent))
    return bytes(document.write_pdf(stylesheets=[_stylesheet()]))


def papers_to_attach_to(user: Any, area: Area) -> list[Any]:
    """Draft papers of the region's coming meetings that `user` may add an appendix to."""
    desk = paper_desk()
    return desk.papers(user, area) if desk else []
