"""Chart specs and the printed SVG: colour-blind-safe, never colour alone, no scripts."""

from __future__ import annotations

import json
from decimal import Decimal
from xml.etree import ElementTree

from remit.indicators import charts


def points() -> list[charts.SeriesPoint]:
    return [
        charts.SeriesPoint(series, period, Decimal(value))
        for series, values in (("Birmingham", (3, 4)), (charts.REGION, (2, 2)))
        for period, value in zip(("2019-01", "2019-02"), values, strict=True)
    ]


def test_a_line_spec_is_vega_lite_with_okabe_ito_colours_and_dashes() -> None:
    spec = charts.line_spec(points(), description="Trend.", y_title="Crimes")
    assert spec["$schema"].endswith("vega-lite/v6.json")
    encoding = spec["encoding"]
    assert encoding["color"]["scale"]["range"] == list(charts.OKABE_ITO[:2])
    dashes = encoding["strokeDash"]["scale"]["range"]
    assert dashes[0] != dashes[1]
    assert encoding["x"]["sort"] == ["2019-01", "2019-02"]
    assert json.loads(json.dumps(spec)) == spec  # plain JSON, nothing to evaluate


def test_small_multiples_have_one_panel_per_area() -> None:
    found = [
        charts.SeriesPoint(f"{key}|{line}", "2019", Decimal(1))
        for key in ("1", "2")
        for line in ("Area", charts.REGION)
    ]
    spec = charts.small_multiples_spec(
        found,
        panels={"1": "Coventry", "2": "Solihull"},
        description="d",
        y_title="y",
        order=["Area", charts.REGION],
    )
    assert spec["facet"]["sort"] == ["Coventry", "Solihull"]
    assert {v["panel"] for v in spec["data"]["values"]} == {"Coventry", "Solihull"}


def test_the_printed_chart_is_well_formed_svg_with_a_title() -> None:
    svg = charts.svg_line_chart(
        {
            "Birmingham": [("2019-01", Decimal(3)), ("2019-02", Decimal(4))],
            "Region <all>": [("2019-01", Decimal(2)), ("2019-02", Decimal(2))],
        },
        title="Crimes & more",
        y_title="Crimes",
    )
    root = ElementTree.fromstring(svg)  # noqa: S314 - the chart drawn just above
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == "Crimes & more"
    assert len(root.findall(f"{ns}polyline")) == 2
    assert "script" not in svg


def test_a_printed_chart_without_figures_says_so() -> None:
    assert "No figures yet" in charts.svg_line_chart({}, title="t", y_title="y")
