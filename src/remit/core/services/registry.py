"""Registry edits made by people through the UI or the API."""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any
from typing import TypeVar

from django.db import models
from django.db import transaction
from django.utils import timezone

from remit.core import permissions
from remit.core.errors import DomainError
from remit.core.models import AREA_DATA_FIELDS
from remit.core.models import Area
from remit.core.models import Board
from remit.core.models import GovernanceRoute
from remit.core.models import Membership
from remit.core.models import Mission
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import RouteStep
from remit.core.models import User
from remit.core.services.writes import apply_changes
from remit.core.services.writes import apply_many
from remit.core.services.writes import check_version
from remit.core.services.writes import delete_attributed
from remit.core.services.writes import locked
from remit.core.services.writes import save_attributed

M = TypeVar("M", bound=models.Model)


def _update(instance: M, data: Mapping[str, Any], *, by: User) -> M:
    changed = apply_changes(instance, data)
    if not changed:
        return instance
    return save_attributed(instance, by=by, reason="Edited: " + ", ".join(sorted(changed)))


@transaction.atomic
def organisation_create(*, by: User, region: Region, data: Mapping[str, Any]) -> Organisation:
    permissions.require(permissions.can_create_organisation(by))
    fields = dict(data)
    areas = fields.pop("areas_served", None)
    organisation = save_attributed(Organisation(region=region, **fields), by=by, reason="Created")
    apply_many(organisation, "areas_served", areas)
    return organisation


@transaction.atomic
def organisation_update(
    *, by: User, organisation: Organisation, data: Mapping[str, Any], version: int | None = None
) -> Organisation:
    organisation = locked(organisation)
    permissions.require(permissions.can_edit_organisation(by, organisation))
    check_version(organisation, version)
    fields = dict(data)
    areas = fields.pop("areas_served", None)
    changed = apply_changes(organisation, fields)
    if apply_many(organisation, "areas_served", areas):
        changed.append("areas served")
    if not changed:
        return organisation
    return save_attributed(organisation, by=by, reason="Edited: " + ", ".join(sorted(changed)))


@transaction.atomic
def person_create(*, by: User, region: Region, data: Mapping[str, Any]) -> Person:
    permissions.require(permissions.can_create_person(by, data.get("organisation")))
    return save_attributed(Person(region=region, **data), by=by, reason="Created")


@transaction.atomic
def person_update(
    *, by: User, person: Person, data: Mapping[str, Any], version: int | None = None
) -> Person:
    person = locked(person)
    permissions.require(permissions.can_edit_person(by, person))
    if "organisation" in data and data["organisation"] != person.organisation:
        permissions.require(permissions.can_create_person(by, data["organisation"]))
    check_version(person, version)
    return _update(person, data, by=by)


@transaction.atomic
def board_create(*, by: User, region: Region, data: Mapping[str, Any]) -> Board:
    permissions.require(permissions.can_edit_board(by, None))
    return save_attributed(Board(region=region, **data), by=by, reason="Created")


def _parent_cycle(board: Board, parent: Board | None) -> bool:
    seen = {board.pk}
    while parent is not None:
        if parent.pk in seen:
            return True
        seen.add(parent.pk)
        parent = parent.parent
    return False


@transaction.atomic
def board_update(
    *, by: User, board: Board, data: Mapping[str, Any], version: int | None = None
) -> Board:
    board = locked(board)
    permissions.require(permissions.can_edit_board(by, board))
    if _parent_cycle(board, data.get("parent", board.parent)):
        raise DomainError("A board cannot sit under one of its own sub-groups.", field="parent")
    check_version(board, version)
    return _update(board, data, by=by)


@transaction.atomic
def membership_create(*, by: User, board: Board, data: Mapping[str, Any]) -> Membership:
    permissions.require(permissions.can_edit_membership(by, None))
    return save_attributed(Membership(board=board, **data), by=by, reason="Created")


@transaction.atomic
def membership_update(
    *, by: User, membership: Membership, data: Mapping[str, Any], version: int | None = None
) -> Membership:
    membership = locked(membership)
    permissions.require(permissions.can_edit_membership(by, membership))
    check_version(membership, version)
    return _update(membership, data, by=by)


@transaction.atomic
def area_update(
    *, by: User, area: Area, data: Mapping[str, Any], version: int | None = None
) -> Area:
    area = locked(area)
    permissions.require(permissions.can_edit_area(by, area))
    if any(
        key not in AREA_DATA_FIELDS and getattr(area, key) != value for key, value in data.items()
    ):
        permissions.require(permissions.can_rename_area(by, area))
    check_version(area, version)
    return _update(area, data, by=by)


