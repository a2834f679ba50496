"""Business cases and their appraisals over the API.

Anyone reads the approved summaries (what the board decided on; no commercial case or risks).
A bearer token of someone who may see drafts (officers, board members, analysts) reads every
case in full. Officers, and a case's owner, send new appraisal inputs as YAML.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from typing import Any

from django.http import Http404
from django.http import HttpRequest
from ninja import Field
from ninja import Router
from ninja import Schema
from ninja.errors import HttpError

from remit.appraisal import permissions
from remit.appraisal import selectors
from remit.appraisal import services
from remit.appraisal.models import AppraisalRun
from remit.appraisal.models import BusinessCase
from remit.appraisal.selectors import PUBLIC_SECTIONS
from remit.core.apikit.auth import TOKEN
from remit.core.apikit.auth import TOKEN_OR_PUBLIC
from remit.core.apikit.pagination import Built
from remit.core.apikit.pagination import paginated
from remit.core.apikit.region import api_region
from remit.core.errors import DomainError

router = Router(tags=["business cases"])

YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/plain")
MAX_INPUTS_BYTES = 2_000_000


class ApprovalOut(Schema):
    board: str
    board_name: str
    stage: str
    outcome: str
    decided_on: date
    minute_reference: str
    conditions: str


class CaseMissionOut(Schema):
    number: int
    short_title: str


class SectionOut(Schema):
    kind: str
    status: str | None
    text: str
    objectives: str


class FundingOut(Schema):
    source: str
    year: int
    amount_pence: int


class MilestoneOut(Schema):
    title: str
    due_on: date
    achieved_on: date | None


class RiskOut(Schema):
    title: str
    owner: str | None
    likelihood: int
    impact: int
    score: int
    mitigation: str


class BusinessCaseItem(Schema):
    id: int
    title: str
    stage: str
    published: bool
    approval: ApprovalOut | None


class BusinessCaseOut(BusinessCaseItem):
    summary: str
    owner: str | None
    proposal_id: int | None
    missions: list[CaseMissionOut]
    preferred_option: str
    sections: list[SectionOut]
    funding: list[FundingOut]
    milestones: list[MilestoneOut]
    risks: list[RiskOut] | None
    appraisal_run: int | None


class AppraisalOut(Schema):
    run: int
    inputs_sha256: str
    created_at: datetime | None
    result: dict[str, Any]


class RunOut(Schema):
    run: int
    source: str
    note: str
    inputs_sha256: str
    created_at: datetime
    created_by: str | None


class RecordedOut(RunOut):
    created: bool


class RunDetailOut(RunOut):
    inputs_yaml: str | None = Field(
        ..., description="The case file appraised; null for the public, who see the result."
    )
    result: dict[str, Any]


def _case(request: HttpRequest, case_id: int) -> tuple[BusinessCase, bool]:
    """The case and whether this caller sees it in full; 404 if it sees nothing."""
    case = selectors.find_case(api_region(), case_id)
    if case is None:
        raise Http404(f"No business case {case_id}.")
    if permissions.can_view_case(request.auth, case):  # type: ignore[attr-defined]
        return case, True
    if permissions.can_view_published(request.auth, case):  # type: ignore[attr-defined]
        return case, False
    raise Http404(f"No business case {case_id}.")


def _approval(case: BusinessCase) -> dict[str, Any] | None:
    decision = case.approved_decision
    if decision is None:
        return None
    return {
        "board": decision.board.slug,
        "board_name": decision.board.name,
        "stage": decision.stage,
        "outcome": decision.outcome,
        "decided_on": decision.decided_on,
        "minute_reference": decision.minute_reference,
        "conditions": decision.conditions,
    }


def _item(case: BusinessCase, full: bool) -> dict[str, Any]:
    decision = case.approved_decision
    public_title = decision.snapshot.get("title", case.title) if decision else case.title
    return {
        "id": case.pk,
        "title": case.title if full else public_title,
        "stage": case.stage if full or decision is None else decision.stage,
        "published": decision is not None,
        "approval": _approval(case),
    }


@router.get(
    "/business-cases",
    response=list[BusinessCaseItem],
    auth=TOKEN_OR_PUBLIC,
    summary="Business cases: the approved ones, or all a token's holder may see",
)
@paginated
def business_cases(request: HttpRequest) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    return Built(
        selectors.case_list(api_region(), user),
        lambda case: _item(case, bool(permissions.can_view_case(user, case))),
    )


@router.get("/business-cases/{case_id}", response=BusinessCaseOut, auth=TOKEN_OR_PUBLIC)
def business_case(request: HttpRequest, case_id: int) -> dict[str, Any]:
    case, full = _case(request, case_id)
    if not full:
        return _published(case)
    page = selectors.case_page(case.region, case.pk)
    assert page is not None  # noqa: S101 - found just above
    return {
        **_item(case, True),
        "summary": case.summary,
        "owner": str(case.owner) if case.owner else None,
        "proposal_id": case.proposal_id,
        "missions": [{"number": m.number, "short_title": m.short_title} for m in page.missions],
        "preferred_option": case.preferred_option,
        "sections": [
            {
                "kind": section.kind,
                "status": section.status,
                "text": section.text,
                "objectives": section.objectives,
            }
            for section in page.sections
        ],
        "funding": [
            {"source": line.source, "year": line.year, "amount_pence": line.amount_pence}
            for line in page.funding
        ],
        "milestones": [
            {"title": m.title, "due_on": m.due_on, "achieved_on": m.achieved_on}
            for m in page.milestones
        ],
        "risks": [
            {
                "title": risk.title,
                "owner": str(risk.owner) if risk.owner else None,
                "likelihood": risk.likelihood,
                "impact": risk.impact,
                "score": risk.score,
                "mitigation": risk.mitigation,
            }
            for risk in page.risks
        ],
        "appraisal_run": page.run.number if page.run else None,
    }


def _published(case: BusinessCase) -> dict[str, Any]:
    decision = case.approved_decision
    assert decision is not None  # noqa: S101 - only published cases come here
    snapshot = decision.snapshot
    sections = snapshot.get("sections", {})
    return {
        **_item(case, False),
        "summary": snapshot.get("summary", ""),
        "owner": snapshot.get("owner"),
        "proposal_id": None,
        "missions": snapshot.get("missions", []),
        "preferred_option": snapshot.get("preferred_option", ""),
        "sections": [
            {
                "kind": kind.value,
                "status": None,
                "text": sections.get(kind.value, {}).get("text", ""),
                "objectives": sections.get(kind.value, {}).get("objectives", ""),
            }
            for kind in PUBLIC_SECTIONS
        ],
        "funding": snapshot.get("funding", []),
        "milestones": snapshot.get("milestones", []),
        "risks": None,
        "appraisal_run": snapshot.get("appraisal_run"),
    }


@router.get(
    "/business-cases/{case_id}/appraisal",
    response=AppraisalOut,
    auth=TOKEN_OR_PUBLIC,
    summary="The appraisal: the latest, or for the public the one the board approved",
)
def appraisal(request: HttpRequest, case_id: int) -> dict[str, Any]:
    case, full = _case(request, case_id)
    if full:
        run = selectors.latest_run(case)
        if run is None:
            raise Http404("This business case has no appraisal yet.")
        return {
            "run": run.number,
            "inputs_sha256": run.inputs_sha256,
            "created_at": run.created_at,
            "result": run.result,
        }
    snapshot = case.approved_decision.snapshot if case.approved_decision else {}
    if not snapshot.get("appraisal"):
        raise Http404("No appraisal was before the board.")
    return {
        "run": snapshot["appraisal_run"],
        "inputs_sha256": snapshot["inputs_sha256"],
        "created_at": None,
        "result": snapshot["appraisal"],
    }


def _run_out(run: AppraisalRun) -> dict[str, Any]:
    return {
        "run": run.number,
        "source": run.source,
        "note": run.note,
        "inputs_sha256": run.inputs_sha256,
        "created_at": run.created_at,
        "created_by": run.created_by.username if run.created_by else None,
    }


def _full_case(request: HttpRequest, case_id: int) -> BusinessCase:
    case, full = _case(request, case_id)
    if not full:
        raise Http404(f"No business case {case_id}.")
    return case


def _approved_run(case: BusinessCase) -> AppraisalRun | None:
    """The appraisal the board approved the case on: all of its runs the public may read."""
    decision = case.approved_decision
    return decision.appraisal_run if decision is not None else None


def _public_run_out(run: AppraisalRun) -> dict[str, Any]:
    return {**_run_out(run), "note": "", "created_by": None}


@router.get(
    "/business-cases/{case_id}/appraisal/runs",
    response=list[RunOut],
    auth=TOKEN_OR_PUBLIC,
    summary="Appraisals of a case: every one, or for the public the one the board approved",
)
def appraisal_runs(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    """Every appraisal of the case, newest first, with the hash of its inputs."""
    case, full = _case(request, case_id)
    if full:
        return [_run_out(run) for run in selectors.runs(case)]
    approved = _approved_run(case)
    return [_public_run_out(approved)] if approved else []


@router.get(
    "/business-cases/{case_id}/appraisal/runs/{number}",
    response=RunDetailOut,
    auth=TOKEN_OR_PUBLIC,
)
def appraisal_run(request: HttpRequest, case_id: int, number: int) -> dict[str, Any]:
    """For the public, the approved appraisal's result without its input file."""
    case, full = _case(request, case_id)
    if not full:
        approved = _approved_run(case)
        snapshot = case.approved_decision.snapshot if case.approved_decision else {}
        if approved is None or approved.number != number or not snapshot.get("appraisal"):
            raise Http404(f"No appraisal {number}.")
        return {**_public_run_out(approved), "inputs_yaml": None, "result": snapshot["appraisal"]}
    run = (
        AppraisalRun.objects.filter(business_case=case, number=number)
        .select_related("created_by")
        .first()
    )
    if run is None:
        raise Http404(f"No appraisal {number}.")
    return {**_run_out(run), "inputs_yaml": run.inputs_yaml, "result": run.result}


@router.put(
    "/business-cases/{case_id}/appraisal/inputs",
    response=RecordedOut,
    auth=TOKEN,
    summary="Replace the appraisal inputs with a YAML case file",
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "The case file, as `remit appraise` reads it.",
            "content": {"application/yaml": {"schema": {"type": "string"}}},
        }
    },
)
def appraisal_inputs(request: HttpRequest, case_id: int) -> dict[str, Any]:
    """Appraised at once; `created` is false when the inputs equal the latest run's."""
    case = _full_case(request, case_id)
    kind = request.content_type or ""
    if kind not in YAML_TYPES:
        raise DomainError(
            f"Send the case file as application/yaml, not {kind or 'no content type'}.",
            field="body",
        )
    if len(request.body) > MAX_INPUTS_BYTES:
        raise HttpError(413, f"Send a case file of at most {MAX_INPUTS_BYTES:,} bytes.")
    try:
        text = request.body.decode("utf-8")
    except UnicodeDecodeError:
        raise DomainError("The case file is not UTF-8 text.", field="body") from None
    recorded = services.appraisal_text_upload(by=request.auth, case=case, text=text)  # type: ignore[attr-defined]
    return {**_run_out(recorded.run), "created": recorded.created}
