"""No lost updates in indicators: an indicator or result saved from a copy read before someone
else's change is refused, says so, and changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User
from remit.core.services.writes import StaleEdit
from remit.core.services.writes import version_of
from remit.indicators import services
from remit.indicators.models import Indicator
from remit.indicators.models import Origin
from remit.indicators.models import Result
from remit.indicators.models import Unit

REFUSED = "Someone else changed"


@pytest.fixture
def analyst(make_user: Any) -> User:
    return make_user(Role.ANALYST)


def test_a_second_indicator_edit_read_at_the_same_version_is_refused_and_changes_nothing(
    region: Region, analyst: User
) -> None:
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
    read = version_of(indicator)
    services.indicator_update(
        by=analyst, indicator=indicator, data={"name": "Public satisfaction"}, version=read
    )
    with pytest.raises(StaleEdit, match=REFUSED):
        services.indicator_update(
            by=analyst, indicator=indicator, data={"unit": Unit.COUNT}, version=read
        )
    stored = Indicator.all_objects.get(pk=indicator.pk)
    assert (stored.name, stored.unit) == ("Public satisfaction", indicator.unit)


def test_a_second_result_edit_read_at_the_same_version_is_refused_and_changes_nothing(
    region: Region, analyst: User
) -> None:
    result = services.result_create(
        by=analyst, region=region, data={"title": "Safer streets", "owner_label": "A grant"}
    )
    read = version_of(result)
    services.result_update(
        by=analyst, result=result, data={"title": "Safer streets in Northton"}, version=read
    )
    with pytest.raises(StaleEdit, match=REFUSED):
        services.result_update(
            by=analyst, result=result, data={"description": "Fewer burglaries"}, version=read
        )
    stored = Result.all_objects.get(pk=result.pk)
    assert (stored.title, stored.description) == ("Safer streets in Northton", "")


def test_the_result_page_refuses_a_save_read_before_someone_elses(
    client: Any, region: Region, analyst: User
) -> None:
    result = services.result_create(
        by=analyst, region=region, data={"title": "Safer streets", "owner_label": "A grant"}
    )
    url = reverse("indicators:result_edit", args=[result.pk])
    client.force_login(analyst)
    read = client.get(url).context["form"]["version"].value()
    services.result_update(by=analyst, result=result, data={"title": "Safer streets in Northton"})

    response = client.post(
        url,
        {
            "title": "Safer streets",
            "owner_label": "A grant",
            "progress_percent": "5",
            "version": read,
        },
    )

    assert response.status_code == 200
    assert "Someone else changed" in response.content.decode()
    stored = Result.all_objects.get(pk=result.pk)
    assert (stored.title, stored.progress_percent) == ("Safer streets in Northton", 0)
