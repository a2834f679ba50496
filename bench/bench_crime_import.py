"""Benchmark: importing police.uk street files into the crime store.

Generates a police.uk-shaped archive (one CSV per force and month, English
forces and their real districts' LSOAs from the IMD 2019 File 1, crime
types and outcomes in the proportions of the published West Midlands-area
files, about 2% of rows without a location), then times:

- the store's import (read, check, write Parquet per force-month, swap in);
- the floor: DuckDB alone counting the same files by month and crime type;
- a pandas import of the same files, when pandas is installed.

Each run is a separate process so its peak memory (ru_maxrss) is its own;
the import runs at two sizes to show that memory does not grow with rows.
The generated archive is kept under bench/out/ and reused.

    .venv/bin/python bench/bench_crime_import.py [--rows 10000000] [--small 2000000]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from remit.indicators.crime import EngineLimits, import_paths, summary
from remit.indicators.crime_files import STREET_COLUMNS, force_slug

HERE = Path(__file__).resolve().parent
OUT = HERE / "out" / "crime"
SHARED = HERE.parent.parent / "shared" / "data"
SPILL = str(OUT / "duckdb-spill")
IMD_FILE = "imd2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz"
FORCE_LOOKUP = "ons-lookups/194.csv"
MONTHS = 24
FIRST_MONTH = (2017, 1)
UNLOCATED_PERCENT = 2
LIMITS = EngineLimits(memory_limit="1GB", threads=2)
GENERATOR_VERSION = 1

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


def generate(rows: int, target: Path) -> Path:
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
    for offset in range(MONTHS):
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


def month_folders(data: Path, rows_wanted: int) -> tuple[list[Path], int]:
    """The first month folders that together hold at least `rows_wanted` rows."""
    folders = sorted(p for p in data.iterdir() if p.is_dir())
    con = duckdb.connect(config={"temp_directory": SPILL})
    chosen: list[Path] = []
    rows = 0
    for folder in folders:
        counted = con.execute(
            "SELECT count(*) FROM read_csv($files, all_varchar=true)",
            {"files": f"{folder}/*.csv"},
        ).fetchone()
        assert counted is not None
        chosen.append(folder)
        rows += int(counted[0])
        if rows >= rows_wanted:
            break
    con.close()
    return chosen, rows


# ---------------------------------------------------------------- child runs


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def child_import(store: Path, folders: list[Path]) -> dict[str, float]:
    started, cpu = time.perf_counter(), _cpu_seconds()
    report = import_paths(store, folders, limits=LIMITS)
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    return {"seconds": seconds, "rows": report.rows, "cpu": cpu, "peak_mb": _peak_mb()}


def child_floor(folders: list[Path]) -> dict[str, float]:
    columns = dict.fromkeys(STREET_COLUMNS, "VARCHAR")
    files = [str(f) for folder in folders for f in sorted(folder.glob("*-street.csv"))]
    con = duckdb.connect(
        config={"threads": LIMITS.threads, "memory_limit": LIMITS.memory_limit,
                "preserve_insertion_order": False, "temp_directory": SPILL}
    )  # fmt: skip
    con.execute("SET enable_progress_bar = false")
    started, cpu = time.perf_counter(), _cpu_seconds()
    found = con.execute(
        """SELECT sum(n) FROM (
               SELECT "Month", "Crime type", count(*) AS n
               FROM read_csv($files, columns=$columns, header=true, auto_detect=false)
               GROUP BY ALL)""",
        {"files": files, "columns": columns},
    ).fetchone()
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    assert found is not None
    return {"seconds": seconds, "rows": int(found[0]), "cpu": cpu, "peak_mb": _peak_mb()}


def child_copy(target: Path, folders: list[Path]) -> dict[str, float]:
    """DuckDB converting the same files to one Parquet file, checking nothing."""
    columns = dict.fromkeys(STREET_COLUMNS, "VARCHAR")
    files = [str(f) for folder in folders for f in sorted(folder.glob("*-street.csv"))]
    con = duckdb.connect(
        config={"threads": LIMITS.threads, "memory_limit": LIMITS.memory_limit,
                "preserve_insertion_order": False, "temp_directory": SPILL}
    )  # fmt: skip
    con.execute("SET enable_progress_bar = false")
    started, cpu = time.perf_counter(), _cpu_seconds()
    con.execute(
        """COPY (SELECT * FROM read_csv($files, columns=$columns, header=true, auto_detect=false))
           TO $target (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)""",
        {"files": files, "columns": columns, "target": str(target)},
    )
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    found = con.execute("SELECT count(*) FROM read_parquet($target)", {"target": str(target)})
    counted = found.fetchone()
    assert counted is not None
    target.unlink()
    return {"seconds": seconds, "rows": int(counted[0]), "cpu": cpu, "peak_mb": _peak_mb()}


def child_pandas(store: Path, folders: list[Path]) -> dict[str, float]:
    """The same import written the usual pandas way: read, check, write per file."""
    import pandas as pd

    started, cpu = time.perf_counter(), _cpu_seconds()
    rows = 0
    for folder in folders:
        for path in sorted(folder.glob("*-street.csv")):
            month, force = path.name[:7], path.name[8 : -len("-street.csv")]
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            missing = [c for c in STREET_COLUMNS if c not in frame.columns]
            if missing:
                raise SystemExit(f"{path}: missing {missing}")
            if not (frame["Month"] == month).all():
                raise SystemExit(f"{path}: month")
            names = frame["Falls within"].unique()
            if any(force_slug(n) != force for n in names):
                raise SystemExit(f"{path}: force")
            frame["Longitude"] = pd.to_numeric(frame["Longitude"].replace("", None))
            frame["Latitude"] = pd.to_numeric(frame["Latitude"].replace("", None))
            target = store / f"force={force}" / f"month={month}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            frame.to_parquet(target)
            rows += len(frame)
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    return {"seconds": seconds, "rows": rows, "cpu": cpu, "peak_mb": _peak_mb()}


def child_prepare(data: Path, rows: int, small: int) -> dict[str, float]:
    """Generate (or find) the archive and pick the small run's month folders."""
    generate(rows, data)
    meta = json.loads((data / "complete.json").read_text())
    folders, small_rows = month_folders(data, small)
    return {"rows": meta["rows"], "files": meta["files"], "small_months": len(folders),
            "small_rows": small_rows}  # fmt: skip


