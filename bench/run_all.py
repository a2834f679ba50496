"""Every benchmark once, each at the size its goal is set for, then the goals table.

Run by `make bench`. The results of an earlier run are removed first, so the goals table in
docs/performance.md only ever shows figures from this run; a benchmark that fails leaves
its rows "not measured", the others still run, and the run exits non-zero.

Run: .venv/bin/python bench/run_all.py [--only NAME ...]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

import results

HERE = Path(__file__).resolve().parent

# Each benchmark with the arguments that measure the case its goal is set for;
# --write-docs where the docs show its figures.
RUNS: list[tuple[str, list[str]]] = [
    ("bench_scale", ["--write-docs"]),
    ("bench_crime_import", ["--generate", "1770000", "--write-docs"]),
    ("bench_meeting_pack", ["--papers", "20", "--write-docs"]),
    ("bench_fund_maps", ["--write-docs"]),
    ("bench_coverage_matrix", []),
    ("bench_lists", []),
    ("bench_open_data", []),
    ("bench_public_gunicorn", []),
    ("bench_package", []),
    ("bench_allocation", []),
    ("bench_appraisal", []),
    ("bench_maps", []),
    ("bench_search", []),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", help="run only these benchmarks (by name)")
    args = parser.parse_args()
    chosen = [(name, extra) for name, extra in RUNS if not args.only or name in args.only]
    if not args.only:
        shutil.rmtree(results.RESULTS, ignore_errors=True)
    took: list[tuple[str, float, int]] = []
    for name, extra in chosen:
        command = [sys.executable, str(HERE / f"{name}.py"), *extra]
        print(f"== {' '.join(['bench/' + name + '.py', *extra])}", flush=True)
        started = time.perf_counter()
        code = subprocess.call(command)
        took.append((name, time.perf_counter() - started, code))
    print("\n== goals", flush=True)
    goals = subprocess.call([sys.executable, str(HERE / "results.py"), "--write-docs"])
    print("\n| benchmark | minutes | exit |\n|---|---:|---:|")
    for name, seconds, code in took:
        print(f"| {name} | {seconds / 60:.1f} | {code} |")
    print(f"| all | {sum(s for _, s, _ in took) / 60:.1f} | |")
    return 1 if goals or any(code for _, _, code in took) else 0


if __name__ == "__main__":
    sys.exit(main())
