"""Indicator pages: dashboards, downloads, imports, results, the report and the public site."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from pypdf import PdfReader

from remit.core.models import Area
from remit.core.models import Region
from remit.core.models import Role
from remit.indicators import crime
from remit.indicators import reports
from remit.indicators import services
from remit.indicators.models import NEIGHBOURHOOD_CRIME
from remit.indicators.models import AreaForce
from remit.indicators.models import ImportJob
from remit.indicators.models import Indicator
from remit.indicators.models import Origin
from remit.indicators.models import Unit
from remit.indicators.templatetags.indicator_tags import figure

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DISTRICTS = [
    ("E08000025", "Birmingham", 1141816, "west-midlands", "West Midlands"),
    ("E08000026", "Coventry", 371521, "west-midlands", "West Midlands"),
    ("E07000221", "Stratford-on-Avon", 130098, "warwickshire", "Warwickshire"),
    ("E07000236", "Redditch", 85261, "west-mercia", "West Mercia"),
    ("E07000234", "Bromsgrove", 99881, "west-mercia", "West Mercia"),
]
CRIME_SETS = [
    ("neighbourhood-crime", list(NEIGHBOURHOOD_CRIME)),
    ("violence", ["Violence and sexual offences"]),
    ("drugs", ["Drugs"]),
    ("asb", ["Anti-social behaviour"]),
]
FEW, MANY = 2, 12
CRIME_DATA_MOST_QUERIES = 9
IMPORT_JOB_MOST_QUERIES = 7
REPORT_MOST_QUERIES = 17
PUBLIC_DETAIL_MOST_QUERIES = 10


@pytest.fixture
def districts(region: Region, tmp_path: Path, settings: Any) -> Region:
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
    settings.CRIME_STORE = tmp_path / "crime"
    settings.MEDIA_ROOT = tmp_path / "media"
    crime.import_paths(settings.CRIME_STORE, [FIXTURES / "good"])
    return region


@pytest.fixture
def analyst(make_user: Any) -> Any:
    return make_user(Role.ANALYST)


def make_indicator(
    region: Region, by: Any, slug: str, types: list[str], *, publish: bool = False
) -> Indicator:
    indicator = services.indicator_create(
        by=by,
        region=region,
        data={
            "name": slug.replace("-", " ").capitalize(),
            "slug": slug,
            "origin": Origin.CRIME,
            "crime_types": types,
            "unit": Unit.RATE_PER_1000,
        },
        missions=region.missions.all(),
    )
    services.indicator_refresh(indicator, by=by)
    if publish:
        services.indicator_publish(by=by, indicator=indicator)
    return indicator


@pytest.fixture
def neighbourhood(districts: Region, analyst: Any) -> Indicator:
    return make_indicator(districts, analyst, *CRIME_SETS[0], publish=True)


def test_signed_out_visitors_are_sent_to_sign_in(client: Any, districts: Region) -> None:
    response = client.get(reverse("indicators:home"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_indicator_page_has_its_chart_table_csv_and_honest_note(
    client: Any, analyst: Any, neighbourhood: Indicator
) -> None:
    client.force_login(analyst)
    response = client.get(reverse("indicators:detail", args=["neighbourhood-crime"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="trend-neighbourhood-crime-spec" type="application/json"' in html
    assert 'data-vega-spec="trend-neighbourhood-crime-spec"' in html
    assert "ui/charts.js" in html
    assert reverse("indicators:values_csv", args=["neighbourhood-crime"]) in html
    # Their own forces' files for the latest month are not held (Warwickshire: January only).
    assert "Birmingham, Coventry and Stratford-on-Avon" in html
    assert "left out of the ranks" in html
    assert "<script>" not in html
    assert "style=" not in html


def test_the_figures_download_as_csv_with_partial_rows_marked(
    client: Any, analyst: Any, neighbourhood: Indicator
) -> None:
    client.force_login(analyst)
    response = client.get(reverse("indicators:values_csv", args=["neighbourhood-crime"]))
    lines = response.getvalue().decode().splitlines()
    assert response["Content-Type"].startswith("text/csv")
    assert lines[0] == "area_code,area_name,period,value,partial"
    assert "E08000026,Coventry,2019-01,0.0027,yes" in lines
    assert "E07000234,Bromsgrove,2019-01,0.0200," in lines


def test_the_gap_downloads_as_csv(client: Any, analyst: Any, neighbourhood: Indicator) -> None:
    client.force_login(analyst)
    response = client.get(reverse("indicators:gap_csv", args=["neighbourhood-crime"]))
    lines = response.getvalue().decode().splitlines()
    assert lines[0] == "period,worst_areas_mean,median,gap,worst_areas"
    assert len(lines) == 3


def test_the_figure_csvs_neutralise_text_a_spreadsheet_would_run(
    client: Any, analyst: Any, neighbourhood: Indicator
) -> None:
    Area.objects.filter(code="E08000026").update(name="=Coventry")
    Area.objects.filter(code="E08000025").update(name="@Birmingham")
    client.force_login(analyst)

    values = client.get(reverse("indicators:values_csv", args=["neighbourhood-crime"]))
    area = client.get(reverse("indicators:area_csv", args=["E08000026"]))
    public_area = client.get(reverse("indicators_public:area_csv", args=["E08000026"]))
    gap = client.get(reverse("indicators:gap_csv", args=["neighbourhood-crime"]))

    assert "E08000026,'=Coventry,2019-01,0.0027,yes" in values.getvalue().decode().splitlines()
    assert ",'=Coventry," in area.getvalue().decode()
    assert ",'=Coventry," in public_area.getvalue().decode()
    for response in (values, area, public_area, gap):
        text = response.getvalue().decode()
        for start in (",=", ",@", '"=', '"@'):
            assert start not in text


@pytest.mark.parametrize(
    "url",
    [
        reverse("indicators:mission", args=[11]),
        reverse("indicators:area", args=["E07000234"]),
        reverse("indicators_public:mission", args=[11]),
        reverse("indicators_public:area", args=["E07000234"]),
    ],
)
def test_dashboard_queries_do_not_grow_with_indicators(
    client: Any, districts: Region, analyst: Any, url: str, page_queries_stay_flat: Any
) -> None:
    client.force_login(analyst)
    make_indicator(districts, analyst, *CRIME_SETS[0], publish=True)

    def grow() -> None:
        for slug, types in CRIME_SETS[1:]:
            make_indicator(districts, analyst, slug, types, publish=True)

    page_queries_stay_flat(url, grow)


def test_the_mission_page_shows_indicators_gap_rag_and_results(
    client: Any, districts: Region, analyst: Any, neighbourhood: Indicator
) -> None:
    services.result_create(
        by=analyst,
        region=districts,
        data={"title": "Target hardening", "owner_label": "Grant to Safe Streets Trust"},
        indicators=[neighbourhood],
    )
    client.force_login(analyst)
    html = client.get(reverse("indicators:mission", args=[11])).content.decode()
    assert "Neighbourhood crime" in html
    assert "The gap behind the worst-affected areas" in html
    assert "No target" in html
    assert "Target hardening" in html
    assert "No proposals are aligned to this mission." in html


def test_the_area_page_compares_the_area_with_the_region(
    client: Any, analyst: Any, neighbourhood: Indicator
) -> None:
    client.force_login(analyst)
    html = client.get(reverse("indicators:area", args=["E07000234"])).content.decode()
    assert "Bromsgrove" in html
    assert "Rank (1 is the worst)" in html
    assert "Crimes here are recorded by West Mercia Police" in html
    assert 'id="area-neighbourhood-crime-spec"' in html


def test_the_public_sees_published_indicators_only(
    client: Any, districts: Region, analyst: Any, neighbourhood: Indicator
) -> None:
    make_indicator(districts, analyst, "drugs", ["Drugs"])
    home = client.get(reverse("indicators_public:home")).content.decode()
    assert "Neighbourhood crime" in home
    assert "Drugs" not in home
    assert client.get(reverse("indicators_public:detail", args=["drugs"])).status_code == 404
    assert client.get(reverse("indicators_public:values_csv", args=["drugs"])).status_code == 404
    page = client.get(reverse("indicators_public:detail", args=["neighbourhood-crime"]))
    assert page.status_code == 200
    assert "Recount" not in page.content.decode()
    mission = client.get(reverse("indicators_public:mission", args=[11])).content.decode()
    assert "Neighbourhood crime" in mission
    assert "Drugs" not in mission


def test_a_partner_is_told_why_it_cannot_define_an_indicator(
    client: Any, partner: Any, districts: Region
) -> None:
    client.force_login(partner)
    response = client.get(reverse("indicators:create"))
    assert response.status_code == 403
    assert "cannot define indicators" in response.content.decode()


def test_an_analyst_defines_an_indicator_through_the_form(
    client: Any, analyst: Any, districts: Region
) -> None:
    client.force_login(analyst)
    mission = districts.missions.get(number=11)
    response = client.post(
        reverse("indicators:create"),
        {
            "name": "Robbery",
            "slug": "robbery",
            "origin": "crime",
            "crime_types": ["Robbery"],
            "kind": "count",
            "polarity": "lower_is_better",
            "missions": [mission.pk],
        },
    )
    assert response.status_code == 302
    indicator = Indicator.all_objects.get(slug="robbery")
    assert indicator.crime_types == ["Robbery"]
    assert list(indicator.missions.all()) == [mission]


def test_a_crime_indicator_without_crime_types_is_sent_back_with_the_error(
    client: Any, analyst: Any, districts: Region
) -> None:
    client.force_login(analyst)
    response = client.post(
        reverse("indicators:create"),
        {
            "name": "Nothing",
            "slug": "nothing",
            "origin": "crime",
            "kind": "count",
            "polarity": "lower_is_better",
        },
    )
    assert response.status_code == 200
    assert "Choose at least one crime type." in response.content.decode()


def test_a_bad_upload_is_shown_with_its_line(client: Any, analyst: Any, districts: Region) -> None:
    indicator = services.indicator_create(
        by=analyst,
        region=districts,
        data={"name": "Score", "slug": "score", "origin": Origin.UPLOADED, "unit": Unit.VALUE},
    )
    client.force_login(analyst)
    upload = io.BytesIO(b"area_code,period,value\nE07000234,2019,x\n")
    upload.name = "score.csv"
    response = client.post(reverse("indicators:upload", args=[indicator.slug]), {"file": upload})
    assert response.status_code == 200
    assert "score.csv, line 2: value &#x27;x&#x27; is not a number" in response.content.decode()
    assert not indicator.values.exists()


def _zip() -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted((FIXTURES / "good").rglob("*.csv")):
            archive.write(path, path.relative_to(FIXTURES / "good").as_posix())
    buffer.seek(0)
    buffer.name = "police.zip"
    return buffer


def test_an_import_page_refreshes_until_the_job_is_done(
    client: Any, analyst: Any, districts: Region, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(analyst)
    response = client.post(reverse("indicators:crime_import"), {"upload": _zip()})
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("indicators:import_job", args=[job.pk])
    waiting = client.get(response["Location"]).content.decode()
    assert '<meta http-equiv="refresh" content="2">' in waiting
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("indicators:crime_import"), {"upload": _zip()})
    done = ImportJob.objects.order_by("-pk").first()
    assert done is not None
    assert done.status == ImportJob.Status.DONE
    page = client.get(reverse("indicators:import_job", args=[done.pk])).content.decode()
    assert "http-equiv" not in page
    assert "Imported 23 crimes from 3 force-months" in page


def test_the_crime_data_page_says_which_forces_are_missing(
    client: Any, analyst: Any, districts: Region
) -> None:
    client.force_login(analyst)
    html = client.get(reverse("indicators:crime_data")).content.decode()
    assert "The police.uk files of West Midlands Police are not in the store" in html
    assert "For Birmingham and Coventry" in html
    assert "west-mercia" in html


def test_the_accountability_page_rolls_results_up_by_mission(
    client: Any, analyst: Any, districts: Region, neighbourhood: Indicator
) -> None:
    result = services.result_create(
        by=analyst,
        region=districts,
        data={"title": "Street lighting", "owner_label": "Grant", "progress_percent": 60},
        indicators=[neighbourhood],
    )
    services.milestone_add(
        by=analyst, result=result, data={"title": "Survey", "due": date(2000, 1, 1)}
    )
    client.force_login(analyst)
    html = client.get(reverse("indicators:results")).content.decode()
    assert "Mission 11: Crime" in html
    assert "60%" in html
    assert "Overdue" in html


def test_the_area_report_is_a_page_and_a_pdf(
    client: Any, analyst: Any, neighbourhood: Indicator
) -> None:
    client.force_login(analyst)
    url = reverse("indicators:area_report", args=["E07000234"])
    html = client.get(url, {"period_from": "2019-01", "period_to": "2019-02"}).content.decode()
    assert "Crimes by type and month" in html
    assert "Robbery" in html
    assert 'data-vega-spec="report-crime-spec"' in html
    assert 'id="report-crime-spec" type="application/json"' in html
    pdf = client.get(
        reverse("indicators:area_report_pdf", args=["E07000234"]), {"period_from": "2019-01"}
    )
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf.content)).pages)
    assert "Crimes by type and month" in text
    assert "Month" in text, "the chart is drawn, its axis with it"


def test_a_bad_report_period_is_an_error_on_the_field(
    client: Any, analyst: Any, districts: Region
) -> None:
    client.force_login(analyst)
    response = client.get(
        reverse("indicators:area_report", args=["E07000234"]), {"period_from": "last year"}
    )
    assert "Enter a month as YYYY-MM or a year as YYYY." in response.content.decode()


def _imports(region: Region, by: Any, numbers: range) -> None:
    for n in numbers:
        ImportJob.objects.create(
            region=region,
            upload=f"indicators/imports/police-{n}.zip",
            original_name=f"police-{n}.zip",
            status=ImportJob.Status.DONE,
            requested_by=by,
        )


def _districts(region: Region, numbers: range) -> None:
    for n in numbers:
        area = Area.objects.create(
            region=region,
            code=f"E0790{n:04d}",
            name=f"District {n}",
            kind="non_metropolitan_district",
            population=50000,
            population_year=2019,
        )
        AreaForce.objects.create(area=area, force="west-mercia", force_name="West Mercia")


def test_the_crime_data_page_makes_no_more_queries_with_more_areas_and_imports(
    client: Any,
    analyst: Any,
    districts: Region,
    page_queries_stay_flat: Any,
    django_assert_max_num_queries: Any,
) -> None:
    client.force_login(analyst)
    _imports(districts, analyst, range(FEW))
    _districts(districts, range(FEW))

    def grow() -> None:
        _imports(districts, analyst, range(FEW, MANY))
        _districts(districts, range(FEW, MANY))

    url = reverse("indicators:crime_data")
    html = page_queries_stay_flat(url, grow)
    for n in range(MANY - 10, MANY):
        assert f"police-{n}.zip</a>" in html, "the ten latest imports are listed"
    for n in range(MANY):
        assert f"District {n}</th>" in html
    assert html.count("West Mercia Police</td>") == 2 + MANY
    with django_assert_max_num_queries(CRIME_DATA_MOST_QUERIES):
        client.get(url)


def test_an_import_page_makes_no_more_queries_with_more_refusals_and_imports(
    client: Any,
    analyst: Any,
    districts: Region,
    page_queries_stay_flat: Any,
    django_assert_max_num_queries: Any,
) -> None:
    client.force_login(analyst)
    _imports(districts, analyst, range(FEW))
    job = ImportJob.objects.create(
        region=districts,
        upload="indicators/imports/refused.zip",
        original_name="refused.zip",
        status=ImportJob.Status.FAILED,
        requested_by=analyst,
    )

    def refuse(numbers: range) -> None:
        job.errors = [
            {"file": f"2019-{n:02d}/west-mercia-street.csv", "line": n + 2, "message": "no month"}
            for n in numbers
        ]
        job.save(update_fields=["errors"])

    def grow() -> None:
        refuse(range(MANY))
        _imports(districts, analyst, range(FEW, MANY))

    refuse(range(FEW))
    url = reverse("indicators:import_job", args=[job.pk])
    html = page_queries_stay_flat(url, grow)
    assert "The import was refused; nothing was changed" in html
    for n in range(MANY):
        assert f"2019-{n:02d}/west-mercia-street.csv, line {n + 2}: no month" in html
    assert f"by {analyst.display_name}" in html
    with django_assert_max_num_queries(IMPORT_JOB_MOST_QUERIES):
        client.get(url)


def test_the_area_report_makes_no_more_queries_with_more_indicators(
    client: Any,
    analyst: Any,
    districts: Region,
    page_queries_stay_flat: Any,
    django_assert_max_num_queries: Any,
) -> None:
    client.force_login(analyst)
    sets = [
        (f"{slug}-{n}", types) for n in range(MANY // len(CRIME_SETS)) for slug, types in CRIME_SETS
    ]

    def add(chosen: list[tuple[str, list[str]]]) -> None:
        for slug, types in chosen:
            make_indicator(districts, analyst, slug, types, publish=True)

    add(sets[:FEW])
    url = reverse("indicators:area_report", args=["E07000234"])
    html = page_queries_stay_flat(url, lambda: add(sets[FEW:]))
    assert "Crimes by type and month" in html
    bromsgrove = Area.objects.get(code="E07000234")
    report = reports.area_report(bromsgrove, None, None, user=analyst)
    assert len(report.indicators) == MANY
    for item in report.indicators:
        indicator = item.summary.indicator
        assert f"{indicator.name}</h3>" in html
        assert f'id="{item.spec_id}"' in html
        assert f"Bromsgrove: {figure(item.row.latest.value, indicator)} " in html
    with django_assert_max_num_queries(REPORT_MOST_QUERIES):
        client.get(url)


def test_a_public_indicator_page_makes_no_more_queries_with_more_areas(
    client: Any,
    analyst: Any,
    districts: Region,
    page_queries_stay_flat: Any,
    django_assert_max_num_queries: Any,
) -> None:
    indicator = services.indicator_create(
        by=analyst,
        region=districts,
        data={"name": "Score", "slug": "score", "origin": Origin.UPLOADED, "unit": Unit.VALUE},
        missions=districts.missions.all(),
    )

    def upload(numbers: range) -> None:
        lines = [f"E0790{n:04d},2019,{100 + n}" for n in numbers]
        data = "\n".join(["area_code,period,value", *lines]).encode()
        services.series_upload(by=analyst, indicator=indicator, data=data, name="score.csv")

    def grow() -> None:
        _districts(districts, range(FEW, MANY))
        upload(range(MANY))

    _districts(districts, range(FEW))
    upload(range(FEW))
    services.indicator_publish(by=analyst, indicator=indicator)
    url = reverse("indicators_public:detail", args=["score"])
    html = page_queries_stay_flat(url, grow)
    for n in range(MANY):
        assert f">District {n}</a>" in html
        assert f'--numeric">{figure(Decimal(100 + n), indicator)}</td>' in html
    with django_assert_max_num_queries(PUBLIC_DETAIL_MOST_QUERIES):
        client.get(url)
