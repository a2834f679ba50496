"""Reads for proposal pages, the API and the exports, with every join done once per page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from remit.core.models import Board, Mission, Region, Theme, Workstream
from remit.meetings.permissions import can_view_meeting
from remit.proposals import rules
from remit.proposals.models import (
    Deal,
    EngagementSession,
    Feedback,
    ForumDecision,
    Idea,
    ImpactAssessment,
    MissionAlignment,
    NegotiationEntry,
    PositionPaper,
    Proposal,
    ProposalQuerySet,
    Routing,
)
from remit.proposals.permissions import can_record_engagement
from remit.proposals.workflow import DevolutionForm, RoutingState, Stage, Status

ACTIVE_ROUTINGS = Prefetch(
    "routings",
    queryset=Routing.objects.filter(state=RoutingState.ACTIVE).select_related("current_board"),
    to_attr="active_routings",
)


def active_routing(proposal: Proposal) -> Routing | None:
    """The routing a proposal is on now: its own, or that of a paper it is part of."""
    return (
        Routing.objects.filter(state=RoutingState.ACTIVE)
        .filter(Q(proposal=proposal) | Q(paper__proposals=proposal))
        .select_related("route__final_board", "current_board", "paper")
        .first()
    )


def awaiting(board: Board) -> ProposalQuerySet:
    """Proposals on a route of their own that is at `board`: what its meetings can decide."""
    return Proposal.with_drafts.filter(
        deal__region=board.region_id,
        routings__state=RoutingState.ACTIVE,
        routings__current_board=board,
    ).order_by("title", "pk")


def decision_reason(board: object, outcome_label: str) -> str:
    """The history reason a decision writes; the timeline uses it to avoid telling it twice."""
    return f"{board}: {outcome_label.lower()}"


@dataclass(frozen=True)
class RegisterFilters:
    status: str = ""
    stage: str = ""
    workstream: str = ""
    theme: str = ""
    mission: int | None = None
    form: str = ""
    deal: str = ""
    q: str = ""

    @classmethod
    def from_query(cls, params: Mapping[str, Any]) -> RegisterFilters:
        """Read filters from a query string, ignoring values that name nothing."""
        mission = str(params.get("mission") or "")
        return cls(
            status=_choice(params.get("status"), Status.values),
            stage=_choice(params.get("stage"), Stage.values),
            workstream=str(params.get("workstream") or ""),
            theme=str(params.get("theme") or ""),
            mission=int(mission) if mission.isdigit() else None,
            form=_choice(params.get("form"), DevolutionForm.values),
            deal=str(params.get("deal") or ""),
            q=str(params.get("q") or "").strip(),
        )

    def apply(self, qs: ProposalQuerySet) -> ProposalQuerySet:
        if self.status:
            qs = qs.filter(status=self.status)
        if self.stage:
            qs = qs.filter(stage=self.stage)
        if self.workstream:
            qs = qs.filter(workstream__slug=self.workstream)
        if self.theme:
            qs = qs.filter(workstream__theme__slug=self.theme)
        if self.mission is not None:
            qs = qs.filter(alignments__mission__number=self.mission)
        if self.form:
            qs = qs.filter(form_of_devolution=self.form)
        if self.deal:
            qs = qs.filter(deal__slug=self.deal)
        if self.q:
            qs = qs.filter(Q(title__icontains=self.q) | Q(summary__icontains=self.q))
        return qs

    @property
    def active(self) -> bool:
        return any(
            (self.status, self.stage, self.workstream, self.theme, self.form, self.deal, self.q)
        ) or (self.mission is not None)


def _choice(value: object, allowed: list[str]) -> str:
    text = str(value or "")
    return text if text in allowed else ""


def _alignments() -> Any:
    return Prefetch(
        "alignments",
        queryset=MissionAlignment.objects.select_related("mission").order_by("mission__number"),
    )


def _paper_routings() -> Any:
    return Prefetch("papers", queryset=PositionPaper.objects.prefetch_related(ACTIVE_ROUTINGS))


def register(region: Region, qs: ProposalQuerySet, filters: RegisterFilters) -> ProposalQuerySet:
    """The register rows: proposals with what the list shows, in theme and workstream order."""
    return (
        filters.apply(qs.filter(deal__region=region))
        .select_related("deal", "workstream__theme", "lead_officer")
        .prefetch_related(_alignments(), ACTIVE_ROUTINGS, _paper_routings())
    )


def where_now(proposal: Proposal) -> str:
    """The forum a registered proposal waits at, from the prefetched active routings."""
    routings = list(getattr(proposal, "active_routings", []))
    for paper in proposal.papers.all():
        routings += list(getattr(paper, "active_routings", []))
    for routing in routings:
        if routing.current_board is not None:
            if routing.awaiting_resubmission:
                return f"Referred back by {routing.current_board}"
            return f"With {routing.current_board}"
    return ""


def filter_choices(region: Region) -> dict[str, Any]:
    """What the register's filter form offers."""
    return {
        "themes": list(
            Theme.objects.filter(region=region).prefetch_related(
                Prefetch("workstreams", queryset=Workstream.objects.order_by("position", "name"))
            )
        ),
        "missions": list(Mission.objects.filter(region=region).order_by("number")),
        "statuses": Status.choices,
        "stages": Stage.choices,
        "forms": DevolutionForm.choices,
    }


