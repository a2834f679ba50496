"""Stores written in an earlier format read, and take new imports, without being rewritten."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from remit.indicators.crime import import_paths
from remit.indicators.crime import load_lsoa_lookup
from remit.indicators.crime import read_manifest
from remit.indicators.crime import series
from remit.indicators.crime import status
from remit.indicators.crime import summary
from remit.indicators.crime.importing import STORED_COLUMNS
from remit.indicators.crime.store import STORE_FORMAT
from remit.indicators.crime_files import CrimeDataError
from remit.indicators.crime_files import read_csv_header
from remit.indicators.crime_files import street_columns
from remit.indicators.neighbourhood_crime import neighbourhood_counts

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "good"
LOOKUP = FIXTURES / "lookup" / "imd2019-file1-extract.csv"
AREAS = [("E08000025", "Birmingham"), ("E08000026", "Coventry"), ("E07000234", "Bromsgrove")]
NEIGHBOURHOOD_CRIME = ["Burglary", "Robbery", "Theft from the person", "Vehicle crime"]

# How format 1 wrote a row file: every published column, and the force's slug.
_FORMAT_1_ROWS = """
    COPY (
        SELECT month, $force AS force, crime_id, reported_by, falls_within, longitude, latitude,
               location, lsoa_code, lsoa_name, crime_type, outcome, context
        FROM read_csv($path, columns = $columns, header = true, auto_detect = false,
                      delim = ',', quote = '"', escape = '"', strict_mode = true))
    TO $target (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)
"""


def _format_1_store(store: Path, csvs: list[Path]) -> None:
    """A store as format 1 left it: every published column in each row file."""
    import_paths(store, csvs)
    con = duckdb.connect()
    try:
        for path in csvs:
            month, force = path.name[:7], path.name[8 : -len("-street.csv")]
            con.execute(
                _FORMAT_1_ROWS,
                {
                    "path": str(path),
                    "columns": street_columns(read_csv_header(path, path.name), path.name),
                    "force": force,
                    "target": str(store / f"rows/force={force}/month={month}.parquet"),
                },
            )
    finally:
        con.close()
    manifest = json.loads((store / "manifest.json").read_text())
    (store / "manifest.json").write_text(json.dumps({**manifest, "version": 1}))


def _columns(parquet: Path) -> list[str]:
    con = duckdb.connect()
    try:
        found = con.execute(
            "SELECT name FROM parquet_schema($path) WHERE num_children IS NULL",
            {"path": str(parquet)},
        ).fetchall()
    finally:
        con.close()
    return [name for (name,) in found]


def _everything(store: Path) -> tuple[object, ...]:
    """What every reader of the store gives."""
    return (
        list(summary(store, AREAS)),
        series(store, AREAS, None),
        series(store, AREAS, NEIGHBOURHOOD_CRIME),
        neighbourhood_counts(store, ["E01009450", "E01009589", "E01031213"], None, ["west-mercia"]),
        [(fm.force, fm.month, fm.rows, fm.unlocated, fm.sha256) for fm in status(store)],
    )


CSVS = sorted(GOOD.glob("*/*-street.csv"))


def test_a_new_store_keeps_only_the_columns_it_reads_and_checks(tmp_path: Path) -> None:
    import_paths(tmp_path / "store", CSVS)

    files = sorted((tmp_path / "store" / "rows").rglob("*.parquet"))
    assert len(files) == len(CSVS)
    assert all(_columns(f) == list(STORED_COLUMNS) for f in files)
    manifest = json.loads((tmp_path / "store" / "manifest.json").read_text())
    assert manifest["version"] == STORE_FORMAT == 2


def test_a_format_1_store_reads_as_a_new_one_does(tmp_path: Path) -> None:
    _format_1_store(tmp_path / "old", CSVS)
    import_paths(tmp_path / "new", CSVS)
    for store in (tmp_path / "old", tmp_path / "new"):
        load_lsoa_lookup(store, LOOKUP)

    assert "crime_id" in _columns(tmp_path / "old/rows/force=west-mercia/month=2019-01.parquet")
    old, new = _everything(tmp_path / "old"), _everything(tmp_path / "new")
    assert old == new
    assert sum(row.count for row in summary(tmp_path / "old", AREAS)) == 23
    counts = neighbourhood_counts(tmp_path / "old", ["E01031213"], None, ["west-mercia"])
    assert counts.counts["E01031213"]["2019-01"] > 0


def test_an_import_into_a_format_1_store_mixes_formats_and_counts_the_same(
    tmp_path: Path,
) -> None:
    _format_1_store(tmp_path / "old", CSVS)
    # The first file every reader opens is then in format 2, the others in format 1.
    replaced = GOOD / "2019-01" / "2019-01-warwickshire-street.csv"

    import_paths(tmp_path / "old", [replaced])

    rows = tmp_path / "old" / "rows"
    assert _columns(rows / "force=warwickshire/month=2019-01.parquet") == list(STORED_COLUMNS)
    assert "crime_id" in _columns(rows / "force=west-mercia/month=2019-01.parquet")
    assert json.loads((tmp_path / "old" / "manifest.json").read_text())["version"] == 2
    import_paths(tmp_path / "new", CSVS)
    assert _everything(tmp_path / "old") == _everything(tmp_path / "new")


def test_a_store_in_a_newer_format_is_refused_and_left_alone(tmp_path: Path) -> None:
    store = tmp_path / "store"
    import_paths(store, CSVS[:1])
    manifest = json.loads((store / "manifest.json").read_text())
    (store / "manifest.json").write_text(json.dumps({**manifest, "version": STORE_FORMAT + 1}))
    before = {p: p.read_bytes() for p in store.rglob("*") if p.is_file()}

    with pytest.raises(CrimeDataError, match="newer version of Remit") as refused:
        import_paths(store, CSVS[1:])

    assert refused.value.path == str(store / "manifest.json")
    with pytest.raises(CrimeDataError, match="upgrade Remit"):
        read_manifest(store)
    assert {p: p.read_bytes() for p in store.rglob("*") if p.is_file()} == before
    shutil.rmtree(store)
