"""The API's contract: no request makes it fail, and its OpenAPI document says what it does."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from ninja import Schema

import remit.api.main  # noqa: F401 - every router imported, so every schema is defined
from remit.core.apikit.auth import token_create
from remit.core.models import Region
from remit.core.models import User

PROBLEM = "application/problem+json"


def _bearer(user: User) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {token_create(user=user, name='test')[1]}"}


def _spec(client: Any) -> dict[str, Any]:
    return client.get("/api/openapi.json").json()  # type: ignore[no-any-return]


# --- item 14: no request makes the API fail -------------------------------------------------


def test_a_page_number_too_large_to_hold_is_refused_naming_the_field(
    client: Any, region: Region
) -> None:
    response = client.get("/api/areas", {"page": str(2**64)})
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    assert [e["field"] for e in response.json()["errors"]] == ["page"]


def test_a_page_past_the_last_is_not_found_and_names_the_last(client: Any, region: Region) -> None:
    response = client.get("/api/areas", {"page": "999999"})
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert "the last page is 1" in response.json()["detail"]
    assert client.get("/api/memberships", {"board": "none", "page": "1"}).status_code == 200


def test_an_unknown_alignment_strength_is_refused_naming_the_field(
    client: Any, officer: User
) -> None:
    response = client.put(
        "/api/proposals/1/alignments/11",
        {"strength": "strongest", "rationale": "Because."},
        content_type="application/json",
        **_bearer(officer),
    )
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    (error,) = response.json()["errors"]
    assert error["field"] == "strength"
    assert "primary, secondary" in error["message"]


@pytest.mark.parametrize(
    ("raw", "what"),
    [('"Safe\\u0000Streets"', "NUL"), ('"Safe \\ud800 Streets"', "surrogate")],
)
def test_text_that_cannot_be_stored_is_refused_naming_the_field(
    client: Any, officer: User, raw: str, what: str
) -> None:
    response = client.patch(
        "/api/organisations/safe-streets",
        '{"name": ' + raw + "}",
        content_type="application/json",
        **_bearer(officer),
    )
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    (error,) = response.json()["errors"]
    assert error["field"] == "name"
    assert what in error["message"]


def test_nul_nested_in_a_body_is_refused_naming_the_field(client: Any, officer: User) -> None:
    response = client.post(
        "/api/agenda-items/1/decisions",
        json.dumps({"summary": "Agreed.", "outcomes": [], "votes": {"chair\x00": "for"}}),
        content_type="application/json",
        **_bearer(officer),
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["votes"]


def test_nul_in_a_query_or_path_parameter_is_refused_naming_it(client: Any, region: Region) -> None:
    query = client.get("/api/people", {"q": "Nia\x00"})
    assert query.status_code == 422
    assert query["Content-Type"] == PROBLEM
    assert [e["field"] for e in query.json()["errors"]] == ["q"]
    path = client.get("/api/organisations/safe%00streets")
    assert path.status_code == 422
    assert [e["field"] for e in path.json()["errors"]] == ["slug"]


def test_an_empty_query_parameter_reads_as_one_not_sent(client: Any, region: Region) -> None:
    assert client.get("/api/meetings", {"since": ""}).status_code == 200
    assert client.get("/api/indicators", {"mission": ""}).status_code == 200
    assert client.get("/api/memberships", {"current": "", "page": ""}).status_code == 200
    assert client.get("/api/proposals", {"status": "", "mission": ""}).status_code == 200


def test_an_unknown_filter_value_is_refused_naming_the_field(client: Any, region: Region) -> None:
    response = client.get("/api/proposals", {"status": "sideways"})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["status"]


def test_a_body_over_the_size_limit_is_a_413_problem(
    client: Any, officer: User, settings: Any
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    response = client.patch(
        "/api/organisations/safe-streets",
        {"name": "x" * 2_000},
        content_type="application/json",
        **_bearer(officer),
    )
    assert response.status_code == 413
    assert response["Content-Type"] == PROBLEM
    assert response.json()["title"] == "Request too large"
    assert "1,000 bytes" in response.json()["detail"]


# --- item 23: unexpected errors are logged ---------------------------------------------------


def test_an_unexpected_error_is_logged_with_its_traceback(
    client: Any, region: Region, caplog: Any, monkeypatch: Any
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the disk is on fire")

    monkeypatch.setattr("remit.core.selectors.area_list", broken)
    monkeypatch.setattr("remit.core.api._region", broken)
    with caplog.at_level(logging.ERROR, logger="remit.api"):
        response = client.get("/api/areas")
    assert response.status_code == 500
    assert response["Content-Type"] == PROBLEM
    assert "the disk is on fire" not in response.content.decode()
    (record,) = [r for r in caplog.records if r.name == "remit.api"]
    assert "GET /api/areas" in record.getMessage()
    assert record.exc_info is not None
    assert "the disk is on fire" in str(record.exc_info[1])


# --- item 15: the OpenAPI document is true ---------------------------------------------------


def _schemas(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        if sub.__module__.startswith("remit."):
            found.append(sub)
        found.extend(_schemas(sub))
    return found


def test_every_api_schema_has_a_name_of_its_own() -> None:
    by_name: dict[str, set[str]] = {}
    for schema in _schemas(Schema):
        by_name.setdefault(schema.__name__, set()).add(f"{schema.__module__}.{schema.__qualname__}")
    shared = {name: sorted(where) for name, where in by_name.items() if len(where) > 1}
    assert shared == {}


def test_meetings_and_forums_decisions_are_documented_apart(client: Any, db: Any) -> None:
    components = _spec(client)["components"]["schemas"]
    assert "MeetingDecisionOut" in components
    assert "ForumDecisionOut" in components
    assert "DecisionOut" not in components
    assert "outcomes" in components["MeetingDecisionOut"]["properties"]
    assert "forum" in components["ForumDecisionOut"]["properties"]


def test_times_are_documented_in_the_form_they_are_sent(client: Any, db: Any) -> None:
    meeting = _spec(client)["components"]["schemas"]["MeetingOut"]["properties"]
    assert "format" not in meeting["start_time"]
    assert meeting["start_time"]["pattern"] == "^[0-2][0-9]:[0-5][0-9]:[0-5][0-9]$"
    indicator = _spec(client)["components"]["schemas"]["IndicatorOut"]["properties"]
    assert {"type": "string", "format": "date-time"} in indicator["refreshed_at"]["anyOf"]


def test_every_operation_declares_the_problems_it_can_answer_with(client: Any, db: Any) -> None:
    spec = _spec(client)
    assert "Problem" in spec["components"]["schemas"]
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            declared = set(operation["responses"])
            assert "404" in declared, where
            if operation.get("parameters") or operation.get("requestBody"):
                assert "422" in declared, where
            if operation.get("security"):
                assert {"401", "403"} <= declared, where
            if method != "get":
                assert {"409", "412", "413"} <= declared, where
            for status in declared - {"200", "201", "204"}:
                content = operation["responses"][status]["content"]
                assert list(content) == [PROBLEM], where


def test_security_is_declared_where_a_token_is_read_and_optional_where_it_is(
    client: Any, db: Any
) -> None:
    spec = _spec(client)
    assert list(spec["components"]["securitySchemes"]) == ["TokenAuth"]
    paths = spec["paths"]
    assert "security" not in paths["/api/areas"]["get"]
    assert paths["/api/bids"]["get"]["security"] == [{"TokenAuth": []}]
    assert paths["/api/funds"]["get"]["security"] == [{"TokenAuth": []}]
    assert paths["/api/proposals"]["get"]["security"] == [{}, {"TokenAuth": []}]
    assert paths["/api/people"]["get"]["security"] == [{}, {"TokenAuth": []}]
    assert paths["/api/organisations/{slug}"]["patch"]["security"] == [{"TokenAuth": []}]


def test_a_null_in_a_patch_leaves_the_field_as_it_is(client: Any, officer: User) -> None:
    response = client.patch(
        "/api/organisations/northton-council",
        {"org_id": None, "website": "https://northton.example"},
        content_type="application/json",
        **_bearer(officer),
    )
    assert response.status_code == 200, response.content
    assert response.json()["org_id"] == "GB-LAE-NTN"
    assert response.json()["website"] == "https://northton.example"


def test_a_whole_number_too_big_to_hold_is_refused_naming_the_field(
    client: Any, region: Region
) -> None:
    query = client.get("/api/indicators", {"mission": str(2**70)})
    assert query.status_code == 422
    assert [e["field"] for e in query.json()["errors"]] == ["mission"]
    path = client.get(f"/api/meetings/{2**70}")
    assert path.status_code == 422
    assert [e["field"] for e in path.json()["errors"]] == ["meeting_id"]
