"""The what-if chart: each area's total under each scenario, as a Vega-Lite grouped bar spec.

Plain values in, a plain dict out; the page puts the spec in a JSON data block that a static
script hands to vega-embed, and shows the same figures in a table beside it. Chart values are
whole pounds: precise enough to draw, and never used for sums.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

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