@transaction.atomic
def mission_update(
    *, by: User, mission: Mission, data: Mapping[str, Any], version: int | None = None
) -> Mission:
    mission = locked(mission)
    permissions.require(permissions.can_edit_mission(by, mission))
    check_version(mission, version)
    return _update(mission, data, by=by)


# A routing's state while a proposal or paper is on the route (the proposals app's
# RoutingState.ACTIVE, which core cannot import).
ON_ROUTE = "active"

ROUTE_FIELDS = ("name", "slug", "final_board", "final_decision_maker")


def _items(count: int) -> str:
    return "1 proposal or position paper" if count == 1 else f"{count} proposals or position papers"


def _check_route(region: Region, data: Mapping[str, Any], steps: Sequence[Board]) -> None:
    """The rules a region pack's route must keep, so a route made here is one a pack could
    have declared: steps in order, each board once, ending at a board or one person."""
    if not steps:
        raise DomainError("Choose at least one board for the route to pass through.", "step_1")
    seen: dict[int, int] = {}
    for position, board in enumerate(steps, start=1):
        if board.region_id != region.pk:
            raise DomainError(
                f"Step {position}: {board} is a board of another region. Choose a board in "
                f"{region.name}.",
                f"step_{position}",
            )
        if board.pk in seen:
            raise DomainError(
                f"Step {position}: {board} is already step {seen[board.pk]}. Choose each board "
                "once.",
                f"step_{position}",
            )
        seen[board.pk] = position
    final, person = data.get("final_board"), data.get("final_decision_maker")
    if final is not None and person is not None:
        raise DomainError(
            "Choose who takes the final decision: a board or a person, not both.",
            "final_decision_maker",
        )
    if final is None and person is None:
        raise DomainError(
            "Choose who takes the final decision: a board, or a person who decides alone.",
            "final_board",
        )
    if final is not None and final.region_id != region.pk:
        raise DomainError(
            f"{final} is a board of another region. Choose a board in {region.name}.",
            "final_board",
        )
    if person is not None and person.region_id != region.pk:
        raise DomainError(
            f"{person} is a person in another region. Choose a person in {region.name}.",
            "final_decision_maker",
        )
    if final is not None and final.pk == steps[-1].pk:
        raise DomainError(
            f"{final} is already the last step. Choose a different final board, or remove "
            "it from the steps.",
            "final_board",
        )


def _check_short_name(region: Region, slug: Any, route: GovernanceRoute | None = None) -> None:
    """The short name is a route's address, so the refusal lands on that field."""
    taken = region.governance_routes.filter(slug=slug)
    if route is not None:
        taken = taken.exclude(pk=route.pk)
    if taken.exists():
        raise DomainError(
            "There is already a governance route with that short name. Enter a different "
            "short name.",
            "slug",
        )


def _set_steps(route: GovernanceRoute, steps: Sequence[Board]) -> None:
    RouteStep.objects.filter(route=route).delete()
    RouteStep.objects.bulk_create(
        RouteStep(route=route, position=position, board=board)
        for position, board in enumerate(steps, start=1)
    )


def _steps_said(steps: Sequence[Board]) -> str:
    return "steps now " + ", ".join(f"{n}. {b}" for n, b in enumerate(steps, start=1))


@transaction.atomic
def route_create(*, by: User, region: Region, data: Mapping[str, Any]) -> GovernanceRoute:
    """Add a governance route: its boards in order, then a final board or one person."""
    permissions.require(permissions.can_edit_route(by))
    fields = dict(data)
    steps = list(fields.pop("steps", None) or ())
    _check_route(region, fields, steps)
    _check_short_name(region, fields.get("slug"))
    route = GovernanceRoute(region=region, **{k: fields.get(k) for k in ROUTE_FIELDS})
    route = save_attributed(route, by=by, reason="Created: " + _steps_said(steps))
    _set_steps(route, steps)
    return route


@transaction.atomic
def route_update(
    *,
    by: User,
    route: GovernanceRoute,
    data: Mapping[str, Any],
    version: int | None = None,
) -> GovernanceRoute:
    """Rename a route, or change its steps or final say while nothing has used it.

    Routings place a proposal by step position and record each decision against one, so
    the steps of a route anything has travelled are fixed; add a new route instead.
    """
    route = locked(route, related=("region", "final_board", "final_decision_maker"))
    permissions.require(permissions.can_edit_route(by))
    check_version(route, version)
    fields = dict(data)
    current = list(route.steps.select_related("board").order_by("position"))
    old_steps = [s.board for s in current]
    steps = list(fields.pop("steps", None) or ()) if "steps" in fields else old_steps
    merged = {k: fields.get(k, getattr(route, k)) for k in ROUTE_FIELDS}
    _check_route(route.region, merged, steps)
    _check_short_name(route.region, merged["slug"], route)
    steps_changed = [b.pk for b in steps] != [b.pk for b in old_steps]
    end_changed = (merged["final_board"], merged["final_decision_maker"]) != (
        route.final_board,
        route.final_decision_maker,
    )
    if steps_changed or end_changed:
        _check_unused(route)
    changed = apply_changes(route, merged)
    if steps_changed:
        changed.append(_steps_said(steps))
    if not changed:
        return route
    route = save_attributed(route, by=by, reason="Edited: " + ", ".join(changed))
    if steps_changed:
        _set_steps(route, steps)
    return route


