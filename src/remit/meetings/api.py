"""Boards at work: meetings, agenda items, papers (metadata and files), decisions and minutes.

Reads return what has been published to the public. Writes (recording a
decision, drafting minutes) need an officer's bearer token and go through the
same services as the pages, so a recorded decision or approved minutes cannot
be changed here either.
"""

from datetime import date
from datetime import datetime
from datetime import time
from typing import Annotated
from typing import Any

from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.timezone import make_aware
from ninja import Field
from ninja import Query
from ninja import Router
from ninja import Schema
from ninja import Status
from pydantic import WithJsonSchema

from remit.core.apikit import versions
from remit.core.apikit.auth import TOKEN
from remit.core.apikit.inputs import Input
from remit.core.apikit.inputs import choice
from remit.core.apikit.pagination import Built
from remit.core.apikit.pagination import paginated
from remit.core.apikit.region import api_region
from remit.core.errors import DomainError
from remit.core.models import Board
from remit.meetings import rendering
from remit.meetings import selectors
from remit.meetings import services
from remit.meetings.models import AgendaItem
from remit.meetings.models import Appendix
from remit.meetings.models import Decision
from remit.meetings.models import Meeting
from remit.meetings.models import Minutes
from remit.meetings.models import Paper
from remit.meetings.models import RecommendationOutcome
from remit.meetings.models import Vote
from remit.meetings.views.papers import DOCX
from remit.meetings.views.papers import appendix_response
from remit.meetings.views.papers import download

router = Router(tags=["meetings"])

LocalTime = Annotated[
    time,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^[0-2][0-9]:[0-5][0-9]:[0-5][0-9]$",
            "description": "Local time in the UK (HH:MM:SS), without an offset.",
        }
    ),
]


class MeetingOut(Schema):
    id: int
    board: str
    board_name: str
    title: str
    date: date
    start_time: LocalTime
    end_time: LocalTime | None
    location: str
    online_link: str
    status: str
    agenda_published: bool
    url: str


class AgendaItemOut(Schema):
    id: int
    number: int
    kind: str
    title: str
    presenter: str
    private: bool
    exemption: str
    state: str
    withdrawn_reason: str = Field("", description="Why the item was withdrawn, if it was.")
    paper: int | None
    related_label: str
    related_url: str


class MeetingDetailOut(MeetingOut):
    items: list[AgendaItemOut]


class RecommendationOut(Schema):
    number: int = Field(..., alias="position")
    text: str


class AppendixOut(Schema):
    id: int
    letter: str
    title: str
    kind: str
    size: int
    pages: int | None
    sha256: str
    download: str


class PaperOut(Schema):
    id: int
    meeting: int
    item: int
    title: str
    purpose: str
    status: str
    late: bool
    urgency_reason: str
    published_at: datetime | None
    recommendations: list[RecommendationOut]
    appendices: list[AppendixOut]
    pdf: str
    docx: str


class OutcomeOut(Schema):
    recommendation: int | None = Field(None, alias="recommendation.position")
    outcome: str
    amended_text: str


class VoteOut(Schema):
    person: str = Field(..., alias="person.slug")
    choice: str


class ProposalLinkOut(Schema):
    """The proposal an item was about, and the forum decision this decision stands for."""

    id: int
    title: str
    url: str
    api_url: str
    forum_decision: int | None
    forum_outcome: str | None


class MeetingDecisionOut(Schema):
    id: int
    reference: str
    board: str = Field(..., alias="board.slug")
    meeting: int = Field(..., alias="item.meeting_id")
    item: int = Field(..., alias="item_id")
    item_title: str = Field(..., alias="item.title")
    summary: str
    published_on: date
    effective_on: date
    supersedes: str | None = Field(None, alias="supersedes.reference")
    outcomes: list[OutcomeOut]
    votes: list[VoteOut]
    proposal: ProposalLinkOut | None = Field(
        None, description="Set when the item was about a proposal; null when it is unpublished."
    )

    @staticmethod
    def resolve_proposal(obj: Decision, context: Any) -> dict[str, Any] | None:
        return _proposal_link(obj, signed_in=bool(getattr(context["request"], "auth", None)))


