"""Importing police.uk street files into the store: read, check and write in one pass.

Each file is read once by DuckDB and written straight to Parquet, keeping the
columns the store reads or checks (`STORED_COLUMNS`); the checks on every row
(the month, the force, a crime type) are answered from the column statistics
the Parquet writer returns, so a good file is never read twice. Only when the
statistics cannot settle a check (several "Falls within" names, say, or a
DuckDB that does not say its string statistics are exact) are the staged rows
checked with SQL, and only when a check fails is the CSV read again, numbering
rows, to find the first refused line. UTF-8 in the columns not stored is
checked while the file is hashed, and a file that fails it is read again,
every column, for DuckDB to name the line."""

from __future__ import annotations

import codecs
import hashlib
import threading
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from concurrent.futures import Future
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import as_completed
from dataclasses import dataclass
from dataclasses import replace
from datetime import UTC
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from remit.indicators.crime.store import MANIFEST_FILE
from remit.indicators.crime.store import EngineLimits
from remit.indicators.crime.store import ForceMonth
from remit.indicators.crime.store import commit
from remit.indicators.crime.store import connect
from remit.indicators.crime.store import manifest_json
from remit.indicators.crime.store import one_row
from remit.indicators.crime.store import read_manifest
from remit.indicators.crime.store import rows_path
from remit.indicators.crime.store import write_json
from remit.indicators.crime.store import writing
from remit.indicators.crime_files import MONTH_PATTERN
from remit.indicators.crime_files import STREET_COLUMNS
from remit.indicators.crime_files import CrimeDataError
from remit.indicators.crime_files import StreetFile
from remit.indicators.crime_files import describe_csv_error
from remit.indicators.crime_files import discover
from remit.indicators.crime_files import force_slug
from remit.indicators.crime_files import is_month
from remit.indicators.crime_files import read_csv_header
from remit.indicators.crime_files import street_columns

