"""Deals, proposals, mission alignments and forum decisions over HTTP.

Without a token the API shows what is published. With a token it shows what that user
may see in the register, and officers write through the same services as the pages.
"""

from datetime import date
from datetime import datetime
from typing import Any

from django.db.models import Prefetch
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.urls import reverse
from ninja import Field
from ninja import Query
from ninja import Router
from ninja import Schema
from ninja import Status

from remit.core.apikit import versions
from remit.core.apikit.auth import TOKEN
from remit.core.apikit.auth import TOKEN_OR_PUBLIC
from remit.core.apikit.inputs import Input
from remit.core.apikit.inputs import choice
from remit.core.apikit.pagination import paginated
from remit.core.apikit.region import api_region
from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import Mission
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Workstream
from remit.proposals import selectors
from remit.proposals import services
from remit.proposals.at_meetings import meetings
from remit.proposals.models import Deal
from remit.proposals.models import ForumDecision
from remit.proposals.models import MissionAlignment
from remit.proposals.models import Proposal
from remit.proposals.models import ProposalQuerySet
from remit.proposals.models import Routing
from remit.proposals.workflow import AskType
from remit.proposals.workflow import DevolutionForm
from remit.proposals.workflow import Outcome
from remit.proposals.workflow import Stage
from remit.proposals.workflow import Status as ProposalStatus

router = Router(tags=["proposals"])


READ = TOKEN_OR_PUBLIC
WRITE = TOKEN


class DecisionMakerOut(Schema):
    """A person who decides alone, with the office they hold (or held when they decided)."""

    slug: str
    name: str
    office: str


def _decision_maker(person: Person | None, office: str | None) -> dict[str, str] | None:
    if person is None:
        return None
    return {
        "slug": person.slug,
        "name": person.name,
        "office": person.job_title if office is None else office,
    }


class DealOut(Schema):
    slug: str
    name: str
    description: str
    route: str = Field(..., alias="route.slug")
    final_board: str | None = Field(
        None, description="The board whose endorsement is final; null when a person decides."
    )
    final_decision_maker: DecisionMakerOut | None = Field(
        None, description="The person who takes the final decision alone, if not a board."
    )

    @staticmethod
    def resolve_final_board(obj: Deal) -> str | None:
        board = obj.route.final_board
        return board.slug if board is not None else None

    @staticmethod
    def resolve_final_decision_maker(obj: Deal) -> dict[str, str] | None:
        return _decision_maker(obj.route.final_decision_maker, None)


class AlignmentOut(Schema):
    mission: int = Field(..., alias="mission.number")
    mission_title: str = Field(..., alias="mission.short_title")
    strength: str
    rationale: str


class ProposalOut(Schema):
    id: int
    deal: str = Field(..., alias="deal.slug")
    theme: str = Field(..., alias="workstream.theme.slug")
    workstream: str = Field(..., alias="workstream.slug")
    title: str
    summary: str
    ask_type: str
    amount_pence: int | None
    years_from: str
    years_to: str
    powers_asked: str
    legislation: str
    form_of_devolution: str
    status: str
    stage: str
    lead_officer: str | None = Field(None, alias="lead_officer.slug")
    sponsor: str | None = Field(None, alias="sponsor.slug")
    is_published: bool
    published_at: datetime | None
    submitted_on: date | None
    outcome: str
    outcome_on: date | None
    outcome_conditions: str
    subject_to_business_case: bool
    missions: list[AlignmentOut]

    @staticmethod
    def resolve_missions(obj: Proposal) -> list[MissionAlignment]:
        return list(obj.alignments.all())


class ProposalDetailOut(ProposalOut):
    partners: list[str]
    departments: list[str]

    @staticmethod
    def resolve_partners(obj: Proposal) -> list[str]:
        return [o.slug for o in obj.partners.all()]

    @staticmethod
    def resolve_departments(obj: Proposal) -> list[str]:
        return [o.slug for o in obj.departments.all()]


class MeetingDecisionLinkOut(Schema):
    """The meeting decision a forum decision was taken in: the record of what was resolved."""

    id: int
    reference: str
    meeting: int
    url: str = Field(..., description="Its public page; empty until the decision is public.")
    api_url: str = Field(..., description="Empty until the decision is public.")


