"""Indicator charts: Vega-Lite specs (plain dicts) for the browser, plain SVG for paper.

Colours are from the Okabe–Ito palette, which stays distinct for the common forms of
colour blindness; every line also has its own dash pattern and point shape, so no series
is told apart by colour alone. Every chart on a page has a table with the same figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
FONT = "system-ui, -apple-system, 'Segoe UI', Arial, sans-serif"

# Okabe & Ito (2008), "Color Universal Design": blue, vermillion, bluish green, orange,
# reddish purple, sky blue, yellow, black; yellow comes late as it is faint on white.
OKABE_ITO = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#E69F00",
    "#CC79A7",
    "#56B4E9",
    "#000000",
    "#F0E442",
)
DASHES: tuple[tuple[int, ...], ...] = ((1, 0), (6, 3), (2, 2), (8, 3, 2, 3), (4, 4), (1, 3))
SHAPES = ("circle", "square", "triangle-up", "diamond", "cross", "triangle-down")

REGION = "Region"
WORST = "Worst-affected areas (mean)"
MEDIAN = "Median area"


@dataclass(frozen=True)
class SeriesPoint:
    series: str
    period: str
    value: Decimal


def _number(value: Decimal) -> float:
    """Chart positions only: the tables beside the charts show the exact figures."""
    return float(value)


def _style(order: Sequence[str]) -> dict[str, Any]:
    n = len(order)
    return {
        "color": {
            "field": "series",
            "type": "nominal",
            "title": None,
            "sort": list(order),
            "scale": {"domain": list(order), "range": [OKABE_ITO[i % 8] for i in range(n)]},
            "legend": {"orient": "top", "labelFontSize": 13, "labelLimit": 320},
        },
        "strokeDash": {
            "field": "series",
            "type": "nominal",
            "sort": list(order),
            "scale": {"domain": list(order), "range": [list(DASHES[i % 6]) for i in range(n)]},
            "legend": None,
        },
        "shape": {
            "field": "series",
            "type": "nominal",
            "sort": list(order),
            "scale": {"domain": list(order), "range": [SHAPES[i % 6] for i in range(n)]},
            "legend": None,
        },
    }


def _axis_title(periods: Sequence[str]) -> str:
    return "Month" if periods and len(periods[0]) == 7 else "Year"


def _encoding(order: Sequence[str], periods: Sequence[str], y_title: str) -> dict[str, Any]:
    return {
        "x": {
            "field": "period",
            "type": "ordinal",
            "title": _axis_title(periods),
            "sort": list(periods),
            "axis": {"labelAngle": -45 if len(periods) > 6 else 0},
        },
        "y": {"field": "value", "type": "quantitative", "title": y_title},
        **_style(order),
    }


def _config() -> dict[str, Any]:
    return {
        "font": FONT,
        "axis": {"labelFontSize": 12, "titleFontSize": 13, "labelColor": "#0b0c0c"},
        "legend": {"labelColor": "#0b0c0c"},
        "view": {"stroke": None},
        "line": {"strokeWidth": 2.5},
        "point": {"size": 45, "filled": True},
    }


def line_spec(
    points: Sequence[SeriesPoint],
    *,
    description: str,
    y_title: str,
    order: Sequence[str] | None = None,
    width: int = 560,
    height: int = 240,
) -> dict[str, Any]:
    """Lines over time, one per series, in `order` (first seen, otherwise)."""
    order = list(order or dict.fromkeys(p.series for p in points))
    periods = sorted({p.period for p in points})
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": description + " The same figures are in the table that follows.",
        "data": {
            "values": [
                {"series": p.series, "period": p.period, "value": _number(p.value)} for p in points
            ]
        },
        "width": width,
        "height": height,
        "mark": {"type": "line", "point": True},
        "encoding": _encoding(order, periods, y_title),
        "config": _config(),
    }


def small_multiples_spec(
    points: Sequence[SeriesPoint],
    *,
    panels: Mapping[str, str],
    description: str,
    y_title: str,
    order: Sequence[str],
    columns: int = 3,
) -> dict[str, Any]:
    """One small chart per area, each with the same lines (the area and the region).

    `panels` maps each point's series key "<panel>|<line>" panel part to its title.
    """
    periods = sorted({p.period for p in points})
    values = []
    for p in points:
        panel, _, line = p.series.partition("|")
        values.append(
            {"panel": panels[panel], "series": line, "period": p.period, "value": _number(p.value)}
        )
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": description + " The same figures are in the table that follows.",
        "data": {"values": values},
        "facet": {
            "field": "panel",
            "type": "nominal",
            "sort": list(panels.values()),
            "title": None,
            "header": {"labelFontSize": 13, "labelFontWeight": "bold", "labelAnchor": "start"},
        },
        "columns": columns,
        "spec": {
            "width": 170,
            "height": 110,
            "mark": {"type": "line", "point": True},
            "encoding": _encoding(order, periods, y_title),
        },
        "resolve": {"scale": {"y": "shared"}},
        "config": _config(),
    }


def gap_points(gaps: Sequence[Any]) -> list[SeriesPoint]:
    """The worst group's mean and the median over time, from `measures.Gap` rows."""
    return [
        point
        for g in gaps
        for point in (
            SeriesPoint(WORST, g.period, g.worst_mean),
            SeriesPoint(MEDIAN, g.period, g.median),
        )
    ]