def _check_unused(route: GovernanceRoute) -> None:
    on_it = route.routings.filter(state=ON_ROUTE).count()
    if on_it:
        raise DomainError(
            f"{_items(on_it)} {'is' if on_it == 1 else 'are'} on this route now. You cannot "
            "change its steps or who takes the final decision until they finish or are "
            "withdrawn. You can still change its name.",
            "step_1",
        )
    used = route.routings.count()
    if used:
        raise DomainError(
            f"{_items(used)} {'has' if used == 1 else 'have'} been through this route, and "
            "their decisions are recorded against its steps. You cannot change its steps or "
            "who takes the final decision. Add a new route instead.",
            "step_1",
        )


class RouteConflict(DomainError):
    """The route's state forbids the change: it is in use, or already retired or not."""


def route_delete_refusal(route: GovernanceRoute) -> str:
    """Why the route cannot be deleted, or an empty string when it can."""
    used = route.routings.count()
    if used:
        return (
            f"{_items(used)} {'has' if used == 1 else 'have'} used this route, so it cannot be "
            "deleted: their decisions are recorded against its steps."
        )
    deals = route.deals.count()
    if deals:
        return (
            f"{'1 deal follows' if deals == 1 else f'{deals} deals follow'} this route. Move "
            f"{'it' if deals == 1 else 'them'} to another route before deleting this one."
        )
    return ""


@transaction.atomic
def route_delete(*, by: User, route: GovernanceRoute) -> None:
    """Delete a route nothing uses; its steps go with it."""
    route = locked(route)
    permissions.require(permissions.can_edit_route(by))
    refusal = route_delete_refusal(route)
    if refusal:
        raise RouteConflict(refusal)
    delete_attributed(route, by=by, reason="Deleted")


def said_on(day: Any) -> str:
    """A date as pages write it: 7 December 2026."""
    return f"{day.day} {day:%B %Y}"


def refuse_retired_route(
    route: GovernanceRoute, field: str = "route", advice: str = "Choose a route that is in use."
) -> None:
    """Refuse to send anything new along a retired route, naming the field that chose it.

    What is already on the route goes on: this is for new deals, a deal moved to the route,
    and a first send along it.
    """
    retired_on = (
        GovernanceRoute.objects.filter(pk=route.pk).values_list("retired_on", flat=True).first()
    )
    if retired_on is not None:
        raise DomainError(
            f"{route} was retired on {said_on(retired_on)}, so nothing new can be sent "
            f"along it. {advice}",
            field,
        )


@transaction.atomic
def route_retire(
    *, by: User, route: GovernanceRoute, reason: str, version: int | None = None
) -> GovernanceRoute:
    """Stop offering a route for anything new, keeping it and all that was decided along it.

    A route anything has used cannot be deleted, so a partnership that stops using one
    retires it instead; whatever is on it now carries on to the end.
    """
    route = locked(route, related=("region", "final_board", "final_decision_maker"))
    permissions.require(permissions.can_retire_route(by))
    check_version(route, version)
    reason = (reason or "").strip()
    if route.retired_on is not None:
        raise RouteConflict(
            f"{route} was already retired on {said_on(route.retired_on)}.", "retired_on"
        )
    if not reason:
        raise DomainError("Enter why the route is being retired.", "reason")
    route.retired_on = timezone.localdate()
    route.retired_reason = reason
    return save_attributed(route, by=by, reason=f"Retired: {reason}")


@transaction.atomic
def route_reinstate(
    *, by: User, route: GovernanceRoute, version: int | None = None
) -> GovernanceRoute:
    """Offer a retired route again, for new deals and new sends."""
    route = locked(route, related=("region", "final_board", "final_decision_maker"))
    permissions.require(permissions.can_retire_route(by))
    check_version(route, version)
    if route.retired_on is None:
        raise RouteConflict(f"{route} is in use, not retired.", "retired_on")
    apply_changes(route, {"retired_on": None, "retired_reason": ""})
    return save_attributed(route, by=by, reason="Reinstated")
