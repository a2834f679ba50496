"""The police.uk crime store: Parquet files written and read by DuckDB.

Crime rows never pass through Python or the ORM: a national archive is
about 100 million rows, so every import and every count is a DuckDB query
over files on disk, and nothing another process needs is kept in memory.

Layout under the store directory:

    rows/force=<slug>/month=<YYYY-MM>.parquet   one file per force and month
    manifest.json                               what was imported, from where
    lookup/lsoa_district.parquet                LSOA -> district (optional)
    lookup/lookup.json                          where that lookup came from
    .staging/<id>/                              an import being written

An import is all-or-nothing: everything is written and checked under
`.staging/<id>/`, then a commit record is written and the files are moved
into place. A crash after the commit record is finished by the next
reader or writer; a crash before it leaves the store as it was.
"""

from __future__ import annotations

import contextlib
import csv
import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

import duckdb

from remit.core.spreadsheets import safe_row
from remit.indicators.crime_files import (
    MONTH_PATTERN,
    STREET_COLUMNS,
    CrimeDataError,
    StreetFile,
    describe_csv_error,
    discover,
    force_slug,
    is_month,
    read_csv_header,
    street_columns,
)

ROWS_DIR = "rows"
MANIFEST_FILE = "manifest.json"
LOOKUP_FILE = "lookup/lsoa_district.parquet"
LOOKUP_INFO_FILE = "lookup/lookup.json"
STAGING_DIR = ".staging"
COMMIT_FILE = "COMMIT.json"
READ_LOCK = ".lock"
WRITE_LOCK = ".write.lock"

SUMMARY_HEADER = ("area_code", "area_name", "month", "crime_type", "count")

Progress = Callable[[int, int, str], None]
Area = tuple[str, str]


@dataclass(frozen=True)
class EngineLimits:
    """How much of the machine DuckDB may use; spills to disk beyond it."""

    memory_limit: str = "1GB"
    threads: int = 2

    @classmethod
    def from_env(cls) -> EngineLimits:
        threads = os.environ.get("REMIT_CRIME_THREADS") or str(min(os.cpu_count() or 1, 4))
        if not threads.isdigit() or int(threads) < 1:
            raise CrimeDataError(
                f"REMIT_CRIME_THREADS must be a whole number above 0, not {threads!r}",
                field="REMIT_CRIME_THREADS",
            )
        return cls(
            memory_limit=os.environ.get("REMIT_CRIME_MEMORY_LIMIT") or cls.memory_limit,
            threads=int(threads),
        )


@dataclass(frozen=True)
class ForceMonth:
    """One force's month of crimes as held in the store."""

    force: str
    month: str
    rows: int
    unlocated: int
    imported_at: datetime
    source: str
    sha256: str


@dataclass(frozen=True)
class ImportReport:
    force_months: tuple[ForceMonth, ...]
    replaced: tuple[tuple[str, str], ...]

    @property
    def rows(self) -> int:
        return sum(fm.rows for fm in self.force_months)

    @property
    def unlocated(self) -> int:
        return sum(fm.unlocated for fm in self.force_months)


@dataclass(frozen=True)
class LookupInfo:
    source: str
    sha256: str
    rows: int
    loaded_at: datetime
    lsoa_column: str
    district_code_column: str
    district_name_column: str


@dataclass(frozen=True)
class SummaryRow:
    area_code: str
    area_name: str
    month: str
    crime_type: str
    count: int


# ---------------------------------------------------------------- import


