"""Indicator services: definitions, crime refresh, uploads, background imports, results."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import Area
from remit.core.models import Mission
from remit.core.models import Region
from remit.core.models import Role
from remit.indicators import crime
from remit.indicators import services
from remit.indicators.models import NEIGHBOURHOOD_CRIME
from remit.indicators.models import AreaForce
from remit.indicators.models import ImportJob
from remit.indicators.models import Indicator
from remit.indicators.models import IndicatorValue
from remit.indicators.models import Origin
from remit.indicators.models import Result
from remit.indicators.models import Unit

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Districts named in the fixture files' LSOA names, with their ONS mid-2019 populations.
DISTRICTS = [
    ("E08000025", "Birmingham", 1141816, "west-midlands", "West Midlands"),
    ("E08000026", "Coventry", 371521, "west-midlands", "West Midlands"),
    ("E07000221", "Stratford-on-Avon", 130098, "warwickshire", "Warwickshire"),
    ("E07000236", "Redditch", 85261, "west-mercia", "West Mercia"),
    ("E07000234", "Bromsgrove", 99881, "west-mercia", "West Mercia"),
]


@pytest.fixture
def districts(region: Region) -> Region:
    for code, name, population, force, force_name in DISTRICTS:
        area = Area.objects.create(
            region=region,
            code=code,
            name=name,
            kind="non_metropolitan_district",
            population=population,
            population_year=2019,
        )
        AreaForce.objects.create(area=area, force=force, force_name=force_name)
    return region


@pytest.fixture
def store(tmp_path: Path, settings: Any) -> Path:
    path = tmp_path / "crime"
    settings.CRIME_STORE = path
    crime.import_paths(path, [FIXTURES / "good"])
    return path


@pytest.fixture
def analyst(make_user: Any) -> Any:
    return make_user(Role.ANALYST)


def _crime_indicator(region: Region, by: Any, **data: Any) -> Indicator:
    fields = {
        "name": "Neighbourhood crime",
        "slug": "neighbourhood-crime",
        "origin": Origin.CRIME,
        "crime_types": list(NEIGHBOURHOOD_CRIME),
        "unit": Unit.COUNT,
        **data,
    }
    return services.indicator_create(
        by=by, region=region, data=fields, missions=region.missions.all()
    )


def _values(indicator: Indicator) -> dict[tuple[str, str], tuple[Decimal, bool]]:
    return {
        (v.area.code, v.period): (v.value, v.partial)
        for v in IndicatorValue.objects.filter(indicator=indicator).select_related("area")
    }


def test_an_analyst_defines_an_indicator_and_its_history_says_who(
    districts: Region, analyst: Any
) -> None:
    indicator = _crime_indicator(districts, analyst)
    assert [m.number for m in indicator.missions.all()] == [11]
    record = indicator.history.get()
    assert record.history_user == analyst
    assert "missions 11" in record.history_change_reason
    assert not indicator.is_published


def test_a_partner_cannot_define_an_indicator(districts: Region, partner: Any) -> None:
    with pytest.raises(NotPermitted, match="cannot define indicators"):
        _crime_indicator(districts, partner)


def test_a_crime_indicator_needs_known_police_uk_crime_types(
    districts: Region, analyst: Any
) -> None:
    with pytest.raises(DomainError) as caught:
        _crime_indicator(districts, analyst, crime_types=["Burglary", "Jaywalking"])
    assert caught.value.field == "crime_types"
    assert "Jaywalking" in caught.value.message


def test_a_slug_the_site_uses_for_its_own_pages_is_refused(districts: Region, analyst: Any) -> None:
    with pytest.raises(DomainError) as caught:
        _crime_indicator(districts, analyst, slug="missions")
    assert caught.value.field == "slug"


def test_refresh_counts_each_area_and_month_from_the_store(
    districts: Region, analyst: Any, store: Path
) -> None:
    indicator = _crime_indicator(districts, analyst)
    written = services.indicator_refresh(indicator, by=analyst)
    values = _values(indicator)
    areas = services.local_areas(districts)
    assert written == len(areas) * 2  # every area, both months in the store, zeros kept
    # Stratford-on-Avon 001A: one burglary in 2019-01 (West Mercia's file).
    assert values[("E07000221", "2019-01")] == (Decimal(1), False)
    # Bromsgrove: a burglary and a robbery in 2019-01, nothing neighbourhood in 2019-02.
    assert values[("E07000234", "2019-01")] == (Decimal(2), False)
    assert values[("E07000234", "2019-02")] == (Decimal(0), False)
    # Coventry: one vehicle crime; its own force (West Midlands) is not in the store.
    assert values[("E08000026", "2019-01")] == (Decimal(1), True)
    expected = {
        (code, month): count
        for code, month, count in crime.series(
            store, [(a.code, a.name) for a in areas], list(NEIGHBOURHOOD_CRIME)
        )
    }
    assert {k: v for k, (v, _) in values.items()} == {k: Decimal(n) for k, n in expected.items()}
    indicator.refresh_from_db()
    assert indicator.refreshed_at is not None
    assert "Refreshed from the crime store" in indicator.history.first().history_change_reason


def test_a_rate_indicator_divides_by_the_area_population(
    districts: Region, analyst: Any, store: Path
) -> None:
    indicator = _crime_indicator(districts, analyst, unit=Unit.RATE_PER_1000)
    services.indicator_refresh(indicator, by=analyst)
    value, _ = _values(indicator)[("E07000234", "2019-01")]
    assert value == (Decimal(2) * 1000 / 99881).quantize(Decimal("0.0001"))


def test_refresh_of_an_empty_store_is_refused_and_keeps_figures(
    districts: Region, analyst: Any, tmp_path: Path, settings: Any
) -> None:
    settings.CRIME_STORE = tmp_path / "empty"
    indicator = _crime_indicator(districts, analyst)
    with pytest.raises(DomainError, match="crime store is empty"):
        services.indicator_refresh(indicator, by=analyst)


def _uploaded(region: Region, by: Any) -> Indicator:
    return services.indicator_create(
        by=by,
        region=region,
        data={
            "name": "Satisfaction",
            "slug": "satisfaction",
            "origin": Origin.UPLOADED,
            "unit": Unit.VALUE,
        },
    )


def test_an_upload_replaces_the_series_and_records_the_file(
    districts: Region, analyst: Any
) -> None:
    indicator = _uploaded(districts, analyst)
    data = b"area_code,period,value\nE08000025,2019,41.5\nE07000221,2019,12\n"
    assert services.series_upload(by=analyst, indicator=indicator, data=data, name="s.csv") == 2
    assert _values(indicator)[("E08000025", "2019")] == (Decimal("41.5"), False)
    assert indicator.history.first().history_change_reason == "Uploaded 2 figures from s.csv"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("E09999999,2019,1", "line 3: area code 'E09999999' is not one of the region's areas"),
        ("E08000025,2019-13,1", "line 3: period '2019-13' is not a month"),
        ("E08000025,2019,lots", "line 3: value 'lots' is not a number"),
        ("E07000221,2019,3", "line 3: E07000221 2019 is given twice (first on line 2)"),
    ],
)
def test_a_bad_line_refuses_the_whole_upload_and_names_the_line(
    districts: Region, analyst: Any, body: str, message: str
) -> None:
    indicator = _uploaded(districts, analyst)
    services.series_upload(
        by=analyst,
        indicator=indicator,
        data=b"area_code,period,value\nE08000025,2018,1\n",
        name="first.csv",
    )
    data = f"area_code,period,value\nE07000221,2019,2\n{body}\n".encode()
    with pytest.raises(DomainError) as caught:
        services.series_upload(by=analyst, indicator=indicator, data=data, name="bad.csv")
    assert message in str(caught.value)
    assert caught.value.field == "file"
    assert _values(indicator) == {("E08000025", "2018"): (Decimal(1), False)}


def test_publishing_needs_figures_then_shows_it(districts: Region, analyst: Any) -> None:
    indicator = _uploaded(districts, analyst)
    with pytest.raises(DomainError, match="Load its figures"):
        services.indicator_publish(by=analyst, indicator=indicator)
    services.series_upload(
        by=analyst,
        indicator=indicator,
        data=b"area_code,period,value\nE08000025,2019,1\n",
        name="f.csv",
    )
    services.indicator_publish(by=analyst, indicator=indicator)
    assert Indicator.objects.filter(pk=indicator.pk).exists()
    services.indicator_withdraw(by=analyst, indicator=indicator)
    assert not Indicator.objects.filter(pk=indicator.pk).exists()


def test_a_target_for_an_area_of_another_region_is_refused(districts: Region, analyst: Any) -> None:
    indicator = _uploaded(districts, analyst)
    other = Region.objects.create(slug="elsewhere", name="Elsewhere")
    stranger = Area.objects.create(
        region=other, code="E06000001", name="Hartlepool", kind="unitary"
    )
    with pytest.raises(DomainError) as caught:
        services.target_add(
            by=analyst,
            indicator=indicator,
            data={"area": stranger, "due": date(2025, 3, 31), "value": Decimal(1)},
        )
    assert caught.value.field == "area"


def _zip(*folders: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for folder in folders:
            for path in sorted(folder.rglob("*.csv")):
                archive.write(path, path.relative_to(folder.parent).as_posix())
    return buffer.getvalue()


def _request_import(
    region: Region, by: Any, data: bytes, name: str, capture: Any, *, allow_empty: bool = False
) -> ImportJob:
    from django.core.files.base import ContentFile

    with capture(execute=True):
        job = services.crime_import_request(
            by=by, region=region, upload=ContentFile(data), name=name, allow_empty=allow_empty
        )
    job.refresh_from_db()
    return job


def test_an_uploaded_zip_is_imported_in_the_background_and_indicators_recounted(
    districts: Region,
    analyst: Any,
    tmp_path: Path,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.CRIME_STORE = tmp_path / "crime"
    settings.MEDIA_ROOT = tmp_path / "media"
    indicator = _crime_indicator(districts, analyst)
    job = _request_import(
        districts,
        analyst,
        _zip(FIXTURES / "good"),
        "police.zip",
        django_capture_on_commit_callbacks,
    )
    assert job.status == ImportJob.Status.DONE, job.message
    assert (job.files_done, job.files_total) == (3, 3)
    assert job.rows_done == 23
    assert job.indicators_refreshed == 1
    assert "Imported 23 crimes from 3 force-months" in job.message
    assert _values(indicator)[("E07000234", "2019-01")] == (Decimal(2), False)
    assert [r.history_change_reason for r in job.history.order_by("history_id")] == [
        "Requested",
        "Imported",
    ]


def test_a_refused_import_names_the_file_and_line_and_keeps_the_store(
    districts: Region,
    analyst: Any,
    store: Path,
    tmp_path: Path,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    before = crime.status(store)
    job = _request_import(
        districts,
        analyst,
        _zip(FIXTURES / "bad" / "bad-month"),
        "bad.zip",
        django_capture_on_commit_callbacks,
    )
    assert job.status == ImportJob.Status.FAILED
    assert job.errors == [
        {
            "file": "bad.zip:bad-month/2019-01-west-mercia-street.csv",
            "line": 4,
            "message": "Month '2019/01' is not YYYY-MM",
        }
    ]
    assert crime.status(store) == before


def test_a_file_with_no_crimes_does_not_replace_a_month_already_held(
    districts: Region,
    analyst: Any,
    store: Path,
    tmp_path: Path,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    source = FIXTURES / "good" / "2019-01" / "2019-01-west-mercia-street.csv"
    header = (source.read_text().splitlines()[0] + "\n").encode()

    refused = _request_import(
        districts, analyst, header, source.name, django_capture_on_commit_callbacks
    )
    assert refused.status == ImportJob.Status.FAILED
    assert "10 crimes held for west-mercia 2019-01" in refused.message
    assert "tick" in refused.errors[0]["message"]
    assert refused.errors[0]["file"] == source.name
    held = {(fm.force, fm.month): fm.rows for fm in crime.status(store)}
    assert held[("west-mercia", "2019-01")] == 10

    allowed = _request_import(
        districts,
        analyst,
        header,
        source.name,
        django_capture_on_commit_callbacks,
        allow_empty=True,
    )
    assert allowed.status == ImportJob.Status.DONE, allowed.message
    held = {(fm.force, fm.month): fm.rows for fm in crime.status(store)}
    assert held[("west-mercia", "2019-01")] == 0


def test_only_zip_or_csv_uploads_are_taken(districts: Region, analyst: Any) -> None:
    from django.core.files.base import ContentFile

    with pytest.raises(DomainError) as caught:
        services.crime_import_request(
            by=analyst, region=districts, upload=ContentFile(b"x"), name="crimes.xlsx"
        )
    assert caught.value.field == "upload"


def test_a_board_member_cannot_import_crime_data(districts: Region, make_user: Any) -> None:
    from django.core.files.base import ContentFile

    with pytest.raises(NotPermitted):
        services.crime_import_request(
            by=make_user(Role.BOARD_MEMBER),
            region=districts,
            upload=ContentFile(b"x"),
            name="a.zip",
        )


def test_a_result_serves_the_missions_of_the_indicators_it_should_move(
    districts: Region, analyst: Any, officer: Any
) -> None:
    from remit.indicators import selectors

    indicator = _crime_indicator(districts, analyst)
    result = services.result_create(
        by=officer,
        region=districts,
        data={
            "title": "Safer streets in Northton",
            "owner_label": "Grant to Safe Streets Trust",
            "owner_url": "/funds/grants/1/",
            "progress_percent": 40,
        },
        indicators=[indicator],
    )
    services.milestone_add(
        by=officer, result=result, data={"title": "Lighting installed", "due": date(2019, 1, 31)}
    )
    groups = selectors.accountability(districts, officer)
    crime_group = next(g for g in groups if g.mission and g.mission.number == 11)
    assert [v.result.title for v in crime_group.results] == ["Safer streets in Northton"]
    assert crime_group.results[0].delivery == "red"  # the milestone is overdue
    milestone = result.milestones.get()
    services.milestone_complete(by=officer, milestone=milestone, on=date(2019, 2, 1))
    groups = selectors.accountability(districts, officer)
    assert (
        next(g for g in groups if g.mission and g.mission.number == 11).results[0].delivery
        == "green"
    )
    assert not Result.objects.filter(pk=result.pk).exists()  # not published


def test_a_result_can_name_its_owner_record(districts: Region, officer: Any) -> None:
    mission = Mission.objects.get(region=districts, number=11)
    result = services.result_create(
        by=officer,
        region=districts,
        data={"title": "Mission owner"},
        owner=mission,
        missions=[mission],
    )
    assert result.owner == mission
    assert result.owner_label == str(mission)
