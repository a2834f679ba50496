"""No RAG rating is given from part of the data: a partial figure says "No data" and why."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from remit.core.models import Area
from remit.core.models import Region
from remit.indicators import measures
from remit.indicators.models import Indicator
from remit.indicators.models import Origin
from remit.indicators.models import Target
from remit.indicators.models import Unit
from remit.indicators.selectors import summarise

TARGETS = [measures.Target(date(2030, 3, 31), Decimal(1000))]


def test_a_partial_figure_gets_no_rating_even_when_it_looks_on_track() -> None:
    latest = measures.Point("2024-06", Decimal(3))
    found = measures.assess(latest, TARGETS, measures.LOWER_IS_BETTER, complete=False)
    assert found.rag == measures.Rag.NO_DATA
    assert found.rag.label == "No data"
    assert measures.assess(latest, TARGETS, measures.LOWER_IS_BETTER).rag == measures.Rag.GREEN


@pytest.mark.django_db
def test_an_area_with_partial_figures_and_the_region_are_not_rated(region: Region) -> None:
    indicator = Indicator.objects.create(
        region=region,
        slug="burglary",
        name="Burglary",
        origin=Origin.UPLOADED,
        unit=Unit.COUNT,
        polarity=measures.LOWER_IS_BETTER,
    )
    Target.objects.create(indicator=indicator, area=None, due=date(2030, 3, 31), value=1000)
    areas = {area.pk: area for area in Area.objects.filter(region=region)}
    whole, partial = list(areas)[:2]
    for area_id in areas:
        Target.objects.create(
            indicator=indicator, area_id=area_id, due=date(2030, 3, 31), value=1000
        )
    rows = [
        (indicator.pk, whole, "2024-06", Decimal(400), False),
        (indicator.pk, partial, "2024-06", Decimal(3), True),
    ]
    summary = summarise(indicator, rows, areas)
    assert summary.row(areas[partial]).assessment.rag == measures.Rag.NO_DATA
    assert summary.row(areas[whole]).assessment.rag == measures.Rag.GREEN
    assert summary.region_assessment.rag == measures.Rag.NO_DATA
