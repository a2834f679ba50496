"""An indicator's history page names who changed it, on the one history page every record
uses, and makes no more queries as edits grow."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from remit.core.models import Region
from remit.core.models import Role
from remit.indicators import services
from remit.indicators.models import Origin
from remit.indicators.models import Unit


def test_an_indicators_history_names_who_changed_it_and_links_back(
    region: Region, make_user: Any
) -> None:
    analyst = make_user(Role.ANALYST)
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
    services.indicator_update(by=analyst, indicator=indicator, data={"name": "Public satisfaction"})
    client = Client()
    client.force_login(analyst)

    page = client.get(reverse("indicators:history", args=["satisfaction"]))

    assert page.status_code == 200
    assert page.templates[0].name == "ui/history_page.html"
    html = page.content.decode()
    assert "History of changes" in html
    assert "Public satisfaction" in html
    assert (analyst.get_full_name() or analyst.username) in html
    assert reverse("indicators:detail", args=["satisfaction"]) in html


def test_an_indicators_history_makes_no_more_queries_as_it_is_edited(
    client: Any, region: Region, make_user: Any, page_queries_stay_flat: Any
) -> None:
    analyst = make_user(Role.ANALYST)
    indicator = services.indicator_create(
        by=analyst,
        region=region,
        data={
            "name": "Satisfaction 0",
            "slug": "satisfaction",
            "origin": Origin.UPLOADED,
            "unit": Unit.VALUE,
        },
    )

    def edit(numbers: range) -> None:
        for n in numbers:
            indicator.refresh_from_db()
            services.indicator_update(
                by=analyst, indicator=indicator, data={"name": f"Satisfaction {n}"}
            )

    client.force_login(analyst)
    html = page_queries_stay_flat(
        reverse("indicators:history", args=["satisfaction"]), lambda: edit(range(1, 10))
    )
    for n in range(10):
        assert f"Satisfaction {n}" in html
