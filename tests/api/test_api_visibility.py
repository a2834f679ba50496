"""The API shows no more than the web site: what a page needs sign-in for needs a token."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from remit.core.apikit.auth import token_create
from remit.core.models import Board
from remit.core.models import Membership
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User


def _bearer(user: User) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user, name='test')[1]}"}


def _user(make_user: Any, region: Region, role: Role) -> User:
    if role == Role.PARTNER:
        return make_user(role, organisation=region.organisations.get(slug="safe-streets"))
    return make_user(role)  # type: ignore[no-any-return]


@pytest.fixture
def former_member(region: Region) -> Person:
    """Someone whose only seat ended: the public board page no longer names them."""
    person = region.people.get(slug="trust-lead")
    Membership.objects.create(
        board=Board.objects.get(slug="csp"),
        person=person,
        organisation=person.organisation,
        role="member",
        start=date(2015, 1, 1),
        end=date(2017, 12, 31),
    )
    return person


def test_the_public_see_only_people_with_a_board_seat_today(
    client: Any, former_member: Person
) -> None:
    listed = client.get("/api/people").json()
    assert {p["slug"] for p in listed["items"]} == {"commissioner", "northton-rep"}
    assert listed["count"] == 2
    assert client.get(f"/api/people/{former_member.slug}").status_code == 404
    assert client.get("/api/people/commissioner").status_code == 200


def test_the_public_see_only_todays_board_seats(client: Any, former_member: Person) -> None:
    seats = client.get("/api/memberships").json()["items"]
    assert former_member.slug not in {m["person"] for m in seats}


@pytest.mark.parametrize("role", list(Role))
def test_a_token_shows_the_registry_as_its_pages_do(
    client: Any, region: Region, former_member: Person, make_user: Any, role: Role
) -> None:
    headers = _bearer(_user(make_user, region, role))
    people = client.get("/api/people", **headers).json()["items"]
    assert former_member.slug in {p["slug"] for p in people}
    assert client.get(f"/api/people/{former_member.slug}", **headers).status_code == 200
    seats = client.get("/api/memberships", **headers).json()["items"]
    assert former_member.slug in {m["person"] for m in seats}


# What the public may read, operation by operation, as the public pages show it. Funds and
# rounds have no public pages (only published grants do), so they need a token.
PUBLIC_READS = {
    "/api/region": 200,
    "/api/areas": 200,
    "/api/organisations": 200,
    "/api/boards": 200,
    "/api/missions": 200,
    "/api/people": 200,
    "/api/memberships": 200,
    "/api/grants": 200,
    "/api/funds": 401,
    "/api/funds/community-safety": 401,
    "/api/funds/community-safety/rounds": 401,
    "/api/rounds/1": 401,
    "/api/bids": 401,
}


@pytest.mark.parametrize(("path", "status"), PUBLIC_READS.items())
def test_the_public_read_what_the_public_pages_show_and_no_more(
    client: Any, region: Region, path: str, status: int
) -> None:
    assert client.get(path).status_code == status


def test_funds_and_rounds_are_read_with_any_signed_in_role(
    client: Any, region: Region, make_user: Any
) -> None:
    for role in Role:
        response = client.get("/api/funds", **_bearer(_user(make_user, region, role)))
        assert response.status_code == 200, role
        assert response.json() == []
