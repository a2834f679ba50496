"""Every mission measured with the data Remit holds: the catalogue's IMD statistics.

Expected figures are read here straight from the published files, by other means than the
loader (csv and DuckDB for the IMD 2019 File 1, openpyxl cell by cell for Files 10 and the
IMD 2025 File 1), and compared with what the loader stored.
"""

from __future__ import annotations

import csv
import gzip
from decimal import ROUND_HALF_UP
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import Workbook
from openpyxl import load_workbook

from remit.core.errors import DomainError
from remit.core.models import Area
from remit.core.models import Mission
from remit.core.models import Region
from remit.indicators import catalogue
from remit.indicators.models import Indicator
from remit.indicators.models import IndicatorValue
from remit.indicators.services.statistics import statistics_load

FILE_10 = "imd2019/File_10_-_IoD2019_Local_Authority_District_Summaries__lower-tier__.xlsx"
FILE_1_2019 = "imd2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz"
FILE_1_2025 = "imd2025/File_1_IoD2025_Index_of_Multiple_Deprivation.xlsx"
DISTRICTS = [
    ("E08000025", "Birmingham"),
    ("E08000026", "Coventry"),
    ("E07000221", "Stratford-on-Avon"),
    ("E06000031", "Peterborough"),
]
MISSIONS = [
    (1, "Living standards"),
    (2, "Research and development"),
    (5, "Education"),
    (6, "Skills"),
    (7, "Health"),
    (8, "Well-being"),
    (9, "Pride in place"),
    (10, "Housing"),
]
FOUR = Decimal("0.0001")


@pytest.fixture
def places(region: Region) -> Region:
    for code, name in DISTRICTS:
        Area.objects.create(
            region=region,
            code=code,
            name=name,
            kind="metropolitan_district",
            population=100000,
            population_year=2019,
        )
    for number, title in MISSIONS:
        Mission.objects.create(region=region, number=number, short_title=title, target="More.")
    return region


def _file_10(data: Path, sheet: str, column: str) -> dict[str, Decimal]:
    book = load_workbook(data / FILE_10, read_only=True, data_only=True)
    rows = list(book[sheet].iter_rows(values_only=True))
    book.close()
    at = [str(h).strip() for h in rows[0]].index(column)
    return {r[0]: Decimal(str(r[at])) for r in rows[1:] if r[0]}


def _share_2025(data: Path) -> dict[str, Decimal]:
    book = load_workbook(data / FILE_1_2025, read_only=True, data_only=True)
    counts: dict[str, list[int]] = {}
    for row in book["IMD25"].iter_rows(values_only=True, min_row=2):
        tally = counts.setdefault(row[2], [0, 0])
        tally[0] += 1
        tally[1] += row[5] == 1
    book.close()
    return {
        code: (Decimal(worst) / Decimal(n)).quantize(FOUR, rounding=ROUND_HALF_UP)
        for code, (n, worst) in counts.items()
    }


def _stored(region: Region, slug: str) -> dict[tuple[str, str], Decimal]:
    return {
        (v.area.code, v.period): v.value
        for v in IndicatorValue.objects.filter(
            indicator__region=region, indicator__slug=slug
        ).select_related("area")
    }


DOMAINS = [
    ("imd2019-income-score", "Income", "Income - Average score"),
    ("imd2019-employment-score", "Employment", "Employment - Average score"),
    ("imd2019-education-score", "Education", "Education, Skills and Training - Average score"),
    ("imd2019-health-score", "Health", "Health Deprivation and Disability - Average score"),
    ("imd2019-barriers-score", "Barriers", "Barriers to Housing and Services - Average score"),
    ("imd2019-living-environment-score", "Living", "Living Environment - Average score"),
    ("imd2019-crime-score", "Crime", "Crime - Average score"),
]


@pytest.fixture
def loaded(places: Region, shared_data: Path) -> Region:
    statistics_load(region=places, data=shared_data, publish=True)
    return places


def test_domain_scores_equal_the_district_summaries(loaded: Region, shared_data: Path) -> None:
    for slug, sheet, column in DOMAINS:
        published = _file_10(shared_data, sheet, column)
        stored = _stored(loaded, slug)
        assert stored == {(code, "2019"): published[code] for code, _ in DISTRICTS}, slug


