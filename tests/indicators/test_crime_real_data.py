"""The published police.uk files, imported whole and checked against counts made without the store.

The independent counts are DuckDB SQL straight over the CSVs (and the IMD
2019 File 1 for districts); nothing here calls the store to count.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from remit.indicators.crime import import_paths
from remit.indicators.crime import load_lsoa_lookup
from remit.indicators.crime import status
from remit.indicators.crime import summary

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
POLICE_UK = SHARED / "police-uk"
IMD_FILE_1 = SHARED / "imd2019" / "File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz"

pytestmark = pytest.mark.skipif(
    not POLICE_UK.is_dir(),
    reason=f"the shared police.uk files are not at {POLICE_UK} (see shared/data/README.md)",
)

WEST_MIDLANDS_COMBINED_AUTHORITY = [
    ("E08000025", "Birmingham"),
    ("E08000026", "Coventry"),
    ("E08000027", "Dudley"),
    ("E08000028", "Sandwell"),
    ("E08000029", "Solihull"),
    ("E08000030", "Walsall"),
    ("E08000031", "Wolverhampton"),
]

STREET_FILES = f"{POLICE_UK}/*-street.csv"


def independent(sql: str, **params: object) -> list[tuple[object, ...]]:
    with duckdb.connect() as con:
        return con.execute(sql, {"files": STREET_FILES, **params}).fetchall()


@pytest.fixture(scope="module")
def expected() -> dict[tuple[str, str], tuple[int, int]]:
    """Rows and rows without an LSOA per force-month, counted straight from the CSVs."""
    found = independent(
        r"""SELECT regexp_extract(filename, '\d{4}-\d{2}-(.+)-street\.csv$', 1),
                   "Month", count(*), count(*) FILTER (WHERE "LSOA code" IS NULL)
            FROM read_csv($files, filename = true, all_varchar = true)
            GROUP BY ALL"""
    )
    return {(str(f), str(m)): (int(str(n)), int(str(u))) for f, m, n, u in found}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("crime") / "store"
    import_paths(store, [POLICE_UK])
    return store


@pytest.fixture(scope="module")
def store_with_lookup(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not IMD_FILE_1.is_file():
        pytest.skip(f"the IMD 2019 File 1 is not at {IMD_FILE_1}")
    copy = tmp_path_factory.mktemp("crime-lookup") / "store"
    shutil.copytree(store, copy)
    load_lsoa_lookup(copy, IMD_FILE_1)
    return copy


def test_all_twenty_published_files_are_imported(
    store: Path, expected: dict[tuple[str, str], tuple[int, int]]
) -> None:
    assert len(expected) == 20
    assert {(fm.force, fm.month) for fm in status(store)} == set(expected)


def test_each_force_month_holds_the_rows_counted_from_its_csv(
    store: Path, expected: dict[tuple[str, str], tuple[int, int]]
) -> None:
    held = {(fm.force, fm.month): (fm.rows, fm.unlocated) for fm in status(store)}

    assert held == expected


def test_staffordshire_rows_without_a_location_are_kept(
    store: Path, expected: dict[tuple[str, str], tuple[int, int]]
) -> None:
    for fm in status(store):
        if fm.force == "staffordshire":
            assert fm.unlocated == expected[(fm.force, fm.month)][1] > 900


def test_the_summary_total_is_the_number_of_rows_in_the_csvs(
    store: Path, store_with_lookup: Path
) -> None:
    total = independent("SELECT count(*) FROM read_csv($files, all_varchar = true)")
    rows = int(str(total[0][0]))

    assert sum(fm.rows for fm in status(store)) == rows
    assert sum(r.count for r in summary(store, WEST_MIDLANDS_COMBINED_AUTHORITY)) == rows
    assert sum(r.count for r in summary(store_with_lookup, WEST_MIDLANDS_COMBINED_AUTHORITY)) == (
        rows
    )


def test_crimes_in_the_seven_districts_match_a_join_with_the_imd_lookup(
    store_with_lookup: Path,
) -> None:
    region = {code for code, _ in WEST_MIDLANDS_COMBINED_AUTHORITY}
    joined = independent(
        """SELECT imd."Local Authority District code (2019)", c."Month", c."Crime type", count(*)
           FROM read_csv($files, all_varchar = true) c
           JOIN read_csv($imd, all_varchar = true) imd
             ON imd."LSOA code (2011)" = c."LSOA code"
           WHERE list_contains($codes, imd."Local Authority District code (2019)")
           GROUP BY ALL""",
        imd=str(IMD_FILE_1),
        codes=sorted(region),
    )

    found = {
        (r.area_code, r.month, r.crime_type): r.count
        for r in summary(store_with_lookup, WEST_MIDLANDS_COMBINED_AUTHORITY)
        if r.area_code in region
    }

    assert found == {(str(c), str(m), str(t)): int(str(n)) for c, m, t, n in joined}
    assert sum(found.values()) > 0


def test_lsoa_names_and_the_imd_lookup_place_the_same_crimes_in_the_seven_districts(
    store: Path, store_with_lookup: Path
) -> None:
    region = {code for code, _ in WEST_MIDLANDS_COMBINED_AUTHORITY}

    def by_area(path: Path) -> Counter[str]:
        found: Counter[str] = Counter()
        for row in summary(path, WEST_MIDLANDS_COMBINED_AUTHORITY):
            if row.area_code in region:
                found[row.area_code] += row.count
        return found

    assert by_area(store) == by_area(store_with_lookup)
    assert set(by_area(store)) == region
