"""The fund's maps of a region's districts: the server's spec and data against a bare page's.

Reads the shared district boundaries (`$REMIT_SHARED/data/boundaries`, else `../shared`
beside the project) for the districts of a shipped region pack (West Midlands by default),
trims them as `remit boundaries load` does, and gives every district made-up figures: money
awarded (every district a figure, one of them a real £0) and a scenario's shares (one in
five districts not in the scenario, so no data). For each map it times, interleaved over
several runs, what a fund page does to send the map (build the rows and the fund map's
Vega-Lite spec, with its no-data layer, legend and attribution, and serialise it as
json_script does) against the baseline a bare Vega-Lite page would use: one geoshape layer
over the same topology with the figures inline, serialised. Each run times 10 calls in a
row, the two take turns going first, and the fastest run of each is kept (other work on a
shared machine only adds time, in whole time slices); their ratio is what the fund map's
rules cost over the least a page could send. It states the page weight of both (JSON, raw
and gzipped) and times one vl-convert render to SVG, the image a fund PDF carries.

Run: .venv/bin/python bench/bench_fund_maps.py [--quick] [--write-docs] [region-slug]
--quick takes 5 runs of each instead of 25; --write-docs puts the table in
docs/performance.md between the bench_fund_maps marker comments.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from remit.funding import charts
from remit.indicators import boundaries
from remit.indicators import maps
from remit.ui.charts import VEGA_LITE_SCHEMA
from remit.ui.charts import to_svg

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("REMIT_SHARED", REPO.parent / "shared")) / "data" / "boundaries"
BEGIN = "<!-- bench_fund_maps: begin -->"
END = "<!-- bench_fund_maps: end -->"
RUNS, QUICK_RUNS = 25, 5
REPEAT = 10  # calls per timed turn


@dataclass(frozen=True)
class Districts:
    topology: dict[str, Any]
    object_name: str
    shapes: list[tuple[str, str]]


@dataclass(frozen=True)
class Case:
    label: str
    server: list[float]
    bare: list[float]
    server_bytes: int
    server_gzipped: int
    bare_bytes: int
    bare_gzipped: int
    no_data: int
    svg_seconds: float
    svg_bytes: int

    @property
    def ratio(self) -> float:
        return min(self.server) / min(self.bare)


def region_districts(slug: str) -> Districts:
    pack = yaml.safe_load((REPO / "src" / "remit" / "regions" / f"{slug}.yaml").read_text())
    codes = [a["code"] for a in pack["areas"] if boundaries.DISTRICT_CODE.match(a["code"])]
    names = {a["code"]: a["name"] for a in pack["areas"]}
    files = boundaries.files_to_read(
        [SHARED / "england-lad-2013.topo.json", SHARED / "wales-lad-2013.topo.json"], codes
    )
    found = boundaries.scan((str(f), boundaries.read_topology(f)) for f in files)
    district = next(
        s for s in boundaries.region_shapes(found, codes) if s.level == boundaries.DISTRICT
    )
    return Districts(
        district.topology,
        district.object_name,
        [(code, names.get(code, name)) for code, name in district.names.items()],
    )


def bare_spec(
    topology: dict[str, Any], object_name: str, figures: dict[str, float]
) -> dict[str, Any]:
    """What a bare Vega-Lite page would send: one geoshape layer, the figures inline."""
    return {
        "$schema": VEGA_LITE_SCHEMA,
        "width": 520,
        "height": 420,
        "data": {"values": topology, "format": {"type": "topojson", "feature": object_name}},
        "transform": [
            {
                "lookup": "id",
                "from": {
                    "data": {"values": [{"code": c, "value": v} for c, v in figures.items()]},
                    "key": "code",
                    "fields": ["value"],
                },
            }
        ],
        "projection": {"type": "mercator"},
        "mark": "geoshape",
        "encoding": {"color": {"field": "value", "type": "quantitative"}},
    }


def timed(work: Callable[[], object], repeat: int = REPEAT) -> float:
    """Seconds per call, over ``repeat`` calls in a row."""
    started = time.perf_counter()
    for _ in range(repeat):
        work()
    return (time.perf_counter() - started) / repeat


def _gzipped(body: str) -> int:
    return len(gzip.compress(body.encode()))


def measure(districts: Districts, runs: int) -> list[Case]:
    """Both maps of the fund, each against the bare page, in interleaved turns."""
    topology, name, shapes = districts.topology, districts.object_name, districts.shapes
    money = {
        code: charts.AreaFigure(code, 0 if i == 1 else 250_000 * (i + 3), i % 4 + 1)
        for i, (code, _) in enumerate(shapes)
    }
    totals = {code: 1_000_000 * (i + 2) for i, (code, _) in enumerate(shapes) if i % 5 != 2}

    def grants_map() -> dict[str, Any]:
        return charts.fund_map_spec(
            topology,
            name,
            charts.money_rows(shapes, money),
            description="Map of the money awarded to the grants serving each district.",
            legend_title="Awarded (£)",
            attribution=boundaries.ATTRIBUTION,
        )

    def scenario_map() -> dict[str, Any]:
        return charts.fund_map_spec(
            topology,
            name,
            charts.share_rows(shapes, totals, no_data="not in this scenario"),
            description="Map of each district's share of the allocation.",
            legend_title="Share of the allocation (%)",
            attribution=boundaries.ATTRIBUTION,
        )

    whole = sum(totals.values())
    to_svg(bare_spec(topology, name, {}))  # vl-convert starts its engine once, untimed
    cases = [
        ("money awarded by area", grants_map, {c: f.pence / 100 for c, f in money.items()}),
        ("a scenario's shares", scenario_map, {c: p * 100 / whole for c, p in totals.items()}),
    ]
    out = []
    for label, build, figures in cases:
        server: list[float] = []
        bare: list[float] = []
        for turn in range(runs):
            # Each goes first in every other turn, so neither always follows the other.
            order = [(server, lambda b=build: json.dumps(b()))]
            order.append((bare, lambda f=figures: json.dumps(bare_spec(topology, name, f))))
            for times, work in order if turn % 2 == 0 else order[::-1]:
                times.append(timed(work))
        spec = build()
        sent = json.dumps(spec)
        plain = json.dumps(bare_spec(topology, name, figures))
        started = time.perf_counter()
        svg = to_svg(spec)
        out.append(
            Case(
                label,
                server,
                bare,
                len(sent),
                _gzipped(sent),
                len(plain),
                _gzipped(plain),
                len(maps.no_data_codes(spec)),
                time.perf_counter() - started,
                len(svg),
            )
        )
    return out


def report(mode: str, slug: str, districts: Districts, cases: list[Case], runs: int) -> str:
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    lines = [
        f"`bench/bench_fund_maps.py{' --quick' if mode == 'quick' else ''} {slug}`, "
        f"{datetime.now(UTC):%d %B %Y}, on {platform.system()} {platform.machine()} with "
        f"{os.cpu_count()} cores (load average {load}), Python {platform.python_version()}. "
        f"{len(districts.shapes)} districts; fastest (median) of {runs} runs of {REPEAT} calls "
        "each, interleaved.",
        "",
        "| map | server ms | bare ms | server ÷ bare | server KB (gzipped) "
        "| bare KB (gzipped) | no data | SVG render s (KB) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {c.label} | {min(c.server) * 1000:.2f} ({statistics.median(c.server) * 1000:.2f}) "
        f"| {min(c.bare) * 1000:.2f} ({statistics.median(c.bare) * 1000:.2f}) | {c.ratio:.2f}× "
        f"| {c.server_bytes / 1024:.1f} ({c.server_gzipped / 1024:.1f}) "
        f"| {c.bare_bytes / 1024:.1f} ({c.bare_gzipped / 1024:.1f}) | {c.no_data} "
        f"| {c.svg_seconds:.2f} ({c.svg_bytes / 1024:.0f}) |"
        for c in cases
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("region", nargs="?", default="west-midlands", help="a region pack's slug")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_RUNS} runs, not {RUNS}")
    parser.add_argument("--write-docs", action="store_true", help="write the table in the docs")
    args = parser.parse_args()
    runs = QUICK_RUNS if args.quick else RUNS
    districts = region_districts(args.region)
    table = report(
        "quick" if args.quick else "full", args.region, districts, measure(districts, runs), runs
    )
    print(table)
    if args.write_docs:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from bench_scale import DOC
        from bench_scale import write_docs

        write_docs(table, DOC, begin=BEGIN, end=END)
        print(f"Wrote the table in {DOC}.")


if __name__ == "__main__":
    main()
