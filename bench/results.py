"""The benchmarks' headline figures, kept as JSON, and the goals table built from them.

Each benchmark saves what it measured in ``bench/out/results/<bench>.json`` (`save`);
`goals_table` reads those dicts and says, for each row of the goals the project set for
its real size, what was measured and whether the goal is met. A row whose figures are
missing, or were measured below the real size, is never shown as met.

Run: .venv/bin/python bench/results.py [--write-docs] to print the table (and write it in
docs/performance.md between the goals marker comments).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "out" / "results"
DOC = HERE.parent / "docs" / "performance.md"
BEGIN = "<!-- goals: begin -->"
END = "<!-- goals: end -->"

Results = dict[str, dict[str, Any]]
# What was measured, as shown, and whether it meets the goal; None when not measured.
Verdict = tuple[str, bool] | None


def save(bench: str, figures: dict[str, Any], directory: Path = RESULTS) -> Path:
    """Keep a benchmark's headline figures for the goals table."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{bench}.json"
    path.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def load(directory: Path = RESULTS) -> Results:
    """Every kept benchmark's figures, by benchmark."""
    if not directory.is_dir():
        return {}
    return {
        p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.json"))
    }


@dataclass(frozen=True)
class Goal:
    what: str
    goal: str
    bench: str
    judge: Callable[[dict[str, Any]], Verdict]


def _ratios(labels: list[str], most: float) -> Callable[[dict[str, Any]], Verdict]:
    """Each page's grown ÷ baseline time at most ``most``."""

    def judge(figures: dict[str, Any]) -> Verdict:
        pages = figures.get("pages", {})
        if figures.get("mode") != "full" or any(label not in pages for label in labels):
            return None
        ratios = [pages[label]["ratio"] for label in labels]
        shown = ", ".join(f"{label} {r:.2f}×" for label, r in zip(labels, ratios, strict=True))
        return shown, all(r <= most for r in ratios)

    return judge


def _open_data(figures: dict[str, Any]) -> Verdict:
    pages = figures.get("pages", {})
    labels = ["360Giving JSON", "360Giving CSV"]
    if figures.get("mode") != "full" or any(label not in pages for label in labels):
        return None
    ms = [pages[label]["full_ms"] for label in labels]
    return f"JSON {ms[0]:.1f} ms, CSV {ms[1]:.1f} ms", all(m <= 50 for m in ms)


def _package(figures: dict[str, Any]) -> Verdict:
    package = figures.get("package")
    if figures.get("mode") != "full" or not package:
        return None
    first, again = package["first_ms"], package["again_ms"]
    return (
        f"first request {first:.0f} ms (solved), then {again:.0f} ms; "
        f"solved {package['solved_again']} times more",
        package["solved_again"] == 0,
    )


def _feed(figures: dict[str, Any]) -> Verdict:
    page = figures.get("pages", {}).get("decisions Atom feed")
    if figures.get("mode") != "full" or not page:
        return None
    base, full = page["queries"]["base"], page["queries"]["full"]
    return f"{base} → {full} queries", base == full


def _gunicorn(figures: dict[str, Any]) -> Verdict:
    served = figures.get("gunicorn", {})
    labels = ["public home", "grants register"]
    if figures.get("mode") != "full" or any(label not in served for label in labels):
        return None
    ratios = [served[label] for label in labels]
    shown = ", ".join(f"{label} {r:.2f}×" for label, r in zip(labels, ratios, strict=True))
    return shown, all(r >= 0.8 for r in ratios)


def _writes(figures: dict[str, Any]) -> Verdict:
    writes = figures.get("writes_on_signed_in_reads")
    if figures.get("mode") != "full" or writes is None:
        return None
    shown = f"{writes} writes over {figures['signed_in_reads']} signed-in GETs"
    if "writes_on_api_reads" in figures:
        shown += (
            f" (API with a token: {figures['writes_on_api_reads']} over {figures['api_reads']})"
        )
    return shown, writes == 0


