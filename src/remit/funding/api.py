"""The fund's API: published grants for anyone; funds, rounds and bids with a token.

Funds and rounds are read with a token because their pages are for people signed in; the
public see the fund's published grants, as on the public grants pages.

Writes go through the same services as the pages, so the same rules and history apply.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from typing import Any

from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from ninja import Field
from ninja import Router
from ninja import Schema
from ninja import Status

from remit.core.apikit import versions
from remit.core.apikit.auth import TOKEN
from remit.core.apikit.inputs import Input
from remit.core.apikit.pagination import Built
from remit.core.apikit.pagination import paginated
from remit.core.apikit.region import api_region
from remit.core.errors import DomainError
from remit.core.models import Region
from remit.funding import permissions
from remit.funding import selectors
from remit.funding import services
from remit.funding.models import Bid
from remit.funding.models import Fund
from remit.funding.models import Grant
from remit.funding.models import Round

router = Router(tags=["funding"])


class EnvelopeOut(Schema):
    code: str
    name: str
    formula_pence: int
    protected_pence: int
    total_pence: int


class FundOut(Schema):
    slug: str
    name: str
    financial_year: str
    budget_pence: int
    owner: str = Field(description="The lead owner's slug.")
    owners: list[str] = Field(description="Every owner's slug, the lead owner first.")
    decision_maker: str | None = Field(description="The lead decision maker's slug.")
    decision_makers: list[str] = Field(
        description="Every decision maker's slug, the lead decision maker first."
    )
    decision_rule: str = Field(
        description="all: every decision maker must agree; any: one suffices; "
        "lead: the lead decision maker decides."
    )
    areas: list[str] = Field(
        description="Codes of the areas the fund may fund; empty for every area of the region."
    )
    recommending_board: str | None
    priorities: list[str]
    transition_year: bool
    adopted_scenario: str | None


class FundDetailOut(FundOut):
    envelopes: list[EnvelopeOut]


class QuestionOut(Schema):
    id: int
    position: int
    text: str
    hint: str
    required: bool


class CriterionOut(Schema):
    id: int
    position: int
    title: str
    weight: str
    scale_max: int


class RoundOut(Schema):
    id: int
    fund: str
    slug: str
    title: str
    state: str
    opens_at: datetime
    closes_at: datetime
    eligibility: str
    years: list[str]
    match_funding_rules: str
    match_funding_min_percent: str | None
    questions: list[QuestionOut]
    criteria: list[CriterionOut]


class GrantOut(Schema):
    id: int
    identifier: str
    title: str
    description: str
    recipient: str
    recipient_identifier: str
    amount_pence: int
    paid_pence: int = Field(
        description="What has been paid to the recipient so far: the payments recorded, net "
        "of any reversed; not the schedule."
    )
    award_date: date
    decided_by: str
    areas: list[str]
    agreement_start: date | None
    agreement_end: date | None
    version: int
    published_at: datetime


class AmountOut(Schema):
    financial_year: str
    amount_pence: int


class BidOut(Schema):
    id: int
    round: int
    organisation: str
    title: str
    summary: str
    status: str
    lead_area: str | None
    areas: list[str]
    priorities: list[str]
    amounts: list[AmountOut]
    submitted_at: datetime | None
    determination: str | None


class MakerDecisionOut(Schema):
    person: str
    name: str
    outcome: str
    amount_pence: int | None
    amounts: dict[str, int]
    reasons: str
    decided_on: date
    recorded_at: datetime


class DeterminationOut(Schema):
    outcome: str | None = Field(description="None while the determination awaits decisions.")
    amount_pence: int | None
    agreed: bool | None = Field(
        description="False where every decision maker had to agree and they did not: not funded."
    )
    rule: str
    decided_on: date | None
    decisions: list[MakerDecisionOut] = Field(
        description="Each decision maker's decision behind the determination, or made so far."
    )
    awaited: list[str] = Field(description="Slugs of the decision makers still awaited.")


class BidDecisionIn(Input):
    outcome: str
    reasons: str = ""
    decided_on: date
    amount_pence: int | None = None
    amounts_pence: dict[str, int | None] | None = None
    reference: str = ""
    correction_note: str = ""


class BidIn(Input):
    title: str | None = None
    summary: str | None = None
    lead_area: str | None = None
    areas: list[str] | None = None
    priorities: list[str] | None = None
    amounts_pence: dict[str, int] | None = None
    answers: dict[int, str] | None = None


def _fund(fund: Fund) -> dict[str, Any]:
    return {
        "slug": fund.slug,
        "name": fund.name,
        "financial_year": fund.financial_year,
        "budget_pence": fund.budget_pence,
        "owner": fund.owner.slug,
        "owners": [o.slug for o in fund.owners],
        "decision_maker": fund.decision_maker.slug if fund.decision_maker else None,
        "decision_makers": [p.slug for p in fund.decision_makers],
        "decision_rule": fund.decision_rule,
        "areas": [a.code for a in fund.areas.all()],
        "recommending_board": fund.recommending_board.slug if fund.recommending_board else None,
        "priorities": list(fund.priorities),
        "transition_year": fund.transition_year,
        "adopted_scenario": fund.adopted_scenario.name if fund.adopted_scenario else None,
    }


@router.get("/funds", response=list[FundOut], auth=TOKEN, summary="The region's funds")
def funds(request: HttpRequest) -> list[dict[str, Any]]:
    return [_fund(fund) for fund in selectors.fund_list(api_region())]


@router.get(
    "/funds/{slug}", response=FundDetailOut, auth=TOKEN, summary="A fund and its area envelopes"
)
def fund(request: HttpRequest, slug: str) -> dict[str, Any]:
    found = selectors.find_fund(api_region(), slug)
    if found is None:
        raise Http404(f"No fund {slug}.")
    adopted = selectors.fund_page(found).adopted
    envelopes = [
        {
            "code": row.code,
            "name": row.name,
            "formula_pence": row.formula_pence,
            "protected_pence": row.protected_pence,
            "total_pence": row.total_pence,
        }
        for row in (adopted.rows if adopted else [])
    ]
    return {**_fund(found), "envelopes": envelopes}


def _round(round: Round) -> dict[str, Any]:
    least = round.match_funding_min_percent
    return {
        "id": round.pk,
        "fund": round.fund.slug,
        "slug": round.slug,
        "title": round.title,
        "state": str(round.state()),
        "opens_at": round.opens_at,
        "closes_at": round.closes_at,
        "eligibility": round.eligibility,
        "years": list(round.years),
        "match_funding_rules": round.match_funding_rules,
        "match_funding_min_percent": None if least is None else f"{least:f}",
        "questions": [
            {
                "id": q.pk,
                "position": q.position,
                "text": q.text,
                "hint": q.hint,
                "required": q.required,
            }
            for q in round.questions.all()
        ],
        "criteria": [
            {
                "id": c.pk,
                "position": c.position,
                "title": c.title,
                "weight": f"{c.weight:f}",
                "scale_max": c.scale_max,
            }
            for c in round.criteria.all()
        ],
    }


@router.get("/funds/{slug}/rounds", response=list[RoundOut], auth=TOKEN, summary="A fund's rounds")
def fund_rounds(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    found = selectors.find_fund(api_region(), slug)
    if found is None:
        raise Http404(f"No fund {slug}.")
    rounds = found.rounds.select_related("fund").prefetch_related("questions", "criteria")
    return [_round(r) for r in rounds.order_by("opens_at", "pk")]


@router.get(
    "/rounds/{pk}", response=RoundOut, auth=TOKEN, summary="A round: dates, rules, questions"
)
def round_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    found = selectors.find_round(api_region(), pk)
    if found is None:
        raise Http404(f"No round {pk}.")
    return _round(selectors.round_detail(found))


# What `_grant` reads: a page of grants fetches these columns and no others.
_GRANT_FIELDS = (
    "pk",
    "publication__identifier",
    "publication__title",
    "publication__description",
    "publication__recipient_name",
    "publication__recipient_identifier",
    "publication__amount_pence",
    "publication__award_date",
    "publication__decided_by",
    "publication__areas",
    "publication__planned_start",
    "publication__planned_end",
    "publication__version",
    "publication__published_at",
)


def _grant(grant: Grant) -> dict[str, Any]:
    """A published grant as it was published: a later edit of the organisation changes
    nothing here; a correction is a new version."""
    published = grant.publication
    if published is None:
        raise Http404(f"No published grant {grant.pk}.")
    return {
        "id": grant.pk,
        "identifier": published.identifier,
        "title": published.title,
        "description": published.description,
        "recipient": published.recipient_name,
        "recipient_identifier": published.recipient_identifier,
        "amount_pence": published.amount_pence,
        "paid_pence": grant.paid_pence,  # type: ignore[attr-defined]
        "award_date": published.award_date,
        "decided_by": published.decided_by,
        "areas": [area["code"] for area in published.areas],
        "agreement_start": published.planned_start,
        "agreement_end": published.planned_end,
        "version": published.version,
        "published_at": published.published_at,
    }


@router.get("/grants", response=list[GrantOut], summary="Published grants")
@paginated
def grants(request: HttpRequest) -> Built:
    return Built(selectors.published_grants(api_region()).only(*_GRANT_FIELDS), _grant)


@router.get("/grants/{pk}", response=GrantOut, summary="A published grant")
def grant(request: HttpRequest, pk: int) -> dict[str, Any]:
    found = selectors.find_published_grant(api_region(), pk)
    if found is None:
        raise Http404(f"No published grant {pk}.")
    return _grant(found)


def _bid(bid: Bid) -> dict[str, Any]:
    return {
        "id": bid.pk,
        "round": bid.round_id,
        "organisation": bid.organisation.slug,
        "title": bid.title,
        "summary": bid.summary,
        "status": bid.status,
        "lead_area": bid.lead_area.code if bid.lead_area else None,
        "areas": [area.code for area in bid.areas.all()],
        "priorities": list(bid.priorities),
        "amounts": [
            {"financial_year": a.financial_year, "amount_pence": a.amount_pence}
            for a in bid.amounts.all()
        ],
        "submitted_at": bid.submitted_at,
        "determination": bid.determination.outcome if bid.determination else None,
    }


def _bids(user: Any) -> Any:
    return (
        Bid.all_objects.visible_to(user)
        .filter(round__fund__region=api_region())
        .select_related("organisation", "lead_area", "determination")
        .prefetch_related("areas", "amounts")
        .order_by("-created_at", "-pk")
    )


def _find_bid(request: HttpRequest, pk: int) -> Bid:
    found = _bids(request.auth).filter(pk=pk).first()  # type: ignore[attr-defined]
    if found is None or not permissions.can_view_bid(request.auth, found):  # type: ignore[attr-defined]
        raise Http404(f"No bid {pk}.")
    return found  # type: ignore[no-any-return]


@router.get(
    "/bids",
    response=list[BidOut],
    auth=TOKEN,
    summary="Bids the token's holder may see: a partner's own, or every submitted bid",
)
@paginated
def bids(request: HttpRequest) -> Built:
    return Built(_bids(request.auth), _bid)  # type: ignore[attr-defined]


@router.get("/bids/{pk}", response=BidOut, auth=TOKEN)
def bid(request: HttpRequest, response: HttpResponse, pk: int) -> dict[str, Any]:
    found = _find_bid(request, pk)
    versions.tag(response, found)
    return _bid(found)


def _data(region: Region, payload: BidIn) -> dict[str, Any]:
    data = payload.dict(exclude_unset=True)
    codes = {area.code: area for area in region.areas.all()}
    if "lead_area" in data:
        code = data["lead_area"]
        if code is not None and code not in codes:
            raise DomainError(f"{code} is not an area of {region}.", field="lead_area")
        data["lead_area"] = codes.get(code) if code else None
    if "areas" in data:
        unknown = [c for c in data["areas"] or [] if c not in codes]
        if unknown:
            raise DomainError(f"{unknown[0]} is not an area of {region}.", field="areas")
        data["areas"] = [codes[c] for c in data["areas"] or []]
    if "amounts_pence" in data:
        data["amounts"] = data.pop("amounts_pence") or {}
    return {k: v for k, v in data.items() if v is not None or k == "lead_area"}


@router.post("/rounds/{pk}/bids", response={201: BidOut}, auth=TOKEN, summary="Draft a bid")
def bid_create(request: HttpRequest, pk: int, payload: BidIn) -> Any:
    region = api_region()
    found = selectors.find_round(region, pk)
    if found is None:
        raise Http404(f"No round {pk}.")
    created = services.bid_create(by=request.auth, round=found, data=_data(region, payload))  # type: ignore[attr-defined]
    return Status(201, _bid(_find_bid(request, created.pk)))


@router.patch(
    "/bids/{pk}",
    response=BidOut,
    auth=TOKEN,
    summary="Change a draft bid",
    description=versions.IF_MATCH,
)
def bid_update(
    request: HttpRequest, response: HttpResponse, pk: int, payload: BidIn
) -> dict[str, Any]:
    found = _find_bid(request, pk)
    services.bid_update(
        by=request.auth,  # type: ignore[attr-defined]
        bid=found,
        data=_data(api_region(), payload),
        version=versions.if_match(request),
    )
    saved = _find_bid(request, pk)
    versions.tag(response, saved)
    return _bid(saved)


@router.post("/bids/{pk}/submit", response=BidOut, auth=TOKEN, summary="Submit a bid")
def bid_submit(request: HttpRequest, pk: int) -> dict[str, Any]:
    found = _find_bid(request, pk)
    services.bid_submit(by=request.auth, bid=found)  # type: ignore[attr-defined]
    return _bid(_find_bid(request, pk))


def _decision(d: Any) -> dict[str, Any]:
    return {
        "person": d.person.slug,
        "name": d.person.name,
        "outcome": d.outcome,
        "amount_pence": d.amount_pence,
        "amounts": dict(d.amounts),
        "reasons": d.reasons,
        "decided_on": d.decided_on,
        "recorded_at": d.recorded_at,
    }


def _determination(request: HttpRequest, pk: int) -> dict[str, Any]:
    found = _find_bid(request, pk)
    page = selectors.bid_page(found)
    made = page.bid.determination
    fund = page.bid.round.fund
    behind = next((d for d in page.determinations if d.pk == page.bid.determination_id), None)
    pending = page.deciding or made is None
    decisions = page.deciding if pending else getattr(behind, "joint_decisions", [])
    return {
        "outcome": None if made is None else made.outcome,
        "amount_pence": None if made is None else made.amount_pence,
        "agreed": None if made is None else made.agreed,
        "rule": fund.decision_rule,
        "decided_on": None if made is None else made.decided_on,
        "decisions": [_decision(d) for d in decisions],
        "awaited": [p.slug for p in page.awaited],
    }


@router.get(
    "/bids/{pk}/determination",
    response=DeterminationOut,
    auth=TOKEN,
    summary="A bid's determination, each decision maker's decision, and who is awaited",
)
def determination(request: HttpRequest, pk: int) -> dict[str, Any]:
    verdict = permissions.can_view_recommendation(request.auth, _find_bid(request, pk))  # type: ignore[attr-defined]
    if not verdict:
        raise Http404(f"No bid {pk}.")
    return _determination(request, pk)


@router.post(
    "/bids/{pk}/decisions",
    response=DeterminationOut,
    auth=TOKEN,
    summary="Record your decision on a bid, as one of its fund's decision makers",
    description="The determination is made once the fund's decision rule is met. To correct "
    "the determination in force, each decision maker records a decision with "
    "`correction_note`.",
)
def decision_record(request: HttpRequest, pk: int, payload: BidDecisionIn) -> dict[str, Any]:
    found = _find_bid(request, pk)
    correcting = bool(payload.correction_note.strip())
    services.determination_record(
        by=request.auth,  # type: ignore[attr-defined]
        bid=found,
        outcome=payload.outcome,
        reasons=payload.reasons,
        decided_on=payload.decided_on,
        amount_pence=payload.amount_pence,
        amounts_pence=payload.amounts_pence,
        reference=payload.reference,
        supersedes=found.determination if correcting else None,
        correction_note=payload.correction_note,
    )
    return _determination(request, pk)