Progress = Callable[[int, int, str], None]


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
    with writing(store) as staging:
        files = discover(paths, staging / "unpacked")
        if progress:
            progress(0, len(files), "")
        # Files are staged side by side, each on its own share of the threads: one
        # police.uk file is too small for DuckDB to spread over more than one.
        workers = max(1, min(limits.threads, len(files)))
        per_file = replace(limits, threads=max(1, limits.threads // workers))
        # Hashing starts before DuckDB does, so the first files are hashed while it starts.
        hasher = ThreadPoolExecutor(max_workers=1)
        try:
            digests = [hasher.submit(_read_through, street.path) for street in files]
            con = connect(per_file, staging / "tmp")
            try:
                con.execute(_STREET_ROW_REFUSED)
                staged = _stage_street_files(con, files, digests, staging, workers, progress)
            finally:
                con.close()
        finally:
            hasher.shutdown(cancel_futures=True)
        manifest = read_manifest(store)
        if not allow_empty:
            _refuse_emptying(staged, manifest, files)
        replaced = tuple((fm.force, fm.month) for fm in staged if (fm.force, fm.month) in manifest)
        for fm in staged:
            manifest[(fm.force, fm.month)] = fm
        write_json(staging / MANIFEST_FILE, manifest_json(manifest))
        moves = [rows_path(fm.force, fm.month) for fm in staged]
        commit(store, staging, [*moves, MANIFEST_FILE])
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
    digests: list[Future[_ReadThrough]],
    staging: Path,
    workers: int,
    progress: Progress | None,
) -> list[ForceMonth]:
    """Stage files side by side, on `workers` threads.

    Each file's SHA-256 is taken, and its bytes checked to be UTF-8, on a thread of
    its own (`digests`) while DuckDB reads the file, so this adds no time of its own.
    On a refusal the files not yet started are skipped, and the refusal of the
    earliest file in the import's order is the one reported.
    """
    local = threading.local()
    cursors: list[duckdb.DuckDBPyConnection] = []
    cursors_lock = threading.Lock()

    def stage(street: StreetFile, digest: Future[_ReadThrough]) -> ForceMonth:
        cursor: duckdb.DuckDBPyConnection | None = getattr(local, "cursor", None)
        if cursor is None:
            cursor = con.cursor()
            local.cursor = cursor
            with cursors_lock:
                cursors.append(cursor)
        return _stage_street_file(cursor, street, staging, digest)

    staged: dict[int, ForceMonth] = {}
    refused: dict[int, BaseException] = {}
    try:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = {
                pool.submit(stage, street, digest): i
                for i, (street, digest) in enumerate(zip(files, digests, strict=True))
            }
            for future in as_completed(futures):
                index = futures[future]
                if future.cancelled():
                    continue
                problem = future.exception()
                if problem is not None:
                    refused[index] = problem
                    _cancel_waiting(futures, digests)
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


def _cancel_waiting(
    futures: dict[Future[ForceMonth], int], digests: list[Future[_ReadThrough]]
) -> None:
    """Skip the files not yet started, and their hashing."""
    for future, index in futures.items():
        if future.cancel():
            digests[index].cancel()


# The columns stored: what counting reads (month, crime type, LSOA code and name),
# what the checks read from the statistics (month, "Falls within", crime type) and
# the coordinates. Every column is still read and checked by DuckDB as the row is
# parsed (field count, quoting); coordinates must be numbers. Empty fields, quoted or
# not, are read as NULL; values are stored as published. Nothing reads the rows by a
# single value, so no Bloom filters are written; Snappy is the cheapest codec to write.
STORED_COLUMNS = (
    "month",
    "falls_within",
    "longitude",
    "latitude",
    "lsoa_code",
    "lsoa_name",
    "crime_type",
)

_STAGE_STREET_FILE = f"""
    COPY (
        SELECT {", ".join(STORED_COLUMNS)}
        FROM read_csv($path, columns = $columns, header = true, auto_detect = false,
                      delim = ',', quote = '"', escape = '"', strict_mode = true))
    TO $target (FORMAT parquet, COMPRESSION snappy, WRITE_BLOOM_FILTER false, RETURN_STATS)
"""  # noqa: S608 - the module's own column names

# Every column read and written, so DuckDB names the first line that is not UTF-8 even
# in a column that is not stored; run only when reading the file for its hash found one.
_READ_EVERY_COLUMN = """
    COPY (SELECT * FROM read_csv($path, columns = $columns, header = true, auto_detect = false,
                                 delim = ',', quote = '"', escape = '"', strict_mode = true))
    TO $target (FORMAT parquet)
"""

_CHECK_STAGED_FILE = """
    SELECT count(*) FILTER (WHERE street_row_refused(month, falls_within, crime_type,
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

Statistics = Mapping[str, Mapping[str, str]]


def _stage_street_file(
    con: duckdb.DuckDBPyConnection,
    street: StreetFile,
    staging: Path,
    read_through: Future[_ReadThrough],
) -> ForceMonth:
    columns = street_columns(read_csv_header(street.path, street.source), street.source)
    target = staging / rows_path(street.force, street.month)
    target.parent.mkdir(parents=True, exist_ok=True)
    read = {"path": str(street.path), "columns": columns}
    try:
        written = one_row(con, _STAGE_STREET_FILE, {**read, "target": str(target)})
    except duckdb.Error as exc:
        refusal = _first_unreadable_line(con, street, read, target)
        raise refusal or _described(exc, street) from exc
    if not read_through.result().utf8:
        refusal = _first_unreadable_line(con, street, read, target)
        if refusal is not None:
            raise refusal
    rows = int(written[1])
    statistics: Statistics = {name.strip('"'): stats for name, stats in written[4].items()}
    if rows and not _rows_pass(statistics, street):
        checks: dict[str, Any] = {"month": street.month, "bad_forces": []}
        refused, force_names = one_row(con, _CHECK_STAGED_FILE, {**checks, "target": str(target)})
        bad_forces = [
            name
            for name in force_names or []
            if name is not None and force_slug(name) != street.force
        ]
        if refused or bad_forces:
            line, month, falls_within = one_row(
                con, _FIRST_REFUSED_ROW, {**read, **checks, "bad_forces": bad_forces}
            )
            raise _refusal(street, int(line), month, falls_within)
    return ForceMonth(
        force=street.force,
        month=street.month,
        rows=rows,
        unlocated=_nulls(statistics, "lsoa_code") if rows else 0,
        imported_at=datetime.now(UTC).replace(microsecond=0),
        source=street.name,
        sha256=read_through.result().sha256,
    )


def _first_unreadable_line(
    con: duckdb.DuckDBPyConnection, street: StreetFile, read: dict[str, Any], target: Path
) -> CrimeDataError | None:
    """The file's first unreadable line, as DuckDB names it reading every column.

    Reading every column finds what the stored columns alone miss (text that is
    not UTF-8 in a column not stored), and the earliest line whichever column
    it is in.
    """
    try:
        con.execute(_READ_EVERY_COLUMN, {**read, "target": f"{target}.every-column"})
    except duckdb.Error as exc:
        return _described(exc, street)
    return None


def _described(problem: duckdb.Error, street: StreetFile) -> CrimeDataError:
    published = {stored: name for name, stored in STREET_COLUMNS.items()}
    return describe_csv_error(str(problem), street.source, published)


@dataclass(frozen=True)
class _ReadThrough:
    sha256: str
    utf8: bool


def _read_through(path: Path) -> _ReadThrough:
    """The file's SHA-256, and whether all of it is UTF-8 (ASCII, mostly, so that is fast).

    DuckDB checks UTF-8 only in the columns a query reads, and the store keeps
    only some of them; this covers the rest. One buffer is read into again and
    again: a new one for every chunk costs as much as the hashing.
    """
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8 = True
    buffer = bytearray(1 << 20)
    view = memoryview(buffer)
    with path.open("rb", buffering=0) as handle:
        while read := handle.readinto(buffer):
            chunk = view[:read]
            digest.update(chunk)
            if utf8 and not (_ascii(buffer, read) and not decoder.buffer):
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    return _ReadThrough(sha256=digest.hexdigest(), utf8=utf8)


def _ascii(buffer: bytearray, length: int) -> bool:
    return (buffer if length == len(buffer) else buffer[:length]).isascii()


def _rows_pass(statistics: Statistics, street: StreetFile) -> bool:
    """Whether the written file's statistics show every row passes the checks.

    Every row has the file's month and one "Falls within" name (exact minimum
    and maximum, no nulls) of the file's force, and a crime type. False means
    only that the statistics cannot tell, not that a row is refused.
    """
    month = _only_value(statistics, "month")
    falls_within = _only_value(statistics, "falls_within")
    return (
        month == street.month
        and falls_within is not None
        and force_slug(falls_within) == street.force
        and _nulls(statistics, "crime_type") == 0
    )


def _only_value(statistics: Statistics, column: str) -> str | None:
    """The column's one value when the statistics prove there is one and no nulls."""
    stats = statistics.get(column, {})
    exact = stats.get("min_is_exact") == "true" and stats.get("max_is_exact") == "true"
    if not exact or stats.get("null_count") != "0" or stats.get("min") != stats.get("max"):
        return None
    return stats.get("min")


def _nulls(statistics: Statistics, column: str) -> int:
    return int(statistics[column]["null_count"])


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


_STREET_ROW_REFUSED = f"""
    CREATE MACRO street_row_refused(month, falls_within, crime_type, file_month, bad_forces) AS
        month IS NULL OR NOT regexp_full_match(month, '{MONTH_PATTERN}') OR month <> file_month
        OR falls_within IS NULL OR list_contains(bad_forces, falls_within) OR crime_type IS NULL
"""
