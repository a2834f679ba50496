"""The fund's API: published grants for anyone; funds, rounds and own bids by token."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from funding_support import awarded
from funding_support import draft
from funding_support import ready

from remit.core.apikit.auth import token_create
from remit.core.models import User
from remit.funding import services
from remit.funding.models import Bid
from remit.funding.models import Fund
from remit.funding.models import Round
from remit.funding.workflow import BidStatus


def _auth(user: User) -> dict[str, str]:
    _, key = token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_funds_show_their_envelopes(client: Any, fund: Fund, officer: User) -> None:
    yaml_text = (
        "budget: 100000.00\nweights: {population: 1}\nareas:\n"
        "  - {code: E08000901, name: Northton, population: 3}\n"
        "  - {code: E08000902, name: Southby, population: 1}\n"
    )
    scenario = services.scenario_create(by=officer, fund=fund, name="Need", yaml_text=yaml_text)
    services.scenario_adopt(
        by=officer, scenario=scenario, reasons="Yes.", decided_on=date(2018, 1, 1)
    )
    headers = _auth(officer)
    listing = client.get("/api/funds", **headers).json()
    assert listing[0]["budget_pence"] == 10_000_000
    detail = client.get(f"/api/funds/{fund.slug}", **headers).json()
    assert detail["adopted_scenario"] == "Need"
    assert [e["total_pence"] for e in detail["envelopes"]] == [7_500_000, 2_500_000]


def test_rounds_show_their_questions_and_criteria(
    client: Any, open_round: Round, partner: User
) -> None:
    headers = _auth(partner)
    data = client.get(f"/api/rounds/{open_round.pk}", **headers).json()
    assert data["state"] == "open"
    assert data["years"] == ["2018/19", "2019/20"]
    assert [c["weight"] for c in data["criteria"]] == ["3.00", "2.00"]
    rounds = client.get(f"/api/funds/{open_round.fund.slug}/rounds", **headers).json()
    assert rounds[0]["id"] == open_round.pk


def test_only_published_grants_are_listed(
    client: Any, make_bid: Any, officer: User, commissioner: User, other_partner: User
) -> None:
    grant = ready(awarded(make_bid, officer, commissioner), officer)
    hidden = awarded(make_bid, officer, commissioner, by=other_partner, title="Hidden")
    items = client.get("/api/grants").json()["items"]
    assert [g["identifier"] for g in items] == [f"360G-opcc-{grant.pk}"]
    assert client.get(f"/api/grants/{hidden.pk}").status_code == 404


def test_a_partner_drafts_and_submits_its_own_bid_with_a_token(
    client: Any, open_round: Round, partner: User, other_partner: User
) -> None:
    headers = _auth(partner)
    question = open_round.questions.get()
    created = client.post(
        f"/api/rounds/{open_round.pk}/bids",
        {
            "title": "Safer routes home",
            "summary": "Walking people home.",
            "lead_area": "E08000901",
            "priorities": ["Safer streets"],
            "amounts_pence": {"2018/19": 500_000},
            "answers": {str(question.pk): "Because."},
        },
        content_type="application/json",
        **headers,
    )
    assert created.status_code == 201, created.content
    bid_id = created.json()["id"]
    services.outcome_add(
        by=partner, bid=Bid.all_objects.get(pk=bid_id), data={"outcome": "o", "measure": "m"}
    )
    theirs = draft(open_round, other_partner, title="Theirs")
    listing = client.get("/api/bids", **headers).json()["items"]
    assert [b["id"] for b in listing] == [bid_id]
    assert client.get(f"/api/bids/{theirs.pk}", **headers).status_code == 404
    submitted = client.post(f"/api/bids/{bid_id}/submit", **headers)
    assert submitted.json()["status"] == BidStatus.SUBMITTED


def test_bad_api_input_names_the_field(client: Any, open_round: Round, partner: User) -> None:
    response = client.post(
        f"/api/rounds/{open_round.pk}/bids",
        {"title": "X", "lead_area": "E09999999"},
        content_type="application/json",
        **_auth(partner),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "lead_area"
    assert not Bid.all_objects.exists()


@pytest.mark.parametrize("path", ["/api/bids", "/api/bids/1"])
def test_bids_need_a_token(client: Any, db: Any, path: str) -> None:
    assert client.get(path).status_code == 401


def test_the_openapi_document_lists_the_fund(client: Any, db: Any) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/funds", "/api/grants", "/api/bids", "/api/rounds/{pk}/bids"} <= set(paths)


def test_two_api_bid_edits_from_the_same_etag_the_second_is_refused_and_changes_nothing(
    client: Any, open_round: Round, partner: User
) -> None:
    bid = draft(open_round, partner)
    headers = _auth(partner)
    etag = client.get(f"/api/bids/{bid.pk}", **headers)["ETag"]
    first = client.patch(
        f"/api/bids/{bid.pk}",
        {"title": "Safer routes home"},
        content_type="application/json",
        HTTP_IF_MATCH=etag,
        **headers,
    )
    assert first.status_code == 200, first.content

    second = client.patch(
        f"/api/bids/{bid.pk}",
        {"summary": "Walking people home."},
        content_type="application/json",
        HTTP_IF_MATCH=etag,
        **headers,
    )

    assert second.status_code == 412
    assert second.json()["errors"] == [
        {"field": "Project title", "message": "A draft → Safer routes home"}
    ]
    stored = Bid.all_objects.get(pk=bid.pk)
    assert (stored.title, stored.summary) == ("Safer routes home", "")
