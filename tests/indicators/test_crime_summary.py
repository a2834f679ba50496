"""Placing crimes in areas and counting them: the summary, the series and the LSOA lookup."""

from __future__ import annotations

import csv
import hashlib
import io
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from property_examples import examples
from remit.indicators.crime import SummaryRow
from remit.indicators.crime import import_paths
from remit.indicators.crime import load_lsoa_lookup
from remit.indicators.crime import lookup_info
from remit.indicators.crime import series
from remit.indicators.crime import summary
from remit.indicators.crime import summary_csv
from remit.indicators.crime_files import STREET_COLUMNS
from remit.indicators.crime_files import CrimeDataError

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "good"
LOOKUPS = FIXTURES / "lookup"

WEST_MIDLANDS = [
    ("E08000025", "Birmingham"),
    ("E08000026", "Coventry"),
    ("E08000029", "Solihull"),
]
NEIGHBOURHOOD_CRIME = ["Burglary", "Robbery", "Theft from the person", "Vehicle crime"]


@pytest.fixture
def store(tmp_path: Path) -> Path:
    import_paths(tmp_path / "store", [GOOD])
    return tmp_path / "store"


def placed(rows: list[SummaryRow]) -> Counter[tuple[str, str]]:
    found: Counter[tuple[str, str]] = Counter()
    for row in rows:
        found[(row.area_code, row.area_name)] += row.count
    return found


def test_without_a_lookup_crimes_are_placed_by_the_district_starting_the_lsoa_name(
    store: Path,
) -> None:
    found = placed(list(summary(store, [*WEST_MIDLANDS, ("E07000221", "Stratford-on-Avon")])))

    assert found[("E08000025", "Birmingham")] == 4
    assert found[("E08000026", "Coventry")] == 2
    assert found[("E07000221", "Stratford-on-Avon")] == 4
    assert ("E08000029", "Solihull") not in found


def test_crimes_outside_the_region_are_under_their_own_district_name(store: Path) -> None:
    found = placed(list(summary(store, WEST_MIDLANDS)))

    assert found[("", "Bromsgrove")] == 4
    assert found[("", "Nuneaton and Bedworth")] == 1
    assert found[("", "Aylesbury Vale")] == 1


def test_crimes_with_no_lsoa_are_under_an_empty_code_and_name(store: Path) -> None:
    rows = [r for r in summary(store, WEST_MIDLANDS) if (r.area_code, r.area_name) == ("", "")]

    assert {(r.month, r.crime_type, r.count) for r in rows} == {
        ("2019-01", "Drugs", 2),
        ("2019-01", "Criminal damage and arson", 1),
        ("2019-02", "Burglary", 1),
    }


def test_area_names_match_lsoa_names_whatever_their_case(store: Path) -> None:
    found = placed(list(summary(store, [("E07000221", "STRATFORD-ON-AVON")])))

    assert found[("E07000221", "STRATFORD-ON-AVON")] == 4


def test_the_lookup_places_a_crime_by_lsoa_code_before_its_name(store: Path) -> None:
    region = [("E06000060", "Buckinghamshire")]
    assert placed(list(summary(store, region)))[("", "Aylesbury Vale")] == 1

    load_lsoa_lookup(store, LOOKUPS / "lsoa21-ward22-lad22.csv")

    found = placed(list(summary(store, region)))
    assert found[("E06000060", "Buckinghamshire")] == 1
    assert ("", "Aylesbury Vale") not in found


def test_outside_the_region_the_lookup_gives_the_district_code_where_it_knows_the_lsoa(
    store: Path,
) -> None:
    load_lsoa_lookup(store, LOOKUPS / "imd2019-file1-extract.csv")

    found = placed(list(summary(store, WEST_MIDLANDS)))

    assert found[("E07000234", "Bromsgrove")] == 2
    assert found[("", "Bromsgrove")] == 2
    assert found[("E07000004", "Aylesbury Vale")] == 1


def test_the_summary_total_is_every_row_imported(store: Path) -> None:
    load_lsoa_lookup(store, LOOKUPS / "lsoa21-ward22-lad22.csv")

    assert sum(r.count for r in summary(store, WEST_MIDLANDS)) == 23
    assert sum(r.count for r in summary(store, [])) == 23