def test_most_deprived_tenth_2019_and_2025_and_the_change(
    loaded: Region, shared_data: Path
) -> None:
    published_2019 = _file_10(
        shared_data, "IMD", "IMD - Proportion of LSOAs in most deprived 10% nationally"
    )
    counted_2025 = _share_2025(shared_data)
    stored = _stored(loaded, "imd-most-deprived-tenth")
    change = _stored(loaded, "imd-most-deprived-tenth-change")
    for code, _ in DISTRICTS:
        assert stored[(code, "2019")] == published_2019[code]
        assert stored[(code, "2025")] == counted_2025[code]
        expected = (counted_2025[code] - published_2019[code]) * 100
        assert change[(code, "2025")] == expected.quantize(FOUR)
    # Birmingham, by hand from the files: 2019 0.4131 (File 10); 2025 282 of 659 LSOAs.
    assert stored[("E08000025", "2025")] == Decimal("0.4279")
    assert change[("E08000025", "2025")] == Decimal("1.4800")


def test_the_2025_share_is_made_as_the_district_summaries_make_theirs(shared_data: Path) -> None:
    """Counting the 2019 File 1's decile-1 LSOAs gives File 10's published proportions."""
    with gzip.open(shared_data / FILE_1_2019, "rt", encoding="utf-8-sig") as handle:
        counts: dict[str, list[int]] = {}
        for row in csv.DictReader(handle):
            tally = counts.setdefault(row["Local Authority District code (2019)"], [0, 0])
            tally[0] += 1
            tally[1] += row["Index of Multiple Deprivation (IMD) Decile"] == "1"
    published = _file_10(
        shared_data, "IMD", "IMD - Proportion of LSOAs in most deprived 10% nationally"
    )
    from remit.indicators.statistics import FOUR_PLACES

    made = {
        code: (Decimal(w) / Decimal(n)).quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)
        for code, (n, w) in counts.items()
    }
    assert made == published


def test_each_indicator_informs_its_missions_by_title_and_says_its_provenance(
    loaded: Region,
) -> None:
    informs = {
        i.slug: sorted(m.short_title for m in i.missions.all())
        for i in Indicator.all_objects.filter(region=loaded).prefetch_related("missions")
    }
    assert informs["imd2019-income-score"] == ["Living standards"]
    assert informs["imd2019-education-score"] == ["Education", "Skills"]
    assert informs["imd2019-health-score"] == ["Health", "Well-being"]
    assert informs["imd2019-barriers-score"] == ["Housing"]
    assert informs["imd2019-living-environment-score"] == ["Housing", "Pride in place"]
    assert informs["imd2019-crime-score"] == ["Crime"]
    change = Indicator.all_objects.get(region=loaded, slug="imd-most-deprived-tenth-change")
    assert change.licence == "Open Government Licence v3.0"
    assert change.period == "2019 to 2025"
    assert "district level only" in change.geography
    income = Indicator.all_objects.get(region=loaded, slug="imd2019-income-score")
    assert income.geography == "Local authority districts (2019)"
    assert income.is_published


def test_the_catalogue_names_no_mission_numbers() -> None:
    for entry in catalogue.load().entries:
        assert all(not title.strip().isdigit() for title in entry.informs)