def _proposal_link(decision: Decision, *, signed_in: bool) -> dict[str, Any] | None:
    """The public see a proposal once it is published; officers writing decisions always do."""
    proposal = decision.item.proposal
    if proposal is None or not (signed_in or proposal.is_published):
        return None
    forum = selectors.standing_forum_decision(decision)
    page = "published_proposals:detail" if proposal.is_published else "proposals:detail"
    return {
        "id": proposal.pk,
        "title": proposal.title,
        "url": reverse(page, args=[proposal.pk]),
        "api_url": reverse("api:proposal_detail", args=[proposal.pk]),
        "forum_decision": forum.pk if forum else None,
        "forum_outcome": forum.outcome if forum else None,
    }


class OutcomeIn(Input):
    recommendation: int | None = None
    outcome: str = choice(RecommendationOutcome.Outcome)
    amended_text: str = ""


class MeetingDecisionIn(Input):
    summary: str
    outcomes: list[OutcomeIn]
    votes: dict[str, str] = Field(
        {}, description="Each voter's slug and their vote: " + ", ".join(Vote.Choice.values) + "."
    )
    published_on: date | None = None
    effective_on: date | None = None
    supersedes: str | None = None
    correction_reason: str = ""
    if_not_agreed: str = Field(
        "rejected",
        description="When the item is about a proposal the board did not agree: rejected or "
        "referred_back (the resolution is then the reasons).",
    )


class MinutesOut(Schema):
    meeting: int = Field(..., alias="meeting_id")
    status: str
    body: str
    approved_on: date | None


class MinutesIn(Input):
    body: str


def _meeting_out(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.pk,
        "board": meeting.board.slug,
        "board_name": meeting.board.name,
        "title": meeting.title,
        "date": meeting.date,
        "start_time": meeting.start_time,
        "end_time": meeting.end_time,
        "location": meeting.location,
        "online_link": meeting.online_link,
        "status": meeting.status,
        "agenda_published": meeting.public_at is not None,
        "url": reverse("meetings_public:meeting", args=[meeting.pk]),
    }


def _meeting(pk: int) -> Meeting:
    meeting = Meeting.objects.for_region(api_region()).select_related("board").filter(pk=pk).first()
    if meeting is None:
        raise Http404(f"No meeting {pk}.")
    return meeting


def _items(meeting: Meeting) -> list[dict[str, Any]]:
    if meeting.public_at is None:
        return []
    rows = selectors.item_rows(meeting, paper_filter=selectors.public_pack_paper)
    return [
        {
            "id": r.item.pk,
            "number": r.number,
            "kind": r.item.kind,
            "title": r.item.title,
            "presenter": r.item.presenter,
            "private": r.item.private,
            "exemption": r.item.exemption,
            "state": r.item.state,
            "withdrawn_reason": r.item.withdrawn_reason,
            "paper": r.paper.pk if r.paper else None,
            "related_label": r.item.related_label,
            "related_url": r.item.related_url,
        }
        for r in rows
    ]


@router.get("/boards/{slug}/meetings", response=list[MeetingOut], summary="A board's meetings")
@paginated
def board_meetings(request: HttpRequest, slug: str) -> Any:
    board = Board.objects.filter(region=api_region(), slug=slug).first()
    if board is None:
        raise Http404(f"No board {slug}.")
    return Built(
        board.meetings.select_related("board").order_by("date", "start_time"), _meeting_out
    )


@router.get("/meetings", response=list[MeetingOut], summary="Meetings of every board")
@paginated
def meetings(request: HttpRequest, since: date | None = None) -> Any:
    qs = (
        Meeting.objects.for_region(api_region())
        .select_related("board")
        .order_by("date", "start_time")
    )
    if since:
        qs = qs.filter(date__gte=since)
    return Built(qs, _meeting_out)


@router.get("/meetings/{meeting_id}", response=MeetingDetailOut, summary="A meeting and its agenda")
def meeting(request: HttpRequest, meeting_id: int) -> dict[str, Any]:
    found = _meeting(meeting_id)
    return _meeting_out(found) | {"items": _items(found)}


@router.get(
    "/meetings/{meeting_id}/items", response=list[AgendaItemOut], summary="A meeting's agenda"
)
def agenda_items(request: HttpRequest, meeting_id: int) -> list[dict[str, Any]]:
    return _items(_meeting(meeting_id))


