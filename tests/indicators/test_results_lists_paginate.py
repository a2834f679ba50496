"""The results page and the mission pages show 50 results at a time, with the roll-up by
mission counted over every result by the database, and make as many queries with 60
results as with 5; so does the API's series of an indicator."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from remit.core.apikit.auth import token_create
from remit.core.models import Mission
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User
from remit.indicators import measures
from remit.indicators import selectors
from remit.indicators.models import Indicator
from remit.indicators.models import IndicatorValue
from remit.indicators.models import Result
from remit.indicators.models import ResultMilestone

SMALL, LARGE = 5, 60


@pytest.fixture
def analyst(make_user: Any) -> User:
    return make_user(Role.ANALYST)


def declare(region: Region, start: int, how_many: int) -> None:
    """Results in bulk, published, each serving Mission 11, with milestones: every third
    overdue, every third due soon, every third without any."""
    today = timezone.localdate()
    crime = Mission.objects.get(region=region, number=11)
    made = Result.all_objects.bulk_create(
        Result(
            region=region,
            title=f"Result {n:04d}",
            owner_label="A grant",
            progress_percent=n % 101,
            is_published=True,
        )
        for n in range(start, start + how_many)
    )
    Result.missions.through.objects.bulk_create(
        Result.missions.through(result_id=r.pk, mission_id=crime.pk) for r in made
    )
    due = {0: today - timedelta(days=3), 1: today + timedelta(days=10)}
    ResultMilestone.objects.bulk_create(
        ResultMilestone(result=r, title="M", due=due[n % 3])
        for n, r in enumerate(made, start=start)
        if n % 3 in due
    )


def test_the_results_page_has_a_second_page_and_rolls_up_every_result(
    client: Any, analyst: User, region: Region
) -> None:
    declare(region, 0, LARGE)
    client.force_login(analyst)
    first = client.get(reverse("indicators:results")).content.decode()
    second = client.get(reverse("indicators:results"), {"page": 2}).content.decode()
    assert "Result 0049" in first
    assert "Result 0050" not in first
    assert "Result 0050" in second
    assert "51 to 60 are shown" in second
    total = Result.all_objects.aggregate(total=Sum("progress_percent"))["total"]
    (tally,) = [t for t in selectors.mission_tallies(region, analyst) if t.results]
    assert tally.results == LARGE
    assert tally.average_progress == (2 * total + LARGE) // (2 * LARGE)
    views = selectors.result_views(Result.all_objects.all())
    for rag in measures.Rag:
        assert tally.count(rag.value) == sum(1 for v in views if v.delivery == rag)
    assert f"{tally.average_progress}%" in first


def test_the_results_page_lists_one_missions_results(
    client: Any, analyst: User, region: Region
) -> None:
    declare(region, 0, SMALL)
    Result.all_objects.create(region=region, title="Serves nothing", owner_label="A grant")
    client.force_login(analyst)
    crime = client.get(reverse("indicators:results"), {"mission": 11}).content.decode()
    none = client.get(reverse("indicators:results"), {"mission": "none"}).content.decode()
    assert "Result 0004" in crime
    assert "Serves nothing" not in crime
    assert "Serves nothing" in none
    assert "Result 0004" not in none


@pytest.mark.parametrize("public", [False, True])
def test_the_mission_page_has_a_second_page_of_results(
    client: Any, analyst: User, region: Region, public: bool
) -> None:
    declare(region, 0, LARGE)
    if public:
        url = reverse("indicators_public:mission", args=[11])
    else:
        client.force_login(analyst)
        url = reverse("indicators:mission", args=[11])
    first = client.get(url).content.decode()
    second = client.get(url, {"results": 2}).content.decode()
    assert "Result 0049" in first
    assert "Result 0050" not in first
    assert "Result 0059" in second
    assert "60 results serve this mission. Results 51 to 60 are shown" in second


def _series(region: Region, start: int, how_many: int) -> None:
    indicator, _ = Indicator.all_objects.get_or_create(
        region=region, slug="counted", defaults={"name": "Counted", "source": "Test"}
    )
    area = region.areas.order_by("code").first()
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=indicator, area=area, period=str(1900 + n), value=n)
        for n in range(start, start + how_many)
    )


@pytest.mark.parametrize("page", ["results", "mission", "public_mission", "api_series"])
def test_a_paged_page_makes_as_many_queries_with_60_results_as_with_5(
    client: Any,
    analyst: User,
    region: Region,
    django_assert_max_num_queries: Any,
    page_queries: Any,
    page: str,
) -> None:
    headers: dict[str, str] = {}
    if page == "api_series":
        _, key = token_create(user=analyst, name="test")
        headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
        grow: Any = _series
    else:
        client.force_login(analyst)
        grow = declare
    url = {
        "results": reverse("indicators:results"),
        "mission": reverse("indicators:mission", args=[11]),
        "public_mission": reverse("indicators_public:mission", args=[11]),
        "api_series": "/api/indicators/counted/series",
    }[page]
    grow(region, 0, SMALL)
    small = page_queries(url, **headers)
    grow(region, SMALL, LARGE - SMALL)
    with django_assert_max_num_queries(small):
        response = client.get(url, **headers)
    assert response.status_code == 200
    if page == "api_series":
        assert response.json()["count"] == LARGE
        assert len(response.json()["items"]) == 50
    else:
        assert "Result 0049" in response.content.decode()