def _bad_2025(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "IMD25"
    sheet.append(
        [
            "LSOA code (2021)",
            "LSOA name (2021)",
            "Local Authority District code (2024)",
            "Local Authority District name (2024)",
            "Index of Multiple Deprivation (IMD) Rank",
            "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10%)",
        ]
    )
    sheet.append(["E01000001", "A", "E08000025", "Birmingham", 10, 1])
    sheet.append(["E01000002", "B", "E08000025", "Birmingham", 20, "eleven"])
    path.parent.mkdir(parents=True)
    book.save(path)


def test_a_bad_file_loads_nothing_and_says_where(
    loaded: Region, shared_data: Path, tmp_path: Path
) -> None:
    before = {slug: _stored(loaded, slug) for slug, _, _ in DOMAINS}
    count = Indicator.all_objects.filter(region=loaded).count()
    (tmp_path / "imd2019").mkdir()
    (tmp_path / FILE_10).symlink_to(shared_data / FILE_10)
    _bad_2025(tmp_path / FILE_1_2025)
    with pytest.raises(DomainError) as refused:
        statistics_load(region=loaded, data=tmp_path)
    message = refused.value.message
    assert "File_1_IoD2025_Index_of_Multiple_Deprivation.xlsx" in message
    assert "sheet 'IMD25', row 3 (E08000025)" in message
    assert "'eleven' is not a decile from 1 to 10" in message
    assert {slug: _stored(loaded, slug) for slug, _, _ in DOMAINS} == before
    assert Indicator.all_objects.filter(region=loaded).count() == count


def test_a_bad_file_on_first_load_defines_nothing(
    places: Region, shared_data: Path, tmp_path: Path
) -> None:
    (tmp_path / "imd2019").mkdir()
    (tmp_path / FILE_10).symlink_to(shared_data / FILE_10)
    _bad_2025(tmp_path / FILE_1_2025)
    with pytest.raises(DomainError):
        statistics_load(region=places, data=tmp_path)
    assert not Indicator.all_objects.filter(region=places).exists()


def test_a_missing_file_is_named(places: Region, tmp_path: Path) -> None:
    with pytest.raises(DomainError) as refused:
        statistics_load(region=places, data=tmp_path)
    assert (
        "File_10_-_IoD2019_Local_Authority_District_Summaries__lower-tier__.xlsx: no such file"
        in (refused.value.message)
    )


def test_mission_pages_show_the_indicator_or_say_no_data_measures_it(
    loaded: Region, client: Any, officer: Any
) -> None:
    public = client.get(reverse("indicators_public:mission", args=[1])).content.decode()
    assert "Income deprivation: IMD 2019 income domain average score" in public
    assert "Licence: Open Government Licence v3.0" in public
    assert "No published data measures this mission yet" not in public
    nothing = client.get(reverse("indicators_public:mission", args=[2])).content.decode()
    assert "No published data measures this mission yet." in nothing
    client.force_login(officer)
    signed_in = client.get(reverse("indicators:mission", args=[2])).content.decode()
    assert "No published data measures this mission yet" in signed_in
    housing = client.get(reverse("indicators:mission", args=[10])).content.decode()
    assert "Barriers to housing and services: IMD 2019 domain average score" in housing
    assert "Living environment deprivation" in housing


def test_the_indicator_page_shows_period_geography_and_licence(loaded: Region, client: Any) -> None:
    page = client.get(
        reverse("indicators_public:detail", args=["imd-most-deprived-tenth"])
    ).content.decode()
    assert "2019 and 2025" in page
    assert "compared at district level only" in page
    assert "Open Government Licence v3.0" in page


def test_a_catalogue_mistake_is_refused_naming_the_entry_and_field() -> None:
    good = {
        "files": {"f10": "imd2019/file.xlsx"},
        "indicators": [
            {
                "slug": "income",
                "name": "Income",
                "measures": "Income deprivation.",
                "informs": ["Living standards"],
                "kind": "score",
                "source": "IoD 2019",
                "period": "2019",
                "geography": "Districts",
                "licence": "OGL",
                "read": {
                    "method": "district_summary",
                    "file": "f10",
                    "sheet": "Income",
                    "column": "Income - Average score",
                    "period": "2019",
                },
            }
        ],
    }
    assert catalogue.parse(good).entries[0].informs == ("Living standards",)
    by_number = {**good, "indicators": [{**good["indicators"][0], "informs": [1]}]}
    with pytest.raises(catalogue.CatalogueError) as refused:
        catalogue.parse(by_number)
    assert str(refused.value) == (
        "catalogue, indicator 1 (income): informs must list the missions' short titles"
    )
    unlisted = {**good, "files": {}}
    with pytest.raises(catalogue.CatalogueError) as refused:
        catalogue.parse(unlisted)
    assert "indicator 1 (income), read 1: file 'f10' is not listed under files" in str(
        refused.value
    )


@pytest.mark.django_db(transaction=True)
def test_the_command_loads_the_statistics_and_names_unmeasured_missions(
    shared_data: Path, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from remit.cli import app

    region = Region.objects.create(slug="cmdshire", name="Cmdshire", is_active=True)
    Area.objects.create(
        region=region,
        code="E08000025",
        name="Birmingham",
        kind="metropolitan_district",
        population=1141816,
        population_year=2019,
    )
    Mission.objects.create(region=region, number=7, short_title="Health", target="Longer lives.")
    Mission.objects.create(region=region, number=3, short_title="Transport", target="Buses.")
    runner = CliRunner()
    result = runner.invoke(app, ["indicators", "load-statistics", "--data", str(shared_data)])
    assert result.exit_code == 0, result.output
    assert "imd2019-health-score" in result.output
    assert "No indicator measures missions 3 (Transport) yet" in result.output
    health = IndicatorValue.objects.get(indicator__slug="imd2019-health-score")
    assert (
        health.value
        == _file_10(shared_data, "Health", "Health Deprivation and Disability - Average score")[
            "E08000025"
        ]
    )
    assert not Indicator.objects.exists()  # drafts until published
    refused = runner.invoke(app, ["indicators", "load-statistics", "--data", str(tmp_path)])
    assert refused.exit_code == 2
    assert "File_10_-_IoD2019_Local_Authority_District_Summaries__lower-tier__.xlsx" in (
        refused.output
    )
    assert "no such file" in refused.output
    assert IndicatorValue.objects.filter(indicator__slug="imd2019-health-score").count() == 1