def _public_paper(pk: int) -> Paper:
    paper = (
        selectors.public_papers()
        .filter(item__meeting__board__region=api_region(), pk=pk)
        .select_related("item__meeting")
        .first()
    )
    if paper is None:
        raise Http404(f"No published paper {pk}.")
    return paper


class PaperFilters(Input):
    board: str | None = Field(None, description="A board's slug.")
    meeting: int | None = Field(None, description="A meeting's id.")
    published_since: date | None = Field(
        None, description="Papers published to the public on or after this day."
    )


@router.get(
    "/papers",
    response=list[PaperOut],
    summary="Published papers, newest first",
)
@paginated
def papers(request: HttpRequest, filters: Query[PaperFilters]) -> Any:
    """Only papers published to the public, as on the meetings' public pages."""
    qs = selectors.public_papers().filter(item__meeting__board__region=api_region())
    if filters.board:
        qs = qs.filter(item__meeting__board__slug=filters.board)
    if filters.meeting is not None:
        qs = qs.filter(item__meeting_id=filters.meeting)
    if filters.published_since is not None:
        start = datetime.combine(filters.published_since, time.min)
        qs = qs.filter(public_published_at__gte=make_aware(start))
    return Built(
        qs.select_related("item__meeting")
        .prefetch_related("recommendations", "appendices")
        .order_by("-public_published_at", "-pk"),
        _paper_out,
    )


@router.get("/papers/{paper_id}", response=PaperOut, summary="A published paper")
def paper(request: HttpRequest, paper_id: int) -> dict[str, Any]:
    return _paper_out(_public_paper(paper_id))


def _paper_out(found: Paper) -> dict[str, Any]:
    appendices = [
        {
            "id": a.pk,
            "letter": a.letter,
            "title": a.title,
            "kind": a.kind,
            "size": a.size,
            "pages": a.pages,
            "sha256": a.sha256,
            "download": reverse("api:appendix_file", args=[a.pk]),
        }
        for a in found.appendices.all()
    ]
    return {
        "id": found.pk,
        "meeting": found.item.meeting_id,
        "item": found.item_id,
        "title": found.title,
        "purpose": found.purpose,
        "status": found.status,
        "late": found.late,
        "urgency_reason": found.urgency_reason,
        "published_at": found.public_published_at,
        "recommendations": list(found.recommendations.all()),
        "appendices": appendices,
        "pdf": reverse("api:paper_pdf", args=[found.pk]),
        "docx": reverse("api:paper_docx", args=[found.pk]),
    }


@router.get("/papers/{paper_id}/pdf", url_name="paper_pdf", summary="A published paper as PDF")
def paper_pdf(request: HttpRequest, paper_id: int) -> HttpResponse:
    found = _public_paper(paper_id)
    return download(
        rendering.paper_pdf(selectors.document_for(found)),
        "application/pdf",
        f"paper-{found.pk}.pdf",
    )


@router.get("/papers/{paper_id}/docx", url_name="paper_docx", summary="A published paper as Word")
def paper_docx(request: HttpRequest, paper_id: int) -> HttpResponse:
    found = _public_paper(paper_id)
    return download(
        rendering.paper_docx(selectors.document_for(found)), DOCX, f"paper-{found.pk}.docx"
    )


@router.get("/appendices/{appendix_id}", url_name="appendix_file", summary="An appendix file")
def appendix_file(request: HttpRequest, appendix_id: int) -> HttpResponseBase:
    found = Appendix.objects.filter(pk=appendix_id, paper__in=selectors.public_papers()).first()
    if found is None:
        raise Http404(f"No published appendix {appendix_id}.")
    return appendix_response(found)


def _decisions() -> Any:
    return (
        selectors.public_decisions(api_region())
        .select_related("item__proposal")
        .prefetch_related("outcomes__recommendation", "votes__person")
    )


@router.get(
    "/decisions", response=list[MeetingDecisionOut], summary="Published decisions, newest first"
)
@paginated
def decisions(request: HttpRequest, board: str = "") -> Any:
    qs = _decisions()
    return qs.filter(board__slug=board) if board else qs


