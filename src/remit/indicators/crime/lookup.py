"""The LSOA to local authority district lookup that places crimes in districts."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from remit.indicators.crime.store import LOOKUP_FILE
from remit.indicators.crime.store import LOOKUP_INFO_FILE
from remit.indicators.crime.store import EngineLimits
from remit.indicators.crime.store import commit
from remit.indicators.crime.store import connect
from remit.indicators.crime.store import one_row
from remit.indicators.crime.store import reading
from remit.indicators.crime.store import sha256
from remit.indicators.crime.store import write_json
from remit.indicators.crime.store import writing
from remit.indicators.crime_files import CrimeDataError
from remit.indicators.crime_files import describe_csv_error
from remit.indicators.crime_files import read_csv_header


@dataclass(frozen=True)
class LookupInfo:
    source: str
    sha256: str
    rows: int
    loaded_at: datetime
    lsoa_column: str
    district_code_column: str
    district_name_column: str


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
    with writing(store) as staging:
        con = connect(limits, staging / "tmp")
        try:
            rows = _stage_lookup(con, read, (lsoa, lad_code, lad_name), staging, source)
        finally:
            con.close()
        info = LookupInfo(
            source=csv_path.name,
            sha256=sha256(csv_path),
            rows=rows,
            loaded_at=datetime.now(UTC).replace(microsecond=0),
            lsoa_column=lsoa,
            district_code_column=lad_code,
            district_name_column=lad_name,
        )
        write_json(staging / LOOKUP_INFO_FILE, _lookup_json(info))
        commit(store, staging, [LOOKUP_FILE, LOOKUP_INFO_FILE])
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
    return int(one_row(con, "SELECT count(DISTINCT lsoa_code) FROM lookup")[0])


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
