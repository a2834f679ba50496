"""A result's page and its history make as many queries with three times the milestones,
indicators, missions and progress reports as with one of each, and list them all."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse
from model_bakery import baker

from remit.core.models import Mission
from remit.core.models import Region
from remit.core.models import Role
from remit.indicators import services
from remit.indicators.models import Indicator
from remit.indicators.models import Result
from remit.indicators.models import ResultMilestone

MORE = 3


def _add(result: Result, numbers: range) -> None:
    for n in numbers:
        ResultMilestone.objects.create(
            result=result, title=f"Milestone {n}", due=date(2030, 1, 1 + n)
        )
        indicator = baker.make(
            Indicator, region=result.region, name=f"Indicator {n}", slug=f"indicator-{n}"
        )
        result.indicators.add(indicator)
        mission = Mission.objects.create(
            region=result.region, number=40 + n, short_title=f"Mission title {n}"
        )
        result.missions.add(mission)


def test_a_result_page_makes_no_more_queries_with_more_milestones_and_links(
    client: Any, region: Region, make_user: Any, page_queries_stay_flat: Any
) -> None:
    client.force_login(make_user(Role.ANALYST))
    result = Result.all_objects.create(
        region=region, title="Fewer repeat victims", owner_label="A grant", progress_percent=40
    )
    _add(result, range(1))
    html = page_queries_stay_flat(
        reverse("indicators:result", args=[result.pk]),
        lambda: _add(result, range(1, 1 + 3 * MORE)),
    )
    assert "Fewer repeat victims" in html
    for n in range(1 + 3 * MORE):
        assert f"Milestone {n}" in html
        assert f"Indicator {n}" in html
        assert f"Mission title {n}" in html


def test_a_result_history_makes_no_more_queries_as_progress_is_reported(
    client: Any, region: Region, make_user: Any, page_queries_stay_flat: Any
) -> None:
    analyst = make_user(Role.ANALYST)
    client.force_login(analyst)
    result = Result.all_objects.create(
        region=region, title="Fewer repeat victims", owner_label="A grant", progress_percent=40
    )

    def report(numbers: range) -> None:
        for n in numbers:
            services.result_progress(
                by=analyst, result=result, percent=41 + n, note=f"Step number {n}"
            )

    report(range(1))
    html = page_queries_stay_flat(
        reverse("indicators:result_history", args=[result.pk]),
        lambda: report(range(1, 1 + 3 * MORE)),
    )
    for n in range(1 + 3 * MORE):
        assert f"Step number {n}" in html
