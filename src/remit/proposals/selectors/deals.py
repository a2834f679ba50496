"""Deals, their position papers, milestones and engagement sessions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count
from django.db.models import Prefetch
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from remit.core.models import Region
from remit.proposals.models import Deal
from remit.proposals.models import EngagementSession
from remit.proposals.models import Feedback
from remit.proposals.models import Idea
from remit.proposals.models import PositionPaper
from remit.proposals.models import Proposal
from remit.proposals.models import ProposalQuerySet
from remit.proposals.permissions import can_record_engagement
from remit.proposals.selectors.routes import RouteView
from remit.proposals.selectors.routes import paper_routing_queryset
from remit.proposals.selectors.routes import route_view
from remit.proposals.workflow import Status


def deal_list(region: Region) -> QuerySet[Deal]:
    return (
        Deal.objects.filter(region=region)
        .select_related("route__final_board", "route__final_decision_maker")
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
        .select_related("route__final_board", "route__final_decision_maker")
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
                queryset=paper_routing_queryset(),
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
        [s.board for s in deal.route.steps.all()] + [deal.route.final_decider],
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
        .select_related("deal__route__final_board", "deal__route__final_decision_maker")
        .prefetch_related(
            Prefetch(
                "proposals", queryset=qs.select_related("workstream"), to_attr="visible_proposals"
            ),
            Prefetch("routings", queryset=paper_routing_queryset(), to_attr="all_routings"),
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
