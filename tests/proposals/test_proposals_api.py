"""The proposals API: public reads, token reads of drafts, officer writes, problem details."""

from __future__ import annotations

from typing import Any

import pytest

from remit.core.apikit.auth import token_create
from remit.core.models import Mission
from remit.core.models import Region
from remit.proposals.models import MissionAlignment
from remit.proposals.models import Proposal
from remit.proposals.services import decision_correct
from remit.proposals.services import proposal_route

PROBLEM = "application/problem+json"


def _auth(user: Any) -> dict[str, str]:
    _, key = token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_without_a_token_only_published_proposals_are_listed(
    client: Any, make_proposal: Any
) -> None:
    public = make_proposal(status="in_governance", published=True)
    draft = make_proposal()
    body = client.get("/api/proposals").json()
    assert [p["id"] for p in body["items"]] == [public.pk]
    assert client.get(f"/api/proposals/{draft.pk}").status_code == 404


def test_an_officers_token_reads_drafts_too(client: Any, officer: Any, make_proposal: Any) -> None:
    make_proposal(status="in_governance", published=True)
    make_proposal()
    assert client.get("/api/proposals", **_auth(officer)).json()["count"] == 2


def test_a_partners_token_still_reads_published_only(
    client: Any, partner: Any, make_proposal: Any
) -> None:
    make_proposal()
    assert client.get("/api/proposals", **_auth(partner)).json()["count"] == 0


def test_a_bad_token_is_refused_rather_than_treated_as_anonymous(
    client: Any, make_proposal: Any
) -> None:
    response = client.get("/api/proposals", HTTP_AUTHORIZATION="Bearer rmt_wrong")
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM


def test_lists_filter_by_status_mission_theme_and_form(
    client: Any, officer: Any, make_proposal: Any, region: Region
) -> None:
    a = make_proposal(status="in_governance", form_of_devolution="triple")
    b = make_proposal(workstream="skills")
    MissionAlignment.objects.create(
        proposal=a, mission=Mission.objects.get(region=region, number=7), strength="primary"
    )
    auth = _auth(officer)

    def ids(**query: Any) -> list[int]:
        return [p["id"] for p in client.get("/api/proposals", query, **auth).json()["items"]]

    assert ids(status="in_governance") == [a.pk]
    assert ids(mission=7) == [a.pk]
    assert ids(theme="growth") == [b.pk]
    assert ids(form="triple") == [a.pk]
    assert ids(stage="discover", workstream="skills") == [b.pk]


def test_an_officer_creates_a_proposal_with_a_token(client: Any, officer: Any, deal: Any) -> None:
    response = client.post(
        "/api/proposals",
        {
            "deal": "deal",
            "workstream": "crime",
            "title": "Youth diversion programme",
            "summary": "Divert young people from first offending.",
            "ask_type": "funding",
            "amount_pence": 300_000_000,
            "years_from": "2023/24",
            "years_to": "2025/26",
            "form_of_devolution": "triple",
            "departments": ["home-office", "moj"],
        },
        content_type="application/json",
        **_auth(officer),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["departments"] == ["home-office", "moj"]
    assert body["status"] == "draft"
    proposal = Proposal.all_objects.get(pk=body["id"])
    assert proposal.history.get().history_user == officer


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"workstream": "nope"}, "workstream"),
        ({"years_to": "2020/21"}, "years_to"),
        ({"ask_type": "favours"}, "ask_type"),
        ({"departments": ["opcc"]}, "departments"),
    ],
)
def test_a_bad_proposal_names_the_field(
    client: Any, officer: Any, deal: Any, change: dict[str, Any], field: str
) -> None:
    payload = {
        "deal": "deal",
        "workstream": "crime",
        "title": "T",
        "summary": "S",
        "ask_type": "funding",
        "amount_pence": 1,
        "years_from": "2023/24",
        "years_to": "2023/24",
        "form_of_devolution": "single",
        **change,
    }
    response = client.post(
        "/api/proposals", payload, content_type="application/json", **_auth(officer)
    )
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_writes_need_a_token(client: Any, deal: Any) -> None:
    response = client.post("/api/proposals", {}, content_type="application/json")
    assert response.status_code == 401


def test_a_partner_token_cannot_create(client: Any, partner: Any, deal: Any) -> None:
    response = client.post(
        "/api/proposals",
        {
            "deal": "deal",
            "workstream": "crime",
            "title": "T",
            "summary": "S",
            "ask_type": "powers",
            "form_of_devolution": "single",
        },
        content_type="application/json",
        **_auth(partner),
    )
    assert response.status_code == 403