def child_summary(store: Path) -> dict[str, float]:
    started, cpu = time.perf_counter(), _cpu_seconds()
    total = sum(row.count for row in summary(store, [("E08000025", "Birmingham")]))
    seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
    return {"seconds": seconds, "rows": total, "cpu": cpu, "peak_mb": _peak_mb()}


def run_child(kind: str, *args: Path | int) -> dict[str, float]:
    """Run one measured step in a fresh process; heavy work never runs in this one,
    so the children do not inherit a large peak (ru_maxrss survives exec)."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, *map(str, args)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# ---------------------------------------------------------------- report


def best(runs: list[dict[str, float]]) -> dict[str, float]:
    """The fastest of repeated runs (the machine is shared), with the highest peak memory."""
    fastest = min(runs, key=lambda run: run["seconds"])
    return {
        **fastest,
        "cpu": min(run["cpu"] for run in runs),
        "peak_mb": max(run["peak_mb"] for run in runs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--small", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; the best is shown")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        kind, *rest = options.child
        paths = [Path(p) for p in rest]
        runs = {
            "import": lambda: child_import(paths[0], paths[1:]),
            "floor": lambda: child_floor(paths),
            "copy": lambda: child_copy(paths[0], paths[1:]),
            "pandas": lambda: child_pandas(paths[0], paths[1:]),
            "summary": lambda: child_summary(paths[0]),
            "prepare": lambda: child_prepare(paths[0], int(rest[1]), int(rest[2])),
        }
        print(json.dumps(runs[kind]()))
        return

    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    data = OUT / f"data-{options.rows}"
    meta = run_child("prepare", data, options.rows, options.small)
    print(
        f"archive: {meta['rows']:,} rows in {meta['files']:.0f} force-month files "
        f"({time.perf_counter() - started:.0f} s to generate or find)"
    )
    all_folders = sorted(p for p in data.iterdir() if p.is_dir())
    small_folders = all_folders[: int(meta["small_months"])]
    small_rows = int(meta["small_rows"])
    has_pandas = importlib.util.find_spec("pandas") is not None
    sizes = [("small", small_folders, small_rows), ("large", all_folders, int(meta["rows"]))]
    lines = []
    with tempfile.TemporaryDirectory(dir=OUT) as scratch:
        for label, folders, rows in sizes:
            stores = [Path(scratch) / f"store-{label}-{n}" for n in range(options.repeat)]
            imported = best([run_child("import", store, *folders) for store in stores])
            floor = best([run_child("floor", *folders) for _ in stores])
            assert imported["rows"] == floor["rows"] == rows, (imported, floor, rows)
            line = {"label": label, "rows": rows, "import": imported, "floor": floor}
            line["copy"] = run_child("copy", Path(scratch) / f"copy-{label}.parquet", *folders)
            if has_pandas:
                line["pandas"] = run_child("pandas", Path(scratch) / f"pandas-{label}", *folders)
            line["summary"] = best([run_child("summary", store) for store in stores])
            lines.append(line)
            for store in stores:
                shutil.rmtree(store)

    print(
        f"DuckDB limits: memory_limit={LIMITS.memory_limit}, threads={LIMITS.threads}; "
        f"best of {options.repeat} runs"
    )
    header = (
        f"{'rows':>12} {'run':<24} {'seconds':>8} {'rows/s':>12} {'x floor':>8} "
        f"{'cpu s':>7} {'cpu x floor':>11} {'peak MB':>8}"
    )
    print(header)
    print("-" * len(header))
    for line in lines:
        floor_rate = line["rows"] / line["floor"]["seconds"]
        floor_cpu = line["floor"]["cpu"]
        runs = [
            ("import (store)", line["import"]),
            ("floor: DuckDB count", line["floor"]),
            ("ref: CSV->Parquet, 1 file", line["copy"]),
        ]
        if "pandas" in line:
            runs.append(("pandas import", line["pandas"]))
        runs.append(("summary (store)", line["summary"]))
        for name, run in runs:
            rate = line["rows"] / run["seconds"]
            print(
                f"{line['rows']:>12,} {name:<24} {run['seconds']:>8.2f} {rate:>12,.0f} "
                f"{rate / floor_rate:>8.2f} {run['cpu']:>7.1f} {floor_cpu / run['cpu']:>11.2f} "
                f"{run['peak_mb']:>8.0f}"
            )
    if not has_pandas:
        print("pandas is not installed: the pandas import baseline was not run.")
    small, large = lines
    growth = large["import"]["peak_mb"] / small["import"]["peak_mb"]
    print(
        f"import peak memory: {small['import']['peak_mb']:.0f} MB at {small['rows']:,} rows, "
        f"{large['import']['peak_mb']:.0f} MB at {large['rows']:,} rows "
        f"(x{growth:.2f} for x{large['rows'] / small['rows']:.1f} rows)"
    )
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
