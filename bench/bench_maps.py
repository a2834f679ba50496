"""An LSOA map of a whole region: the server's spec and data build against json.dumps alone.

Reads the shared boundaries (`$REMIT_SHARED/data/boundaries`, else `../shared` beside the
project) for the districts of a shipped region pack (West Midlands by default: 1,700+
LSOAs), trims and coarsens them as `remit boundaries load` does, joins made-up figures to
every LSOA (one in ten without data) and times, over several runs, what a page does to
send the map: build the Vega-Lite spec and serialise it (json_script), against the
baseline of serialising the same finished spec with its data inline (json.dumps alone).
The ratio is what building the spec costs over sending it. It also states the page
weight (the JSON a browser receives, raw and gzipped) and the size of the files before
trimming, and times one vl-convert render to SVG, as a PDF does.

Run: .venv/bin/python bench/bench_maps.py [region-slug]
"""

from __future__ import annotations

import gzip
import json
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

import yaml

from remit.indicators import boundaries
from remit.indicators import maps

RUNS = 15
REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("REMIT_SHARED", REPO.parent / "shared")) / "data" / "boundaries"


def region_districts(slug: str) -> list[str]:
    pack = yaml.safe_load((REPO / "src" / "remit" / "regions" / f"{slug}.yaml").read_text())
    return [a["code"] for a in pack["areas"] if boundaries.DISTRICT_CODE.match(a["code"])]


def timed(work: object) -> float:
    started = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - started


def main() -> None:
    slug = sys.argv[1] if len(sys.argv) > 1 else "west-midlands"
    codes = region_districts(slug)
    files = boundaries.files_to_read(
        [SHARED / "england-lad-2013.topo.json", SHARED / "lsoa-by-lad"], codes
    )
    raw_bytes = sum(f.stat().st_size for f in files)
    started = time.perf_counter()
    found = boundaries.scan((str(f), boundaries.read_topology(f)) for f in files)
    shapes = boundaries.region_shapes(found, codes)
    load_seconds = time.perf_counter() - started
    lsoas = boundaries.merge([s for s in shapes if s.level == boundaries.LSOA])
    rows = [
        maps.MapRow(code, name, None if i % 10 == 0 else Decimal(i % 37), str(i % 37))
        for i, (code, name) in enumerate(lsoas.names.items())
    ]

    def build() -> str:
        spec = maps.choropleth_spec(
            lsoas.topology, lsoas.object_name, rows, description="Bench.", legend_title="Rate"
        )
        return json.dumps(spec)

    finished = maps.choropleth_spec(
        lsoas.topology, lsoas.object_name, rows, description="Bench.", legend_title="Rate"
    )
    # Interleaved, and the fastest of each kept: other work on the machine only adds time.
    build_times: list[float] = []
    base_times: list[float] = []
    for _ in range(RUNS):
        build_times.append(timed(build))
        base_times.append(timed(lambda: json.dumps(finished)))
    body = json.dumps(finished)
    build_best = min(build_times)
    base_best = min(base_times)
    largest = max((s for s in shapes if s.level == boundaries.LSOA), key=lambda s: len(s.codes))
    one = json.dumps(
        maps.choropleth_spec(
            largest.topology,
            largest.object_name,
            [r for r in rows if r.code in largest.names],
            description="Bench.",
            legend_title="Rate",
        )
    )
    print(f"region: {slug}, {len(codes)} districts, {len(lsoas.names):,} LSOAs")
    print(f"files read: {raw_bytes / 1024:,.0f} KB; trimmed and coarsened in {load_seconds:.2f} s")
    print(
        f"page weight of the map: {len(body) / 1024:,.0f} KB JSON, "
        f"{len(gzip.compress(body.encode())) / 1024:,.0f} KB gzipped"
    )
    print(
        f"largest district's map (as an area page sends it): {len(largest.codes):,} LSOAs, "
        f"{len(one) / 1024:,.0f} KB JSON, {len(gzip.compress(one.encode())) / 1024:,.0f} KB gzipped"
    )
    print(
        f"spec + data build and serialise: {build_best * 1000:.1f} ms (median "
        f"{statistics.median(build_times) * 1000:.1f}); json.dumps of the same spec: "
        f"{base_best * 1000:.1f} ms (median {statistics.median(base_times) * 1000:.1f}); "
        f"ratio {build_best / base_best:.2f}"
    )
    from remit.ui.charts import to_svg

    svg_seconds = timed(lambda: to_svg(finished))
    print(f"one vl-convert render to SVG (as in a PDF): {svg_seconds:.2f} s")


if __name__ == "__main__":
    main()