class ForumDecisionOut(Schema):
    id: int
    routing: int = Field(..., alias="routing_id")
    paper: int | None = Field(None, alias="routing.paper_id")
    step: int = Field(..., alias="position")
    forum: str = Field(
        ..., description="The board's slug, or the person's when one person decided alone."
    )
    forum_name: str = Field(..., description="The board, or the person as “Name, office”.")
    decided_by: DecisionMakerOut | None = Field(
        None, description="The person who decided alone; null for a board's decision."
    )
    outcome: str
    changes: str
    reasons: str
    decided_on: date
    meeting_reference: str
    meeting_decision: MeetingDecisionLinkOut | None = Field(
        None, description="Set when the board decided at a meeting."
    )
    recorded_at: datetime
    supersedes: int | None = Field(None, alias="supersedes_id")
    correction_note: str

    @staticmethod
    def resolve_forum(obj: ForumDecision) -> str:
        return obj.decider_slug

    @staticmethod
    def resolve_forum_name(obj: ForumDecision) -> str:
        return obj.decider_label

    @staticmethod
    def resolve_decided_by(obj: ForumDecision) -> dict[str, str] | None:
        return _decision_maker(obj.decision_maker, obj.office)

    @staticmethod
    def resolve_meeting_decision(obj: ForumDecision) -> dict[str, Any] | None:
        link = selectors.meeting_link(obj, public=True)
        if link is None:
            return None
        return {
            "id": obj.meeting_decision_id,
            "reference": link.reference,
            "meeting": link.meeting_id,
            "url": link.decision_url,
            "api_url": reverse("api:meeting_decision", args=[obj.meeting_decision_id])
            if link.decision_url
            else "",
        }


class RoutingOut(Schema):
    id: int
    state: str
    step: int | None = Field(None, alias="current_position")
    forum: str | None = Field(
        None, description="The board, or the person deciding alone, the item waits for."
    )
    awaiting_resubmission: bool

    @staticmethod
    def resolve_forum(obj: Routing) -> str | None:
        at = obj.current_board or obj.current_decision_maker
        return at.slug if at is not None else None


class ProposalFilters(Input):
    status: str | None = choice(ProposalStatus, None)
    stage: str | None = choice(Stage, None)
    workstream: str = ""
    theme: str = ""
    mission: int | None = None
    form: str | None = choice(DevolutionForm, None)
    deal: str = ""
    q: str = ""


class ProposalIn(Input):
    deal: str
    workstream: str
    title: str
    summary: str
    ask_type: str = choice(AskType)
    amount_pence: int | None = None
    years_from: str = ""
    years_to: str = ""
    powers_asked: str = ""
    legislation: str = ""
    form_of_devolution: str = choice(DevolutionForm)
    stage: str = choice(Stage, Stage.DISCOVER.value)
    lead_officer: str | None = None
    sponsor: str | None = None
    partners: list[str] = []
    departments: list[str] = []


class AlignmentIn(Input):
    strength: str = choice(MissionAlignment.Strength)
    rationale: str


class ForumDecisionIn(Input):
    forum: str | None = Field(None, description="The forum's slug; by default the current step.")
    outcome: str = choice(Outcome)
    decided_on: date
    meeting_reference: str = ""
    changes: str = ""
    reasons: str = ""


def _user(request: HttpRequest) -> Any:
    """Who the token (or its absence) says is asking."""
    return request.auth  # type: ignore[attr-defined]


def _visible(request: HttpRequest) -> ProposalQuerySet:
    return Proposal.all_objects.visible_to(_user(request))


def _with_alignments(qs: ProposalQuerySet) -> ProposalQuerySet:
    return qs.select_related(
        "deal", "workstream__theme", "lead_officer", "sponsor"
    ).prefetch_related(
        Prefetch("alignments", queryset=MissionAlignment.objects.select_related("mission"))
    )


def _proposal(request: HttpRequest, pk: int) -> Proposal:
    found = (
        _with_alignments(_visible(request).filter(deal__region=api_region(), pk=pk))
        .prefetch_related("partners", "departments")
        .first()
    )
    if found is None:
        raise Http404(f"No proposal {pk}.")
    return found


@router.get("/deals", response=list[DealOut], auth=READ)
@paginated
def deals(request: HttpRequest) -> Any:
    return Deal.objects.filter(region=api_region()).select_related(
        "route__final_board", "route__final_decision_maker"
    )


@router.get("/deals/{slug}", response=DealOut, auth=READ)
def deal(request: HttpRequest, slug: str) -> Deal:
    found = (
        Deal.objects.filter(region=api_region(), slug=slug)
        .select_related("route__final_board", "route__final_decision_maker")
        .first()
    )
    if found is None:
        raise Http404(f"No deal {slug}.")
    return found


@router.get("/proposals", response=list[ProposalOut], auth=READ)
@paginated
def proposals(request: HttpRequest, filters: Query[ProposalFilters]) -> Any:
    chosen = selectors.RegisterFilters.from_query(filters.dict(exclude_none=True))
    return _with_alignments(chosen.apply(_visible(request).filter(deal__region=api_region())))


@router.get("/proposals/{pk}", response=ProposalDetailOut, auth=READ, url_name="proposal_detail")
def proposal(request: HttpRequest, pk: int) -> Proposal:
    return _proposal(request, pk)