@router.get(
    "/decisions/{decision_id}",
    response=MeetingDecisionOut,
    url_name="meeting_decision",
    summary="A published decision",
)
def decision(request: HttpRequest, decision_id: int) -> Decision:
    found: Decision | None = _decisions().filter(pk=decision_id).first()
    if found is None:
        raise Http404(f"No published decision {decision_id}.")
    return found


def _item(pk: int) -> AgendaItem:
    item = (
        AgendaItem.objects.filter(meeting__board__region=api_region(), pk=pk)
        .select_related("meeting__board", "origin")
        .first()
    )
    if item is None:
        raise Http404(f"No agenda item {pk}.")
    return item


@router.post(
    "/agenda-items/{item_id}/decisions",
    response={201: MeetingDecisionOut},
    auth=TOKEN,
    summary="Record a decision (or a correction that supersedes one)",
)
def decision_create(request: HttpRequest, item_id: int, payload: MeetingDecisionIn) -> Status[Any]:
    item = _item(item_id)
    holder = Paper.objects.filter(item=item.paper_holder).first()
    numbers = {r.position: r.pk for r in holder.recommendations.all()} if holder else {}
    outcomes = []
    for o in payload.outcomes:
        if o.recommendation is not None and o.recommendation not in numbers:
            raise DomainError(f"There is no recommendation {o.recommendation}.", field="outcomes")
        outcomes.append(
            services.OutcomeInput(
                numbers.get(o.recommendation) if o.recommendation else None,
                o.outcome,
                o.amended_text,
            )
        )
    people = dict(
        item.meeting.board.region.people.filter(slug__in=list(payload.votes)).values_list(
            "slug", "pk"
        )
    )
    unknown = sorted(set(payload.votes) - set(people))
    if unknown:
        raise DomainError(f"No person {', '.join(unknown)} in this region.", field="votes")
    wrong = sorted(v for v in set(payload.votes.values()) if v not in Vote.Choice.values)
    if wrong:
        raise DomainError(
            f"A vote is one of {', '.join(Vote.Choice.values)}, not {wrong[0]!r}.", field="votes"
        )
    supersedes = None
    if payload.supersedes:
        supersedes = Decision.objects.filter(item=item, reference=payload.supersedes).first()
        if supersedes is None:
            raise Http404(f"No decision {payload.supersedes} on this item.")
    recorded = services.decision_record(
        by=request.auth,  # type: ignore[attr-defined]
        item=item,
        summary=payload.summary,
        outcomes=outcomes,
        votes={people[slug]: vote for slug, vote in payload.votes.items()},
        published_on=payload.published_on,
        effective_on=payload.effective_on,
        supersedes=supersedes,
        correction_reason=payload.correction_reason,
        if_not_agreed=payload.if_not_agreed,
    )
    return Status(
        201,
        Decision.objects.select_related("board", "item__proposal", "supersedes")
        .prefetch_related("outcomes__recommendation", "votes__person")
        .get(pk=recorded.pk),
    )


@router.get("/meetings/{meeting_id}/minutes", response=MinutesOut, summary="Approved minutes")
def minutes(request: HttpRequest, response: HttpResponse, meeting_id: int) -> Minutes:
    found = Minutes.objects.filter(
        meeting=_meeting(meeting_id), status=Minutes.Status.APPROVED
    ).first()
    if found is None:
        raise Http404("These minutes have not been approved.")
    versions.tag(response, found)
    return found


@router.put(
    "/meetings/{meeting_id}/minutes",
    response=MinutesOut,
    auth=TOKEN,
    summary="Draft or redraft minutes (refused once approved)",
    description=versions.IF_MATCH
    + ' Draft minutes are read from the `ETag` of the last PUT; `If-Match: "0"` drafts '
    "them only if nobody has yet.",
)
def minutes_put(
    request: HttpRequest, response: HttpResponse, meeting_id: int, payload: MinutesIn
) -> Minutes:
    saved = services.minutes_draft(
        by=request.auth,  # type: ignore[attr-defined]
        meeting=_meeting(meeting_id),
        body=payload.body,
        version=versions.if_match(request),
    )
    versions.tag(response, saved)
    return saved
