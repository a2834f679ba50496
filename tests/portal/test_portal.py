"""The public portal: readable signed out, and no heavier as the region grows."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from remit.core.models import Board
from remit.core.models import Membership
from remit.core.models import Mission
from remit.core.models import Person
from remit.core.models import Region


def test_home_shows_the_region_signed_out(client: Any, region: Region) -> None:
    response = client.get(reverse("portal:home"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Testshire" in body
    assert "Testshire Community Safety Partnership" in body
    assert "E08000901" in body


def test_board_page_lists_members_by_organisation(client: Any, region: Region) -> None:
    response = client.get(reverse("portal:board", args=["csp"]))
    body = response.content.decode()
    assert "Chris Chair" in body
    assert "Northton Council" in body


def test_missions_page_shows_targets(client: Any, region: Region) -> None:
    body = client.get(reverse("portal:missions")).content.decode()
    assert "Less crime." in body


def test_missions_page_shows_the_regions_own_missions_and_their_years(
    client: Any, region: Region
) -> None:
    Mission.objects.create(
        region=region, number=2, short_title="Safer roads", target="Half as many deaths by 2028."
    )
    body = client.get(reverse("portal:missions")).content.decode()
    assert "which of these 2 missions it serves" in body
    assert "2. Safer roads" in body
    assert "Half as many deaths by 2028." in body
    assert "2030" not in body
    assert "national" not in body


def test_missions_page_says_when_a_region_has_none(client: Any, region: Region) -> None:
    region.missions.all().delete()
    body = client.get(reverse("portal:missions")).content.decode()
    assert "Testshire has not set out any missions yet." in body


def test_unknown_board_is_not_found(client: Any, region: Region) -> None:
    assert client.get(reverse("portal:board", args=["nope"])).status_code == 404


def test_portal_without_a_region_says_nothing_is_published(client: Any, db: Any) -> None:
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    assert "Nothing published yet" in response.content.decode()


def test_public_board_page_queries_are_constant(region: Region, page_queries: Any) -> None:
    url = reverse("portal:board", args=["csp"])
    small = page_queries(url)
    board = Board.objects.get(slug="csp")
    org = region.organisations.get(slug="safe-streets")
    people = Person.objects.bulk_create(
        Person(region=region, slug=f"p-{i}", name=f"P {i}") for i in range(200)
    )
    Membership.objects.bulk_create(
        Membership(board=board, person=p, organisation=org, start=date(2019, 1, 1)) for p in people
    )
    assert page_queries(url) == small