@router.get("/proposals/{pk}/alignments", response=list[AlignmentOut], auth=READ)
def alignments(request: HttpRequest, pk: int) -> list[MissionAlignment]:
    return list(_proposal(request, pk).alignments.all())


@router.get("/proposals/{pk}/decisions", response=list[ForumDecisionOut], auth=READ)
def decisions(request: HttpRequest, pk: int) -> Any:
    """Every decision on the proposal's routes, its paper's included; corrections name what
    they supersede, and superseded decisions stay listed."""
    found = _proposal(request, pk)
    return (
        meetings()
        .with_links(ForumDecision.objects.filter(effects__proposal=found))
        .select_related("board", "decision_maker", "routing")
        .order_by("recorded_at", "pk")
    )


def _one(model: Any, what: str, field: str, **lookup: Any) -> Any:
    found = list(model.objects.filter(**lookup)[:2])
    if len(found) != 1:
        value = next(iter(lookup.values()))
        problem = "is ambiguous" if found else "does not exist"
        raise DomainError(f"{what} {value!r} {problem}.", field=field)
    return found[0]


def _resolve(region: Region, payload: ProposalIn) -> tuple[Deal, dict[str, Any]]:
    data = payload.dict(exclude={"deal"})
    deal = _one(Deal, "Deal", "deal", region=region, slug=payload.deal)
    data["workstream"] = _one(
        Workstream, "Workstream", "workstream", theme__region=region, slug=payload.workstream
    )
    for name in ("lead_officer", "sponsor"):
        if data[name]:
            data[name] = _one(Person, "Person", name, region=region, slug=data[name])
    for name in ("partners", "departments"):
        data[name] = [
            _one(Organisation, "Organisation", name, region=region, slug=slug)
            for slug in data[name]
        ]
    return deal, data


@router.post("/proposals", response={201: ProposalDetailOut}, auth=WRITE)
def proposal_create(request: HttpRequest, payload: ProposalIn) -> Status[Proposal]:
    deal, data = _resolve(api_region(), payload)
    created = services.proposal_create(by=_user(request), deal=deal, data=data)
    return Status(201, _proposal(request, created.pk))


@router.put(
    "/proposals/{pk}/alignments/{mission}",
    response=AlignmentOut,
    auth=WRITE,
    description=versions.IF_MATCH + ' `If-Match: "0"` aligns only if nobody has yet.',
)
def alignment_put(
    request: HttpRequest, response: HttpResponse, pk: int, mission: int, payload: AlignmentIn
) -> MissionAlignment:
    """Align a proposal to a mission (by number), or change how it is aligned."""
    found = _proposal(request, pk)
    target = _one(Mission, "Mission", "mission", region=api_region(), number=mission)
    saved = services.alignment_set(
        by=_user(request),
        proposal=found,
        mission=target,
        strength=payload.strength,
        rationale=payload.rationale,
        version=versions.if_match(request),
    )
    versions.tag(response, saved)
    return saved


@router.post("/proposals/{pk}/route", response=RoutingOut, auth=WRITE)
def route(request: HttpRequest, pk: int) -> Routing:
    """Send the proposal to its first forum, or back to the forum that referred it back."""
    return services.proposal_route(by=_user(request), proposal=_proposal(request, pk))


def _position(routing: Routing, forum: str | None) -> int:
    boards = services.forums(routing.route)  # a person who decides alone is named by slug too
    current = routing.current_position or 1
    if forum is None or boards[current - 1].slug == forum:
        return current
    for position, board in enumerate(boards, start=1):
        if board.slug == forum:
            return position
    raise DomainError(f"{forum!r} is not a forum on this route.", field="forum")


@router.post("/proposals/{pk}/decisions", response={201: ForumDecisionOut}, auth=WRITE)
def decision_create(
    request: HttpRequest, pk: int, payload: ForumDecisionIn
) -> Status[ForumDecision]:
    """Record a forum's decision on a proposal routed on its own; forums decide in order."""
    found = _proposal(request, pk)
    routing = selectors.active_routing(found)
    if routing is None or routing.proposal_id != found.pk:
        raise DomainError("It is not on a route of its own.", field="forum")
    try:
        decision = services.forum_decision_record(
            by=_user(request),
            routing=routing,
            position=_position(routing, payload.forum),
            outcome=payload.outcome,
            decided_on=payload.decided_on,
            meeting_reference=payload.meeting_reference,
            changes=payload.changes,
            reasons=payload.reasons,
        )
    except NotPermitted:
        raise
    except DomainError as exc:
        field = "forum" if exc.field == "position" else exc.field
        raise DomainError(exc.message, field=field) from exc
    return Status(201, decision)