def test_align_route_and_decide_through_the_api(
    client: Any, officer: Any, make_proposal: Any
) -> None:
    proposal = make_proposal()
    auth = _auth(officer)
    aligned = client.put(
        f"/api/proposals/{proposal.pk}/alignments/11",
        {"strength": "primary", "rationale": "It targets serious violence."},
        content_type="application/json",
        **auth,
    )
    assert aligned.json()["mission"] == 11
    routed = client.post(f"/api/proposals/{proposal.pk}/route", **auth)
    assert routed.json()["forum"] == "slog"

    out_of_turn = client.post(
        f"/api/proposals/{proposal.pk}/decisions",
        {"forum": "fdg", "outcome": "endorsed", "decided_on": "2022-07-01"},
        content_type="application/json",
        **auth,
    )
    assert out_of_turn.status_code == 422
    assert out_of_turn.json()["errors"][0]["field"] == "forum"

    decided = client.post(
        f"/api/proposals/{proposal.pk}/decisions",
        {"outcome": "endorsed", "decided_on": "2022-07-01", "meeting_reference": "SLOG 7"},
        content_type="application/json",
        **auth,
    )
    assert decided.status_code == 201
    assert decided.json()["forum"] == "slog"
    assert client.get(f"/api/proposals/{proposal.pk}/alignments", **auth).json()[0][
        "rationale"
    ] == ("It targets serious violence.")


def test_decisions_list_keeps_corrected_ones_and_names_what_supersedes_them(
    client: Any, officer: Any, make_proposal: Any, decide: Any
) -> None:
    from datetime import date

    proposal = make_proposal(status="draft")
    wrong = decide(proposal_route(by=officer, proposal=proposal), "noted")
    right = decision_correct(
        by=officer, decision=wrong, outcome="endorsed", decided_on=date(2022, 7, 1), note="Typo."
    )
    Proposal.all_objects.filter(pk=proposal.pk).update(
        is_published=True, published_at="2022-08-01T00:00:00Z"
    )
    body = client.get(f"/api/proposals/{proposal.pk}/decisions").json()
    assert [(d["id"], d["supersedes"]) for d in body] == [(wrong.pk, None), (right.pk, wrong.pk)]


def test_deals_are_listed(client: Any, deal: Any) -> None:
    body = client.get("/api/deals").json()
    assert body["items"] == [
        {
            "slug": "deal",
            "name": "Testshire Deal",
            "description": "",
            "route": "deal-route",
            "final_board": "ca-board",
            "final_decision_maker": None,
        }
    ]
    assert client.get("/api/deals/nope").status_code == 404


def test_two_alignment_writes_from_the_same_etag_the_second_is_refused_and_changes_nothing(
    client: Any, officer: Any, make_proposal: Any
) -> None:
    proposal = make_proposal()
    url = f"/api/proposals/{proposal.pk}/alignments/11"
    first = client.put(
        url,
        {"strength": "primary", "rationale": "It targets serious violence."},
        content_type="application/json",
        HTTP_IF_MATCH='"0"',
        **_auth(officer),
    )
    assert first.status_code == 200, first.content
    read = first["ETag"]
    second = client.put(
        url,
        {"strength": "secondary", "rationale": "It helps a little."},
        content_type="application/json",
        HTTP_IF_MATCH=read,
        **_auth(officer),
    )
    assert second.status_code == 200, second.content

    stale = client.put(
        url,
        {"strength": "primary", "rationale": "Hardly at all."},
        content_type="application/json",
        HTTP_IF_MATCH=read,
        **_auth(officer),
    )

    assert stale.status_code == 412
    assert stale["ETag"] == second["ETag"]
    kept = MissionAlignment.objects.get(proposal=proposal, mission__number=11)
    assert kept.rationale == "It helps a little."


def test_aligning_only_if_nobody_has_yet_is_refused_once_someone_has(
    client: Any, officer: Any, make_proposal: Any
) -> None:
    proposal = make_proposal()
    url = f"/api/proposals/{proposal.pk}/alignments/11"
    body = {"strength": "primary", "rationale": "It targets serious violence."}
    assert (
        client.put(
            url, body, content_type="application/json", HTTP_IF_MATCH='"0"', **_auth(officer)
        ).status_code
        == 200
    )
    again = client.put(
        url, body, content_type="application/json", HTTP_IF_MATCH='"0"', **_auth(officer)
    )
    assert again.status_code == 412
