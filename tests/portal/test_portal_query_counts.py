"""Public pages make as many queries with many rows as with a few."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from remit.core.models import Area
from remit.core.models import Board
from remit.core.models import Membership
from remit.core.models import Mission
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Theme
from remit.core.models import Workstream

MORE = 12


def _add(region: Region, numbers: range) -> None:
    """Boards, members, missions, areas, themes and workstreams numbered ``numbers``."""
    csp = Board.objects.get(region=region, slug="csp")
    trust = region.organisations.get(slug="safe-streets")
    for n in numbers:
        Board.objects.create(
            region=region,
            slug=f"board-{n}",
            name=f"Board {n}",
            kind="partnership",
            organisation=trust,
        )
        person = Person.objects.create(
            region=region, slug=f"extra-{n}", name=f"Extra {n}", organisation=trust
        )
        Membership.objects.create(
            board=csp, person=person, organisation=trust, start=date(2019, 1, 1)
        )
        Mission.objects.create(region=region, number=20 + n, short_title=f"Mission {n}")
        Area.objects.create(
            region=region, code=f"E0800{n + 1000}", name=f"Area {n}", kind="metropolitan_district"
        )
        theme = Theme.objects.create(region=region, slug=f"theme-{n}", name=f"Theme {n}")
        Workstream.objects.create(
            theme=theme, slug=f"work-{n}", name=f"Workstream {n}", lead=person, sponsor=person
        )


@pytest.fixture
def grow(region: Region) -> Any:
    """One of each first, so the small page already has a row of every kind."""
    _add(region, range(1))
    return lambda: _add(region, range(1, MORE))


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (reverse("portal:home"), "Board 11"),
        (reverse("portal:boards"), "Board 11"),
        (reverse("portal:board", args=["csp"]), "Extra 11"),
        (reverse("portal:missions"), "Mission 11"),
    ],
)
def test_a_public_page_makes_no_more_queries_with_more_rows(
    grow: Any, page_queries_stay_flat: Any, url: str, shown: str
) -> None:
    html = page_queries_stay_flat(url, grow)
    assert shown in html
