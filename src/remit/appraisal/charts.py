"""Charts of an appraisal: Vega-Lite specs, drawn by the browser and, for documents, by vl-convert.

Everything reads the stored JSON of an appraisal (`appraisal_to_json`), so a chart of an old
result is drawn from that result, never recomputed. Each chart comes with the rows of its data
table, because a chart alone does not serve everyone. Chart values are whole pounds: precise
enough to draw, and never used for sums.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP
from decimal import Decimal
from typing import Any

from remit.ui.charts import FONT
from remit.ui.charts import VEGA_LITE_SCHEMA

COSTS = "Discounted costs"
BENEFITS = "Discounted benefits"
MAY_FALL = "Benefits may fall by"
MAY_RISE = "Costs may rise by"
COST_COLOUR = "#1d70b8"
BENEFIT_COLOUR = "#f47738"


def whole_pounds(amount: str | Decimal) -> int:
    return int(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def percent(ratio: str | None) -> Decimal | None:
    """A stored ratio such as "0.1234" as a percentage to two places, 12.34."""
    if ratio is None:
        return None
    return (Decimal(ratio) * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class YearRow:
    option: str
    year: int
    discount_factor: str
    costs: Decimal
    benefits: Decimal


@dataclass(frozen=True)
class SwitchingRow:
    option: str
    benefits_may_fall: Decimal | None
    costs_may_rise: Decimal | None


def year_rows(result: Mapping[str, Any]) -> list[YearRow]:
    """Discounted costs and benefits of every option in every year of the appraisal period."""
    return [
        YearRow(
            option=option["name"],
            year=int(year["year"]),
            discount_factor=year["discount_factor"],
            costs=Decimal(year["discounted_costs"]),
            benefits=Decimal(year["discounted_benefits"]),
        )
        for option in result["options"]
        for year in option["years"]
    ]


def switching_rows(result: Mapping[str, Any]) -> list[SwitchingRow]:
    """How far each option's added benefits may fall, or costs rise, before it stops paying."""
    return [
        SwitchingRow(
            option=option["name"],
            benefits_may_fall=percent(option["incremental"]["switching_benefits"]),
            costs_may_rise=percent(option["incremental"]["switching_costs"]),
        )
        for option in result["options"]
        if option["incremental"] is not None
    ]


def costs_and_benefits_spec(result: Mapping[str, Any]) -> dict[str, Any]:
    """Grouped bars per year, one small chart per option."""
    values = [
        {"option": row.option, "year": str(row.year), "measure": measure, "pounds": amount}
        for row in year_rows(result)
        for measure, amount in (
            (COSTS, whole_pounds(row.costs)),
            (BENEFITS, whole_pounds(row.benefits)),
        )
    ]
    base_year = result["base_year"]
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": (
            f"Discounted costs and benefits by year for each option, in {base_year} prices. "
            "The same figures are in the table that follows."
        ),
        "data": {"values": values},
        "facet": {
            "field": "option",
            "type": "nominal",
            "sort": [option["name"] for option in result["options"]],
            "title": None,
            "header": {"labelFontSize": 14, "labelFontWeight": "bold", "labelAnchor": "start"},
        },
        "columns": 1,
        "spec": {
            "width": 560,
            "height": 160,
            "mark": {"type": "bar"},
            "encoding": {
                "x": {
                    "field": "year",
                    "type": "ordinal",
                    "title": "Year",
                    "axis": {"labelAngle": 0},
                },
                "xOffset": {"field": "measure", "sort": [COSTS, BENEFITS]},
                "y": {
                    "field": "pounds",
                    "type": "quantitative",
                    "title": f"£ ({base_year} prices)",
                    "axis": {"format": "~s"},
                },
                "color": _colour([COSTS, BENEFITS], [COST_COLOUR, BENEFIT_COLOUR]),
                "tooltip": [
                    {"field": "option", "title": "Option"},
                    {"field": "year", "title": "Year"},
                    {"field": "measure", "title": "Measure"},
                    {"field": "pounds", "title": "£", "format": ","},
                ],
            },
        },
        "resolve": {"scale": {"y": "shared"}},
        "config": _config(),
    }


def switching_values_spec(result: Mapping[str, Any]) -> dict[str, Any]:
    """Horizontal bars of both switching values for each option against the counterfactual."""
    values = [
        {"option": row.option, "measure": measure, "percent": float(value)}
        for row in switching_rows(result)
        for measure, value in ((MAY_FALL, row.benefits_may_fall), (MAY_RISE, row.costs_may_rise))
        if value is not None
    ]
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "description": (
            "Switching values: how far each option's added benefits may fall, or its added "
            f"costs rise, before it no longer pays against {result['counterfactual']}. "
            "The same figures are in the table that follows."
        ),
        "data": {"values": values},
        "width": 480,
        "height": {"step": 16},
        "layer": [
            {
                "mark": {"type": "bar"},
                "encoding": {
                    "y": {
                        "field": "option",
                        "type": "nominal",
                        "title": None,
                        "sort": [row.option for row in switching_rows(result)],
                        "axis": {"labelLimit": 220},
                    },
                    "yOffset": {"field": "measure", "sort": [MAY_FALL, MAY_RISE]},
                    "x": {"field": "percent", "type": "quantitative", "title": "%"},
                    "color": _colour([MAY_FALL, MAY_RISE], [BENEFIT_COLOUR, COST_COLOUR]),
                    "tooltip": [
                        {"field": "option", "title": "Option"},
                        {"field": "measure", "title": "Measure"},
                        {"field": "percent", "title": "%", "format": ".2f"},
                    ],
                },
            },
            {
                "mark": {"type": "rule", "color": "#0b0c0c", "aria": False},
                "encoding": {"x": {"datum": 0}},
            },
        ],
        "config": _config(),
    }


def _colour(domain: list[str], colours: list[str]) -> dict[str, Any]:
    return {
        "field": "measure",
        "type": "nominal",
        "title": None,
        "scale": {"domain": domain, "range": colours},
        "legend": {"orient": "top", "labelFontSize": 13},
    }


def _config() -> dict[str, Any]:
    return {
        "font": FONT,
        "axis": {"labelFontSize": 12, "titleFontSize": 13},
        "view": {"stroke": None},
    }


def printed_charts(result: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The charts of the page, with their alternative text, for the PDF and Word exports."""
    found = [
        (
            "Chart of discounted costs and benefits by year for each option; "
            "the figures are in the tables.",
            costs_and_benefits_spec(result),
        )
    ]
    if any(
        row.benefits_may_fall is not None or row.costs_may_rise is not None
        for row in switching_rows(result)
    ):
        found.append(
            (
                "Chart of each option's switching values; the figures are in the table.",
                switching_values_spec(result),
            )
        )
    return found
