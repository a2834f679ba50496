"""Crimes per neighbourhood (2011 LSOA) and month, counted in the crime store by DuckDB.

Crimes are placed by the LSOA code police.uk gives each one, so a neighbourhood's count
is every crime located there whichever force recorded it. A month counts as complete for
a district only when the files of every one of its own forces for that month are held (the
same rule as the district figures); other months are returned as not complete, never as
zeros.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from remit.indicators import crime


@dataclass(frozen=True)
class NeighbourhoodCounts:
    months: list[str]  # every month held in the store, oldest first
    complete: list[str]  # the months whose own-force file is held
    counts: dict[str, dict[str, int]]  # LSOA code -> month -> crimes (0 where none)


_COUNTS = """
    SELECT lsoa_code, month, count(*)::BIGINT
    FROM read_parquet($files::VARCHAR[])
    WHERE list_contains($codes::VARCHAR[], lsoa_code)
      AND ($types::VARCHAR[] IS NULL OR list_contains($types::VARCHAR[], crime_type))
    GROUP BY ALL
"""


def neighbourhood_counts(
    store: Path,
    codes: Sequence[str],
    crime_types: Sequence[str] | None,
    forces: Sequence[str],
) -> NeighbourhoodCounts:
    """Counts for the LSOA `codes` of one district; `forces` are the slugs of its own police
    forces, every one of whose files a month needs to be complete."""
    if not store.is_dir() or not codes:
        return NeighbourhoodCounts([], [], {})
    with crime.reading(store):
        held = sorted(crime.read_manifest(store))
        files = crime.row_files(store, None, None)
        found: list[tuple[str, str, int]] = []
        if files:
            with tempfile.TemporaryDirectory(prefix="remit-lsoa-") as tmp:
                con = crime.connect(crime.EngineLimits.from_env(), Path(tmp))
                try:
                    found = con.execute(
                        _COUNTS,
                        {
                            "files": files,
                            "codes": list(codes),
                            "types": None if crime_types is None else list(crime_types),
                        },
                    ).fetchall()
                finally:
                    con.close()
    months = sorted({month for _, month in held})
    complete = [m for m in months if all((force, m) in held for force in forces)]
    counts: dict[str, dict[str, int]] = {code: dict.fromkeys(months, 0) for code in codes}
    for code, month, n in found:
        counts[str(code)][str(month)] = int(n)
    return NeighbourhoodCounts(months, complete, counts)