@dataclass(frozen=True)
class MeetingLink:
    """Where a forum decision taken at a meeting is recorded: the meeting's own decision."""

    reference: str
    meeting_on: date
    meeting_url: str
    decision_url: str


def meeting_link(
    decision: ForumDecision, *, public: bool = False, user: Any = None
) -> MeetingLink | None:
    """Links to the meeting and its decision.

    Those who may open the meeting get its signed-in pages; the public, and anyone the
    meeting's board keeps out, get its published pages once those are public.
    """
    taken = decision.meeting_decision
    if taken is None:
        return None
    meeting = taken.item.meeting
    if not public and (user is None or can_view_meeting(user, meeting)):
        return MeetingLink(
            taken.reference,
            meeting.date,
            reverse("meetings:meeting", args=[meeting.pk]),
            reverse("meetings:decision", args=[taken.pk]),
        )
    shown = meeting.public_at is not None
    open_ = shown and not taken.item.private and taken.published_on <= timezone.localdate()
    return MeetingLink(
        taken.reference,
        meeting.date,
        reverse("meetings_public:meeting", args=[meeting.pk]) if shown else "",
        reverse("meetings_public:decision", args=[taken.pk]) if open_ else "",
    )


@dataclass
class StepView:
    position: int
    board: Any
    state: str
    is_final: bool
    decisions: list[ForumDecision] = field(default_factory=list)


@dataclass
class RouteView:
    routing: Routing
    steps: list[StepView]
    latest: ForumDecision | None = None

    @property
    def current(self) -> StepView | None:
        return next((s for s in self.steps if s.state in ("current", "referred")), None)


def route_view(routing: Routing, *, public: bool = False, user: Any = None) -> RouteView:
    """Each forum on a routing with its decisions, corrected ones included, and its state.

    A decision taken at a meeting carries `at_meeting`, the links to that record.
    """
    boards = [s.board for s in routing.route.steps.all()] + [routing.route.final_board]
    by_step: dict[int, list[ForumDecision]] = {}
    decisions = list(routing.decisions.all())
    for decision in decisions:
        link = meeting_link(decision, public=public, user=user)
        decision.at_meeting = link
        by_step.setdefault(decision.position, []).append(decision)
    steps = []
    for position, board in enumerate(boards, start=1):
        if routing.state == RoutingState.ACTIVE and position == routing.current_position:
            state = "referred" if routing.awaiting_resubmission else "current"
        elif routing.state == RoutingState.ACTIVE and position > (routing.current_position or 0):
            state = "to come"
        elif by_step.get(position):
            state = "decided"
        else:
            state = "not reached"
        steps.append(
            StepView(position, board, state, position == len(boards), by_step.get(position, []))
        )
    latest = max(decisions, key=lambda d: (d.recorded_at, d.pk)) if decisions else None
    return RouteView(routing, steps, latest)


def _routings_for(proposal: Proposal) -> QuerySet[Routing]:
    return (
        Routing.objects.filter(Q(proposal=proposal) | Q(paper__proposals=proposal))
        .distinct()
        .select_related("route__final_board", "current_board", "paper")
        .prefetch_related(
            "route__steps__board",
            Prefetch(
                "decisions",
                queryset=ForumDecision.objects.select_related(
                    "board",
                    "recorded_by",
                    "supersedes",
                    "superseded_by",
                    "meeting_decision__item__meeting__board",
                ).order_by("recorded_at", "pk"),
            ),
        )
        .order_by("started_at", "pk")
    )