def import_paths(
    store: Path,
    paths: Sequence[Path],
    *,
    progress: Progress | None = None,
    limits: EngineLimits | None = None,
    allow_empty: bool = False,
) -> ImportReport:
    """Import police.uk street files, folders of them or zips; all or nothing.

    `progress` is called with (files done, files in all, the file just done);
    first with (0, n, "") once the files are found. A file with a header and no
    rows would wipe a month already held, so it is refused unless `allow_empty`.
    """
    if not paths:
        raise CrimeDataError(
            "nothing to import: give police.uk street files, folders or a zip", field="paths"
        )
    limits = limits or EngineLimits.from_env()
    with _writing(store) as staging:
        files = discover(paths, staging / "unpacked")
        if progress:
            progress(0, len(files), "")
        con = connect(limits, staging / "tmp")
        try:
            staged = _stage_street_files(con, files, staging, limits.threads, progress)
        finally:
            con.close()
        manifest = read_manifest(store)
        if not allow_empty:
            _refuse_emptying(staged, manifest, files)
        replaced = tuple((fm.force, fm.month) for fm in staged if (fm.force, fm.month) in manifest)
        for fm in staged:
            manifest[(fm.force, fm.month)] = fm
        _write_json(staging / MANIFEST_FILE, _manifest_json(manifest))
        moves = [_rows_path(fm.force, fm.month) for fm in staged]
        _commit(store, staging, [*moves, MANIFEST_FILE])
    return ImportReport(force_months=tuple(staged), replaced=replaced)


def _refuse_emptying(
    staged: list[ForceMonth],
    manifest: dict[tuple[str, str], ForceMonth],
    files: list[StreetFile],
) -> None:
    """Refuse a header-only file that would replace a force-month holding crimes."""
    for fm, street in zip(staged, files, strict=True):
        held = manifest.get((fm.force, fm.month))
        if fm.rows == 0 and held is not None and held.rows > 0:
            raise CrimeDataError(
                f"the file has a header but no crimes, and would replace the {held.rows:,} "
                f"crimes held for {fm.force} {fm.month} (from {held.source}) with none: "
                "check you have the right file",
                path=street.source,
                line=2,
                field="allow_empty",
            )


def _stage_street_files(
    con: duckdb.DuckDBPyConnection,
    files: list[StreetFile],
    staging: Path,
    workers: int,
    progress: Progress | None,
) -> list[ForceMonth]:
    """Stage files side by side: one police.uk file is too small to keep two cores busy.

    On a refusal the files not yet started are skipped, and the refusal of the
    earliest file in the import's order is the one reported.
    """
    local = threading.local()
    cursors: list[duckdb.DuckDBPyConnection] = []
    cursors_lock = threading.Lock()

    def stage(street: StreetFile) -> ForceMonth:
        cursor: duckdb.DuckDBPyConnection | None = getattr(local, "cursor", None)
        if cursor is None:
            cursor = con.cursor()
            local.cursor = cursor
            with cursors_lock:
                cursors.append(cursor)
        return _stage_street_file(cursor, street, staging)

    staged: dict[int, ForceMonth] = {}
    refused: dict[int, BaseException] = {}
    try:
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(files)))) as pool:
            futures = {pool.submit(stage, street): i for i, street in enumerate(files)}
            for future in as_completed(futures):
                index = futures[future]
                if future.cancelled():
                    continue
                problem = future.exception()
                if problem is not None:
                    refused[index] = problem
                    for other in futures:
                        other.cancel()
                    continue
                staged[index] = future.result()
                if progress and not refused:
                    progress(len(staged), len(files), files[index].source)
    finally:
        for cursor in cursors:
            cursor.close()
    if refused:
        raise refused[min(refused)]
    return [staged[i] for i in range(len(files))]


def _rows_path(force: str, month: str) -> str:
    return f"{ROWS_DIR}/force={force}/month={month}.parquet"


# Empty fields, quoted or not, are read as NULL; values are stored as published.
_STAGE_STREET_FILE = """
    COPY (
        SELECT month, $force AS force, crime_id, reported_by, falls_within, longitude, latitude,
               location, lsoa_code, lsoa_name, crime_type, outcome, context
        FROM read_csv($path, columns = $columns, header = true, auto_detect = false,
                      delim = ',', quote = '"', escape = '"', strict_mode = true))
    TO $target (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)
"""