def test_the_summary_is_sorted_by_area_month_and_crime_type(store: Path) -> None:
    rows = list(summary(store, WEST_MIDLANDS))

    keys = [(r.area_code, r.area_name, r.month, r.crime_type) for r in rows]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"area": "E08000025"}, {("E08000025", "2019-01", 3), ("E08000025", "2019-02", 1)}),
        ({"area": "E08000025", "month_from": "2019-02"}, {("E08000025", "2019-02", 1)}),
        ({"area": "E08000025", "month_to": "2019-01"}, {("E08000025", "2019-01", 3)}),
        ({"crime_type": "Burglary", "month_to": "2019-01"}, {("", "2019-01", 2)}),
        ({"crime_type": "Burglary", "month_from": "2019-02"}, {("", "2019-02", 1)}),
        ({"area": "E08000029"}, set()),
    ],
)
def test_the_summary_filters_by_area_months_and_crime_type(
    store: Path, filters: dict[str, str], expected: set[tuple[str, str, int]]
) -> None:
    rows = summary(store, WEST_MIDLANDS, **filters)  # type: ignore[arg-type]

    totals: Counter[tuple[str, str]] = Counter()
    for row in rows:
        totals[(row.area_code, row.month)] += row.count
    assert {(code, month, n) for (code, month), n in totals.items()} == expected


def test_summary_csv_has_the_agreed_header_and_one_line_per_row(store: Path) -> None:
    out = io.StringIO()

    written = summary_csv(store, WEST_MIDLANDS, out, area="E08000026")

    assert out.getvalue().splitlines() == [
        "area_code,area_name,month,crime_type,count",
        "E08000026,Coventry,2019-01,Drugs,1",
        "E08000026,Coventry,2019-01,Vehicle crime,1",
    ]
    assert written == 2


def test_the_series_counts_chosen_crime_types_per_area_and_month_with_zeros(
    store: Path,
) -> None:
    areas = [*WEST_MIDLANDS, ("E07000221", "Stratford-on-Avon")]

    assert series(store, areas, NEIGHBOURHOOD_CRIME) == [
        ("E07000221", "2019-01", 1),
        ("E07000221", "2019-02", 0),
        ("E08000025", "2019-01", 0),
        ("E08000025", "2019-02", 0),
        ("E08000026", "2019-01", 1),
        ("E08000026", "2019-02", 0),
        ("E08000029", "2019-01", 0),
        ("E08000029", "2019-02", 0),
    ]


def test_the_series_of_all_crime_types_matches_the_summary(store: Path) -> None:
    from_summary: Counter[tuple[str, str]] = Counter()
    for row in summary(store, WEST_MIDLANDS):
        if row.area_code:
            from_summary[(row.area_code, row.month)] += row.count

    found = series(store, WEST_MIDLANDS, None)

    assert {(c, m): n for c, m, n in found if n} == dict(from_summary)


def test_an_empty_or_missing_store_has_an_empty_summary(tmp_path: Path) -> None:
    assert list(summary(tmp_path / "nothing", WEST_MIDLANDS)) == []
    assert series(tmp_path / "nothing", WEST_MIDLANDS, None) == []


@pytest.mark.parametrize(
    ("areas", "filters", "field"),
    [
        (WEST_MIDLANDS, {"month_from": "2019-13"}, "month_from"),
        (WEST_MIDLANDS, {"month_to": "Jan 2019"}, "month_to"),
        ([("E08000025", "Birmingham"), ("E08000025", "Brum")], {}, "areas"),
        ([("E08000025", "Birmingham"), ("E08000099", "birmingham")], {}, "areas"),
        ([("", "Birmingham")], {}, "areas"),
    ],
)
def test_bad_summary_arguments_are_refused_by_name(
    store: Path, areas: list[tuple[str, str]], filters: dict[str, str], field: str
) -> None:
    with pytest.raises(CrimeDataError) as refused:
        list(summary(store, areas, **filters))  # type: ignore[arg-type]
    assert refused.value.field == field


