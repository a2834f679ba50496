"""Partial figures are never rated: an officer and the public both read "No data" for an
area whose own force's files are missing, where its few crimes would have looked on track.
"""

from __future__ import annotations

from datetime import UTC
from datetime import date
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from journeys import sign_in

from remit.core.models import Area
from remit.core.models import Region
from remit.core.models import User
from remit.indicators import measures
from remit.indicators.models import Indicator
from remit.indicators.models import IndicatorValue
from remit.indicators.models import Origin
from remit.indicators.models import Target
from remit.indicators.models import Unit

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery staple"


@pytest.fixture
def burglary(transactional_db: Any, region: Region) -> Indicator:
    indicator = Indicator.objects.create(
        region=region,
        slug="burglary",
        name="Burglary",
        origin=Origin.UPLOADED,
        unit=Unit.COUNT,
        polarity=measures.LOWER_IS_BETTER,
        is_published=True,
        published_at=datetime(2024, 7, 1, tzinfo=UTC),
    )
    Target.objects.create(indicator=indicator, area=None, due=date(2030, 3, 31), value=1000)
    for area in Area.objects.filter(region=region):
        Target.objects.create(indicator=indicator, area=area, due=date(2030, 3, 31), value=1000)
    whole = Area.objects.get(region=region, name="Northton")
    partial = Area.objects.get(region=region, name="Southby")
    IndicatorValue.objects.create(
        indicator=indicator, area=whole, period="2024-06", value=Decimal(400)
    )
    IndicatorValue.objects.create(
        indicator=indicator, area=partial, period="2024-06", value=Decimal(3), partial=True
    )
    return indicator


def _rating_of(page: Any, area: str) -> str:
    row = page.locator("tr", has=page.get_by_role("rowheader", name=area, exact=True)).first
    return str(row.inner_text())


def test_partial_figures_read_no_data_signed_in_and_in_public(
    page: Any, visit: Any, burglary: Indicator, officer: User
) -> None:
    visit(page, reverse("indicators_public:detail", args=[burglary.slug]))
    assert "No data" in _rating_of(page, "Southby")
    assert "On track" not in _rating_of(page, "Southby")
    assert "On track" in _rating_of(page, "Northton")
    assert "files of the force" in page.locator("main").inner_text()

    sign_in(page, visit, officer.username, PASSWORD)
    visit(page, reverse("indicators:detail", args=[burglary.slug]))
    assert "No data" in _rating_of(page, "Southby")
    assert "On track" not in _rating_of(page, "Southby")