_CHECK_STAGED_FILE = """
    SELECT count(*),
           count(*) FILTER (WHERE lsoa_code IS NULL),
           count(*) FILTER (WHERE street_row_refused(month, falls_within, crime_type,
                                                     $month, $bad_forces)),
           list(DISTINCT falls_within)
    FROM read_parquet($target)
"""

_FIRST_REFUSED_ROW = """
    SELECT ordinality + 1, month, falls_within
    FROM read_csv($path, columns = $columns, header = true, auto_detect = false,
                  delim = ',', quote = '"', escape = '"', strict_mode = true) WITH ORDINALITY
    WHERE street_row_refused(month, falls_within, crime_type, $month, $bad_forces)
    ORDER BY ordinality
    LIMIT 1
"""


def _stage_street_file(
    con: duckdb.DuckDBPyConnection, street: StreetFile, staging: Path
) -> ForceMonth:
    columns = street_columns(read_csv_header(street.path, street.source), street.source)
    target = staging / _rows_path(street.force, street.month)
    target.parent.mkdir(parents=True, exist_ok=True)
    read = {"path": str(street.path), "columns": columns}
    try:
        con.execute(_STAGE_STREET_FILE, {**read, "force": street.force, "target": str(target)})
    except duckdb.Error as exc:
        published = {stored: name for name, stored in STREET_COLUMNS.items()}
        raise describe_csv_error(str(exc), street.source, published) from exc
    checks: dict[str, Any] = {"month": street.month, "bad_forces": []}
    rows, unlocated, refused, force_names = _one(
        con, _CHECK_STAGED_FILE, {**checks, "target": str(target)}
    )
    bad_forces = [name for name in force_names or [] if force_slug(name) != street.force]
    if refused or bad_forces:
        line, month, falls_within = _one(
            con, _FIRST_REFUSED_ROW, {**read, **checks, "bad_forces": bad_forces}
        )
        raise _refusal(street, int(line), month, falls_within)
    return ForceMonth(
        force=street.force,
        month=street.month,
        rows=int(rows),
        unlocated=int(unlocated),
        imported_at=datetime.now(UTC).replace(microsecond=0),
        source=street.name,
        sha256=_sha256(street.path),
    )


def _refusal(
    street: StreetFile, line: int, month: str | None, falls_within: str | None
) -> CrimeDataError:
    """Say what is wrong with the first refused row, in the order the checks read."""
    where: dict[str, Any] = {"path": street.source, "line": line}
    if month is None:
        return CrimeDataError("Month is empty", field="Month", **where)
    if not is_month(month):
        return CrimeDataError(f"Month {month!r} is not YYYY-MM", field="Month", **where)
    if month != street.month:
        return CrimeDataError(
            f"Month {month} differs from the file name's month {street.month}",
            field="Month",
            **where,
        )
    if falls_within is None:
        return CrimeDataError('"Falls within" is empty', field="Falls within", **where)
    if force_slug(falls_within) != street.force:
        return CrimeDataError(
            f'"Falls within" is {falls_within!r} ({force_slug(falls_within)}), '
            f"but the file name is for {street.force}",
            field="Falls within",
            **where,
        )
    return CrimeDataError("Crime type is empty", field="Crime type", **where)


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


# ---------------------------------------------------------------- lookup

_LSOA_CODE = re.compile(r"lsoa\d{2}cd|lsoa code( \(\d{4}\))?", re.IGNORECASE)
_LAD_CODE = re.compile(r"lad\d{2}cd|local authority district code( \(\d{4}\))?", re.IGNORECASE)
_LAD_NAME = re.compile(r"lad\d{2}nm|local authority district name( \(\d{4}\))?", re.IGNORECASE)