@dataclass
class ProposalPage:
    proposal: Proposal
    routes: list[RouteView]
    assessment: ImpactAssessment | None
    timeline: list[dict[str, Any]]
    feedback: list[Feedback]
    agenda: list[Any] = field(default_factory=list)

    @property
    def active_route(self) -> RouteView | None:
        return next((r for r in self.routes if r.routing.state == RoutingState.ACTIVE), None)

    @property
    def alignments(self) -> list[MissionAlignment]:
        return list(self.proposal.alignments.all())

    @property
    def final_endorsed(self) -> bool:
        return any(
            step.is_final
            and any(
                d.outcome in ("endorsed", "endorsed_with_changes") and not _superseded(d)
                for d in step.decisions
            )
            for route in self.routes
            for step in route.steps
        )

    @property
    def standing(self) -> str:
        """Where the proposal stands now: its status and, on a route, the forum it waits at."""
        p = self.proposal
        said = p.get_status_display()
        if p.outcome and p.outcome_on and p.status == p.outcome:
            said += f" by government on {p.outcome_on:%-d %B %Y}"
        elif p.status == Status.SUBMITTED and p.submitted_on:
            said += f" on {p.submitted_on:%-d %B %Y}"
        route = self.active_route
        step = route.current if route else None
        if step is not None:
            if step.state == "referred":
                said += f". {step.board} referred it back; it waits to be sent again"
            else:
                said += f". It waits for the decision of {step.board}"
        return said + "."


def _superseded(decision: ForumDecision) -> bool:
    try:
        return decision.superseded_by is not None
    except ForumDecision.DoesNotExist:
        return False


