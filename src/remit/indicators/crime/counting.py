"""Counting the store's crimes per area, month and crime type."""

from __future__ import annotations

import contextlib
import csv
import tempfile
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import duckdb

from remit.core.spreadsheets import safe_row
from remit.indicators.crime.store import LOOKUP_FILE
from remit.indicators.crime.store import EngineLimits
from remit.indicators.crime.store import ForceMonth
from remit.indicators.crime.store import connect
from remit.indicators.crime.store import read_manifest
from remit.indicators.crime.store import reading
from remit.indicators.crime.store import rows_path
from remit.indicators.crime_files import CrimeDataError
from remit.indicators.crime_files import is_month

Area = tuple[str, str]

SUMMARY_HEADER = ("area_code", "area_name", "month", "crime_type", "count")


@dataclass(frozen=True)
class SummaryRow:
    area_code: str
    area_name: str
    month: str
    crime_type: str
    count: int


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
        str(store / rows_path(force, month))
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