def load_lsoa_lookup(
    store: Path, csv_path: Path, *, limits: EngineLimits | None = None
) -> LookupInfo:
    """Load an ONS LSOA -> local authority district lookup, replacing any earlier one.

    Accepts the ONS lookups (LSOA11CD/LSOA21CD, LADyyCD, LADyyNM) and the
    IMD 2019 File 1 (LSOA code (2011), Local Authority District code/name
    (2019)), plain or gzipped. police.uk data before 2022 uses 2011 LSOAs,
    so the IMD 2019 File 1 places more of it than a 2021 lookup.
    """
    csv_path = Path(csv_path)
    source = str(csv_path)
    if not csv_path.is_file():
        raise CrimeDataError("no such file", path=source)
    header = read_csv_header(csv_path, source)
    lsoa, lad_code, lad_name = (
        _pick_column(header, pattern, what, source)
        for pattern, what in (
            (_LSOA_CODE, "LSOA code column (LSOA11CD, LSOA21CD or 'LSOA code (2011)')"),
            (
                _LAD_CODE,
                "district code column (LAD19CD, LAD22CD or 'Local Authority District code')",
            ),
            (
                _LAD_NAME,
                "district name column (LAD19NM, LAD22NM or 'Local Authority District name')",
            ),
        )
    )
    limits = limits or EngineLimits.from_env()
    chosen = {lsoa: "lsoa_code", lad_code: "lad_code", lad_name: "lad_name"}
    read = {
        "path": source,
        "columns": {chosen.get(name, f"other_{i}"): "VARCHAR" for i, name in enumerate(header)},
    }
    with _writing(store) as staging:
        con = connect(limits, staging / "tmp")
        try:
            rows = _stage_lookup(con, read, (lsoa, lad_code, lad_name), staging, source)
        finally:
            con.close()
        info = LookupInfo(
            source=csv_path.name,
            sha256=_sha256(csv_path),
            rows=rows,
            loaded_at=datetime.now(UTC).replace(microsecond=0),
            lsoa_column=lsoa,
            district_code_column=lad_code,
            district_name_column=lad_name,
        )
        _write_json(staging / LOOKUP_INFO_FILE, _lookup_json(info))
        _commit(store, staging, [LOOKUP_FILE, LOOKUP_INFO_FILE])
    return info


def _pick_column(header: list[str], pattern: re.Pattern[str], what: str, source: str) -> str:
    for name in header:
        if pattern.fullmatch(name):
            return name
    raise CrimeDataError(f"not an LSOA lookup: it has no {what}", path=source, line=1)


_READ_LOOKUP = """
    CREATE TEMP TABLE lookup AS
    SELECT NULLIF(trim(lsoa_code), '') AS lsoa_code,
           NULLIF(trim(lad_code), '') AS lad_code,
           NULLIF(trim(lad_name), '') AS lad_name,
           ordinality + 1 AS line
    FROM read_csv($path, columns = $columns, header = true, auto_detect = false,
                  delim = ',', quote = '"', escape = '"', strict_mode = true) WITH ORDINALITY
"""

_LOOKUP_EMPTY_FIELD = """
    SELECT line, lsoa_code IS NULL, lad_code IS NULL FROM lookup
    WHERE lsoa_code IS NULL OR lad_code IS NULL OR lad_name IS NULL
    ORDER BY line LIMIT 1
"""

_LOOKUP_CONFLICT = """
    SELECT line, lsoa_code, first_code FROM (
        SELECT line, lsoa_code, lad_code,
               first_value(lad_code) OVER (PARTITION BY lsoa_code ORDER BY line) AS first_code
        FROM lookup)
    WHERE lad_code <> first_code ORDER BY line LIMIT 1
"""

_WRITE_LOOKUP = """
    COPY (SELECT lsoa_code, arg_min(lad_code, line) AS lad_code,
                 arg_min(lad_name, line) AS lad_name
          FROM lookup GROUP BY lsoa_code ORDER BY lsoa_code)
    TO $target (FORMAT parquet, COMPRESSION zstd)
"""