def proposal_detail(qs: ProposalQuerySet, pk: int) -> Proposal:
    found = (
        qs.select_related(
            "deal__region",
            "deal__route__final_board",
            "workstream__theme",
            "workstream__lead",
            "lead_officer",
            "sponsor",
            "source_idea__session",
        )
        .prefetch_related(
            "partners",
            "departments",
            _alignments(),
            Prefetch(
                "negotiation",
                queryset=NegotiationEntry.objects.select_related("department").order_by(
                    "held_on", "pk"
                ),
            ),
            Prefetch("papers", queryset=PositionPaper.objects.order_by("title")),
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("No such proposal.")
    return found


def proposal_page(
    qs: ProposalQuerySet, pk: int, *, public: bool = False, user: Any = None
) -> ProposalPage:
    """Everything the proposal page shows, in a fixed number of queries.

    The public page leaves out what stays internal: negotiation notes and feedback.
    """
    proposal = proposal_detail(qs, pk)
    routes = [route_view(r, public=public, user=user) for r in _routings_for(proposal)]
    assessment = (
        ImpactAssessment.objects.filter(proposal=proposal).select_related("signed_off_by").first()
    )
    feedback = (
        []
        if public
        else list(
            Feedback.objects.filter(proposal=proposal)
            .select_related("session", "organisation", "acted_on_by")
            .prefetch_related("themes")
        )
    )
    events = timeline(proposal, routes, with_negotiation=not public)
    agenda = [] if public else on_agenda(proposal, user)
    return ProposalPage(proposal, routes, assessment, events, feedback, agenda)


def on_agenda(proposal: Proposal, user: Any = None) -> list[Any]:
    """Open agenda items about the proposal: a board will record its decision there.

    Each carries `meeting_url`: the meeting's page for those who may open it, its published
    page for others once it is public, otherwise nothing.
    """
    items = list(
        proposal.agenda_items.filter(state="open")
        .exclude(meeting__status="cancelled")
        .select_related("meeting__board")
        .order_by("meeting__date", "pk")
    )
    for item in items:
        item.meeting_url = _meeting_url(item.meeting, user)  # type: ignore[attr-defined]
    return items


def _meeting_url(meeting: Any, user: Any) -> str:
    if user is None or can_view_meeting(user, meeting):
        return reverse("meetings:meeting", args=[meeting.pk])
    if meeting.public_at is not None:
        return reverse("meetings_public:meeting", args=[meeting.pk])
    return ""


def _day(moment: datetime | date) -> date:
    if isinstance(moment, datetime):
        return timezone.localtime(moment).date()
    return moment


def timeline(
    proposal: Proposal, routes: list[RouteView], *, with_negotiation: bool = True
) -> list[dict[str, Any]]:
    """Stages, status changes, forum decisions and negotiation, in the order they happened.

    Each event is dated by the fact it records (a decision's date, the date of submission or
    of the outcome, a negotiation meeting's date). An event with no such fact (creation, a
    stage moved, sending to a forum) is dated when it was recorded, and is placed no later
    than any dated event recorded after it, which it came before: a proposal recorded today
    with decisions of 2022 starts in 2022, not after its outcome. A corrected decision stays,
    marked as corrected, with the anchor of the correction that replaced it. `current` marks
    the latest event that still stands.
    """
    events: list[dict[str, Any]] = []
    decision_reasons = set()
    decisions = {d.pk: d for route in routes for step in route.steps for d in step.decisions}
    for d in decisions.values():
        events.append(_decision_event(d, decisions))
        decision_reasons.add(decision_reason(d.board, d.get_outcome_display()))
    events += _history_events(proposal, decision_reasons)
    for entry in proposal.negotiation.all() if with_negotiation else []:
        events.append(
            {
                "when": entry.held_on,
                "title": f"Negotiation with {entry.department}",
                "body": entry.summary,
                "dated": True,
                "recorded_at": None,
            }
        )
    return order_events(events)


def order_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Put events in the order they happened and mark the latest that still stands.

    An event dated only by when it was recorded (`dated` false) is placed no later than
    the earliest dated event recorded after it; such an event, when moved earlier, says
    its date is the date it was recorded.
    """
    for event in events:
        event["day"] = _day(event["when"])
    dated = [e for e in events if e["dated"] and e["recorded_at"] is not None]
    for event in events:
        event["placed"] = event["day"]
        if event["dated"]:
            continue
        later = [e["day"] for e in dated if e["recorded_at"] > event["recorded_at"]]
        if later and min(later) < event["day"]:
            event["placed"] = min(later)
            event["recorded"] = True
    never = datetime.max.replace(tzinfo=UTC)
    events.sort(key=lambda e: (e["placed"], e["recorded_at"] or never))
    standing = [e for e in events if not e.get("corrected_by")]
    if standing:
        standing[-1]["current"] = True
    return events


def _decision_event(d: ForumDecision, decisions: Mapping[int, ForumDecision]) -> dict[str, Any]:
    label = d.get_outcome_display()
    body = d.changes or d.reasons
    if d.meeting_decision_id:
        body = f"Decided at its meeting: {d.meeting_decision}. {body}".strip()
    if d.supersedes_id:
        body = f"Correction: {d.correction_note} {body}".strip()
    event: dict[str, Any] = {
        "when": d.decided_on,
        "title": f"{d.board}: {label}",
        "body": body,
        "anchor": f"decision-{d.pk}",
        "dated": True,
        "recorded_at": d.recorded_at,
    }
    if d.supersedes_id:
        event["replaces"] = d.supersedes
    if _superseded(d):
        correction = decisions.get(d.superseded_by.pk, d.superseded_by)
        event["corrected_by"] = {
            "anchor": f"decision-{correction.pk}",
            "title": f"{correction.board}: {correction.get_outcome_display()}",
            "when": correction.decided_on,
        }
    return event


# A status change is dated by the fact it records when the record carries one.
_STATUS_DATES = {
    Status.SUBMITTED: "submitted_on",
    Status.AGREED: "outcome_on",
    Status.AGREED_IN_PRINCIPLE: "outcome_on",
    Status.DEFERRED: "outcome_on",
    Status.NOT_AGREED: "outcome_on",
}


def _history_events(proposal: Proposal, skip_reasons: set[str]) -> list[dict[str, Any]]:
    records = proposal.history.order_by("history_date", "history_id").values(
        "history_date",
        "status",
        "stage",
        "submitted_on",
        "outcome_on",
        "history_change_reason",
    )
    events = []
    previous: dict[str, Any] | None = None
    for record in records:
        when = record["history_date"]
        reason = record["history_change_reason"] or ""
        if previous is None:
            body = "" if reason == "Created" else reason
            events.append(_recorded(when, "Proposal created", body))
        else:
            if record["stage"] != previous["stage"]:
                title = f"Moved to the {Stage(record['stage']).label} stage"
                events.append(_recorded(when, title, ""))
            if record["status"] != previous["status"] and reason not in skip_reasons:
                title = Status(record["status"]).label
                field_ = _STATUS_DATES.get(record["status"])
                fact = record[field_] if field_ else None
                event = _recorded(when, title, "" if reason == title else reason)
                if fact is not None:
                    event.update(when=fact, dated=True)
                events.append(event)
        previous = record
    return events


def _recorded(when: datetime, title: str, body: str) -> dict[str, Any]:
    """An event dated only by when it was recorded."""
    return {"when": when, "title": title, "body": body, "dated": False, "recorded_at": when}


@dataclass
class CoverageRow:
    proposal: Proposal
    cells: list[str]


@dataclass
class CoverageMatrix:
    missions: list[Mission]
    rows: list[CoverageRow]
    coverage: list[rules.MissionCoverage]

    @property
    def unserved(self) -> list[Mission]:
        served = {c.mission for c in self.coverage if c.served}
        return [m for m in self.missions if m.number not in served]

    @property
    def columns(self) -> list[tuple[Mission, rules.MissionCoverage]]:
        return list(zip(self.missions, self.coverage, strict=True))


def coverage_matrix(
    region: Region, qs: ProposalQuerySet, filters: RegisterFilters
) -> CoverageMatrix:
    """Proposals × missions, with each mission's primary and secondary counts."""
    missions = list(Mission.objects.filter(region=region).order_by("number"))
    base = filters.apply(qs.filter(deal__region=region)).exclude(status=Status.WITHDRAWN)
    proposals = list(
        base.select_related("workstream__theme").only(
            "pk",
            "title",
            "status",
            "workstream__name",
            "workstream__slug",
            "workstream__position",
            "workstream__theme__name",
            "workstream__theme__position",
        )
    )
    found = [
        rules.Alignment(*row)
        for row in MissionAlignment.objects.filter(proposal__in=base.values("pk")).values_list(
            "proposal_id", "mission__number", "strength"
        )
    ]
    by_proposal: dict[int, dict[int, str]] = {}
    for a in found:
        by_proposal.setdefault(a.proposal, {})[a.mission] = a.strength
    rows = [
        CoverageRow(p, [by_proposal.get(p.pk, {}).get(m.number, "") for m in missions])
        for p in proposals
    ]
    return CoverageMatrix(missions, rows, rules.coverage([m.number for m in missions], found))


def proposals_ready_for_business_case(region: Region) -> ProposalQuerySet:
    """Proposals a Green Book business case can be started from: agreed, or agreed in
    principle subject to a business case (`workflow.ready_for_business_case`)."""
    return (
        Proposal.with_drafts.filter(deal__region=region)
        .filter(
            Q(status=Status.AGREED)
            | Q(status=Status.AGREED_IN_PRINCIPLE, subject_to_business_case=True)
        )
        .select_related("deal", "workstream")
        .order_by("outcome_on", "pk")
    )


def deal_list(region: Region) -> QuerySet[Deal]:
    return (
        Deal.objects.filter(region=region)
        .select_related("route__final_board")
        .annotate(proposal_count=Count("proposals", distinct=True))
    )


@dataclass
class DealPage:
    deal: Deal
    milestones: list[dict[str, Any]]
    papers: list[tuple[PositionPaper, RouteView | None]]
    sessions: list[EngagementSession]
    counts: list[tuple[str, int]]
    forums: list[Any]


def deal_page(region: Region, slug: str, qs: ProposalQuerySet) -> DealPage:
    deal = (
        Deal.objects.filter(region=region, slug=slug)
        .select_related("route__final_board")
        .prefetch_related("route__steps__board", "milestones")
        .first()
    )
    if deal is None:
        raise Http404("No such deal.")
    papers = list(
        PositionPaper.objects.filter(deal=deal).prefetch_related(
            Prefetch("proposals", queryset=qs.order_by("title"), to_attr="visible_proposals"),
            Prefetch(
                "routings",
                queryset=_paper_routing_queryset(),
                to_attr="all_routings",
            ),
        )
    )
    counts = dict(qs.filter(deal=deal).values_list("status").annotate(n=Count("pk")).order_by())
    today = timezone.localdate()
    milestones = [
        {
            "title": m.title,
            "when": m.actual_on or m.planned_on,
            "body": _milestone_body(m, today),
            "milestone": m,
        }
        for m in sorted(deal.milestones.all(), key=_milestone_day)
    ]
    return DealPage(
        deal,
        milestones,
        [(p, route_view(p.all_routings[0]) if p.all_routings else None) for p in papers],
        list(
            EngagementSession.objects.filter(deal=deal)
            .select_related("workstream", "department")
            .annotate(idea_count=Count("ideas", distinct=True))
        ),
        [(label, counts.get(value, 0)) for value, label in Status.choices if counts.get(value)],
        [s.board for s in deal.route.steps.all()] + [deal.route.final_board],
    )


def _paper_routing_queryset() -> QuerySet[Routing]:
    return (
        Routing.objects.select_related("route__final_board", "current_board")
        .prefetch_related(
            "route__steps__board",
            Prefetch(
                "decisions",
                queryset=ForumDecision.objects.select_related(
                    "board",
                    "recorded_by",
                    "supersedes",
                    "superseded_by",
                    "meeting_decision__item__meeting__board",
                ).order_by("recorded_at", "pk"),
            ),
        )
        .order_by("-started_at", "-pk")
    )


def _milestone_day(milestone: Any) -> date:
    return milestone.actual_on or milestone.planned_on or date.min


def _milestone_body(milestone: Any, today: date) -> str:
    planned = milestone.planned_on
    if milestone.actual_on:
        if planned and planned != milestone.actual_on:
            return f"Happened; planned for {planned:%-d %B %Y}."
        return "Happened."
    if planned and planned < today:
        return "Planned; not yet recorded as happened."
    return "Planned."


def paper_page(qs: ProposalQuerySet, pk: int) -> tuple[PositionPaper, list[RouteView]]:
    paper = (
        PositionPaper.objects.filter(pk=pk)
        .select_related("deal__route__final_board")
        .prefetch_related(
            Prefetch(
                "proposals", queryset=qs.select_related("workstream"), to_attr="visible_proposals"
            ),
            Prefetch("routings", queryset=_paper_routing_queryset(), to_attr="all_routings"),
        )
        .first()
    )
    if paper is None:
        raise Http404("No such position paper.")
    return paper, [route_view(r) for r in paper.all_routings]


def sessions_for_feedback(proposal: Proposal, user: Any) -> QuerySet[EngagementSession]:
    """The deal's sessions, newest first, that `user` may record feedback from."""
    sessions = EngagementSession.objects.filter(deal=proposal.deal_id).select_related("workstream")
    allowed = [s.pk for s in sessions if can_record_engagement(user, s.workstream)]
    return sessions.filter(pk__in=allowed).order_by("-held_on", "-pk")


def session_page(region: Region, pk: int, qs: ProposalQuerySet) -> EngagementSession:
    session = (
        EngagementSession.objects.filter(deal__region=region, pk=pk)
        .select_related("deal", "workstream", "department")
        .prefetch_related(
            "organisations",
            Prefetch(
                "ideas",
                queryset=_ideas_with_proposals(qs),
            ),
            Prefetch(
                "feedback",
                queryset=Feedback.objects.select_related(
                    "organisation", "acted_on_by", "proposal"
                ).prefetch_related("themes"),
            ),
        )
        .first()
    )
    if session is None:
        raise Http404("No such session.")
    return session


def _ideas_with_proposals(qs: ProposalQuerySet) -> QuerySet[Idea]:
    return Idea.objects.select_related("organisation", "proposal")


# What waits for someone, for "Your work" (remit.work): each a fixed number of queries.


def waiting_at_forums(region: Region) -> QuerySet[Routing]:
    """Proposals on their route waiting for a forum's decision (not sent back for changes)."""
    return (
        Routing.objects.filter(
            proposal__deal__region=region,
            state=RoutingState.ACTIVE,
            awaiting_resubmission=False,
            current_board__isnull=False,
        )
        .select_related("proposal", "current_board")
        .order_by("started_at", "pk")
    )


def screenings_to_sign_off(region: Region) -> QuerySet[ImpactAssessment]:
    """Impact screenings not yet signed off, of proposals still in play."""
    return (
        ImpactAssessment.objects.filter(proposal__deal__region=region, signed_off_at__isnull=True)
        .exclude(proposal__status=Status.WITHDRAWN)
        .select_related("proposal")
        .order_by("proposal__created_at", "pk")
    )
