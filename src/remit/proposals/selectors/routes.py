"""Where a proposal is on its governance route, and the meeting that decided each step."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet

from remit.core.models import Board
from remit.core.models import Person
from remit.core.models import Region
from remit.proposals.at_meetings import MeetingLink
from remit.proposals.at_meetings import meetings
from remit.proposals.models import DecisionEffect
from remit.proposals.models import ForumDecision
from remit.proposals.models import Proposal
from remit.proposals.models import ProposalQuerySet
from remit.proposals.models import Routing
from remit.proposals.workflow import RoutingState

ACTIVE_ROUTINGS = Prefetch(
    "routings",
    queryset=Routing.objects.filter(state=RoutingState.ACTIVE).select_related(
        "current_board", "current_decision_maker"
    ),
    to_attr="active_routings",
)


# Where a routing ends and whom it waits for, joined on every read of a route.
ROUTE_ENDS = (
    "route__final_board",
    "route__final_decision_maker",
    "current_board",
    "current_decision_maker",
)


def active_routing(proposal: Proposal) -> Routing | None:
    """The routing a proposal is on now: its own, or that of a paper it is part of."""
    return (
        Routing.objects.filter(state=RoutingState.ACTIVE)
        .filter(Q(proposal=proposal) | Q(paper__proposals=proposal))
        .select_related(*ROUTE_ENDS, "paper")
        .first()
    )


def awaiting(board: Board) -> ProposalQuerySet:
    """Proposals on a route of their own that is at `board`: what its meetings can decide."""
    return Proposal.all_objects.filter(
        deal__region=board.region_id,
        routings__state=RoutingState.ACTIVE,
        routings__current_board=board,
    ).order_by("title", "pk")


def decision_reason(board: object, outcome_label: str) -> str:
    """The history reason a decision writes; the timeline uses it to avoid telling it twice."""
    return f"{board}: {outcome_label.lower()}"


def meeting_link(
    decision: ForumDecision, *, public: bool = False, user: Any = None
) -> MeetingLink | None:
    """Links to the meeting and its decision, if the decision was taken at one.

    Those who may open the meeting get its signed-in pages; the public, and anyone the
    meeting's board keeps out, get its published pages once those are public.
    """
    return meetings().link(decision, public=public, user=user)


@dataclass
class StepView:
    """One step: `board` is the board, or the person who decides alone (`alone`)."""

    position: int
    board: Any
    state: str
    is_final: bool
    decisions: list[ForumDecision] = field(default_factory=list)

    @property
    def alone(self) -> bool:
        return isinstance(self.board, Person)

    @property
    def label(self) -> str:
        return self.board.name_with_office if self.alone else str(self.board)


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
    boards = [s.board for s in routing.route.steps.all()] + [routing.route.final_decider]
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


def _with_steps_and_decisions(routings: QuerySet[Routing]) -> QuerySet[Routing]:
    """Routings as a route page shows them: the steps' boards, and the decisions in the order
    they were recorded with who made them, what they correct and their meeting links."""
    return routings.select_related(*ROUTE_ENDS).prefetch_related(
        "route__steps__board",
        Prefetch(
            "decisions",
            queryset=meetings()
            .with_links(
                ForumDecision.objects.select_related(
                    "board", "decision_maker", "recorded_by", "supersedes", "superseded_by"
                )
            )
            .order_by("recorded_at", "pk"),
        ),
    )


def routings_for(proposal: Proposal) -> QuerySet[Routing]:
    return _with_steps_and_decisions(
        Routing.objects.filter(Q(proposal=proposal) | Q(paper__proposals=proposal))
        .distinct()
        .select_related("paper")
    ).order_by("started_at", "pk")


def paper_routing_queryset() -> QuerySet[Routing]:
    return _with_steps_and_decisions(Routing.objects.all()).order_by("-started_at", "-pk")


def published_decisions_taken_alone(region: Region) -> QuerySet[ForumDecision]:
    """Decisions a person took alone on published proposals, newest first, for the public
    decisions feed; each carries `published_effects`, one per published proposal it moved."""
    return (
        ForumDecision.objects.filter(
            decision_maker__isnull=False,
            effects__proposal__in=Proposal.objects.filter(deal__region=region),
        )
        .distinct()
        .select_related("decision_maker")
        .prefetch_related(
            Prefetch(
                "effects",
                queryset=DecisionEffect.objects.filter(proposal__in=Proposal.objects.all())
                .select_related("proposal")
                .order_by("proposal__title", "proposal_id"),
                to_attr="published_effects",
            )
        )
        .order_by("-decided_on", "-recorded_at", "-pk")
    )