def _stage_lookup(
    con: duckdb.DuckDBPyConnection,
    read: dict[str, Any],
    columns: tuple[str, str, str],
    staging: Path,
    source: str,
) -> int:
    try:
        con.execute(_READ_LOOKUP, read)
    except duckdb.Error as exc:
        raise describe_csv_error(str(exc), source) from exc
    empty = con.execute(_LOOKUP_EMPTY_FIELD).fetchone()
    if empty is not None:
        line, no_lsoa, no_code = empty
        column = columns[0] if no_lsoa else columns[1] if no_code else columns[2]
        raise CrimeDataError(f"{column} is empty", path=source, line=int(line), field=column)
    conflict = con.execute(_LOOKUP_CONFLICT).fetchone()
    if conflict is not None:
        line, code, first_code = conflict
        raise CrimeDataError(
            f"LSOA {code} is placed in {first_code} on an earlier line and elsewhere here",
            path=source,
            line=int(line),
            field=columns[0],
        )
    target = staging / LOOKUP_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    con.execute(_WRITE_LOOKUP, {"target": str(target)})
    return int(_one(con, "SELECT count(DISTINCT lsoa_code) FROM lookup")[0])


def lookup_info(store: Path) -> LookupInfo | None:
    """The LSOA lookup in the store, or None when none has been loaded."""
    if not store.is_dir():
        return None
    with reading(store):
        path = store / LOOKUP_INFO_FILE
        if not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    return LookupInfo(
        source=data["source"],
        sha256=data["sha256"],
        rows=int(data["rows"]),
        loaded_at=datetime.fromisoformat(data["loaded_at"]),
        lsoa_column=data["lsoa_column"],
        district_code_column=data["district_code_column"],
        district_name_column=data["district_name_column"],
    )


def _lookup_json(info: LookupInfo) -> dict[str, Any]:
    return {
        "source": info.source,
        "sha256": info.sha256,
        "rows": info.rows,
        "loaded_at": info.loaded_at.isoformat(),
        "lsoa_column": info.lsoa_column,
        "district_code_column": info.district_code_column,
        "district_name_column": info.district_name_column,
    }


# ---------------------------------------------------------------- reading


def status(store: Path) -> list[ForceMonth]:
    """Every force-month in the store, by force then month."""
    if not store.is_dir():
        return []
    with reading(store):
        manifest = read_manifest(store)
    return [manifest[key] for key in sorted(manifest)]


def summary(
    store: Path,
    areas: Sequence[Area],
    *,
    area: str | None = None,
    month_from: str | None = None,
    month_to: str | None = None,
    crime_type: str | None = None,
) -> Iterator[SummaryRow]:
    """Crimes per area, month and crime type; every imported row is in exactly one line.

    Rows in the region's `areas` (GSS code, name) count under that area;
    rows elsewhere under their own district (GSS code where the lookup knows
    it, else an empty code); rows with no LSOA under an empty code and name.
    Arguments are checked, and the counts made, before this returns.
    """
    codes, names = _check_areas(areas)
    _check_month(month_from, "month_from")
    _check_month(month_to, "month_to")
    found: list[tuple[str, str, str, str, int]] = []
    if not store.is_dir():
        return iter([])
    with reading(store):
        files = row_files(store, month_from, month_to)
        if files:
            with _placing(store, codes, names) as con:
                found = con.execute(
                    _SUMMARY,
                    {
                        "files": files,
                        "month_from": month_from,
                        "month_to": month_to,
                        "crime_type": crime_type,
                        "area": area,
                    },
                ).fetchall()
    return (
        SummaryRow(code, name, month, kind, int(count)) for code, name, month, kind, count in found
    )


