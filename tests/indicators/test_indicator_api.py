"""The indicators API: published for everyone, drafts with a token, series filters, crime counts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from remit.core.apikit.auth import token_create
from remit.core.models import Area
from remit.core.models import Region
from remit.core.models import Role
from remit.indicators import crime
from remit.indicators import services
from remit.indicators.models import Indicator
from remit.indicators.models import Origin
from remit.indicators.models import Unit

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PROBLEM = "application/problem+json"


@pytest.fixture
def loaded(region: Region, make_user: Any, tmp_path: Path, settings: Any) -> Any:
    for code, name, population in (
        ("E07000221", "Stratford-on-Avon", 130098),
        ("E07000234", "Bromsgrove", 99881),
    ):
        Area.objects.create(
            region=region,
            code=code,
            name=name,
            kind="non_metropolitan_district",
            population=population,
            population_year=2019,
        )
    settings.CRIME_STORE = tmp_path / "crime"
    crime.import_paths(settings.CRIME_STORE, [FIXTURES / "good"])
    analyst = make_user(Role.ANALYST)
    published = services.indicator_create(
        by=analyst,
        region=region,
        data={
            "name": "Burglary",
            "slug": "burglary",
            "origin": Origin.CRIME,
            "crime_types": ["Burglary"],
            "unit": Unit.COUNT,
        },
        missions=region.missions.all(),
    )
    services.indicator_refresh(published, by=analyst)
    services.indicator_publish(by=analyst, indicator=published)
    draft = services.indicator_create(
        by=analyst,
        region=region,
        data={
            "name": "Drugs",
            "slug": "drugs",
            "origin": Origin.CRIME,
            "crime_types": ["Drugs"],
            "unit": Unit.COUNT,
        },
    )
    services.indicator_refresh(draft, by=analyst)
    return analyst


def test_without_a_token_only_published_indicators_are_listed(client: Any, loaded: Any) -> None:
    body = client.get("/api/indicators").json()
    assert [i["slug"] for i in body["items"]] == ["burglary"]
    assert body["items"][0]["missions"] == [11]
    assert client.get("/api/indicators/drugs").status_code == 404


def test_with_a_token_drafts_are_listed(client: Any, loaded: Any) -> None:
    _, key = token_create(user=loaded, name="test")
    body = client.get("/api/indicators", HTTP_AUTHORIZATION=f"Bearer {key}").json()
    assert [i["slug"] for i in body["items"]] == ["burglary", "drugs"]


def test_a_bad_token_is_refused_rather_than_treated_as_public(client: Any, loaded: Any) -> None:
    response = client.get("/api/indicators", HTTP_AUTHORIZATION="Bearer nope")
    assert response.status_code == 401


def test_the_series_filters_by_area_and_period(client: Any, loaded: Any) -> None:
    body = client.get(
        "/api/indicators/burglary/series",
        {"area": "E07000234", "period_from": "2019-01", "period_to": "2019-01"},
    ).json()
    assert body["items"] == [
        {
            "area_code": "E07000234",
            "area_name": "Bromsgrove",
            "period": "2019-01",
            "value": "1.0000",
            "partial": False,
        }
    ]


def test_a_bad_period_is_a_problem_naming_the_field(client: Any, loaded: Any) -> None:
    response = client.get("/api/indicators/burglary/series", {"period_from": "Jan"})
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    assert response.json()["errors"][0]["field"] == "period_from"


def test_the_gap_is_given_period_by_period(client: Any, loaded: Any) -> None:
    body = client.get("/api/indicators/burglary/gap").json()
    assert [g["period"] for g in body] == ["2019-01", "2019-02"]
    assert all(float(g["gap"]) >= 0 for g in body)


def test_crime_counts_come_from_the_store(client: Any, loaded: Any) -> None:
    body = client.get("/api/crime/summary", {"area": "E07000234", "crime_type": "Robbery"}).json()
    assert body["items"] == [
        {
            "area_code": "E07000234",
            "area_name": "Bromsgrove",
            "month": "2019-01",
            "crime_type": "Robbery",
            "count": 1,
        }
    ]
    status = client.get("/api/crime/status").json()
    assert {(s["force"], s["month"]) for s in status} == {
        ("warwickshire", "2019-01"),
        ("west-mercia", "2019-01"),
        ("west-mercia", "2019-02"),
    }


def test_a_bad_crime_month_is_a_problem(client: Any, loaded: Any) -> None:
    response = client.get("/api/crime/summary", {"month_from": "2019/01"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "month_from"


def test_indicator_models_keep_drafts_out_of_the_default_manager(loaded: Any) -> None:
    assert list(Indicator.objects.values_list("slug", flat=True)) == ["burglary"]
