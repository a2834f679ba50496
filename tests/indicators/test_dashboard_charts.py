"""Chart specs and the printed SVG: colour-blind-safe, never colour alone, no scripts."""

from __future__ import annotations

import json
from decimal import Decimal
from xml.etree import ElementTree

from remit.indicators import charts
from remit.ui.charts import to_svg


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


def test_the_printed_chart_is_the_page_spec_rendered_to_svg() -> None:
    spec = charts.line_spec(
        [
            charts.SeriesPoint("Birmingham", "2019-01", Decimal(3)),
            charts.SeriesPoint("Birmingham", "2019-02", Decimal(4)),
            charts.SeriesPoint("Region <all>", "2019-01", Decimal(2)),
            charts.SeriesPoint("Region <all>", "2019-02", Decimal(2)),
        ],
        description="Crimes & more.",
        y_title="Crimes",
    )
    svg = to_svg(spec)
    root = ElementTree.fromstring(svg)  # noqa: S314 - the chart rendered just above
    texts = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {"Birmingham", "Region <all>", "Crimes", "2019-01", "2019-02"} <= texts
    assert not list(root.iter("{http://www.w3.org/2000/svg}script"))
