"""The registry API: public reads, token writes, pagination, and problem details for errors."""

from __future__ import annotations

from typing import Any

import pytest

from remit.core.apikit.auth import token_create
from remit.core.models import Area
from remit.core.models import Organisation
from remit.core.models import Region

PROBLEM = "application/problem+json"


def test_areas_are_listed_with_pagination(client: Any, region: Region) -> None:
    body = client.get("/api/areas").json()
    assert body["count"] == 2
    assert [a["code"] for a in body["items"]] == ["E08000901", "E08000902"]


def test_areas_say_their_police_forces_and_whether_they_are_for_comparison(
    client: Any, region: Region
) -> None:
    Area.objects.filter(code="E08000901").update(forces=["west-midlands"])
    Area.objects.filter(code="E08000902").update(forces=["staffordshire"], context=True)

    listed = client.get("/api/areas").json()["items"]
    one = client.get("/api/areas/E08000902").json()

    assert [(a["code"], a["forces"], a["context"]) for a in listed] == [
        ("E08000901", ["west-midlands"], False),
        ("E08000902", ["staffordshire"], True),
    ]
    assert (one["forces"], one["context"]) == (["staffordshire"], True)


def test_organisations_list_every_area_they_serve(
    client: Any, region: Region, django_assert_max_num_queries: Any
) -> None:
    serving = Organisation.objects.create(
        region=region, slug="fire-service", name="Testshire Fire", kind="fire_and_rescue"
    )
    serving.areas_served.set(region.areas.all())

    with django_assert_max_num_queries(4):
        listed = {o["slug"]: o for o in client.get("/api/organisations").json()["items"]}
    one = client.get("/api/organisations/fire-service").json()

    assert listed["fire-service"]["areas_served"] == ["E08000901", "E08000902"]
    assert one["areas_served"] == ["E08000901", "E08000902"]
    assert all(o["areas_served"] == [] for slug, o in listed.items() if slug != "fire-service")


def test_board_memberships_filter_by_board(client: Any, region: Region) -> None:
    body = client.get("/api/memberships", {"board": "csp"}).json()
    assert {m["person"] for m in body["items"]} == {"commissioner", "northton-rep"}


def test_unknown_organisation_is_a_problem_document(client: Any, region: Region) -> None:
    response = client.get("/api/organisations/nope")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json()["title"] == "Not found"


def test_write_without_a_token_is_refused(client: Any, region: Region) -> None:
    response = client.patch(
        "/api/organisations/safe-streets",
        {"website": "https://x.example"},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM


def test_officer_token_writes_and_the_history_says_who(client: Any, officer: Any) -> None:
    _, key = token_create(user=officer, name="test")
    response = client.patch(
        "/api/organisations/safe-streets",
        {"website": "https://safe.example"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 200, response.content
    org = Organisation.objects.get(slug="safe-streets")
    assert org.website == "https://safe.example"
    assert org.history.latest().history_user == officer


def test_partner_token_cannot_write_another_organisation(client: Any, partner: Any) -> None:
    _, key = token_create(user=partner, name="test")
    response = client.patch(
        "/api/organisations/northton-council",
        {"name": "Mine now"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 403
    assert response.json()["detail"] == "Partners can only edit their own organisation."


@pytest.mark.parametrize(
    ("payload", "field"),
    [({"website": "not a url"}, "website"), ({"name": 12}, "name")],
)
def test_invalid_write_names_the_field(
    client: Any, officer: Any, payload: dict[str, Any], field: str
) -> None:
    _, key = token_create(user=officer, name="test")
    response = client.patch(
        "/api/organisations/safe-streets",
        payload,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_openapi_document_is_served(client: Any, db: Any) -> None:
    spec = client.get("/api/openapi.json").json()
    assert spec["info"]["title"] == "Remit API"
    assert "/api/organisations/{slug}" in spec["paths"]
