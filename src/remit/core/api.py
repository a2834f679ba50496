"""Read endpoints for the registry; writes need a token and go through the same services.

Governance routes, like their registry pages, are read with a token only.

The public see what the public site shows: the region, its areas, organisations, boards and
missions, and the people holding a board seat today with their current seats. A token shows
what the registry's pages show its holder: everyone, and every seat past and present.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from typing import TypeVar

from django.db.models import Model
from django.db.models import QuerySet
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from ninja import Field
from ninja import Router
from ninja import Schema
from ninja import Status

from remit.core import selectors
from remit.core import services
from remit.core.apikit import versions
from remit.core.apikit.auth import TOKEN
from remit.core.apikit.auth import TOKEN_OR_PUBLIC
from remit.core.apikit.inputs import Input
from remit.core.apikit.pagination import paginated
from remit.core.apikit.problems import problem
from remit.core.apikit.versions import IF_MATCH
from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import Area
from remit.core.models import Board
from remit.core.models import GovernanceRoute
from remit.core.models import Membership
from remit.core.models import Mission
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import RouteStep
from remit.core.services.writes import StaleEdit

router = Router(tags=["registry"])


class RegionOut(Schema):
    slug: str
    name: str
    description: str
    as_of: date | None


class AreaOut(Schema):
    code: str
    name: str
    kind: str
    population: int | None
    population_year: int | None
    constituent: bool | None
    forces: list[str] = Field(
        ..., description="The police.uk slugs of the forces whose crime files cover the area."
    )
    context: bool = Field(
        ...,
        description="True for an area shown for comparison only, outside the region's "
        "figures and ranks.",
    )


class OrganisationOut(Schema):
    slug: str
    name: str
    kind: str
    area_code: str | None = Field(None, alias="area.code")
    areas_served: list[str] = Field(
        ...,
        description="The GSS codes of every area the organisation serves, where it serves more "
        "than one; empty otherwise (area_code is its own area).",
    )
    constituent: bool | None
    org_id: str
    website: str

    @staticmethod
    def resolve_areas_served(obj: Organisation) -> list[str]:
        return sorted(area.code for area in obj.areas_served.all())


class OrganisationPatch(Input):
    """Fields to change; a field left out or sent as null stays as it is."""

    name: str | None = None
    org_id: str | None = None
    website: str | None = None


class PersonOut(Schema):
    slug: str
    name: str
    job_title: str
    organisation: str | None = Field(None, alias="organisation.slug")


class PersonPatch(Input):
    """Fields to change; a field left out or sent as null stays as it is."""

    name: str | None = None
    job_title: str | None = None
    email: str | None = None


class BoardOut(Schema):
    slug: str
    name: str
    kind: str
    organisation: str | None = Field(None, alias="organisation.slug")
    parent: str | None = Field(None, alias="parent.slug")
    meeting_frequency: str
    paper_deadline_days: int
    quorum: int
    substitutes_allowed: bool
    substitutes_count_towards_quorum: bool


class MembershipOut(Schema):
    id: int
    board: str = Field(..., alias="board.slug")
    person: str = Field(..., alias="person.slug")
    person_name: str = Field(..., alias="person.name")
    organisation: str | None = Field(
        None, alias="organisation.slug", description="None for an independent member."
    )
    role: str
    start: date | None
    end: date | None
    substitutes: list[str] = Field(
        default_factory=list,
        description="Slugs of the people named to attend in this seat's place.",
    )

    @staticmethod
    def resolve_substitutes(obj: Membership) -> list[str]:
        return sorted(s.person.slug for s in obj.substitutes.all())


class MissionOut(Schema):
    number: int
    short_title: str
    target: str


def _region() -> Region:
    region = selectors.active_region()
    if region is None:
        raise Http404("No region has been loaded.")
    return region


M = TypeVar("M", bound=Model)


def _one(qs: QuerySet[M], what: str, **lookup: Any) -> M:
    obj = qs.filter(**lookup).first()
    if obj is None:
        raise Http404(f"No {what} {next(iter(lookup.values()))}.")
    return obj


@router.get("/region", response=RegionOut, summary="The region this site serves")
def region(request: HttpRequest) -> Region:
    return _region()


@router.get("/areas", response=list[AreaOut])
@paginated
def areas(request: HttpRequest) -> Any:
    return _region().areas.order_by("code")


@router.get("/areas/{code}", response=AreaOut)
def area(request: HttpRequest, code: str) -> Area:
    return _one(_region().areas.all(), "area", code=code)


@router.get("/organisations", response=list[OrganisationOut])
@paginated
def organisations(request: HttpRequest, q: str = "", kind: str = "") -> Any:
    qs = selectors.organisation_list(_region(), q).prefetch_related("areas_served")
    return qs.filter(kind=kind) if kind else qs


@router.get("/organisations/{slug}", response=OrganisationOut)
def organisation(request: HttpRequest, response: HttpResponse, slug: str) -> Organisation:
    found = _one(
        _region().organisations.select_related("area").prefetch_related("areas_served"),
        "organisation",
        slug=slug,
    )
    versions.tag(response, found)
    return found


@router.patch(
    "/organisations/{slug}",
    response=OrganisationOut,
    auth=TOKEN,
    description=IF_MATCH,
)
def organisation_patch(
    request: HttpRequest, response: HttpResponse, slug: str, payload: OrganisationPatch
) -> Organisation:
    obj = _one(_region().organisations.select_related("area"), "organisation", slug=slug)
    saved = services.organisation_update(
        by=request.auth,  # type: ignore[attr-defined]
        organisation=obj,
        data=payload.dict(exclude_unset=True, exclude_none=True),
        version=versions.if_match(request),
    )
    versions.tag(response, saved)
    return saved


def _signed_in(request: HttpRequest) -> bool:
    return bool(request.auth.is_authenticated)  # type: ignore[attr-defined]


def _people(request: HttpRequest, q: str = "") -> QuerySet[Person]:
    if _signed_in(request):
        return selectors.person_list(_region(), q)
    return selectors.public_people(_region(), q)


@router.get(
    "/people",
    response=list[PersonOut],
    auth=TOKEN_OR_PUBLIC,
    summary="People: those on a board today, or everyone for a token's holder",
)
@paginated
def people(request: HttpRequest, q: str = "") -> Any:
    return _people(request, q)


@router.get("/people/{slug}", response=PersonOut, auth=TOKEN_OR_PUBLIC)
def person(request: HttpRequest, response: HttpResponse, slug: str) -> Person:
    found = _one(_people(request), "person", slug=slug)
    versions.tag(response, found)
    return found


@router.patch("/people/{slug}", response=PersonOut, auth=TOKEN, description=IF_MATCH)
def person_patch(
    request: HttpRequest, response: HttpResponse, slug: str, payload: PersonPatch
) -> Person:
    obj = _one(_region().people.select_related("organisation"), "person", slug=slug)
    saved = services.person_update(
        by=request.auth,  # type: ignore[attr-defined]
        person=obj,
        data=payload.dict(exclude_unset=True, exclude_none=True),
        version=versions.if_match(request),
    )
    versions.tag(response, saved)
    return saved


@router.get("/boards", response=list[BoardOut])
@paginated
def boards(request: HttpRequest, q: str = "") -> Any:
    return selectors.board_list(_region(), q)


@router.get("/boards/{slug}", response=BoardOut)
def board(request: HttpRequest, slug: str) -> Board:
    return _one(_region().boards.select_related("parent", "organisation"), "board", slug=slug)


@router.get(
    "/memberships",
    response=list[MembershipOut],
    auth=TOKEN_OR_PUBLIC,
    summary="Board seats: today's, or past ones too for a token's holder",
)
@paginated
def memberships(request: HttpRequest, board: str = "", current: bool = False) -> Any:
    qs = (
        Membership.objects.filter(board__region=_region())
        .select_related("board", "person", "organisation")
        .prefetch_related("substitutes__person")
    )
    if board:
        qs = qs.filter(board__slug=board)
    if current or not _signed_in(request):
        qs = qs.current()
    return qs.order_by("board__slug", "pk")


@router.get("/missions", response=list[MissionOut])
@paginated
def missions(request: HttpRequest) -> Any:
    return Mission.objects.filter(region=_region()).order_by("number")


class RouteStepOut(Schema):
    position: int
    board: str = Field(..., alias="board.slug")
    board_name: str = Field(..., alias="board.name")


class RouteDecisionMakerOut(Schema):
    """The person who takes a route's final decision alone, with their office."""

    slug: str
    name: str
    office: str = Field(..., alias="job_title")


