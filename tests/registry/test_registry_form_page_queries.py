"""The registry's forms make as many queries with four times the people, organisations, boards,
areas and memberships they offer or show as with one of each, and offer them all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from remit.core import services
from remit.core.models import Area
from remit.core.models import Board
from remit.core.models import GovernanceRoute
from remit.core.models import Membership
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import RouteStep
from remit.core.models import User

MORE = 3


def _grow(region: Region, numbers: range) -> None:
    """More of everything a registry form offers as a choice."""
    board = region.boards.get(slug="csp")
    for n in numbers:
        area = Area.objects.create(
            region=region, code=f"E0800{n + 2000}", name=f"Area {n}", kind="metropolitan_district"
        )
        organisation = Organisation.objects.create(
            region=region, slug=f"org-{n}", name=f"Org {n}", kind="other", area=area
        )
        person = Person.objects.create(
            region=region, slug=f"person-{n}", name=f"Person {n}", organisation=organisation
        )
        Membership.objects.create(
            board=board, person=person, organisation=organisation, start=date(2019, 1, 1)
        )
        Board.objects.create(
            region=region,
            slug=f"board-{n}",
            name=f"Board {n}",
            kind="partnership",
            parent=board,
            organisation=organisation,
        )


@pytest.fixture
def route(region: Region) -> GovernanceRoute:
    board = region.boards.get(slug="csp")
    made = GovernanceRoute.objects.create(
        region=region, slug="safety-route", name="Safety route", final_board=board
    )
    RouteStep.objects.create(route=made, position=1, board=board)
    return made


def _membership(region: Region) -> int:
    return int(Membership.objects.get(board__slug="csp", person__slug="northton-rep").pk)


# page: (url, text the page shows, text a grown choice shows)
PAGES: dict[str, tuple[Callable[[Region], str], str, str]] = {
    "organisation_edit": (
        lambda r: reverse("registry:edit", args=["organisations", "safe-streets"]),
        "Safe Streets Trust",
        "Area 2",
    ),
    "person_edit": (
        lambda r: reverse("registry:edit", args=["people", "trust-lead"]),
        "Tom Trust",
        "Org 2",
    ),
    "board_edit": (
        lambda r: reverse("registry:edit", args=["boards", "csp"]),
        "Testshire Community Safety Partnership",
        "Org 2",
    ),
    "area_edit": (
        lambda r: reverse("registry:edit", args=["areas", "E08000901"]),
        "Northton",
        "Population",
    ),
    "mission_edit": (
        lambda r: reverse("registry:edit", args=["missions", "11"]),
        "Crime",
        "Target",
    ),
    "organisation_create": (
        lambda r: reverse("registry:create", args=["organisations"]),
        "organisation",
        "Area 2",
    ),
    "person_create": (lambda r: reverse("registry:create", args=["people"]), "person", "Org 2"),
    "board_create": (lambda r: reverse("registry:create", args=["boards"]), "board", "Board 2"),
    "membership_add": (
        lambda r: reverse("registry:membership_add", args=["csp"]),
        "Testshire Community Safety Partnership",
        "Person 2",
    ),
    "membership_edit": (
        lambda r: reverse("registry:membership_edit", args=[_membership(r)]),
        "Nia North",
        "Person 2",
    ),
    "route_create": (
        lambda r: reverse("registry:route_create"),
        "Add a governance route",
        "Board 2",
    ),
    "route_edit": (
        lambda r: reverse("registry:route_edit", args=["safety-route"]),
        "Change Safety route",
        "Board 2",
    ),
    "route_delete": (
        lambda r: reverse("registry:route_delete", args=["safety-route"]),
        "Delete Safety route",
        "Safety route",
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_a_registry_form_makes_no_more_queries_with_more_to_choose_from(
    client: Any,
    officer: User,
    region: Region,
    route: GovernanceRoute,
    page_queries_stay_flat: Any,
    page: str,
) -> None:
    url, shows, grown = PAGES[page]
    _grow(region, range(1))
    client.force_login(officer)

    html = page_queries_stay_flat(url(region), lambda: _grow(region, range(1, 1 + MORE)))

    assert shows in html
    assert grown in html


def test_a_retired_routes_reinstate_form_makes_no_more_queries_with_more_in_the_registry(
    client: Any,
    officer: User,
    region: Region,
    route: GovernanceRoute,
    page_queries_stay_flat: Any,
) -> None:
    """Reinstating is a button on the route's page: asking for it by itself leads there."""
    services.route_retire(by=officer, route=route, reason="Not used")
    _grow(region, range(1))
    client.force_login(officer)
    page = reverse("registry:route", args=["safety-route"])
    assert client.get(reverse("registry:route_reinstate", args=["safety-route"])).url == page

    html = page_queries_stay_flat(page, lambda: _grow(region, range(1, 1 + MORE)))

    assert "Safety route" in html
    assert "Reinstate route" in html
