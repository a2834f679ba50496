"""Importing police.uk street files into the crime store: all or nothing, located refusals."""

from __future__ import annotations

import csv
import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from remit.indicators.crime import import_paths
from remit.indicators.crime import status
from remit.indicators.crime import summary
from remit.indicators.crime_files import CrimeDataError
from remit.indicators.crime_files import force_slug
from remit.indicators.crime_files import parse_street_file_name

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "good"
BAD = FIXTURES / "bad"
WEST_MERCIA_2019_01 = GOOD / "2019-01" / "2019-01-west-mercia-street.csv"


def snapshot(store: Path) -> dict[str, str]:
    """Every file in the store and its content hash; locks and empty folders aside."""
    return {
        str(p.relative_to(store)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(store.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def counts(store: Path) -> dict[tuple[str, str], tuple[int, int]]:
    return {(fm.force, fm.month): (fm.rows, fm.unlocated) for fm in status(store)}


def test_import_counts_rows_and_unlocated_per_force_month(tmp_path: Path) -> None:
    report = import_paths(tmp_path / "store", [GOOD])

    assert counts(tmp_path / "store") == {
        ("warwickshire", "2019-01"): (8, 1),
        ("west-mercia", "2019-01"): (10, 2),
        ("west-mercia", "2019-02"): (5, 1),
    }
    assert (report.rows, report.unlocated) == (23, 4)
    assert report.replaced == ()


def test_each_force_month_is_one_parquet_file_with_its_source_recorded(tmp_path: Path) -> None:
    store = tmp_path / "store"
    import_paths(store, [GOOD])

    assert (store / "rows" / "force=west-mercia" / "month=2019-01.parquet").is_file()
    manifest = json.loads((store / "manifest.json").read_text())
    entry = next(e for e in manifest["force_months"] if e["force"] == "west-mercia")
    assert entry["source"] == "2019-01-west-mercia-street.csv"
    assert entry["sha256"] == hashlib.sha256(WEST_MERCIA_2019_01.read_bytes()).hexdigest()


def test_rows_without_a_location_are_kept_not_dropped(tmp_path: Path) -> None:
    store = tmp_path / "store"
    import_paths(store, [WEST_MERCIA_2019_01])

    unlocated = [r for r in summary(store, []) if r.area_code == "" and r.area_name == ""]
    assert sum(r.count for r in unlocated) == 2
    assert {r.crime_type for r in unlocated} == {"Drugs"}


def test_reimporting_a_force_month_replaces_it(tmp_path: Path) -> None:
    store = tmp_path / "store"
    import_paths(store, [GOOD])

    report = import_paths(store, [FIXTURES / "replacement"])

    assert report.replaced == (("west-mercia", "2019-01"),)
    assert counts(store)[("west-mercia", "2019-01")] == (3, 1)
    assert sum(r.count for r in summary(store, [])) == 8 + 3 + 5


def test_importing_the_same_files_again_leaves_the_same_data(tmp_path: Path) -> None:
    store = tmp_path / "store"
    import_paths(store, [GOOD])
    first = (counts(store), list(summary(store, [])))

    import_paths(store, [GOOD])

    assert (counts(store), list(summary(store, []))) == first


def test_a_zip_imports_like_the_folder_it_was_made_from(tmp_path: Path) -> None:
    upload = tmp_path / "upload.zip"
    with zipfile.ZipFile(upload, "w") as archive:
        for path in sorted(GOOD.rglob("*.csv")):
            archive.write(path, path.relative_to(GOOD).as_posix())
        archive.writestr("__MACOSX/2019-01/._2019-01-west-mercia-street.csv", b"\x00\x05")
        archive.writestr("README.txt", "not a street file")
    from_folder, from_zip = tmp_path / "a", tmp_path / "b"
    import_paths(from_folder, [GOOD])

    report = import_paths(from_zip, [upload])

    assert counts(from_zip) == counts(from_folder)
    assert list(summary(from_zip, [])) == list(summary(from_folder, []))
    assert report.force_months[0].source == "upload.zip:2019-01/2019-01-warwickshire-street.csv"


def test_a_flat_folder_of_street_files_imports_like_the_published_layout(tmp_path: Path) -> None:
    flat = tmp_path / "flat"
    flat.mkdir()
    for path in GOOD.rglob("*.csv"):
        shutil.copy(path, flat / path.name)
    import_paths(tmp_path / "published", [GOOD])

    import_paths(tmp_path / "store", [flat])

    assert counts(tmp_path / "store") == counts(tmp_path / "published")


def test_progress_is_reported_for_each_file(tmp_path: Path) -> None:
    calls: list[tuple[int, int, str]] = []

    import_paths(tmp_path / "store", [GOOD], progress=lambda *call: calls.append(call))

    assert calls[0] == (0, 3, "")
    assert sorted(done for done, _, _ in calls[1:]) == [1, 2, 3]
    assert {Path(source).name for _, _, source in calls[1:]} == {
        "2019-01-warwickshire-street.csv",
        "2019-01-west-mercia-street.csv",
        "2019-02-west-mercia-street.csv",
    }


@pytest.mark.parametrize(
    ("folder", "line", "field", "says"),
    [
        ("missing-column", 1, "LSOA code", "missing column 'LSOA code'"),
        ("bad-month", 4, "Month", "Month '2019/01' is not YYYY-MM"),
        ("month-mismatch", 5, "Month", "differs from the file name's month 2019-01"),
        ("wrong-force", 3, "Falls within", "'Warwickshire Police' (warwickshire)"),
        ("unreadable", 4, None, "expected 12 fields, found 13"),
        ("bad-coordinate", 3, None, "Longitude '-2.13x163' is not a number"),
    ],
)
def test_a_bad_file_is_refused_naming_file_and_line(
    tmp_path: Path, folder: str, line: int, field: str | None, says: str
) -> None:
    bad_file = BAD / folder / "2019-01-west-mercia-street.csv"

    with pytest.raises(CrimeDataError) as refused:
        import_paths(tmp_path / "store", [bad_file])

    assert refused.value.path == str(bad_file)
    assert refused.value.line == line
    assert refused.value.field == field
    assert says in refused.value.message
    assert str(refused.value).startswith(f"{bad_file}, line {line}: ")


def test_a_refused_import_leaves_the_store_exactly_as_it_was(tmp_path: Path) -> None:
    store = tmp_path / "store"
    import_paths(store, [GOOD / "2019-01"])
    before = snapshot(store)

    with pytest.raises(CrimeDataError):
        import_paths(store, [GOOD / "2019-02", FIXTURES / "replacement", BAD / "wrong-force"])

    assert snapshot(store) == before
    assert list((store / ".staging").iterdir()) == []


def test_a_refused_first_import_keeps_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"

    with pytest.raises(CrimeDataError):
        import_paths(store, [GOOD / "2019-02", BAD / "bad-month"])

    assert snapshot(store) == {}
    assert status(store) == []


def test_two_files_for_one_force_month_in_one_import_are_refused(tmp_path: Path) -> None:
    with pytest.raises(CrimeDataError, match="west-mercia 2019-01 is also in"):
        import_paths(tmp_path / "store", [GOOD, FIXTURES / "replacement"])


def test_a_file_not_named_like_a_police_uk_street_file_is_refused(tmp_path: Path) -> None:
    renamed = tmp_path / "crimes.csv"
    shutil.copy(WEST_MERCIA_2019_01, renamed)

    with pytest.raises(CrimeDataError, match=r"YYYY-MM-<force>-street\.csv") as refused:
        import_paths(tmp_path / "store", [renamed])
    assert refused.value.path == str(renamed)


@pytest.mark.parametrize("given", ["missing-folder", "empty-folder", "empty.zip"])
def test_nothing_to_import_is_refused(tmp_path: Path, given: str) -> None:
    (tmp_path / "empty-folder").mkdir()
    with zipfile.ZipFile(tmp_path / "empty.zip", "w") as archive:
        archive.writestr("notes.txt", "nothing here")

    with pytest.raises(CrimeDataError) as refused:
        import_paths(tmp_path / "store", [tmp_path / given])
    assert refused.value.path == str(tmp_path / given)


def test_an_empty_file_is_refused_at_line_one(tmp_path: Path) -> None:
    empty = tmp_path / "2019-01-west-mercia-street.csv"
    empty.write_text("")

    with pytest.raises(CrimeDataError, match="no header row") as refused:
        import_paths(tmp_path / "store", [empty])
    assert refused.value.line == 1


def test_a_file_that_is_not_utf8_is_refused_at_the_first_bad_line(tmp_path: Path) -> None:
    latin1 = tmp_path / WEST_MERCIA_2019_01.name
    lines = WEST_MERCIA_2019_01.read_text().splitlines()
    lines[6] = lines[6].replace("Icknield Street Drive", "Caf\u00e9 Row")
    latin1.write_bytes("\n".join(lines).encode("latin-1"))

    with pytest.raises(CrimeDataError, match="not utf-8 encoded") as refused:
        import_paths(tmp_path / "store", [latin1])
    assert refused.value.line == 7


@pytest.mark.parametrize("column", ["Location", "Context", "LSOA name"])
def test_text_that_is_not_utf8_is_refused_whether_or_not_its_column_is_stored(
    tmp_path: Path, column: str
) -> None:
    rows = list(csv.reader(WEST_MERCIA_2019_01.read_text().splitlines()))
    rows[4][rows[0].index(column)] = "Caf\u00e9 Row"
    latin1 = tmp_path / WEST_MERCIA_2019_01.name
    latin1.write_bytes("\n".join(",".join(row) for row in rows).encode("latin-1"))

    with pytest.raises(CrimeDataError, match="not utf-8 encoded") as refused:
        import_paths(tmp_path / "store", [latin1])

    assert refused.value.line == 5
    assert status(tmp_path / "store") == []


def test_utf8_beyond_ascii_is_read_in_any_column(tmp_path: Path) -> None:
    rows = list(csv.reader(WEST_MERCIA_2019_01.read_text().splitlines()))
    rows[2][rows[0].index("Location")] = "On or near Ffordd y Môr"
    rows[3][rows[0].index("LSOA name")] = "Ynys Môn 001A"
    welsh = tmp_path / WEST_MERCIA_2019_01.name
    with welsh.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows(rows)

    report = import_paths(tmp_path / "store", [welsh])

    assert (report.rows, report.unlocated) == (10, 2)
    assert ("", "Ynys Môn") in {(r.area_code, r.area_name) for r in summary(tmp_path / "store", [])}


@pytest.mark.parametrize(
    ("character", "utf8"), [("é".encode(), True), ("€".encode(), True), (b"\xc3", False)]
)
def test_a_character_split_between_two_reads_is_checked_whole(
    tmp_path: Path, character: bytes, utf8: bool
) -> None:
    from remit.indicators.crime.importing import _read_through

    path = tmp_path / "split.csv"
    path.write_bytes(b"a" * ((1 << 20) - 1) + character + b"z")

    found = _read_through(path)

    assert (found.sha256, found.utf8) == (hashlib.sha256(path.read_bytes()).hexdigest(), utf8)


def test_a_month_with_no_crimes_is_imported_as_an_empty_force_month(tmp_path: Path) -> None:
    empty = tmp_path / "2019-03-west-mercia-street.csv"
    empty.write_text(WEST_MERCIA_2019_01.read_text().splitlines()[0] + "\n")

    report = import_paths(tmp_path / "store", [empty])

    assert (report.rows, report.unlocated) == (0, 0)
    assert counts(tmp_path / "store") == {("west-mercia", "2019-03"): (0, 0)}
    assert list(summary(tmp_path / "store", [])) == []


def test_windows_line_endings_and_a_byte_order_mark_are_read(tmp_path: Path) -> None:
    copied = tmp_path / "in" / WEST_MERCIA_2019_01.name
    copied.parent.mkdir()
    text = WEST_MERCIA_2019_01.read_text()
    copied.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())

    import_paths(tmp_path / "store", [copied])

    assert counts(tmp_path / "store") == {("west-mercia", "2019-01"): (10, 2)}


def test_an_import_that_stopped_after_committing_is_finished_by_the_next_reader(
    tmp_path: Path,
) -> None:
    finished = tmp_path / "finished"
    import_paths(finished, [GOOD / "2019-02"])
    store = tmp_path / "store"
    import_paths(store, [GOOD / "2019-01"])
    staging = store / ".staging" / "stopped"
    rows = "rows/force=west-mercia/month=2019-02.parquet"
    (staging / rows).parent.mkdir(parents=True)
    shutil.copy(finished / rows, staging / rows)
    manifest = json.loads((finished / "manifest.json").read_text())
    manifest["force_months"] += json.loads((store / "manifest.json").read_text())["force_months"]
    (staging / "manifest.json").write_text(json.dumps(manifest))
    (staging / "COMMIT.json").write_text(json.dumps({"moves": [rows, "manifest.json"]}))

    held = counts(store)

    assert held[("west-mercia", "2019-02")] == (5, 1)
    assert len(held) == 3
    assert not staging.exists()


def test_an_import_that_stopped_before_committing_is_discarded(tmp_path: Path) -> None:
    store = tmp_path / "store"
    import_paths(store, [GOOD / "2019-01"])
    leftover = store / ".staging" / "stopped" / "rows" / "force=x" / "month=2019-01.parquet"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"partial")

    import_paths(store, [GOOD / "2019-02"])

    assert not leftover.exists()
    assert len(counts(store)) == 3


@pytest.mark.parametrize(
    ("falls_within", "slug"),
    [
        ("West Mercia Police", "west-mercia"),
        ("Warwickshire Police", "warwickshire"),
        ("Cambridgeshire Constabulary", "cambridgeshire"),
        ("Metropolitan Police Service", "metropolitan"),
        ("City of London Police", "city-of-london"),
        ("Devon & Cornwall Police", "devon-and-cornwall"),
        ("Avon and Somerset Constabulary", "avon-and-somerset"),
        ("Dyfed-Powys Police", "dyfed-powys"),
        ("Police Service of Northern Ireland", "northern-ireland"),
        ("British Transport Police", "btp"),
    ],
)
def test_force_slug_matches_police_uk_file_names(falls_within: str, slug: str) -> None:
    assert force_slug(falls_within) == slug


@pytest.mark.parametrize(
    ("name", "parsed"),
    [
        ("2019-01-west-mercia-street.csv", ("2019-01", "west-mercia")),
        ("2019-01-west-mercia-outcomes.csv", None),
        ("2019-13-west-mercia-street.csv", None),
        ("2019-01-West-Mercia-street.csv", None),
    ],
)
def test_only_street_files_are_recognised_by_name(
    name: str, parsed: tuple[str, str] | None
) -> None:
    assert parse_street_file_name(name) == parsed


def _header_only(tmp_path: Path, name: str = WEST_MERCIA_2019_01.name) -> Path:
    empty = tmp_path / "empty" / name
    empty.parent.mkdir(exist_ok=True)
    empty.write_text(WEST_MERCIA_2019_01.read_text().splitlines()[0] + "\n")
    return empty


def test_a_file_with_no_crimes_does_not_replace_a_month_already_held(tmp_path: Path) -> None:
    store = tmp_path / "store"
    import_paths(store, [GOOD])
    before = snapshot(store)
    empty = _header_only(tmp_path)

    with pytest.raises(CrimeDataError, match="would replace the 10 crimes held") as refused:
        import_paths(store, [empty])

    assert refused.value.path == str(empty)
    assert "west-mercia 2019-01" in refused.value.message
    assert snapshot(store) == before


def test_a_file_with_no_crimes_replaces_a_month_held_only_when_allowed(tmp_path: Path) -> None:
    store = tmp_path / "store"
    import_paths(store, [GOOD])

    report = import_paths(store, [_header_only(tmp_path)], allow_empty=True)

    assert report.replaced == (("west-mercia", "2019-01"),)
    assert counts(store)[("west-mercia", "2019-01")] == (0, 0)


def _edited(tmp_path: Path, line: int, column: str, value: str) -> Path:
    """The good West Mercia 2019-01 file with one field changed on one line (header: 1)."""
    rows = list(csv.reader(WEST_MERCIA_2019_01.read_text().splitlines()))
    rows[line - 1][rows[0].index(column)] = value
    edited = tmp_path / "edited" / WEST_MERCIA_2019_01.name
    edited.parent.mkdir(exist_ok=True)
    with edited.open("w", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows(rows)
    return edited


@pytest.mark.parametrize(
    ("line", "column", "value", "field", "says"),
    [
        (6, "Crime type", "", "Crime type", "Crime type is empty"),
        (3, "Month", "", "Month", "Month is empty"),
        (8, "Falls within", "", "Falls within", '"Falls within" is empty'),
        (11, "Month", "2019-1", "Month", "Month '2019-1' is not YYYY-MM"),
    ],
)
def test_an_empty_or_malformed_field_is_refused_at_its_line(
    tmp_path: Path, line: int, column: str, value: str, field: str, says: str
) -> None:
    edited = _edited(tmp_path, line, column, value)

    with pytest.raises(CrimeDataError) as refused:
        import_paths(tmp_path / "store", [edited])

    assert (refused.value.line, refused.value.field, refused.value.message) == (line, field, says)
    assert status(tmp_path / "store") == []


def test_two_names_for_the_file_s_own_force_are_both_accepted(tmp_path: Path) -> None:
    edited = _edited(tmp_path, 4, "Falls within", "West Mercia Constabulary")

    report = import_paths(tmp_path / "store", [edited])

    assert (report.rows, report.unlocated) == (10, 2)


def test_a_file_with_every_crime_unlocated_counts_them_all(tmp_path: Path) -> None:
    rows = list(csv.reader(WEST_MERCIA_2019_01.read_text().splitlines()))
    for row in rows[1:]:
        for column in ("Longitude", "Latitude", "LSOA code", "LSOA name"):
            row[rows[0].index(column)] = ""
    unlocated = tmp_path / WEST_MERCIA_2019_01.name
    with unlocated.open("w", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows(rows)

    report = import_paths(tmp_path / "store", [unlocated])

    assert (report.rows, report.unlocated) == (10, 10)
