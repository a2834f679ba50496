"""The fund's charts: each area's total under each scenario as grouped bars, and maps of the
fund (each area's share of an allocation, the money awarded or asked for in each area).

Plain values in, a plain dict out; the page puts the spec in a JSON data block that a static
script hands to vega-embed, and shows the same figures in a table beside it. Chart values are
whole pounds: precise enough to draw, and never used for sums.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP
from decimal import Decimal
from typing import Any

from remit.indicators import maps
from remit.ui.formatting import format_pence

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
FONT = "system-ui, -apple-system, 'Segoe UI', Arial, sans-serif"
PALETTE = ("#1d70b8", "#f47738", "#00703c", "#912b88", "#505a5f", "#d4351c", "#28a197")


@dataclass(frozen=True)
class Bar:
    area: str
    scenario: str
    pence: int


def comparison_spec(
    bars: Sequence[Bar], areas: Sequence[str], scenarios: Sequence[str]
) -> dict[str, Any]:
    """Grouped bars: one group per area, one bar per scenario."""
    values = [
        {"area": bar.area, "scenario": bar.scenario, "pounds": bar.pence // 100} for bar in bars
    ]
    colours = [PALETTE[i % len(PALETTE)] for i in range(len(scenarios))]
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": (
            "Each area's total allocation under each scenario. "
            "The same figures are in the table beside the chart."
        ),
        "data": {"values": values},
        "width": "container",
        "height": 280,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "mark": {"type": "bar"},
        "encoding": {
            "x": {
                "field": "area",
                "type": "nominal",
                "title": None,
                "sort": list(areas),
                "axis": {"labelAngle": -30, "labelLimit": 140},
            },
            "xOffset": {"field": "scenario", "sort": list(scenarios)},
            "y": {
                "field": "pounds",
                "type": "quantitative",
                "title": "£",
                "axis": {"format": "~s"},
            },
            "color": {
                "field": "scenario",
                "type": "nominal",
                "title": None,
                "scale": {"domain": list(scenarios), "range": colours},
                "legend": {"orient": "top", "labelFontSize": 13, "labelLimit": 280},
            },
            "tooltip": [
                {"field": "area", "title": "Area"},
                {"field": "scenario", "title": "Scenario"},
                {"field": "pounds", "title": "£", "format": ","},
            ],
        },
        "config": {
            "font": FONT,
            "axis": {"labelFontSize": 12, "titleFontSize": 13},
            "view": {"stroke": None},
        },
    }


# --- maps of the fund ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AreaFigure:
    """What one area has on a map of the fund: an amount in pence and how many records."""

    code: str
    pence: int
    count: int = 0


def money_rows(
    shapes: Sequence[tuple[str, str]],
    figures: dict[str, AreaFigure],
    *,
    no_data: str = "",
) -> list[maps.MapRow]:
    """One map row per shape, in name order. An area without a figure is £0 (a real zero,
    coloured as such), unless `no_data` says why it has none: then it is drawn as no data."""
    rows = []
    for code, name in sorted(shapes, key=lambda shape: (shape[1], shape[0])):
        figure = figures.get(code)
        if figure is None and no_data:
            rows.append(maps.MapRow(code, name, None, maps.NO_DATA, no_data))
            continue
        pence = figure.pence if figure is not None else 0
        rows.append(maps.MapRow(code, name, Decimal(pence) / 100, format_pence(pence)))
    return rows


def share_rows(
    shapes: Sequence[tuple[str, str]], totals: dict[str, int], *, no_data: str
) -> list[maps.MapRow]:
    """Each shape's share of the money the areas share, as a percentage to two places; a
    shape with no total is no data, never 0%."""
    whole = sum(totals.values())
    rows = []
    for code, name in sorted(shapes, key=lambda shape: (shape[1], shape[0])):
        if code not in totals or whole <= 0:
            rows.append(maps.MapRow(code, name, None, maps.NO_DATA, no_data))
            continue
        share = (Decimal(totals[code]) * 100 / whole).quantize(Decimal("0.01"), ROUND_HALF_UP)
        rows.append(maps.MapRow(code, name, share, f"{share}%"))
    return rows


def fund_map_spec(
    topology: dict[str, Any],
    object_name: str,
    rows: Sequence[maps.MapRow],
    *,
    description: str,
    legend_title: str,
    attribution: str,
) -> dict[str, Any]:
    """A choropleth of the fund over the districts: the indicators' map, single-hue blues from
    zero, grey with a dashed outline where there is no figure. The shapes' attribution travels
    in the spec (``usermeta``), so a copy of the spec keeps what the licence asks for."""
    spec = maps.choropleth_spec(
        topology,
        object_name,
        rows,
        description=description,
        legend_title=legend_title,
        scale=maps.SEQUENTIAL,
    )
    spec["usermeta"] = {"attribution": attribution}
    return spec