class RouteOut(Schema):
    slug: str
    name: str
    steps: list[RouteStepOut] = Field(..., description="The boards a proposal passes, in order.")
    final_board: str | None = Field(
        None,
        alias="final_board.slug",
        description="The board whose endorsement is final; null when a person decides.",
    )
    final_decision_maker: RouteDecisionMakerOut | None = Field(
        None, description="The person who takes the final decision alone, if not a board."
    )
    retired: bool = Field(
        ..., description="True when nothing new may be sent along the route any more."
    )
    retired_on: date | None
    retired_reason: str
    deals: int = Field(..., alias="deal_count", description="How many deals follow the route.")
    on_route: int = Field(..., description="Proposals and papers on the route now.")
    proposals: int = Field(
        ..., alias="proposal_count", description="Proposals sent along it on their own, ever."
    )
    papers: int = Field(
        ..., alias="paper_count", description="Position papers sent along it, ever."
    )

    @staticmethod
    def resolve_steps(obj: GovernanceRoute) -> list[RouteStep]:
        return sorted(obj.steps.all(), key=lambda step: step.position)


class RouteIn(Input):
    name: str = Field(..., min_length=1, max_length=200)
    slug: str = Field(..., min_length=1, max_length=80, description="The route's short name.")
    steps: list[str] = Field(..., description="Board slugs in the order a proposal meets them.")
    final_board: str | None = Field(
        None, description="A board's slug; give this or final_decision_maker, not both."
    )
    final_decision_maker: str | None = Field(
        None, description="The slug of a person who takes the final decision alone."
    )


