"""Registry pages: sign-in, search, edit with history, refusals, and constant query counts."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from remit.core.models import Board
from remit.core.models import Membership
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Role


def test_registry_needs_sign_in(client: Any, region: Region) -> None:
    response = client.get(reverse("registry:list", args=["organisations"]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_search_finds_organisations_by_name(client: Any, officer: Any) -> None:
    client.force_login(officer)
    response = client.get(reverse("registry:list", args=["organisations"]), {"q": "safe"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Safe Streets Trust" in body
    assert "Northton Council" not in body


def test_edit_organisation_then_see_it_in_history(client: Any, officer: Any) -> None:
    client.force_login(officer)
    url = reverse("registry:edit", args=["organisations", "safe-streets"])
    form = client.get(url)
    assert form.status_code == 200

    response = client.post(
        url,
        {
            "name": "Safe Streets Trust",
            "slug": "safe-streets",
            "kind": "voluntary_sector",
            "area": "",
            "constituent": "unknown",
            "org_id": "GB-CHC-1099999",
            "website": "https://safe.example",
        },
    )

    assert response.status_code == 302
    history = client.get(reverse("registry:history", args=["organisations", "safe-streets"]))
    body = history.content.decode()
    assert "GB-CHC-1099999" in body
    assert officer.username in body or officer.get_full_name() in body


def test_invalid_edit_shows_the_field_error_and_changes_nothing(client: Any, officer: Any) -> None:
    client.force_login(officer)
    url = reverse("registry:edit", args=["organisations", "safe-streets"])
    response = client.post(
        url, {"name": "", "slug": "safe-streets", "kind": "voluntary_sector", "website": "x"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert 'href="#id_name"' in body
    assert Organisation.objects.get(slug="safe-streets").name == "Safe Streets Trust"


def test_partner_is_refused_another_organisations_edit_page(client: Any, partner: Any) -> None:
    client.force_login(partner)
    response = client.get(reverse("registry:edit", args=["organisations", "northton-council"]))
    assert response.status_code == 403
    assert "own organisation" in response.content.decode()


def test_partner_sees_only_the_fields_it_may_change(client: Any, partner: Any) -> None:
    client.force_login(partner)
    response = client.get(reverse("registry:edit", args=["organisations", "safe-streets"]))
    assert response.status_code == 200
    assert 'name="kind"' not in response.content.decode()


def test_board_page_groups_current_members_by_organisation(client: Any, officer: Any) -> None:
    client.force_login(officer)
    response = client.get(reverse("registry:detail", args=["boards", "csp"]))
    body = response.content.decode()
    assert "Office of the Testshire PCC" in body
    assert "Chris Chair" in body
    assert "Northton Council" in body


def test_add_a_member_through_the_form(client: Any, officer: Any, region: Region) -> None:
    client.force_login(officer)
    person = region.people.get(slug="trust-lead")
    org = region.organisations.get(slug="safe-streets")
    response = client.post(
        reverse("registry:membership_add", args=["csp"]),
        {"person": person.pk, "organisation": org.pk, "role": "member", "start": "2019-04-01"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(person=person)
    assert membership.history.latest().history_user == officer


def _grow_board(region: Region, n: int) -> None:
    board = Board.objects.get(slug="csp")
    org = region.organisations.get(slug="safe-streets")
    for i in range(n):
        person = Person.objects.create(region=region, slug=f"extra-{i}", name=f"Extra {i}")
        Membership.objects.create(
            board=board, person=person, organisation=org, start=date(2019, 1, 1)
        )
        Organisation.objects.create(region=region, slug=f"org-{i}", name=f"Org {i}", kind="other")


@pytest.mark.parametrize(
    "url",
    [
        reverse("registry:detail", args=["boards", "csp"]),
        reverse("registry:list", args=["organisations"]),
        reverse("registry:list", args=["boards"]),
        reverse("registry:list", args=["people"]),
        reverse("registry:home"),
    ],
)
def test_page_queries_do_not_grow_with_the_data(
    client: Any, officer: Any, region: Region, url: str, page_queries: Any
) -> None:
    client.force_login(officer)
    _grow_board(region, 10)
    small = page_queries(url)
    _grow_board_more(region)
    large = page_queries(url)
    assert large == small


def _grow_board_more(region: Region) -> None:
    board = Board.objects.get(slug="csp")
    org = region.organisations.get(slug="safe-streets")
    people = Person.objects.bulk_create(
        Person(region=region, slug=f"more-{i}", name=f"More {i}") for i in range(190)
    )
    Membership.objects.bulk_create(
        Membership(board=board, person=p, organisation=org, start=date(2019, 1, 1)) for p in people
    )


def test_analysts_area_form_keeps_the_figures_but_not_the_name_or_kind(
    client: Any, region: Region, make_user: Any
) -> None:
    client.force_login(make_user(Role.ANALYST))
    url = reverse("registry:edit", args=["areas", "E08000901"])

    page = client.get(url).content.decode()
    assert 'name="population"' in page
    assert 'name="population_year"' in page
    assert 'name="name"' not in page
    assert 'name="kind"' not in page

    response = client.post(
        url,
        {"name": "Renamed", "kind": "unitary", "population": "305000", "population_year": "2020"},
    )
    assert response.status_code == 302
    area = region.areas.get(code="E08000901")
    assert (area.name, area.kind, area.population, area.population_year) == (
        "Northton",
        "metropolitan_district",
        305000,
        2020,
    )


def test_officers_area_form_still_renames_areas(client: Any, region: Region, officer: Any) -> None:
    client.force_login(officer)
    url = reverse("registry:edit", args=["areas", "E08000901"])
    response = client.post(
        url,
        {
            "name": "North Town",
            "kind": "unitary",
            "population": "300000",
            "population_year": "2019",
            "constituent": "true",
        },
    )
    assert response.status_code == 302
    assert region.areas.get(code="E08000901").name == "North Town"