def summary_csv(
    store: Path,
    areas: Sequence[Area],
    out: TextIO,
    *,
    area: str | None = None,
    month_from: str | None = None,
    month_to: str | None = None,
    crime_type: str | None = None,
) -> int:
    """Write the summary as CSV to `out`; returns the number of lines after the header."""
    rows = summary(
        store, areas, area=area, month_from=month_from, month_to=month_to, crime_type=crime_type
    )
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SUMMARY_HEADER)
    written = 0
    for row in rows:
        writer.writerow(
            safe_row((row.area_code, row.area_name, row.month, row.crime_type, row.count))
        )
        written += 1
    return written


def series(
    store: Path, areas: Sequence[Area], crime_types: Sequence[str] | None
) -> list[tuple[str, str, int]]:
    """Monthly crimes per region area for a set of crime types (None: all types).

    Every area has a line for every month in the store, zero where no crime
    was placed there, so a quiet month reads as a count and not a hole.
    """
    codes, names = _check_areas(areas)
    if not store.is_dir() or not codes:
        return []
    with reading(store):
        months = sorted({month for _, month in read_manifest(store)})
        files = row_files(store, None, None)
        if not files:
            return []
        with _placing(store, codes, names) as con:
            found = con.execute(
                _SERIES,
                {
                    "files": files,
                    "months": months,
                    "types": None if crime_types is None else list(crime_types),
                },
            ).fetchall()
    return [(code, month, int(count)) for code, month, count in found]


_AREAS = """
    CREATE TEMP TABLE areas AS
    SELECT unnest($codes::VARCHAR[]) AS area_code, unnest($names::VARCHAR[]) AS area_name
"""
_LOOKUP_LOADED = """
    CREATE TEMP TABLE lookup AS SELECT lsoa_code, lad_code, lad_name FROM read_parquet($lookup)
"""
_LOOKUP_NONE = "CREATE TEMP TABLE lookup (lsoa_code VARCHAR, lad_code VARCHAR, lad_name VARCHAR)"

# Each crime's area. By LSOA code through the lookup where it knows the LSOA;
# otherwise by the district name that starts the LSOA name ("County Durham
# 012C"), matched to the region's area names.
_PLACED = r"""
    CREATE TEMP MACRO placed(files, month_from, month_to, kind) AS TABLE
    WITH crimes AS (
        SELECT month, crime_type, lsoa_code,
               coalesce(NULLIF(regexp_extract(lsoa_name, '^(.*\S)\s+\d{3}[A-Z]$', 1), ''),
                        lsoa_name) AS district_from_name
        FROM read_parquet(files)
        WHERE (month_from IS NULL OR month >= month_from)
          AND (month_to IS NULL OR month <= month_to)
          AND (kind IS NULL OR crime_type = kind))
    SELECT c.month, c.crime_type,
        CASE WHEN c.lsoa_code IS NULL THEN ''
             WHEN by_code.area_code IS NOT NULL THEN by_code.area_code
             WHEN l.lad_code IS NULL AND by_name.area_code IS NOT NULL THEN by_name.area_code
             ELSE coalesce(l.lad_code, '') END AS area_code,
        CASE WHEN c.lsoa_code IS NULL THEN ''
             WHEN by_code.area_code IS NOT NULL THEN by_code.area_name
             WHEN l.lad_code IS NULL AND by_name.area_code IS NOT NULL THEN by_name.area_name
             ELSE coalesce(l.lad_name, c.district_from_name, '') END AS area_name,
        c.lsoa_code IS NOT NULL AND (by_code.area_code IS NOT NULL
            OR (l.lad_code IS NULL AND by_name.area_code IS NOT NULL)) AS in_region
    FROM crimes c
    LEFT JOIN lookup l ON l.lsoa_code = c.lsoa_code
    LEFT JOIN areas by_code ON by_code.area_code = l.lad_code
    LEFT JOIN areas by_name ON lower(by_name.area_name) = lower(c.district_from_name)
"""

_SUMMARY = """
    SELECT area_code, area_name, month, crime_type, count(*)::BIGINT
    FROM placed($files::VARCHAR[], $month_from::VARCHAR, $month_to::VARCHAR,
                $crime_type::VARCHAR)
    WHERE $area::VARCHAR IS NULL OR area_code = $area::VARCHAR
    GROUP BY ALL
    ORDER BY area_code, area_name, month, crime_type
"""

