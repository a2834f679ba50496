"""Indicator charts: Vega-Lite specs (plain dicts) for the browser and, through vl-convert, paper.

Colours are from the Okabe–Ito palette, which stays distinct for the common forms of
colour blindness; every line also has its own dash pattern and point shape, so no series
is told apart by colour alone. Every chart on a page has a table with the same figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from remit.ui.charts import FONT
from remit.ui.charts import VEGA_LITE_SCHEMA

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
    # Narrow panels: one y title for the whole chart, slanted month labels.
    encoding = _encoding(order, periods, y_title)
    encoding["y"] = {**encoding["y"], "title": None}
    encoding["x"] = {**encoding["x"], "axis": {"labelAngle": -45 if len(periods) > 3 else 0}}
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": description + " The same figures are in the table that follows.",
        "title": {"text": y_title, "anchor": "start", "fontSize": 13, "fontWeight": "normal"},
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
            "encoding": encoding,
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
