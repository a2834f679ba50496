"""Indicator figure downloads are built once per change of their figures, then served from the
file with an ETag, so an unchanged download costs a few queries and no summary."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from remit.core.models import Area
from remit.core.models import Region
from remit.core.models import Role
from remit.indicators import dashboards
from remit.indicators import selectors
from remit.indicators import services
from remit.indicators import views
from remit.indicators.models import Indicator
from remit.indicators.models import Origin
from remit.indicators.models import Unit

FIGURES = b"area_code,period,value\nE08000901,2018,40\nE08000902,2018,20\nE08000901,2019,41.5\n"


@pytest.fixture
def analyst(make_user: Any) -> Any:
    return make_user(Role.ANALYST)


@pytest.fixture
def satisfaction(region: Region, analyst: Any) -> Indicator:
    indicator = services.indicator_create(
        by=analyst,
        region=region,
        data={
            "name": "Satisfaction",
            "slug": "satisfaction",
            "origin": Origin.UPLOADED,
            "unit": Unit.VALUE,
        },
    )
    services.series_upload(by=analyst, indicator=indicator, data=FIGURES, name="s.csv")
    services.indicator_publish(by=analyst, indicator=indicator)
    return indicator


def _body(response: Any) -> str:
    assert response.status_code == 200
    return str(response.getvalue().decode())


def _counting_summaries(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = selectors.summaries

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    # Pages read summaries through the package or through the module that builds them.
    for module in (selectors, selectors.pages, selectors.headlines):
        monkeypatch.setattr(module, "summaries", counted)
    return calls


URLS = [
    ("indicators_public:values_csv", ["satisfaction"], ""),
    ("indicators_public:gap_csv", ["satisfaction"], ""),
    ("indicators_public:area_csv", ["E08000901"], "?indicator=satisfaction"),
]


@pytest.mark.parametrize(("name", "args", "query"), URLS)
def test_a_second_download_is_served_from_the_file_without_working_the_figures_out(
    client: Any,
    satisfaction: Indicator,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    args: list[str],
    query: str,
) -> None:
    url = reverse(name, args=args) + query
    calls = _counting_summaries(monkeypatch)
    with CaptureQueriesContext(connection) as first:
        built = _body(client.get(url))
    with CaptureQueriesContext(connection) as second:
        again = _body(client.get(url))
    assert again == built
    assert len(calls) == 1
    assert len(second) < len(first)


def test_the_served_file_is_the_csv_the_figures_give(
    client: Any, region: Region, satisfaction: Indicator
) -> None:
    summary = selectors.summaries(region, [satisfaction])[0]
    values = _body(client.get(reverse("indicators_public:values_csv", args=["satisfaction"])))
    gap = _body(client.get(reverse("indicators_public:gap_csv", args=["satisfaction"])))
    area = _body(client.get(reverse("indicators_public:area_csv", args=["E08000901"])))
    assert values == dashboards.values_csv(summary)
    assert gap == dashboards.gap_csv(summary)
    assert area == views.area_csv_text(region, "E08000901", None, "", True)
    assert "E08000901,Northton,2019,41.5000," in values.splitlines()


def test_new_figures_a_renamed_area_or_a_redefined_indicator_change_the_file(
    client: Any, region: Region, analyst: Any, satisfaction: Indicator
) -> None:
    url = reverse("indicators_public:values_csv", args=["satisfaction"])
    before = _body(client.get(url))

    services.series_upload(
        by=analyst,
        indicator=satisfaction,
        data=FIGURES.replace(b"41.5", b"43"),
        name="again.csv",
    )
    loaded = _body(client.get(url))
    assert loaded != before
    assert "E08000901,Northton,2019,43.0000," in loaded.splitlines()

    Area.objects.filter(code="E08000901").update(name="North Town")
    renamed = _body(client.get(url))
    assert "E08000901,North Town,2019,43.0000," in renamed.splitlines()


def test_a_matching_etag_is_answered_not_modified(client: Any, satisfaction: Indicator) -> None:
    url = reverse("indicators_public:values_csv", args=["satisfaction"])
    first = client.get(url)
    assert first["ETag"]
    assert first["Last-Modified"]
    assert first["Content-Type"].startswith("text/csv")
    assert 'filename="satisfaction.csv"' in first["Content-Disposition"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]


def test_a_draft_indicator_stays_out_of_public_downloads_even_once_built(
    client: Any, analyst: Any, satisfaction: Indicator
) -> None:
    services.indicator_withdraw(by=analyst, indicator=satisfaction)
    client.force_login(analyst)
    assert client.get(reverse("indicators:values_csv", args=["satisfaction"])).status_code == 200
    client.logout()
    assert (
        client.get(reverse("indicators_public:values_csv", args=["satisfaction"])).status_code
        == 404
    )
    area = _body(client.get(reverse("indicators_public:area_csv", args=["E08000901"])))
    assert "satisfaction" not in area