# ---------------------------------------------------------------- SVG for printed reports


def svg_line_chart(
    series: Mapping[str, Sequence[tuple[str, Decimal]]],
    *,
    title: str,
    y_title: str,
    width: int = 640,
    height: int = 260,
) -> str:
    """A line chart as a standalone SVG string, for WeasyPrint (no browser, no scripts)."""
    left, right, top, bottom = 64, 16, 40, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    periods = sorted({p for points in series.values() for p, _ in points})
    values = [v for points in series.values() for _, v in points]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title, _QUOTE)}">',
        f"<title>{escape(title)}</title>",
    ]
    if not periods or not values:
        parts.append(f'<text x="{left}" y="{top + 20}" font-size="12">No figures yet</text></svg>')
        return "".join(parts)
    low, high = _nice_range(min(values), max(values))

    def x(period: str) -> float:
        if len(periods) == 1:
            return left + plot_w / 2
        return left + plot_w * periods.index(period) / (len(periods) - 1)

    def y(value: Decimal) -> float:
        return top + plot_h * float((high - value) / (high - low))

    parts += _svg_axes(periods, low, high, x, y, left, top, plot_w, plot_h, y_title)
    for i, (name, points) in enumerate(series.items()):
        colour, dash = OKABE_ITO[i % 8], ",".join(map(str, DASHES[i % 6]))
        coords = " ".join(f"{x(p):.1f},{y(v):.1f}" for p, v in sorted(points))
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
            f'stroke-dasharray="{dash}" points="{coords}"/>'
        )
        parts += [
            f'<circle cx="{x(p):.1f}" cy="{y(v):.1f}" r="2.5" fill="{colour}"/>' for p, v in points
        ]
        lx = left + i * 200
        parts.append(
            f'<line x1="{lx}" y1="14" x2="{lx + 24}" y2="14" stroke="{colour}" '
            f'stroke-width="2" stroke-dasharray="{dash}"/>'
            f'<text x="{lx + 30}" y="18" font-size="11">{escape(name[:30])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


_QUOTE = {'"': "&quot;"}


def _nice_range(low: Decimal, high: Decimal) -> tuple[Decimal, Decimal]:
    low = min(low, Decimal(0))
    if high == low:
        high = low + 1
    return low, high + (high - low) / 10


def _svg_axes(
    periods: Sequence[str],
    low: Decimal,
    high: Decimal,
    x: Any,
    y: Any,
    left: int,
    top: int,
    plot_w: int,
    plot_h: int,
    y_title: str,
) -> list[str]:
    parts = []
    for step in range(5):
        value = low + (high - low) * step / 4
        yy = y(value)
        parts.append(
            f'<line x1="{left}" y1="{yy:.1f}" x2="{left + plot_w}" y2="{yy:.1f}" '
            f'stroke="#b1b4b6" stroke-width="0.5"/>'
            f'<text x="{left - 6}" y="{yy + 4:.1f}" font-size="10" text-anchor="end">'
            f"{_tick(value)}</text>"
        )
    every = max(1, len(periods) // 8)
    for i, period in enumerate(periods):
        if i % every == 0 or i == len(periods) - 1:
            parts.append(
                f'<text x="{x(period):.1f}" y="{top + plot_h + 16}" font-size="10" '
                f'text-anchor="middle">{escape(period)}</text>'
            )
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        f'stroke="#0b0c0c"/>'
        f'<text x="12" y="{top + plot_h / 2:.1f}" font-size="11" text-anchor="middle" '
        f'transform="rotate(-90 12 {top + plot_h / 2:.1f})">{escape(y_title)}</text>'
    )
    return parts


def _tick(value: Decimal) -> str:
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.0f}"
    return f"{value:.2f}"
