"""The forms for one indicator or result make as many queries with four times the missions,
indicators, areas and milestones they offer or show as with one of each, and offer them all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from model_bakery import baker

from remit.core.models import Area
from remit.core.models import Mission
from remit.core.models import Region
from remit.core.models import Role
from remit.indicators import kinds
from remit.indicators.models import Indicator
from remit.indicators.models import Result
from remit.indicators.models import ResultMilestone

MORE = 3


def _grow(result: Result, numbers: range) -> None:
    """More missions, indicators and areas to choose from, and milestones on the result."""
    region = result.region
    for n in numbers:
        Mission.objects.create(region=region, number=40 + n, short_title=f"Mission title {n}")
        baker.make(Indicator, region=region, name=f"Indicator {n}", slug=f"indicator-{n}")
        Area.objects.create(
            region=region, code=f"E0800{n + 3000}", name=f"Area {n}", kind="metropolitan_district"
        )
        ResultMilestone.objects.create(
            result=result, title=f"Milestone {n}", due=date(2030, 1, 1 + n)
        )


@pytest.fixture
def result(region: Region) -> Result:
    return Result.all_objects.create(
        region=region, title="Fewer repeat victims", owner_label="A grant", progress_percent=40
    )


@pytest.fixture
def indicator(region: Region) -> Indicator:
    return baker.make(Indicator, region=region, name="Burglary", slug="burglary", kind=kinds.COUNT)


# page: (url, text the page shows, text a grown choice or row shows)
PAGES: dict[str, tuple[Callable[[Result, Indicator], str], str, str]] = {
    "result_edit": (
        lambda r, i: reverse("indicators:result_edit", args=[r.pk]),
        "Fewer repeat victims",
        "Indicator 2",
    ),
    "result_progress": (
        lambda r, i: reverse("indicators:result_progress", args=[r.pk]),
        "Update progress",
        "Fewer repeat victims",
    ),
    "milestone_add": (
        lambda r, i: reverse("indicators:milestone_add", args=[r.pk]),
        "Add a milestone",
        "Fewer repeat victims",
    ),
    "result_create": (
        lambda r, i: reverse("indicators:result_create"),
        "Mission title 2",
        "Indicator 2",
    ),
    "create": (lambda r, i: reverse("indicators:create"), "Define an indicator", "Mission title 2"),
    "edit": (
        lambda r, i: reverse("indicators:edit", args=[i.slug]),
        "Edit Burglary",
        "Mission title 2",
    ),
    "upload": (
        lambda r, i: reverse("indicators:upload", args=[i.slug]),
        "Upload figures",
        "Burglary",
    ),
    "crime_import": (
        lambda r, i: reverse("indicators:crime_import"),
        "Import police.uk files",
        "Upload and import",
    ),
    "target_add": (
        lambda r, i: reverse("indicators:target_add", args=[i.slug]),
        "Set a target",
        "Area 2",
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_an_indicator_form_makes_no_more_queries_with_more_to_choose_from(
    client: Any,
    make_user: Any,
    result: Result,
    indicator: Indicator,
    page_queries_stay_flat: Any,
    page: str,
) -> None:
    url, shows, grown = PAGES[page]
    _grow(result, range(1))
    client.force_login(make_user(Role.ANALYST))

    html = page_queries_stay_flat(url(result, indicator), lambda: _grow(result, range(1, 1 + MORE)))

    assert shows in html
    assert grown in html
