"""GET /api/search: the same search over HTTP; without a token, published records only."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from remit.core.apikit.auth import token_create
from remit.core.models import User

pytestmark = pytest.mark.django_db


def _bearer(user: User) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user, name='test')[1]}"}


def test_without_a_token_only_published_records_are_found(
    client: Client, world: dict[str, Any]
) -> None:
    body = client.get("/api/search", {"q": "harbour", "kind": "paper"}).json()
    assert body["count"] == 1
    (item,) = body["items"]
    assert item == {
        "kind": "paper",
        "id": world["public"].pk,
        "title": "Harbour safety plan",
        "date": "2030-04-23",
        "url": reverse("meetings_public:paper", args=[world["public"].pk]),
    }


def test_a_token_finds_what_its_holder_may_open(
    client: Client, world: dict[str, Any], users: dict[str, User]
) -> None:
    body = client.get(
        "/api/search", {"q": "harbour", "kind": "paper"}, **_bearer(users["officer"])
    ).json()
    assert body["count"] == 4
    assert {item["url"] for item in body["items"]} == {
        reverse("meetings:paper", args=[world[name].pk])
        for name in ("public", "members", "private", "draft")
    }


def test_results_are_paginated(
    client: Client, world: dict[str, Any], users: dict[str, User]
) -> None:
    auth = _bearer(users["officer"])
    first = client.get("/api/search", {"q": "harbour", "page_size": 3}, **auth).json()
    assert first["count"] == 8
    assert len(first["items"]) == 3
    assert client.get("/api/search", {"q": "harbour", "page": 9}, **auth).status_code == 404


def test_an_unknown_kind_is_refused_naming_the_field(client: Client, world: dict[str, Any]) -> None:
    response = client.get("/api/search", {"q": "harbour", "kind": "spaceship"})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["kind"]


def test_search_syntax_finds_nothing_and_fails_nothing(
    client: Client, world: dict[str, Any]
) -> None:
    response = client.get("/api/search", {"q": '"(NEAR* -'})
    assert response.status_code == 200
    assert response.json() == {"count": 0, "items": []}


def test_the_openapi_document_declares_the_search(client: Client) -> None:
    spec = client.get("/api/openapi.json").json()
    operation = spec["paths"]["/api/search"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"q", "kind", "board", "mission", "date_from", "date_to", "order", "page"} <= names