_SERIES = """
    WITH counts AS (
        SELECT area_code, month, count(*) AS n
        FROM placed($files::VARCHAR[], NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR)
        WHERE in_region
          AND ($types::VARCHAR[] IS NULL OR list_contains($types::VARCHAR[], crime_type))
        GROUP BY ALL)
    SELECT a.area_code, m.month, coalesce(c.n, 0)::BIGINT
    FROM areas a CROSS JOIN (SELECT unnest($months::VARCHAR[]) AS month) m
    LEFT JOIN counts c ON c.area_code = a.area_code AND c.month = m.month
    ORDER BY a.area_code, m.month
"""


@contextlib.contextmanager
def _placing(
    store: Path, codes: list[str], names: list[str]
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection holding the region's areas, the lookup and the `placed` macro."""
    with tempfile.TemporaryDirectory(prefix="remit-crime-") as tmp:
        con = connect(EngineLimits.from_env(), Path(tmp))
        try:
            con.execute(_AREAS, {"codes": codes, "names": names})
            lookup = store / LOOKUP_FILE
            if lookup.is_file():
                con.execute(_LOOKUP_LOADED, {"lookup": str(lookup)})
            else:
                con.execute(_LOOKUP_NONE)
            con.execute(_PLACED)
            yield con
        finally:
            con.close()


def row_files(store: Path, month_from: str | None, month_to: str | None) -> list[str]:
    return [
        str(store / _rows_path(force, month))
        for force, month in sorted(read_manifest(store))
        if (month_from is None or month >= month_from) and (month_to is None or month <= month_to)
    ]


def _check_areas(areas: Sequence[Area]) -> tuple[list[str], list[str]]:
    codes: list[str] = []
    names: list[str] = []
    for code, name in areas:
        code, name = code.strip(), " ".join(name.split())
        if not code or not name:
            raise CrimeDataError("every area needs a GSS code and a name", field="areas")
        if code in codes:
            raise CrimeDataError(f"area {code} is given twice", field="areas")
        if name.lower() in (n.lower() for n in names):
            raise CrimeDataError(f"two areas are called {name!r}", field="areas")
        codes.append(code)
        names.append(name)
    return codes, names


def _check_month(value: str | None, field: str) -> None:
    if value is not None and not is_month(value):
        raise CrimeDataError(f"{value!r} is not a month (YYYY-MM)", field=field)


# ---------------------------------------------------------------- manifest


def read_manifest(store: Path) -> dict[tuple[str, str], ForceMonth]:
    path = store / MANIFEST_FILE
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = (
        ForceMonth(
            force=item["force"],
            month=item["month"],
            rows=int(item["rows"]),
            unlocated=int(item["unlocated"]),
            imported_at=datetime.fromisoformat(item["imported_at"]),
            source=item["source"],
            sha256=item["sha256"],
        )
        for item in data["force_months"]
    )
    return {(fm.force, fm.month): fm for fm in entries}


def _manifest_json(manifest: dict[tuple[str, str], ForceMonth]) -> dict[str, Any]:
    return {
        "version": 1,
        "force_months": [
            {
                "force": fm.force,
                "month": fm.month,
                "rows": fm.rows,
                "unlocated": fm.unlocated,
                "source": fm.source,
                "sha256": fm.sha256,
                "imported_at": fm.imported_at.isoformat(),
            }
            for _, fm in sorted(manifest.items())
        ],
    }


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


# ---------------------------------------------------------------- engine and locks


def connect(limits: EngineLimits, temp_dir: Path) -> duckdb.DuckDBPyConnection:
    temp_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(
        ":memory:",
        config={
            "memory_limit": limits.memory_limit,
            "threads": limits.threads,
            "temp_directory": str(temp_dir),
            "preserve_insertion_order": False,
        },
    )
    con.execute("SET enable_progress_bar = false")
    con.execute(_STREET_ROW_REFUSED)
    return con


_STREET_ROW_REFUSED = f"""
    CREATE MACRO street_row_refused(month, falls_within, crime_type, file_month, bad_forces) AS
        month IS NULL OR NOT regexp_full_match(month, '{MONTH_PATTERN}') OR month <> file_month
        OR falls_within IS NULL OR list_contains(bad_forces, falls_within) OR crime_type IS NULL
"""


def _one(
    con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any] | None = None
) -> tuple[Any, ...]:
    """The single row of an aggregate query."""
    found = con.execute(sql, params).fetchone()
    if found is None:
        raise RuntimeError(f"no row from {sql.split()[0]} query")
    return found


