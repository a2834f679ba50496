"""Registry pages make as many queries with many rows as with a few."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from remit.core import services
from remit.core.models import Area
from remit.core.models import Board
from remit.core.models import Membership
from remit.core.models import Mission
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import User

MORE = 12


def _more_people_on_the_board(region: Region) -> None:
    board = Board.objects.get(region=region, slug="csp")
    trust = region.organisations.get(slug="safe-streets")
    for n in range(MORE):
        person = Person.objects.create(
            region=region, slug=f"extra-{n}", name=f"Extra {n}", organisation=trust
        )
        Membership.objects.create(
            board=board, person=person, organisation=trust, start=date(2019, 1, 1)
        )


def _more_organisations(region: Region) -> None:
    north = region.areas.get(code="E08000901")
    for n in range(MORE):
        Organisation.objects.create(
            region=region, slug=f"org-{n}", name=f"Org {n}", kind="other", area=north
        )


def _more_boards(region: Region) -> None:
    parent = Board.objects.get(region=region, slug="csp")
    for n in range(MORE):
        Board.objects.create(
            region=region,
            slug=f"board-{n}",
            name=f"Board {n}",
            kind="partnership",
            parent=parent,
            organisation=parent.organisation,
        )


def _more_areas(region: Region) -> None:
    for n in range(MORE):
        Area.objects.create(
            region=region, code=f"E0800{n + 1000}", name=f"Area {n}", kind="metropolitan_district"
        )


def _more_missions(region: Region) -> None:
    for n in range(MORE):
        Mission.objects.create(region=region, number=20 + n, short_title=f"Mission {n}")


@pytest.mark.parametrize(
    ("entity", "grow", "shown"),
    [
        ("organisations", _more_organisations, "Org 11"),
        ("people", _more_people_on_the_board, "Extra 11"),
        ("boards", _more_boards, "Board 11"),
        ("areas", _more_areas, "Area 11"),
        ("missions", _more_missions, "Mission 11"),
    ],
)
def test_a_registry_list_makes_no_more_queries_with_more_rows(
    client: Any,
    officer: User,
    region: Region,
    page_queries_stay_flat: Any,
    entity: str,
    grow: Any,
    shown: str,
) -> None:
    client.force_login(officer)
    html = page_queries_stay_flat(reverse("registry:list", args=[entity]), lambda: grow(region))
    assert shown in html


@pytest.mark.parametrize(
    ("entity", "key"),
    [
        ("organisations", "safe-streets"),
        ("people", "trust-lead"),
        ("boards", "csp"),
    ],
)
def test_a_registry_page_makes_no_more_queries_with_more_members(
    client: Any, officer: User, region: Region, page_queries_stay_flat: Any, entity: str, key: str
) -> None:
    client.force_login(officer)
    person = region.people.get(slug="trust-lead")
    trust = region.organisations.get(slug="safe-streets")

    def grow() -> None:
        _more_people_on_the_board(region)
        for n in range(MORE):
            board = Board.objects.create(
                region=region,
                slug=f"panel-{n}",
                name=f"Panel {n}",
                kind="partnership",
                organisation=trust,
            )
            Membership.objects.create(
                board=board, person=person, organisation=trust, start=date(2019, 1, 1)
            )

    html = page_queries_stay_flat(reverse("registry:detail", args=[entity, key]), grow)
    assert "Extra 11" in html or "Panel 11" in html


@pytest.mark.parametrize(("entity", "key"), [("areas", "E08000901"), ("missions", "11")])
def test_an_area_or_mission_page_makes_no_more_queries_with_more_of_them(
    client: Any, officer: User, region: Region, page_queries_stay_flat: Any, entity: str, key: str
) -> None:
    client.force_login(officer)
    html = page_queries_stay_flat(
        reverse("registry:detail", args=[entity, key]),
        lambda: (_more_areas(region), _more_missions(region)),
    )
    assert "History of changes" in html


def test_an_organisations_history_makes_no_more_queries_with_more_changes(
    client: Any, officer: User, region: Region, page_queries_stay_flat: Any
) -> None:
    client.force_login(officer)
    trust = region.organisations.get(slug="safe-streets")

    def grow() -> None:
        for n in range(MORE):
            services.organisation_update(
                by=officer, organisation=trust, data={"website": f"https://trust{n}.example"}
            )

    html = page_queries_stay_flat(
        reverse("registry:history", args=["organisations", "safe-streets"]), grow
    )
    assert "https://trust11.example" in html


def test_a_memberships_history_makes_no_more_queries_with_more_changes(
    client: Any, officer: User, region: Region, page_queries_stay_flat: Any
) -> None:
    client.force_login(officer)
    membership = Membership.objects.filter(board__region=region).order_by("pk").first()
    assert membership is not None

    def grow() -> None:
        for n in range(MORE):
            membership.refresh_from_db()
            services.membership_update(
                by=officer, membership=membership, data={"start": date(2019, 1, n + 1)}
            )

    html = page_queries_stay_flat(
        reverse("registry:membership_history", args=[membership.pk]), grow
    )
    assert "History of changes" in html
    print(html[html.find("History of changes") :][:3000])