class RoutePatch(Input):
    """Fields to change; a field left out stays as it is. Send a final board or a final
    decision maker to move the final say there (the other is cleared)."""

    name: str | None = Field(None, min_length=1, max_length=200)
    slug: str | None = Field(None, min_length=1, max_length=80)
    steps: list[str] | None = None
    final_board: str | None = None
    final_decision_maker: str | None = None


class RouteRetireIn(Input):
    reason: str = Field(..., max_length=2000, description="Why the route is being retired.")


def _routes(request: HttpRequest) -> QuerySet[GovernanceRoute]:
    return selectors.routes(_region())


def _route(request: HttpRequest, slug: str) -> GovernanceRoute:
    return _one(_routes(request), "governance route", slug=slug)


def _route_data(region: Region, payload: Input) -> dict[str, Any]:
    """Slugs to records, each unknown one refused naming where it was sent."""
    data = payload.dict(exclude_unset=True)
    if data.get("steps") is not None:
        steps = []
        for index, slug in enumerate(data["steps"]):
            board = region.boards.filter(slug=slug).first()
            if board is None:
                raise DomainError(
                    f"There is no board {slug}. Send a board's slug.", f"steps.{index}"
                )
            steps.append(board)
        data["steps"] = steps
    elif "steps" in data:
        del data["steps"]
    for name in ("name", "slug"):
        if name in data and data[name] is None:
            del data[name]
    if data.get("final_board"):
        data["final_board"] = _slug_or_refuse(
            region.boards, "board", data["final_board"], "final_board"
        )
        data.setdefault("final_decision_maker", None)
    if data.get("final_decision_maker"):
        data["final_decision_maker"] = _slug_or_refuse(
            region.people, "person", data["final_decision_maker"], "final_decision_maker"
        )
        data.setdefault("final_board", None)
    return data


def _slug_or_refuse(qs: QuerySet[M], what: str, slug: str, field: str) -> M:
    found = qs.filter(slug=slug).first()
    if found is None:
        raise DomainError(f"There is no {what} {slug}. Send a {what}'s slug.", field)
    return found


