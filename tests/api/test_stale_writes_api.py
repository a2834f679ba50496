"""No lost updates on the API: a read carries the record's version as its ETag, and a write
sent with `If-Match` for a version someone else has moved on from is refused with 412."""

from __future__ import annotations

from typing import Any

from remit.core.apikit.auth import token_create
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region

PROBLEM = "application/problem+json"


def _patch(client: Any, url: str, data: dict[str, Any], key: str, etag: str | None) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    if etag is not None:
        headers["HTTP_IF_MATCH"] = etag
    return client.patch(url, data, content_type="application/json", **headers)


def test_two_api_writes_from_the_same_etag_the_second_is_refused_and_changes_nothing(
    client: Any, officer: Any, region: Region
) -> None:
    _, key = token_create(user=officer, name="test")
    url = "/api/organisations/safe-streets"
    etag = client.get(url)["ETag"]
    assert etag == client.get(url)["ETag"]

    first = _patch(client, url, {"name": "Safe Streets North"}, key, etag)
    assert first.status_code == 200, first.content
    assert first["ETag"] != etag

    second = _patch(client, url, {"website": "https://safe.example"}, key, etag)

    assert second.status_code == 412
    assert second["Content-Type"] == PROBLEM
    assert second["ETag"] == first["ETag"]
    body = second.json()
    assert "Someone else changed this organisation" in body["detail"]
    assert body["errors"] == [
        {"field": "Name", "message": "Safe Streets Trust → Safe Streets North"}
    ]
    stored = Organisation.objects.get(slug="safe-streets")
    assert (stored.name, stored.website) == ("Safe Streets North", "")


def test_an_api_write_with_the_current_etag_goes_through(
    client: Any, officer: Any, region: Region
) -> None:
    _, key = token_create(user=officer, name="test")
    url = "/api/people/trust-lead"
    # Someone without a board seat is read with a token, as on the registry's pages.
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    response = _patch(
        client, url, {"job_title": "Director"}, key, client.get(url, **bearer)["ETag"]
    )
    assert response.status_code == 200, response.content
    assert response["ETag"] == client.get(url, **bearer)["ETag"]
    assert Person.objects.get(slug="trust-lead").job_title == "Director"


def test_an_etag_the_api_never_gave_is_refused(client: Any, officer: Any, region: Region) -> None:
    _, key = token_create(user=officer, name="test")
    response = _patch(client, "/api/people/trust-lead", {"job_title": "X"}, key, '"nonsense"')
    assert response.status_code == 412
    assert Person.objects.get(slug="trust-lead").job_title == ""