@pytest.mark.parametrize(
    ("lookup", "columns"),
    [
        ("lsoa21-ward22-lad22.csv", ("LSOA21CD", "LAD22CD", "LAD22NM")),
        (
            "imd2019-file1-extract.csv",
            (
                "LSOA code (2011)",
                "Local Authority District code (2019)",
                "Local Authority District name (2019)",
            ),
        ),
    ],
)
def test_the_lookup_columns_are_found_in_ons_and_imd_files(
    store: Path, lookup: str, columns: tuple[str, str, str]
) -> None:
    info = load_lsoa_lookup(store, LOOKUPS / lookup)

    assert (info.lsoa_column, info.district_code_column, info.district_name_column) == columns
    assert lookup_info(store) == info
    assert info.rows == len((LOOKUPS / lookup).read_text().splitlines()) - 1


@pytest.mark.parametrize(
    ("lookup", "line", "says"),
    [
        ("no-district-name.csv", 1, "it has no district name column"),
        ("empty-code.csv", 3, "LAD19CD is empty"),
        ("conflict.csv", 4, "LSOA E01009201 is placed in E08000025 on an earlier line"),
    ],
)
def test_a_bad_lookup_is_refused_and_the_earlier_one_kept(
    store: Path, lookup: str, line: int, says: str
) -> None:
    load_lsoa_lookup(store, LOOKUPS / "lsoa21-ward22-lad22.csv")
    kept = hashlib.sha256((store / "lookup" / "lsoa_district.parquet").read_bytes()).digest()

    with pytest.raises(CrimeDataError) as refused:
        load_lsoa_lookup(store, LOOKUPS / lookup)

    assert refused.value.path == str(LOOKUPS / lookup)
    assert refused.value.line == line
    assert says in refused.value.message
    after = hashlib.sha256((store / "lookup" / "lsoa_district.parquet").read_bytes()).digest()
    assert after == kept
    info = lookup_info(store)
    assert info is not None
    assert info.source == "lsoa21-ward22-lad22.csv"


# ---------------------------------------------------------------- properties

DISTRICTS = ["Birmingham", "Stratford-on-Avon", "Bromsgrove", "Newcastle-under-Lyme"]
CRIME_TYPES = ["Burglary", "Robbery", "Anti-social behaviour", "Vehicle crime"]
FORCES = {"west-mercia": "West Mercia Police", "warwickshire": "Warwickshire Police"}

crimes = st.lists(
    st.tuples(
        st.sampled_from(sorted(FORCES)),
        st.sampled_from(["2019-01", "2019-02"]),
        st.one_of(st.none(), st.tuples(st.sampled_from(DISTRICTS), st.integers(1, 3))),
        st.sampled_from(CRIME_TYPES),
    ),
    min_size=1,
    max_size=40,
)
regions = st.lists(st.sampled_from(DISTRICTS), unique=True)


def write_street_files(
    folder: Path, rows: list[tuple[str, str, tuple[str, int] | None, str]]
) -> None:
    by_file: dict[tuple[str, str], list[list[str]]] = {}
    for force, month, lsoa, kind in rows:
        code, name = ("", "")
        if lsoa is not None:
            district, number = lsoa
            code = f"E0100{DISTRICTS.index(district)}{number:03d}"
            name = f"{district} {number:03d}A"
        location = "On or near High Street" if lsoa else "No Location"
        record = ["", month, FORCES[force], FORCES[force], "", "", location, code, name, kind]
        by_file.setdefault((force, month), []).append([*record, "", ""])
    for (force, month), records in by_file.items():
        with (folder / f"{month}-{force}-street.csv").open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(STREET_COLUMNS)
            writer.writerows(records)


@examples(20)
@given(rows=crimes, region=regions)
def test_every_crime_is_counted_once_under_the_area_its_lsoa_name_gives(
    rows: list[tuple[str, str, tuple[str, int] | None, str]], region: list[str]
) -> None:
    areas = [(f"E0700{DISTRICTS.index(d)}", d) for d in region]
    expected: Counter[tuple[str, str, str, str]] = Counter()
    for _, month, lsoa, kind in rows:
        district = lsoa[0] if lsoa else ""
        code = f"E0700{DISTRICTS.index(district)}" if district in region else ""
        expected[(code, district, month, kind)] += 1

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        write_street_files(folder, rows)
        report = import_paths(Path(tmp) / "store", [folder])
        found = list(summary(Path(tmp) / "store", areas))

    assert report.rows == len(rows) == sum(r.count for r in found)
    assert report.unlocated == sum(1 for row in rows if row[2] is None)
    assert {(r.area_code, r.area_name, r.month, r.crime_type): r.count for r in found} == expected
