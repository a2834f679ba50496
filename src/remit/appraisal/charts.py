"""Charts of an appraisal: Vega-Lite specs for the browser, a plain SVG for printed documents.

Everything reads the stored JSON of an appraisal (`appraisal_to_json`), so a chart of an old
result is drawn from that result, never recomputed. Each chart comes with the rows of its data
table, because a chart alone does not serve everyone. Chart values are whole pounds: precise
enough to draw, and never used for sums.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from xml.sax.saxutils import escape

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
COSTS = "Discounted costs"
BENEFITS = "Discounted benefits"
MAY_FALL = "Benefits may fall by"
MAY_RISE = "Costs may rise by"
COST_COLOUR = "#1d70b8"
BENEFIT_COLOUR = "#f47738"
FONT = "system-ui, -apple-system, 'Segoe UI', Arial, sans-serif"


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


@dataclass(frozen=True)
class Bar:
    label: str
    values: tuple[Decimal, ...]


def present_values_svg(result: Mapping[str, Any]) -> str:
    """Present value of costs and benefits per option, drawn for print without a browser."""
    bars = [
        Bar(option["name"], (Decimal(option["pv_costs"]), Decimal(option["pv_benefits"])))
        for option in result["options"]
    ]
    return bar_chart_svg(
        bars,
        series=(
            ("Present value of costs", COST_COLOUR),
            ("Present value of benefits", BENEFIT_COLOUR),
        ),
        title=f"Present values by option, £ ({result['base_year']} prices)",
    )


BAR = 14
GAP = 10
LABEL_WIDTH = 210
PLOT_WIDTH = 380
TOP = 52
CHARS_IN_LABEL = 32


def bar_chart_svg(bars: Sequence[Bar], *, series: Sequence[tuple[str, str]], title: str) -> str:
    """Horizontal grouped bars with the zero line, the largest value and a legend."""
    values = [value for bar in bars for value in bar.values]
    low = min([Decimal(0), *values])
    high = max([Decimal(0), *values])
    span = (high - low) or Decimal(1)

    def x(value: Decimal) -> float:
        return LABEL_WIDTH + float((value - low) / span) * PLOT_WIDTH

    group = BAR * len(series) + GAP
    height = TOP + group * len(bars) + 30
    width = LABEL_WIDTH + PLOT_WIDTH + 90
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'font-family="Arial, sans-serif" font-size="11">',
        f'<text x="0" y="14" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    for index, (name, colour) in enumerate(series):
        left = index * 230
        parts.append(f'<rect x="{left}" y="24" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{left + 18}" y="34">{escape(name)}</text>')
    for row, bar in enumerate(bars):
        top = TOP + row * group
        label = bar.label if len(bar.label) <= CHARS_IN_LABEL else bar.label[:CHARS_IN_LABEL] + "…"
        parts.append(f'<text x="0" y="{top + BAR + 3}">{escape(label)}</text>')
        for index, (value, (_, colour)) in enumerate(zip(bar.values, series, strict=True)):
            start, end = sorted((x(Decimal(0)), x(value)))
            y = top + index * BAR
            parts.append(
                f'<rect x="{start:.1f}" y="{y}" width="{max(end - start, 0.5):.1f}" '
                f'height="{BAR - 2}" fill="{colour}"/>'
            )
            parts.append(
                f'<text x="{end + 4:.1f}" y="{y + BAR - 4}" font-size="9">'
                f"{escape(_short_pounds(value))}</text>"
            )
    zero = x(Decimal(0))
    bottom = TOP + group * len(bars)
    parts.append(
        f'<line x1="{zero:.1f}" y1="{TOP - 4}" x2="{zero:.1f}" y2="{bottom}" stroke="#0b0c0c"/>'
    )
    parts.append(f'<text x="{zero:.1f}" y="{bottom + 14}" text-anchor="middle">£0</text>')
    parts.append("</svg>")
    return "".join(parts)


def _short_pounds(value: Decimal) -> str:
    """£12.3m, £450k, £900: short enough to sit at the end of a bar."""
    sign = "-" if value < 0 else ""
    size = abs(value)
    if size >= 1_000_000:
        return f"{sign}£{size / 1_000_000:.1f}m"
    if size >= 1_000:
        return f"{sign}£{size / 1_000:.0f}k"
    return f"{sign}£{whole_pounds(size)}"
