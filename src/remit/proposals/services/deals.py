"""Deals, their milestones, and the position papers that bundle proposals for the forums."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from typing import TypeVar

from django.db import transaction

from remit.core.errors import DomainError
from remit.core.models import Region
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services.registry import refuse_retired_route
from remit.core.services.writes import apply_changes
from remit.core.services.writes import locked_to_edit
from remit.core.services.writes import save_attributed
from remit.proposals import permissions
from remit.proposals.models import Deal
from remit.proposals.models import Milestone
from remit.proposals.models import PositionPaper
from remit.proposals.models import Proposal
from remit.proposals.models import Routing
from remit.proposals.workflow import RoutingState

M = TypeVar("M", Deal, Milestone, PositionPaper)


def _update(instance: M, data: Mapping[str, Any], *, by: User) -> M:
    changed = apply_changes(instance, data)
    if changed:
        save_attributed(instance, by=by, reason="Edited: " + ", ".join(sorted(changed)))
    return instance


@transaction.atomic
def deal_create(*, by: User, region: Region, data: Mapping[str, Any]) -> Deal:
    require(permissions.can_manage_deal(by))
    route = data.get("route")
    if route is not None and route.region_id != region.pk:
        raise DomainError(f"{route} is a route of another region.", field="route")
    if route is not None:
        refuse_retired_route(route)
    return save_attributed(Deal(region=region, **data), by=by, reason="Created")


@transaction.atomic
def deal_update(
    *, by: User, deal: Deal, data: Mapping[str, Any], version: int | None = None
) -> Deal:
    deal = locked_to_edit(deal, version, permissions.can_manage_deal(by))
    route = data.get("route")
    if route is not None and route != deal.route:
        if route.region_id != deal.region_id:
            raise DomainError(f"{route} is a route of another region.", field="route")
        refuse_retired_route(route)
        if Routing.objects.filter(route=deal.route, state=RoutingState.ACTIVE).exists():
            raise DomainError(
                "Proposals are on the current route: finish or withdraw them before changing it.",
                field="route",
            )
    return _update(deal, data, by=by)


@transaction.atomic
def milestone_create(*, by: User, deal: Deal, data: Mapping[str, Any]) -> Milestone:
    require(permissions.can_manage_deal(by))
    return save_attributed(Milestone(deal=deal, **data), by=by, reason="Added")


@transaction.atomic
def milestone_update(
    *, by: User, milestone: Milestone, data: Mapping[str, Any], version: int | None = None
) -> Milestone:
    milestone = locked_to_edit(milestone, version, permissions.can_manage_deal(by))
    return _update(milestone, data, by=by)


def _check_proposals(deal: Deal, proposals: list[Proposal]) -> None:
    for proposal in proposals:
        if proposal.deal_id != deal.pk:
            raise DomainError(f"“{proposal}” belongs to another deal.", field="proposals")


@transaction.atomic
def paper_create(*, by: User, deal: Deal, data: Mapping[str, Any]) -> PositionPaper:
    require(permissions.can_manage_deal(by))
    proposals = list(data.get("proposals", ()))
    _check_proposals(deal, proposals)
    fields = {k: v for k, v in data.items() if k != "proposals"}
    paper = save_attributed(PositionPaper(deal=deal, **fields), by=by, reason="Created")
    paper.proposals.set(proposals)
    return paper


@transaction.atomic
def paper_update(
    *, by: User, paper: PositionPaper, data: Mapping[str, Any], version: int | None = None
) -> PositionPaper:
    """Edit a paper; what it bundles is fixed while it is on its route."""
    paper = locked_to_edit(paper, version, permissions.can_manage_deal(by), related=("deal",))
    fields = {k: v for k, v in data.items() if k != "proposals"}
    if "proposals" in data:
        proposals = list(data["proposals"])
        _check_proposals(paper.deal, proposals)
        current = set(Proposal.all_objects.filter(papers=paper).values_list("pk", flat=True))
        if current != {p.pk for p in proposals}:
            if paper.routings.filter(state=RoutingState.ACTIVE).exists():
                raise DomainError(
                    "The paper is with the forums: its proposals cannot change until it returns.",
                    field="proposals",
                )
            names = ", ".join(sorted(str(p) for p in proposals)) or "none"
            save_attributed(paper, by=by, reason=f"Proposals now {names}")
            paper.proposals.set(proposals)
    return _update(paper, fields, by=by)