@contextlib.contextmanager
def _locked(path: Path, mode: int) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, mode)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def _writing(store: Path) -> Iterator[Path]:
    """One writer at a time; readers wait only while files are moved into place."""
    store.mkdir(parents=True, exist_ok=True)
    with _locked(store / WRITE_LOCK, fcntl.LOCK_EX):
        with _locked(store / READ_LOCK, fcntl.LOCK_EX):
            _roll_forward(store)
        staging_root = store / STAGING_DIR
        if staging_root.is_dir():
            for leftover in staging_root.iterdir():
                shutil.rmtree(leftover, ignore_errors=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        staging = staging_root / f"{stamp}-{uuid.uuid4().hex[:8]}"
        staging.mkdir(parents=True)
        try:
            yield staging
        finally:
            if not (staging / COMMIT_FILE).exists():
                shutil.rmtree(staging, ignore_errors=True)


@contextlib.contextmanager
def held_still(store: Path) -> Iterator[None]:
    """The store with no import or lookup load under way, so a backup copies one state."""
    if not store.is_dir():
        yield
        return
    with _locked(store / WRITE_LOCK, fcntl.LOCK_EX):
        with _locked(store / READ_LOCK, fcntl.LOCK_EX):
            _roll_forward(store)
        yield


def backup_files(store: Path) -> list[Path]:
    """The files a backup of the store needs: rows, manifest and lookup; no locks or staging."""
    if not store.is_dir():
        return []
    return sorted(
        path
        for path in store.rglob("*")
        if path.is_file()
        and not path.name.endswith(".lock")
        and STAGING_DIR not in path.relative_to(store).parts
    )


@contextlib.contextmanager
def reading(store: Path) -> Iterator[None]:
    lock = store / READ_LOCK
    if _pending_commits(store):
        with _locked(lock, fcntl.LOCK_EX):
            _roll_forward(store)
    with _locked(lock, fcntl.LOCK_SH):
        yield


def _commit(store: Path, staging: Path, moves: list[str]) -> None:
    """Record the moves, then make them; from the record on, the import will happen."""
    with _locked(store / READ_LOCK, fcntl.LOCK_EX):
        _write_json(staging / COMMIT_FILE, {"moves": moves})
        _apply_moves(store, staging)
    shutil.rmtree(staging, ignore_errors=True)


def _apply_moves(store: Path, staging: Path) -> None:
    """Move a committed import's files into place; safe to run again after a stop."""
    commit = staging / COMMIT_FILE
    for relative in json.loads(commit.read_text(encoding="utf-8"))["moves"]:
        source = staging / relative
        if source.exists():
            target = store / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
    commit.unlink()


def _pending_commits(store: Path) -> list[Path]:
    root = store / STAGING_DIR
    if not root.is_dir():
        return []
    return sorted(d for d in root.iterdir() if (d / COMMIT_FILE).is_file())


def _roll_forward(store: Path) -> None:
    """Finish any import that had committed when its process stopped."""
    for staging in _pending_commits(store):
        _apply_moves(store, staging)
        shutil.rmtree(staging, ignore_errors=True)
