"""Read endpoints for the registry; writes need a token and go through the same services.

The public see what the public site shows: the region, its areas, organisations, boards and
missions, and the people holding a board seat today with their current seats. A token shows
what the registry's pages show its holder: everyone, and every seat past and present.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Router, Schema

from remit.core import selectors, services
from remit.core.apikit import versions
from remit.core.apikit.auth import TOKEN, TOKEN_OR_PUBLIC
from remit.core.apikit.inputs import Input
from remit.core.apikit.pagination import paginated
from remit.core.apikit.versions import IF_MATCH
from remit.core.models import Area, Board, Membership, Mission, Organisation, Person, Region

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
