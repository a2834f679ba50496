"""What a dashboard shows of an indicator summary: charts, the tables beside them, CSV rows.

Pages, the public site and the printed report all draw from these, so a figure reads
the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from remit.core import spreadsheets
from remit.indicators import charts
from remit.indicators import kinds
from remit.indicators import measures

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def period_label(period: str) -> str:
    if measures.is_month(period):
        return f"{MONTHS[int(period[5:]) - 1]} {period[:4]}"
    return period


# What a figure given only its unit (as older callers give it) is read as.
KIND_OF_UNIT = {measures.COUNT: kinds.COUNT, measures.RATE_PER_1000: kinds.RATE}


def format_value(value: Decimal | None, of: Any) -> str:
    """A figure as the indicator's kind reads (`kinds.figure_text`): whole people, not
    285,478.000; `of` is the indicator, or a unit from callers that know only that."""
    if isinstance(of, str):
        return kinds.figure_text(value, KIND_OF_UNIT.get(of, kinds.SCORE))
    return kinds.figure_text(value, of.kind, of.decimal_places)


def format_change(change: measures.Change | None, of: Any) -> str:
    if change is None:
        return "—"
    sign = "+" if change.absolute > 0 else ""
    text = f"{sign}{format_value(change.absolute, of)}"
    if change.percent is not None:
        text += f" ({sign}{change.percent.quantize(Decimal('0.1'))}%)"
    return text


COMPARISON = "for comparison"


def area_label(area: Any) -> str:
    """An area's name, marked when the region pack lists it for comparison only."""
    return f"{area.name} ({COMPARISON})" if getattr(area, "context", False) else str(area.name)


def y_title(summary: Any) -> str:
    return str(summary.indicator.value_label).capitalize()


def trend_spec(summary: Any, *, area: Any = None) -> dict[str, Any]:
    """One area against the region, or every area as small multiples against the region."""
    indicator = summary.indicator
    region_line = [
        charts.SeriesPoint(charts.REGION, p.period, p.value) for p in summary.region_points
    ]
    if area is not None:
        row = summary.row(area)
        own = [
            charts.SeriesPoint(area.name, p.period, p.value)
            for p in (row.points if row else [])
            if p.period not in row.partial_periods
        ]
        return charts.line_spec(
            own + region_line,
            description=f"{indicator.name}: {area.name} against the region, by period.",
            y_title=y_title(summary),
            order=[area.name, charts.REGION],
            width=480,
            height=200,
        )
    # Partial figures (the area's own force's files not held) are left off the lines, as
    # from the region's: a near-zero line would read as an area with almost no crime.
    panels = {
        str(r.area.pk): area_label(r.area)
        + (" (own force not held)" if r.points and _all_partial(r) else "")
        for r in summary.areas
    }
    points = [
        charts.SeriesPoint(f"{r.area.pk}|Area", p.period, p.value)
        for r in summary.areas
        for p in r.points
        if p.period not in r.partial_periods
    ] + [
        charts.SeriesPoint(f"{r.area.pk}|{charts.REGION}", p.period, p.value)
        for r in summary.areas
        for p in summary.region_points
    ]
    return charts.small_multiples_spec(
        points,
        panels=panels,
        description=f"{indicator.name} for each area against the region, by period.",
        y_title=y_title(summary),
        order=["Area", charts.REGION],
    )


def _all_partial(row: Any) -> bool:
    return all(p.period in row.partial_periods for p in row.points)


def gap_spec(summary: Any) -> dict[str, Any]:
    return charts.line_spec(
        charts.gap_points(summary.gaps),
        description=(
            f"{summary.indicator.name}: the mean of the worst-affected areas against the median "
            "area, by period; the distance between the lines is the gap."
        ),
        y_title=y_title(summary),
        order=[charts.WORST, charts.MEDIAN],
        height=200,
    )


@dataclass(frozen=True)
class TableRow:
    heading: str
    cells: tuple[str, ...]
    partial: tuple[bool, ...] = ()

    @property
    def pairs(self) -> list[tuple[str, bool]]:
        flags = self.partial or (False,) * len(self.cells)
        return list(zip(self.cells, flags, strict=True))


def trend_table(summary: Any, *, area: Any = None) -> list[TableRow]:
    """Rows of areas (or the one area and the region), columns of periods."""
    unit = summary.indicator
    rows = []
    chosen = [summary.row(area)] if area is not None else summary.areas
    for row in chosen:
        if row is None:
            continue
        by_period = {p.period: p.value for p in row.points}
        rows.append(
            TableRow(
                area_label(row.area),
                tuple(format_value(by_period.get(p), unit) for p in summary.periods),
                tuple(p in row.partial_periods for p in summary.periods),
            )
        )
    region = {p.period: p.value for p in summary.region_points}
    rows.append(
        TableRow(
            "Region (areas with complete data)",
            tuple(format_value(region.get(p), unit) for p in summary.periods),
        )
    )
    return rows


GAP_HEADINGS = ("Worst-affected areas (mean)", "Median area", "Gap", "Worst-affected areas")


def gap_table(summary: Any) -> list[TableRow]:
    unit = summary.indicator
    names = {r.area.code: r.area.name for r in summary.areas}
    return [
        TableRow(
            period_label(g.period),
            (
                format_value(g.worst_mean, unit),
                format_value(g.median, unit),
                format_value(g.size, unit),
                ", ".join(names.get(code, code) for code in g.worst_areas),
            ),
        )
        for g in summary.gaps
    ]


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    return spreadsheets.csv_text(header, rows)


VALUES_HEADER = ("area_code", "area_name", "period", "value", "partial")


def values_csv(summary: Any, *, area: Any = None) -> str:
    rows: list[tuple[Any, ...]] = [
        (
            r.area.code,
            r.area.name,
            p.period,
            p.value,
            "yes" if p.period in r.partial_periods else "",
        )
        for r in summary.areas
        if area is None or r.area.pk == area.pk
        for p in r.points
    ]
    rows += [
        ("", "Region (areas with complete data)", p.period, p.value, "")
        for p in summary.region_points
    ]
    return csv_text(VALUES_HEADER, rows)


GAP_HEADER = ("period", "worst_areas_mean", "median", "gap", "worst_areas")


def gap_csv(summary: Any) -> str:
    return csv_text(
        GAP_HEADER,
        ((g.period, g.worst_mean, g.median, g.size, " ".join(g.worst_areas)) for g in summary.gaps),
    )


def gap_sentence(summary: Any) -> str:
    """The gap's direction in words, with the rule used."""
    trend = summary.gap_trend
    if trend is None:
        return "No gap can be measured yet."
    return (
        f"Over the last {trend.periods} period{'s' if trend.periods != 1 else ''} the gap is "
        f"{trend.verdict} (from {format_value(trend.first, summary.indicator)} to "
        f"{format_value(trend.last, summary.indicator)}; least-squares slope "
        f"{trend.slope} a period)."
    )
