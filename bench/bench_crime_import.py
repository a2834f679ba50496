"""Benchmark: the police.uk import against DuckDB's own scan of the same files.

- Remit: `import_paths` into a fresh store, as `remit crime import` runs it: find the
  files, read each with DuckDB, check every row (month, force, crime type, row shape,
  coordinates), write one Parquet file per force and month, take each file's SHA-256,
  write the manifest and move everything into place.
- The baseline: DuckDB alone reading the same CSVs with `read_csv` (the same column types
  and parser settings, the same threads and memory) and counting crimes by LSOA, month
  and crime type.

Both run in this process, one after the other, round after round (the order alternating);
the figures are medians, wall-clock and CPU seconds (all threads), and the ratio is Remit's
median over the baseline's. CPU seconds are steadier when others share the machine.

By default the input is the published files in ../shared/data/police-uk (four forces,
five months); `--force SLUG` keeps one force. `--generate ROWS` imports instead a
police.uk-shaped archive of that many rows (every English force, `--months` months from
January 2017, five by default as in a police.uk download of recent months; real LSOAs
from the IMD 2019 File 1, crime types and outcomes in published proportions), generated
once under bench/out/crime/. `--profile` adds where the import's time goes, phase by phase, and the
Python functions that take the most.

`--write-docs` puts the figures in docs/performance.md ("Crime import").

    .venv/bin/python bench/bench_crime_import.py [--repeat 7] [--force west-mercia]
        [--generate 2000000 [--months 5]] [--profile] [--write-docs]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import math
import os
import platform
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from remit.indicators.crime import EngineLimits
from remit.indicators.crime import import_paths
from remit.indicators.crime_files import discover
from remit.indicators.crime_files import force_slug
from remit.indicators.crime_files import read_csv_header
from remit.indicators.crime_files import street_columns

HERE = Path(__file__).resolve().parent
OUT = HERE / "out" / "crime"
SHARED = HERE.parent.parent / "shared" / "data"
POLICE_UK = SHARED / "police-uk"
SPILL = str(OUT / "duckdb-spill")
IMD_FILE = "imd2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz"
FORCE_LOOKUP = "ons-lookups/194.csv"
FIRST_MONTH = (2017, 1)
UNLOCATED_PERCENT = 2
LIMITS = EngineLimits(memory_limit="1GB", threads=2)
GENERATOR_VERSION = 1
TARGET = 1.25
BEGIN = "<!-- bench_crime_import: begin -->"
END = "<!-- bench_crime_import: end -->"

# Proportions of the published 2018-10..2019-02 files for four forces.
CRIME_TYPES = (
    ("Violence and sexual offences", 42579),
    ("Anti-social behaviour", 40003),
    ("Criminal damage and arson", 13207),
    ("Other theft", 11843),
    ("Vehicle crime", 10036),
    ("Burglary", 9868),
    ("Shoplifting", 9451),
    ("Public order", 5827),
    ("Bicycle theft", 2793),
    ("Drugs", 2705),
    ("Other crime", 2404),
    ("Robbery", 1287),
    ("Theft from the person", 1208),
    ("Possession of weapons", 1054),
)
OUTCOMES = (
    ("Investigation complete; no suspect identified", 47518),
    ("Unable to prosecute suspect", 46615),
    ("Court result unavailable", 5347),
    ("Status update unavailable", 2730),
    ("Action to be taken by another organisation", 2687),
    ("Offender given a caution", 1719),
    ("Local resolution", 1706),
    ("Offender sent to prison", 1214),
    ("Offender given community sentence", 871),
    ("Formal action is not in the public interest", 757),
    ("Offender fined", 515),
    ("Defendant found not guilty", 410),
)
STREETS = (
    "High Street", "Station Road", "Church Lane", "Park Road", "Shopping Area",
    "Supermarket", "Parking Area", "Nightclub", "Petrol Station", "Sports/Recreation Area",
    "Mill Lane", "Victoria Road", "Police Station", "Bus/Coach Station", "Hospital",
)  # fmt: skip


def _weighted_case(expr: str, weights: tuple[tuple[str, int], ...]) -> str:
    total = sum(w for _, w in weights)
    cumulative = 0
    parts = []
    for name, weight in weights[:-1]:
        cumulative += weight
        parts.append(f"WHEN {expr} < {cumulative / total:.6f} THEN '{name}'")
    return f"CASE {' '.join(parts)} ELSE '{weights[-1][0]}' END"


def _force_name(area: str) -> str:
    special = {"Metropolitan Police": "Metropolitan Police Service"}
    if area in special:
        return special[area]
    if area == "London, City of":
        return "City of London Police"
    return f"{area} Police"


def generate(rows: int, months_wanted: int, target: Path) -> Path:
    """Write the archive once; the same rows every time for the same size."""
    done = target / "complete.json"
    if done.is_file() and json.loads(done.read_text())["version"] == GENERATOR_VERSION:
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    con = duckdb.connect(config={"threads": 2, "memory_limit": "2GB", "temp_directory": SPILL})
    con.execute("SET enable_progress_bar = false")
    con.execute(
        """CREATE TABLE lsoa AS SELECT "LSOA code (2011)" AS lsoa_code,
                  "LSOA name (2011)" AS lsoa_name,
                  "Local Authority District code (2019)" AS lad_code
           FROM read_csv($path, all_varchar=true)""",
        {"path": str(SHARED / IMD_FILE)},
    )
    forces = con.execute(
        "SELECT DISTINCT LAD19CD, PFA19NM FROM read_csv($path, all_varchar=true) "
        "WHERE PFA19CD LIKE 'E%'",
        {"path": str(SHARED / FORCE_LOOKUP)},
    ).fetchall()
    con.execute("CREATE TABLE lad_force (lad_code VARCHAR, force_name VARCHAR, force VARCHAR)")
    con.executemany(
        "INSERT INTO lad_force VALUES (?, ?, ?)",
        [(lad, _force_name(pfa), force_slug(_force_name(pfa))) for lad, pfa in forces],
    )
    con.execute(
        """CREATE TABLE force_lsoa AS
           SELECT f.force, f.force_name, l.lsoa_code, l.lsoa_name,
                  row_number() OVER (PARTITION BY f.force ORDER BY l.lsoa_code) - 1 AS idx,
                  count(*) OVER (PARTITION BY f.force) AS size
           FROM lsoa l JOIN lad_force f USING (lad_code)"""
    )
    months = []
    year, month = FIRST_MONTH
    for offset in range(months_wanted):
        y, m = year + (month - 1 + offset) // 12, (month - 1 + offset) % 12 + 1
        months.append((f"{y:04d}-{m:02d}", 1 + 0.08 * math.sin(2 * math.pi * m / 12)))
    con.execute("CREATE TABLE months (month VARCHAR, season DOUBLE)")
    con.executemany("INSERT INTO months VALUES (?, ?)", months)
    season_total = sum(s for _, s in months)
    con.execute(
        """CREATE TABLE force_months AS
           SELECT row_number() OVER (ORDER BY force, month) AS fm, force, force_name, month,
                  size, round($rows * size / (SELECT count(*) FROM force_lsoa)
                              * season / $season_total)::BIGINT AS n
           FROM (SELECT DISTINCT force, force_name, size FROM force_lsoa) CROSS JOIN months""",
        {"rows": rows, "season_total": season_total},
    )
    crime_type = _weighted_case("(hash(id, 't') % 1000000) / 1000000.0", CRIME_TYPES)
    outcome = _weighted_case("(hash(id, 'o') % 1000000) / 1000000.0", OUTCOMES)
    streets = "[" + ", ".join(f"'On or near {s}'" for s in STREETS) + "]"
    con.execute(
        f"""COPY (
            WITH crimes AS (
                SELECT fm.force, fm.force_name, fm.month, fm.fm * 100000000 + r.i AS id,
                       ((hash(fm.fm * 100000000 + r.i, 'a') % fm.size)
                        * (hash(fm.fm * 100000000 + r.i, 'b') % fm.size)) // fm.size AS idx
                FROM force_months fm, range(fm.n) r(i)),
            typed AS (
                SELECT c.*, {crime_type} AS crime_type,
                       hash(id, 'u') % 100 < {UNLOCATED_PERCENT} AS unlocated
                FROM crimes c)
            SELECT
                CASE WHEN t.crime_type = 'Anti-social behaviour' THEN NULL
                     ELSE md5(t.id::VARCHAR) || md5((t.id * 7)::VARCHAR) END AS "Crime ID",
                t.month AS "Month", t.force_name AS "Reported by", t.force_name AS "Falls within",
                CASE WHEN NOT unlocated THEN printf('%.6f', -2.9 + (hash(id, 'x') % 2400000) / 1e6)
                     END AS "Longitude",
                CASE WHEN NOT unlocated THEN printf('%.6f', 51.0 + (hash(id, 'y') % 2400000) / 1e6)
                     END AS "Latitude",
                CASE WHEN unlocated THEN 'No Location'
                     ELSE {streets}[(1 + hash(id, 's') % {len(STREETS)})::BIGINT] END AS "Location",
                CASE WHEN NOT unlocated THEN fl.lsoa_code END AS "LSOA code",
                CASE WHEN NOT unlocated THEN fl.lsoa_name END AS "LSOA name",
                t.crime_type AS "Crime type",
                CASE WHEN t.crime_type <> 'Anti-social behaviour' THEN {outcome} END
                    AS "Last outcome category",
                NULL::VARCHAR AS "Context",
                t.month AS part_month, t.force AS part_force
            FROM typed t JOIN force_lsoa fl ON fl.force = t.force AND fl.idx = t.idx)
        TO $parts (FORMAT csv, HEADER, PARTITION_BY (part_month, part_force))""",  # noqa: S608 - this script's own constants
        {"parts": str(target / "parts")},
    )
    counted = 0
    for part in sorted((target / "parts").glob("part_month=*/part_force=*")):
        month = part.parent.name.split("=", 1)[1]
        force = part.name.split("=", 1)[1]
        pieces = sorted(part.glob("*.csv"))
        destination = target / month / f"{month}-{force}-street.csv"
        destination.parent.mkdir(exist_ok=True)
        _concatenate(pieces, destination)
        counted += 1
    shutil.rmtree(target / "parts")
    total = con.execute("SELECT sum(n) FROM force_months").fetchone()
    con.close()
    assert total is not None
    done.write_text(
        json.dumps({"version": GENERATOR_VERSION, "rows": int(total[0]), "files": counted})
    )
    return target


def _concatenate(pieces: list[Path], destination: Path) -> None:
    with destination.open("wb") as out:
        for number, piece in enumerate(pieces):
            with piece.open("rb") as handle:
                if number:
                    handle.readline()
                shutil.copyfileobj(handle, out, 1 << 20)


# ---------------------------------------------------------------- the two runs

BASELINE = """
    SELECT lsoa_code, month, crime_type, count(*)
    FROM read_csv($files, columns = $columns, header = true, auto_detect = false,
                  delim = ',', quote = '"', escape = '"', strict_mode = true)
    GROUP BY ALL
