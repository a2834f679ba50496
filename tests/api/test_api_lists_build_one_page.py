"""API lists whose items are built in Python slice the page first: meetings and indicators
make as many queries with 60 rows as with 5, and a page holds 50."""

from __future__ import annotations

from datetime import date
from datetime import time
from datetime import timedelta
from typing import Any

import pytest

from remit.core.apikit.auth import token_create
from remit.core.models import Region
from remit.core.models import Role
from remit.indicators.models import Indicator
from remit.meetings.models import Meeting

SMALL, LARGE = 5, 60


def _meetings(region: Region, start: int, how_many: int) -> None:
    board = region.boards.get(slug="csp")
    Meeting.objects.bulk_create(
        Meeting(
            board=board,
            date=date(2018, 1, 1) + timedelta(days=n),
            start_time=time(10),
            location="Lloyd House",
        )
        for n in range(start, start + how_many)
    )


def _indicators(region: Region, start: int, how_many: int) -> None:
    Indicator.all_objects.bulk_create(
        Indicator(region=region, slug=f"made-{n}", name=f"Made {n:03d}", source="Test")
        for n in range(start, start + how_many)
    )


@pytest.mark.parametrize(
    ("url", "grow"),
    [
        ("/api/meetings", _meetings),
        ("/api/boards/csp/meetings", _meetings),
        ("/api/indicators", _indicators),
    ],
)
def test_an_api_list_makes_as_many_queries_with_60_rows_as_with_5(
    client: Any,
    region: Region,
    make_user: Any,
    django_assert_max_num_queries: Any,
    page_queries: Any,
    url: str,
    grow: Any,
) -> None:
    _, key = token_create(user=make_user(Role.ANALYST), name="test")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    grow(region, 0, SMALL)
    small = page_queries(url, **headers)
    grow(region, SMALL, LARGE - SMALL)
    with django_assert_max_num_queries(small):
        response = client.get(url, **headers)
    assert response.status_code == 200
    assert response.json()["count"] == LARGE
    assert len(response.json()["items"]) == 50
    second = client.get(url, {"page": 2}, **headers).json()
    assert len(second["items"]) == LARGE - 50
