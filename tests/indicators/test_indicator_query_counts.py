"""Indicator lists make as many queries with many indicators as with a few.

The mission and area dashboards are counted in test_dashboard_views.py, the results
roll-up in test_result_owners.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from remit.core.models import Area
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User
from remit.indicators import crime
from remit.indicators import services
from remit.indicators.models import AreaForce
from remit.indicators.models import Origin
from remit.indicators.models import Unit

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CRIME_SETS = [
    ("violence", ["Violence and sexual offences"]),
    ("drugs", ["Drugs"]),
    ("asb", ["Anti-social behaviour"]),
    ("burglary", ["Burglary"]),
]


@pytest.fixture
def grow(region: Region, make_user: Any, settings: Any) -> Any:
    """Two districts with police.uk data and one published indicator; ``grow()`` adds three."""
    for code, name in [("E07000236", "Redditch"), ("E07000234", "Bromsgrove")]:
        area = Area.objects.create(
            region=region,
            code=code,
            name=name,
            kind="non_metropolitan_district",
            population=90000,
            population_year=2019,
        )
        AreaForce.objects.create(area=area, force="west-mercia", force_name="West Mercia")
    crime.import_paths(settings.CRIME_STORE, [FIXTURES / "good"])
    analyst: User = make_user(Role.ANALYST)

    def add(slug: str, types: list[str]) -> None:
        indicator = services.indicator_create(
            by=analyst,
            region=region,
            data={
                "name": slug.capitalize(),
                "slug": slug,
                "origin": Origin.CRIME,
                "crime_types": types,
                "unit": Unit.RATE_PER_1000,
            },
            missions=region.missions.all(),
        )
        services.indicator_refresh(indicator, by=analyst)
        services.indicator_publish(by=analyst, indicator=indicator)

    add(*CRIME_SETS[0])
    return lambda: [add(*crime_set) for crime_set in CRIME_SETS[1:]]


@pytest.mark.parametrize("name", ["indicators:home", "indicators_public:home"])
def test_an_indicator_list_makes_no_more_queries_with_more_indicators(
    client: Any, officer: User, grow: Any, page_queries_stay_flat: Any, name: str
) -> None:
    if name.startswith("indicators:"):
        client.force_login(officer)
    html = page_queries_stay_flat(reverse(name), grow)
    assert "Burglary" in html