"""


# What the import must read whatever it stores: the columns the checks and the readers
# use (the coordinates are checked to be numbers), counted rather than written.
STORED_COUNT = """
    SELECT lsoa_code, lsoa_name, month, falls_within, crime_type, count(*),
           count(longitude), count(latitude)
    FROM read_csv($path, columns = $columns, header = true, auto_detect = false,
                  delim = ',', quote = '"', escape = '"', strict_mode = true)
    GROUP BY ALL
"""


def duckdb_scan(files: list[str], columns: dict[str, str]) -> int:
    """DuckDB alone: read the CSVs and count crimes by LSOA, month and crime type."""
    con = duckdb.connect(
        config={"threads": LIMITS.threads, "memory_limit": LIMITS.memory_limit,
                "preserve_insertion_order": False, "temp_directory": SPILL}
    )  # fmt: skip
    try:
        con.execute("SET enable_progress_bar = false")
        found = con.execute(BASELINE, {"files": files, "columns": columns}).fetchall()
    finally:
        con.close()
    return sum(int(count) for *_, count in found)


def remit_import(paths: list[Path], store: Path) -> int:
    return import_paths(store, paths, limits=LIMITS).rows


def interleaved(
    runs: dict[str, Callable[[], int]],
    rounds: int,
    after: dict[str, Callable[[], None]] | None = None,
) -> dict[str, dict[str, list[float]]]:
    """Each run once per round, the order alternating; wall and CPU seconds of each.

    `after` tidies up after a run (removing the store it wrote), outside the timing.
    """
    times: dict[str, dict[str, list[float]]] = {
        name: {"wall": [], "cpu": [], "rows": []} for name in runs
    }
    names = list(runs)
    for number in range(rounds):
        for name in names if number % 2 == 0 else names[::-1]:
            wall, cpu = time.perf_counter(), time.process_time()
            rows = runs[name]()
            times[name]["wall"].append(time.perf_counter() - wall)
            times[name]["cpu"].append(time.process_time() - cpu)
            times[name]["rows"].append(rows)
            if after and name in after:
                after[name]()
    return times


# ---------------------------------------------------------------- where the time goes


def profile(paths: list[Path], scratch: Path) -> dict[str, float]:
    """Each phase of the import alone, file after file, then the import under cProfile."""
    from remit.indicators.crime.importing import _STAGE_STREET_FILE
    from remit.indicators.crime.importing import _STREET_ROW_REFUSED
    from remit.indicators.crime.store import connect
    from remit.indicators.crime.store import sha256

    files = discover(paths, scratch / "unpacked")
    con = connect(LIMITS, scratch / "tmp")
    con.execute(_STREET_ROW_REFUSED)
    phases = {
        "read header": 0.0,
        "DuckDB: read and count (the baseline's work)": 0.0,
        "DuckDB: read the stored columns and count": 0.0,
        "DuckDB: read, write Parquet, statistics": 0.0,
        "DuckDB: the same, every file in one query": 0.0,
        "SHA-256": 0.0,
    }
    for street in files:
        started = time.perf_counter()
        columns = street_columns(read_csv_header(street.path, street.source), street.source)
        phases["read header"] += time.perf_counter() - started
        started = time.perf_counter()
        con.execute(BASELINE, {"files": [str(street.path)], "columns": columns}).fetchall()
        phases["DuckDB: read and count (the baseline's work)"] += time.perf_counter() - started
        started = time.perf_counter()
        con.execute(STORED_COUNT, {"path": str(street.path), "columns": columns}).fetchall()
        phases["DuckDB: read the stored columns and count"] += time.perf_counter() - started
        target = scratch / "phases" / f"{street.force}-{street.month}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        con.execute(
            _STAGE_STREET_FILE,
            {"path": str(street.path), "columns": columns, "target": str(target)},
        ).fetchall()
        phases["DuckDB: read, write Parquet, statistics"] += time.perf_counter() - started
        started = time.perf_counter()
        sha256(street.path)
        phases["SHA-256"] += time.perf_counter() - started
    # What a query per file costs beyond its rows: the same read and write, in one query.
    started = time.perf_counter()
    con.execute(
        _STAGE_STREET_FILE,
        {"path": [str(street.path) for street in files], "columns": columns,
         "target": str(scratch / "phases" / "every-file.parquet")},
    ).fetchall()  # fmt: skip
    phases["DuckDB: the same, every file in one query"] += time.perf_counter() - started
    con.close()
    print("\nphases, one file after another (the import runs them side by side):")
    for name, seconds in phases.items():
        print(f"  {name:<46}{seconds:>8.3f} s")
    profiler = cProfile.Profile()
    profiler.enable()
    import_paths(scratch / "profiled", paths, limits=LIMITS)
    profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(12)
    print("\nthe import's own thread under cProfile, by time in each function:")
    print("\n".join(line for line in text.getvalue().splitlines() if line.strip()))
    return phases


# ---------------------------------------------------------------- report


def chosen_paths(options: argparse.Namespace) -> tuple[list[Path], str]:
    if options.generate:
        data = generate(
            options.generate, options.months, OUT / f"data-{options.generate}-{options.months}m"
        )
        meta = json.loads((data / "complete.json").read_text())
        return [data], f"generated archive, {meta['files']} force-month files"
    if not POLICE_UK.is_dir():
        sys.exit(f"no published files at {POLICE_UK}")
    files = sorted(POLICE_UK.glob("*-street.csv"))
    if options.force:
        files = [f for f in files if f.name[8 : -len("-street.csv")] == options.force]
        if not files:
            sys.exit(f"no street files for {options.force} in {POLICE_UK}")
    forces = {f.name[8 : -len("-street.csv")] for f in files}
    months = {f.name[:7] for f in files}
    return files, (
        f"{POLICE_UK.relative_to(SHARED.parent)}: {len(files)} files, "
        f"{len(forces)} force{'s' if len(forces) > 1 else ''} x {len(months)} months"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="rounds of both runs")
    parser.add_argument("--force", help="only this force's published files (a slug)")
    parser.add_argument("--generate", type=int, help="a generated archive of this many rows")
    parser.add_argument(
        "--months", type=int, default=5, help="months in the generated archive (default 5)"
    )
    parser.add_argument("--profile", action="store_true", help="show where the time goes")
    parser.add_argument(
        "--write-docs", action="store_true", help="write the figures in docs/performance.md"
    )
    options = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    paths, described = chosen_paths(options)
    with tempfile.TemporaryDirectory(dir=OUT) as scratch:
        found = discover(paths, Path(scratch) / "unpacked")
        files = [str(street.path) for street in found]
        columns = street_columns(read_csv_header(found[0].path, found[0].source), "")
        store = Path(scratch) / "store"

        times = interleaved(
            {"remit": lambda: remit_import(paths, store),
             "duckdb": lambda: duckdb_scan(files, columns)},
            options.repeat,
            after={"remit": lambda: shutil.rmtree(store, ignore_errors=True)},
        )  # fmt: skip
        rows = set(times["remit"]["rows"]) | set(times["duckdb"]["rows"])
        if len(rows) != 1:
            sys.exit(f"the import and DuckDB counted different rows: {sorted(rows)}")
        phases = profile(paths, Path(scratch) / "profile") if options.profile else None
    text = report(times, described, options, phases)
    print(text)
    sys.path.insert(0, str(HERE))
    import results

    results.save("bench_crime_import", figures(times, described))
    if options.write_docs:
        sys.path.insert(0, str(HERE))
        from bench_scale import DOC
        from bench_scale import write_docs

        write_docs(text, DOC, begin=BEGIN, end=END)
        print(f"Wrote the figures in {DOC}.")


def figures(times: dict[str, dict[str, list[float]]], described: str) -> dict[str, Any]:
    """The headline figures for the goals table (`bench/results.py`)."""
    (count,) = set(times["remit"]["rows"])
    medians = {name: {k: statistics.median(v) for k, v in t.items()} for name, t in times.items()}
    return {
        "rows": int(count),
        "source": described,
        "rounds": len(times["remit"]["wall"]),
        "medians": medians,
        "wall_ratio": medians["remit"]["wall"] / medians["duckdb"]["wall"],
        "cpu_ratio": medians["remit"]["cpu"] / medians["duckdb"]["cpu"],
    }


def report(
    times: dict[str, dict[str, list[float]]],
    described: str,
    options: argparse.Namespace,
    phases: dict[str, float] | None,
) -> str:
    """The figures as docs/performance.md shows them, saying how and where they were made."""
    (count,) = set(times["remit"]["rows"])
    medians = {name: {k: statistics.median(v) for k, v in t.items()} for name, t in times.items()}
    ratio = medians["remit"]["wall"] / medians["duckdb"]["wall"]
    cpu_ratio = medians["remit"]["cpu"] / medians["duckdb"]["cpu"]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    command = " ".join(["bench/bench_crime_import.py", *sys.argv[1:]])
    lines = [
        f"`{command}`, {datetime.now(UTC):%d %B %Y}, on {platform.system()} "
        f"{platform.machine()} with {os.cpu_count()} cores (load average {load} at the end), "
        f"DuckDB {duckdb.__version__}. {int(count):,} rows from {described}; "
        f"{options.repeat} rounds, interleaved, DuckDB threads={LIMITS.threads}, "
        f"memory_limit={LIMITS.memory_limit}.",
        "",
        "| run | median s | best s | median CPU s | rows/s |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    labels = {
        "remit": "`import_paths` (read, check, write Parquet, hash, commit)",
        "duckdb": "DuckDB `read_csv`, count by LSOA, month and crime type",
    }
    for name, label in labels.items():
        wall = medians[name]["wall"]
        lines.append(
            f"| {label} | {wall:.3f} | {min(times[name]['wall']):.3f} | "
            f"{medians[name]['cpu']:.3f} | {count / wall:,.0f} |"
        )
    verdict = "within" if ratio <= TARGET else "outside"
    lines += [
        "",
        f"Ratio of medians, import ÷ DuckDB: **{ratio:.2f} wall-clock** ({verdict} the "
        f"{TARGET}× target), **{cpu_ratio:.2f} CPU**.",
    ]
    if phases:
        lines += ["", "Each phase alone, one file after another (`--profile`):", "", "```"]
        lines += [f"{name:<46}{seconds:>8.3f} s" for name, seconds in phases.items()]
        lines.append("```")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