def _located(exc: DomainError) -> DomainError:
    """A service names a step as the form does (step_2); the API names it as sent (steps.1)."""
    field = exc.field or ""
    if field.startswith("step_") and field[5:].isdigit():
        return DomainError(exc.message, f"steps.{int(field[5:]) - 1}")
    return exc


def _route_write(request: HttpRequest, write: Callable[[], Any]) -> Any:
    """Run a route service: a conflict with the route's state is 409, a located error 422."""
    try:
        return write()
    except services.RouteConflict as exc:
        errors = [{"field": exc.field or "", "message": exc.message}]
        return problem(request, 409, "Conflict", exc.message, errors)
    except (NotPermitted, StaleEdit):
        raise
    except DomainError as exc:
        raise _located(exc) from exc


def _route_answer(request: HttpRequest, response: HttpResponse, saved: Any) -> Any:
    if isinstance(saved, HttpResponse):
        return saved
    fresh = _routes(request).get(pk=saved.pk)
    versions.tag(response, fresh)
    return fresh


@router.get(
    "/routes",
    response=list[RouteOut],
    auth=TOKEN,
    summary="Governance routes, with their steps and how much has used each",
)
@paginated
def routes(request: HttpRequest, retired: bool | None = None) -> Any:
    qs = _routes(request)
    if retired is not None:
        qs = qs.filter(retired_on__isnull=not retired)
    return qs


@router.get("/routes/{slug}", response=RouteOut, auth=TOKEN)
def route(request: HttpRequest, response: HttpResponse, slug: str) -> GovernanceRoute:
    found = _route(request, slug)
    versions.tag(response, found)
    return found


@router.post(
    "/routes",
    response={201: RouteOut},
    auth=TOKEN,
    summary="Add a governance route",
)
def route_create(request: HttpRequest, response: HttpResponse, payload: RouteIn) -> Any:
    region = _region()
    saved = _route_write(
        request,
        lambda: services.route_create(
            by=request.auth,  # type: ignore[attr-defined]
            region=region,
            data=_route_data(region, payload),
        ),
    )
    answer = _route_answer(request, response, saved)
    return answer if isinstance(answer, HttpResponse) else Status(201, answer)


@router.patch("/routes/{slug}", response=RouteOut, auth=TOKEN, description=IF_MATCH)
def route_patch(
    request: HttpRequest, response: HttpResponse, slug: str, payload: RoutePatch
) -> Any:
    region = _region()
    found = _route(request, slug)
    saved = _route_write(
        request,
        lambda: services.route_update(
            by=request.auth,  # type: ignore[attr-defined]
            route=found,
            data=_route_data(region, payload),
            version=versions.if_match(request),
        ),
    )
    return _route_answer(request, response, saved)


@router.delete("/routes/{slug}", response={204: None}, auth=TOKEN)
def route_delete(request: HttpRequest, slug: str) -> Any:
    found = _route(request, slug)
    done = _route_write(
        request,
        lambda: services.route_delete(by=request.auth, route=found),  # type: ignore[attr-defined]
    )
    return done if isinstance(done, HttpResponse) else Status(204, None)


@router.post(
    "/routes/{slug}/retire",
    response=RouteOut,
    auth=TOKEN,
    description="Nothing new may then be sent along the route; what is on it carries on. "
    + IF_MATCH,
)
def route_retire(
    request: HttpRequest, response: HttpResponse, slug: str, payload: RouteRetireIn
) -> Any:
    found = _route(request, slug)
    saved = _route_write(
        request,
        lambda: services.route_retire(
            by=request.auth,  # type: ignore[attr-defined]
            route=found,
            reason=payload.reason,
            version=versions.if_match(request),
        ),
    )
    return _route_answer(request, response, saved)


@router.post("/routes/{slug}/reinstate", response=RouteOut, auth=TOKEN, description=IF_MATCH)
def route_reinstate(request: HttpRequest, response: HttpResponse, slug: str) -> Any:
    found = _route(request, slug)
    saved = _route_write(
        request,
        lambda: services.route_reinstate(
            by=request.auth,  # type: ignore[attr-defined]
            route=found,
            version=versions.if_match(request),
        ),
    )
    return _route_answer(request, response, saved)
