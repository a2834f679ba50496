"""The business case API: the public reads approved summaries, a token reads what its holder may
see, and officers send appraisal inputs as YAML."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from remit.appraisal import services
from remit.appraisal.case_file import load_case
from remit.appraisal.models import AppraisalRun
from remit.appraisal.models import BusinessCase
from remit.appraisal.models import Section
from remit.appraisal.workflow import SectionKind
from remit.core.apikit.auth import token_create
from remit.core.models import Board
from remit.core.models import Region
from remit.core.models import Role

PROBLEM = "application/problem+json"
CASE_YAML = """\
base_year: 2025
options:
  - name: Business as usual
    counterfactual: true
    revenue: {2025: 100000, 2026: 100000}
  - name: Unit
    revenue: {2025: 80000, 2026: 90000}
    benefits:
      reduced harm: {2025: 60000, 2026: 300000}
"""


@pytest.fixture
def cases(region: Region, officer: Any) -> dict[str, BusinessCase]:
    found = {}
    for title in ("Approved case", "Draft case"):
        case = services.business_case_create(by=officer, region=region, data={"title": title})
        services.section_update(
            by=officer,
            section=Section.objects.get(business_case=case, kind=SectionKind.COMMERCIAL),
            data={"text": "Commercial in confidence."},
        )
        services.appraisal_record(by=officer, case=case, inputs=load_case(CASE_YAML), source="yaml")
        found[title] = case
    approved = found["Approved case"]
    for section in Section.objects.filter(business_case=approved):
        for target in ("drafting", "ready_for_review", "approved"):
            section.refresh_from_db()
            if section.status != target and section.status != "approved":
                services.section_move(by=officer, section=section, target=target)
    services.approval_decision_record(
        by=officer,
        case=approved,
        data={
            "board": Board.objects.get(slug="csp"),
            "outcome": "approved",
            "decided_on": date(2025, 3, 18),
        },
    )
    return found


def _bearer(user: Any) -> dict[str, str]:
    _, key = token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_the_public_lists_approved_cases_only(client: Any, cases: dict[str, Any]) -> None:
    body = client.get("/api/business-cases").json()
    assert [item["title"] for item in body["items"]] == ["Approved case"]
    assert body["items"][0]["approval"]["board"] == "csp"


def test_the_public_summary_leaves_out_the_commercial_case_and_risks(
    client: Any, cases: dict[str, Any]
) -> None:
    body = client.get(f"/api/business-cases/{cases['Approved case'].pk}").json()
    assert [s["kind"] for s in body["sections"]] == [
        "strategic",
        "economic",
        "financial",
        "management",
    ]
    assert body["risks"] is None
    assert "Commercial in confidence." not in str(body)


def test_a_draft_is_not_found_by_the_public(client: Any, cases: dict[str, Any]) -> None:
    response = client.get(f"/api/business-cases/{cases['Draft case'].pk}/appraisal")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


def test_the_public_appraisal_is_the_one_the_board_approved(
    client: Any, cases: dict[str, Any], officer: Any
) -> None:
    approved = cases["Approved case"]
    services.appraisal_record(
        by=officer,
        case=approved,
        inputs=load_case(CASE_YAML.replace("300000", "1")),
        source="yaml",
    )
    public = client.get(f"/api/business-cases/{approved.pk}/appraisal").json()
    assert public["run"] == 1
    latest = client.get(f"/api/business-cases/{approved.pk}/appraisal", **_bearer(officer)).json()
    assert latest["run"] == 2
    assert latest["result"] == AppraisalRun.objects.get(business_case=approved, number=2).result


def test_a_token_reads_drafts_in_full_with_every_run(
    client: Any, cases: dict[str, Any], make_user: Any
) -> None:
    headers = _bearer(make_user(Role.ANALYST))
    items = client.get("/api/business-cases", **headers).json()["items"]
    assert {item["title"] for item in items} == {"Approved case", "Draft case"}
    draft = cases["Draft case"]
    body = client.get(f"/api/business-cases/{draft.pk}", **headers).json()
    assert body["sections"][2] == {
        "kind": "commercial",
        "status": "drafting",
        "text": "Commercial in confidence.",
        "objectives": "",
    }
    runs = client.get(f"/api/business-cases/{draft.pk}/appraisal/runs", **headers).json()
    run = client.get(f"/api/business-cases/{draft.pk}/appraisal/runs/1", **headers).json()
    assert runs[0]["inputs_sha256"] == run["inputs_sha256"]
    assert load_case(run["inputs_yaml"]).options[1].name == "Unit"


def test_a_bad_token_is_refused_rather_than_read_as_the_public(
    client: Any, cases: dict[str, Any]
) -> None:
    response = client.get("/api/business-cases", HTTP_AUTHORIZATION="Bearer nope")
    assert response.status_code == 401


def test_an_officer_sends_inputs_and_the_same_inputs_again_change_nothing(
    client: Any, cases: dict[str, Any], officer: Any
) -> None:
    draft = cases["Draft case"]
    url = f"/api/business-cases/{draft.pk}/appraisal/inputs"
    changed = CASE_YAML.replace("300000", "400000")
    headers = _bearer(officer)
    first = client.put(url, changed, content_type="application/yaml", **headers)
    assert first.status_code == 200, first.content
    assert (first.json()["run"], first.json()["source"], first.json()["created"]) == (
        2,
        "api",
        True,
    )
    again = client.put(url, changed, content_type="application/yaml", **headers).json()
    assert (again["run"], again["created"]) == (2, False)


def test_bad_inputs_are_a_problem_naming_the_path_and_change_nothing(
    client: Any, cases: dict[str, Any], officer: Any
) -> None:
    draft = cases["Draft case"]
    response = client.put(
        f"/api/business-cases/{draft.pk}/appraisal/inputs",
        CASE_YAML.replace("2026: 90000", "2024: 90000"),
        content_type="application/yaml",
        **_bearer(officer),
    )
    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    assert response.json()["errors"] == [
        {"field": "options[1].revenue.2024", "message": "year is before base_year 2025"}
    ]
    assert AppraisalRun.objects.filter(business_case=draft).count() == 1


def test_inputs_must_be_sent_as_yaml(client: Any, cases: dict[str, Any], officer: Any) -> None:
    response = client.put(
        f"/api/business-cases/{cases['Draft case'].pk}/appraisal/inputs",
        {"yaml": CASE_YAML},
        content_type="application/json",
        **_bearer(officer),
    )
    assert response.status_code == 422
    assert "application/yaml" in response.json()["detail"]


def test_only_those_who_may_edit_send_inputs(
    client: Any, cases: dict[str, Any], make_user: Any
) -> None:
    url = f"/api/business-cases/{cases['Draft case'].pk}/appraisal/inputs"
    member = client.put(
        url, CASE_YAML, content_type="application/yaml", **_bearer(make_user(Role.BOARD_MEMBER))
    )
    assert member.status_code == 403
    anonymous = client.put(url, CASE_YAML, content_type="application/yaml")
    assert anonymous.status_code == 401


def test_the_public_read_the_approved_appraisal_run_of_a_published_case(
    client: Any, cases: dict[str, Any], officer: Any
) -> None:
    approved = cases["Approved case"]
    services.appraisal_record(
        by=officer,
        case=approved,
        inputs=load_case(CASE_YAML.replace("300000", "1")),
        source="yaml",
    )
    assert client.get(f"/api/business-cases/{approved.pk}").status_code == 200
    runs = client.get(f"/api/business-cases/{approved.pk}/appraisal/runs")
    assert runs.status_code == 200
    assert [(r["run"], r["created_by"]) for r in runs.json()] == [(1, None)]
    run = client.get(f"/api/business-cases/{approved.pk}/appraisal/runs/1").json()
    assert run["inputs_yaml"] is None
    assert (
        run["result"] == client.get(f"/api/business-cases/{approved.pk}/appraisal").json()["result"]
    )
    assert client.get(f"/api/business-cases/{approved.pk}/appraisal/runs/2").status_code == 404
    draft = cases["Draft case"]
    assert client.get(f"/api/business-cases/{draft.pk}/appraisal/runs").status_code == 404