def _meeting_pack(figures: dict[str, Any]) -> Verdict:
    if figures.get("pages", 0) < 155 or "cpu" not in figures:
        return None
    ratio = figures["cpu"]["turn_ratio"]["median"]
    return f"{ratio:.2f}× (CPU, median of {figures['repeat']} turns)", ratio <= 1.15


def _crime(figures: dict[str, Any]) -> Verdict:
    if figures.get("rows", 0) < 1_770_000 or "wall_ratio" not in figures:
        return None
    wall, cpu = figures["wall_ratio"], figures["cpu_ratio"]
    return f"{wall:.2f}× wall-clock ({cpu:.2f}× CPU), {figures['rows']:,} rows", wall <= 1.25


GOALS = [
    Goal(
        "internal grants list, 5,000 grants",
        "≤ 2× its time at 50 grants",
        "bench_scale",
        _ratios(["internal grants list"], 2),
    ),
    Goal(
        "a round's bids and moderation, 2,000 bids",
        "≤ 2× their time at 50 bids",
        "bench_scale",
        _ratios(["a round's bids", "moderation"], 2),
    ),
    Goal(
        "results list (1,000 results) and a mission page",
        "≤ 2× their time at demo size (10 results)",
        "bench_scale",
        _ratios(["results list", "a mission page"], 2),
    ),
    Goal(
        "GET /api/grants, one page, 5,000 grants",
        "≤ 2× its time at demo size",
        "bench_scale",
        _ratios(["API grants, one page"], 2),
    ),
    Goal(
        "public 360Giving JSON and CSV, 5,000 grants",
        "≤ 50 ms after the first request",
        "bench_scale",
        _open_data,
    ),
    Goal(
        "suggested package page, 2,000 bids",
        "solved once per change of bids, scores or envelopes",
        "bench_scale",
        _package,
    ),
    Goal(
        "decisions Atom feed, 500 meetings",
        "the same number of queries as at demo size",
        "bench_scale",
        _feed,
    ),
    Goal(
        "public home and public grants list under gunicorn, 5,000 grants",
        "≥ 0.8× a bare Django view's requests per second",
        "bench_scale",
        _gunicorn,
    ),
    Goal(
        "every signed-in GET measured",
        "no database write on a read",
        "bench_scale",
        _writes,
    ),
    Goal(
        "meeting pack, 155 pages",
        "≤ 1.15× WeasyPrint alone",
        "bench_meeting_pack",
        _meeting_pack,
    ),
    Goal(
        "coverage matrix, 2,000 proposals",
        "≤ 5× its time at demo size (9 proposals, not an empty page)",
        "bench_scale",
        _ratios(["coverage matrix"], 5),
    ),
    Goal(
        "crime import, every English force × 5 months (1.77 million rows in 195 files)",
        "≤ 1.25× DuckDB's own grouped count (wall-clock)",
        "bench_crime_import",
        _crime,
    ),
]


def goals_table(results: Results, goals: list[Goal] = GOALS) -> str:
    """One row per goal: what, measured, goal, met or not, and the benchmark that measured it."""
    lines = [
        "| what | measured | goal | met | measured by |",
        "|---|---|---|---|---|",
    ]
    for goal in goals:
        figures = results.get(goal.bench)
        verdict = goal.judge(figures) if figures else None
        if verdict is None:
            measured = "below the real size only" if figures else "no figures from this run"
            met = "not measured"
        else:
            measured, met = verdict[0], "met" if verdict[1] else "**not met**"
        lines.append(
            f"| {goal.what} | {measured} | {goal.goal} | {met} | `bench/{goal.bench}.py` |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write-docs", action="store_true", help=f"write the table in {DOC}")
    parser.add_argument("--doc", type=Path, default=DOC, help="the file to write it in")
    args = parser.parse_args()
    table = goals_table(load())
    print(table)
    if args.write_docs:
        sys.path.insert(0, str(HERE))
        from bench_scale import write_docs

        write_docs(table, args.doc, begin=BEGIN, end=END)
        print(f"Wrote the goals table in {args.doc}.")


if __name__ == "__main__":
    main()
