"""Choropleth maps: Vega-Lite `geoshape` specs (plain dicts) over stored TopoJSON.

The same spec is drawn by vega-embed on a page and by vl-convert in a PDF. The shapes
travel inside the spec as topology (`format: topojson`), with the figures joined on by
GSS code, so a map needs no download and no inline script.

The no-data rule: an area with no figure, or only a partial one, is drawn grey with a
dashed outline and listed under "No data" in the legend; it is never given the colour of
a figure, so it cannot be read as zero. Colours are colour-blind safe: a single-hue blue
ramp for amounts, blue–orange for changes either side of zero, viridis for deciles.
Every map has a table beside it with the same figures, and the map's container is one
labelled image, so its hundreds of shapes are not each announced (`aria: false`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from remit.indicators import dashboards
from remit.ui.charts import FONT
from remit.ui.charts import VEGA_LITE_SCHEMA

NO_DATA = "No data"
NO_DATA_FILL = "#b1b4b6"
NO_DATA_STROKE = "#0b0c0c"
SEQUENTIAL = "sequential"
DIVERGING = "diverging"
DECILES = "deciles"


@dataclass(frozen=True)
class MapRow:
    """One area on a map: its figure (None for no data) and the words the table shows."""

    code: str
    name: str
    value: Decimal | None
    label: str
    note: str = ""

    @property
    def has_data(self) -> bool:
        return self.value is not None


def _colour(scale: str, title: str) -> dict[str, Any]:
    legend = {"title": title, "orient": "right", "titleLimit": 260, "gradientLength": 160}
    if scale == DIVERGING:
        return {
            "field": "value",
            "type": "quantitative",
            "title": title,
            "scale": {"scheme": "blueorange", "domainMid": 0},
            "legend": legend,
        }
    if scale == DECILES:
        return {
            "field": "value",
            "type": "ordinal",
            "title": title,
            "scale": {"scheme": "viridis", "domain": list(range(1, 11))},
            "legend": {**legend, "symbolType": "square"},
        }
    return {
        "field": "value",
        "type": "quantitative",
        "title": title,
        "scale": {"scheme": {"name": "blues", "extent": [0.2, 1]}, "zero": True},
        "legend": legend,
    }


def choropleth_spec(
    topology: dict[str, Any],
    object_name: str,
    rows: Sequence[MapRow],
    *,
    description: str,
    legend_title: str,
    scale: str = SEQUENTIAL,
    width: int = 520,
    height: int = 420,
    highlight: Sequence[str] = (),
) -> dict[str, Any]:
    """A map of `rows` over the topology's shapes; shapes with no row count as no data."""
    values = [
        {
            "code": r.code,
            "name": r.name,
            "value": None if r.value is None else float(r.value),
            "label": r.label,
        }
        for r in rows
    ]
    no_data = [r.name for r in rows if not r.has_data]
    # A legend entry only for what is drawn: no "No data" swatch when every shape has a
    # figure, and no empty colour ramp when none has.
    with_data = {r.code for r in rows if r.has_data}
    shapes = [str(g["id"]) for g in topology["objects"][object_name]["geometries"]]
    first = 0 if any(code not in with_data for code in shapes) else 1
    last = 2 if any(code in with_data for code in shapes) else 1
    lookup = {
        "lookup": "id",
        "from": {"data": {"values": values}, "key": "code", "fields": ["name", "value", "label"]},
    }
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": (
            f"{description} Areas drawn grey with a dashed outline have no data"
            + (f" ({', '.join(no_data)})" if 0 < len(no_data) <= 12 else "")
            + ". The same figures are in the table that follows."
        ),
        "width": width,
        "height": height,
        "data": {"values": topology, "format": {"type": "topojson", "feature": object_name}},
        "transform": [
            lookup,
            {"calculate": f"isValid(datum.value) ? '' : '{NO_DATA}'", "as": "status"},
        ],
        "projection": {"type": "mercator"},
        "layer": [
            {
                "transform": [{"filter": "datum.status != ''"}],
                "mark": {
                    "type": "geoshape",
                    "aria": False,
                    "stroke": NO_DATA_STROKE,
                    "strokeWidth": 0.6,
                    "strokeDash": [2, 2],
                },
                "encoding": {
                    "color": {
                        "field": "status",
                        "type": "nominal",
                        "title": None,
                        "scale": {"domain": [NO_DATA], "range": [NO_DATA_FILL]},
                        "legend": {"orient": "right", "symbolType": "square"},
                    }
                },
            },
            {
                "transform": [{"filter": "datum.status == ''"}],
                "mark": {
                    "type": "geoshape",
                    "aria": False,
                    "stroke": "#ffffff",
                    "strokeWidth": 0.6,
                },
                "encoding": {"color": _colour(scale, legend_title)},
            },
        ][first:last]
        + (
            [
                {
                    "transform": [
                        {"filter": {"field": "id", "oneOf": list(highlight)}},
                    ],
                    "mark": {
                        "type": "geoshape",
                        "aria": False,
                        "fill": None,
                        "stroke": "#0b0c0c",
                        "strokeWidth": 2,
                    },
                }
            ]
            if highlight
            else []
        ),
        "resolve": {"scale": {"color": "independent"}, "legend": {"color": "independent"}},
        "config": {
            "font": FONT,
            "view": {"stroke": None},
            "legend": {"labelColor": "#0b0c0c", "titleColor": "#0b0c0c", "labelFontSize": 12},
        },
    }


def no_data_codes(spec: dict[str, Any]) -> list[str]:
    """The codes a spec draws as no data (for checks and tests)."""
    values = spec["transform"][0]["from"]["data"]["values"]
    shown = {v["code"] for v in values if v["value"] is not None}
    geometries = next(iter(spec["data"]["values"]["objects"].values()))["geometries"]
    return [g["id"] for g in geometries if g["id"] not in shown]


def district_rows(summary: Any) -> list[MapRow]:
    """Each area's latest figure; a partial or missing latest figure is no data."""
    unit = summary.indicator.unit
    latest = summary.latest_period
    rows = []
    for r in summary.areas:
        point = r.value_at(latest) if latest else None
        if point is None:
            rows.append(MapRow(r.area.code, r.area.name, None, NO_DATA, "no figure for the period"))
        elif latest in r.partial_periods:
            rows.append(
                MapRow(
                    r.area.code,
                    r.area.name,
                    None,
                    NO_DATA,
                    "partial: only crimes recorded here by neighbouring forces",
                )
            )
        else:
            rows.append(
                MapRow(
                    r.area.code,
                    r.area.name,
                    point.value,
                    dashboards.format_value(point.value, unit),
                )
            )
    return rows


def legend_title(summary: Any) -> str:
    label = str(summary.indicator.value_label).capitalize()
    period = summary.latest_period
    return f"{label}, {dashboards.period_label(period)}" if period else label
