"""The meetings API: public reads, officer writes through the services, and an unchangeable record."""

from __future__ import annotations

from typing import Any

import pytest
from meetings_support import pdf_bytes
from meetings_support import upload

from remit.core.apikit.auth import token_create
from remit.meetings import services
from remit.meetings.models import Decision
from remit.meetings.models import Minutes

PROBLEM = "application/problem+json"


@pytest.fixture
def token(officer: Any) -> str:
    return token_create(user=officer, name="test")[1]


def auth(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_boards_meetings_are_listed(client: Any, recorded: dict[str, Any], board: Any) -> None:
    body = client.get(f"/api/boards/{board.slug}/meetings").json()
    assert body["count"] == 2
    first = body["items"][0]
    assert first["date"] == "2018-04-24"
    assert first["agenda_published"] is True
    assert first["url"] == f"/published/meetings/{recorded['first'].pk}/"


def test_a_meeting_carries_its_public_agenda(client: Any, recorded: dict[str, Any]) -> None:
    body = client.get(f"/api/meetings/{recorded['first'].pk}").json()
    titles = [(i["number"], i["title"], i["paper"]) for i in body["items"]]
    assert (3, "WMCSP progress update", recorded["paper"].pk) in titles
    assert (4, "Grant to a named provider", None) in titles
    assert client.get(f"/api/meetings/{recorded['second'].pk}/items").json() == []


def test_paper_metadata_and_files(client: Any, recorded: dict[str, Any]) -> None:
    body = client.get(f"/api/papers/{recorded['paper'].pk}").json()
    assert body["recommendations"] == [{"number": 1, "text": "Note the report."}]
    assert client.get(body["pdf"]).content.startswith(b"%PDF-")
    assert client.get(body["docx"]).content.startswith(b"PK")
    hidden = client.get(f"/api/papers/{recorded['private_paper'].pk}")
    assert hidden.status_code == 404
    assert hidden["Content-Type"] == PROBLEM


def test_appendix_files_download(
    client: Any,
    officer: Any,
    meeting: Any,
    write_paper: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    paper = write_paper(meeting)
    services.appendix_add(by=officer, paper=paper, upload=upload("plan.pdf", pdf_bytes(1)))
    services.agenda_publish(by=officer, meeting=meeting)
    with django_capture_on_commit_callbacks(execute=False):
        services.meeting_publish_public(by=officer, meeting=meeting)
    (appendix,) = client.get(f"/api/papers/{paper.pk}").json()["appendices"]
    assert appendix["letter"] == "A"
    response = client.get(appendix["download"])
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_decisions_are_published_without_private_items(
    client: Any, recorded: dict[str, Any]
) -> None:
    body = client.get("/api/decisions").json()
    assert [d["reference"] for d in body["items"]] == ["CSP/D/2018/01"]
    one = client.get(f"/api/decisions/{recorded['decision'].pk}").json()
    assert one["outcomes"] == [{"recommendation": 1, "outcome": "noted", "amended_text": ""}]
    assert client.get(f"/api/decisions/{recorded['private_decision'].pk}").status_code == 404


def test_a_decision_cannot_be_changed_or_deleted_through_the_api(
    client: Any, recorded: dict[str, Any], token: str
) -> None:
    decision = recorded["decision"]
    url = f"/api/decisions/{decision.pk}"
    assert (
        client.patch(
            url, {"summary": "x"}, content_type="application/json", **auth(token)
        ).status_code
        == 405
    )
    assert (
        client.put(
            url, {"summary": "x"}, content_type="application/json", **auth(token)
        ).status_code
        == 405
    )
    assert client.delete(url, **auth(token)).status_code == 405
    again = client.post(
        f"/api/agenda-items/{decision.item_id}/decisions",
        {"summary": "Changed.", "outcomes": [{"recommendation": 1, "outcome": "agreed"}]},
        content_type="application/json",
        **auth(token),
    )
    assert again.status_code == 422
    assert again["Content-Type"] == PROBLEM
    assert "record a correction" in again.json()["detail"]
    assert Decision.objects.get(pk=decision.pk).summary == "The board noted the progress made."


def test_a_correction_through_the_api_supersedes(
    client: Any, recorded: dict[str, Any], token: str
) -> None:
    decision = recorded["decision"]
    response = client.post(
        f"/api/agenda-items/{decision.item_id}/decisions",
        {
            "summary": "Noted, with thanks to partners.",
            "outcomes": [{"recommendation": 1, "outcome": "noted"}],
            "votes": {"commissioner": "for", "northton-rep": "for"},
            "supersedes": decision.reference,
            "correction_reason": "Thanks were minuted.",
        },
        content_type="application/json",
        **auth(token),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["supersedes"] == "CSP/D/2018/01"
    assert {v["person"] for v in body["votes"]} == {"commissioner", "northton-rep"}


def test_writing_needs_a_token(client: Any, recorded: dict[str, Any]) -> None:
    response = client.post(
        f"/api/agenda-items/{recorded['decision'].item_id}/decisions",
        {"summary": "x", "outcomes": []},
        content_type="application/json",
    )
    assert response.status_code == 401


def test_approved_minutes_cannot_be_changed_through_the_api(
    client: Any, recorded: dict[str, Any], token: str
) -> None:
    url = f"/api/meetings/{recorded['first'].pk}/minutes"
    assert client.get(url).json()["status"] == "approved"
    response = client.put(
        url, {"body": "Rewritten."}, content_type="application/json", **auth(token)
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {
            "field": "body",
            "message": "These minutes were approved on 24 July 2018 and cannot be changed.",
        }
    ]
    assert client.delete(url, **auth(token)).status_code == 405
    assert Minutes.objects.get(pk=recorded["minutes"].pk).body == "The board met at Lloyd House."


def test_the_openapi_document_lists_the_meetings_endpoints(client: Any, db: Any) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/boards/{slug}/meetings",
        "/api/papers/{paper_id}",
        "/api/decisions",
        "/api/agenda-items/{item_id}/decisions",
    ):
        assert path in paths


def test_papers_are_listed_published_only_newest_first_and_paginated(
    client: Any, recorded: dict[str, Any], board: Any
) -> None:
    body = client.get("/api/papers").json()
    assert body["count"] == 1
    (paper,) = body["items"]
    assert paper["id"] == recorded["paper"].pk
    assert paper["recommendations"] == [{"number": 1, "text": "Note the report."}]
    assert recorded["private_paper"].pk not in {p["id"] for p in body["items"]}
    assert client.get("/api/papers", {"page": "2"}).status_code == 404


def test_papers_filter_by_board_meeting_and_publication_day(
    client: Any, recorded: dict[str, Any], board: Any
) -> None:
    first, second = recorded["first"], recorded["second"]

    def ids(**query: Any) -> list[int]:
        return [p["id"] for p in client.get("/api/papers", query).json()["items"]]

    paper = recorded["paper"].pk
    assert ids(board=board.slug) == [paper]
    assert ids(board="no-such-board") == []
    assert ids(meeting=first.pk) == [paper]
    assert ids(meeting=second.pk) == []
    assert ids(published_since="2018-04-10") == [paper]
    assert ids(published_since="2018-04-11") == []
