"""Defining indicators, their targets, and publishing them."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone

from remit.core.errors import DomainError
from remit.core.models import Mission
from remit.core.models import Region
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services.writes import apply_changes
from remit.core.services.writes import delete_attributed
from remit.core.services.writes import locked
from remit.core.services.writes import locked_to_edit
from remit.core.services.writes import save_attributed
from remit.indicators import permissions
from remit.indicators.models import NO_CONTEXT_TARGET
from remit.indicators.models import Indicator
from remit.indicators.models import Kind
from remit.indicators.models import Origin
from remit.indicators.models import Target
from remit.indicators.models import Unit
from remit.regions.pack import Indicator as PackIndicator


def _missions(region: Region, missions: Iterable[Mission]) -> list[Mission]:
    chosen = list(missions)
    if any(m.region_id != region.pk for m in chosen):
        raise DomainError("Choose missions of this region.", field="missions")
    return chosen


def _mission_note(missions: list[Mission]) -> str:
    numbers = ", ".join(str(m.number) for m in sorted(missions, key=lambda m: m.number))
    return f"missions {numbers}" if numbers else "no missions"


# Paths under /indicators/ that an indicator's slug may not take.
RESERVED_SLUGS = frozenset({"new", "missions", "areas", "crime", "results"})


# What a definition that names only the older `unit` means by it.
KIND_OF_UNIT = {Unit.COUNT: Kind.COUNT, Unit.RATE_PER_1000: Kind.RATE, Unit.VALUE: Kind.SCORE}


def _normalise(data: dict[str, Any]) -> dict[str, Any]:
    if "unit" in data and "kind" not in data:
        data["kind"] = KIND_OF_UNIT.get(data["unit"], Kind.SCORE)
    if data.get("origin") == Origin.UPLOADED:
        data["crime_types"] = []
    if data.get("slug") in RESERVED_SLUGS:
        raise DomainError(f"“{data['slug']}” is kept for the site's own pages.", field="slug")
    return data


@transaction.atomic
def indicator_create(
    *, by: User, region: Region, data: Mapping[str, Any], missions: Iterable[Mission] = ()
) -> Indicator:
    require(permissions.can_define_indicator(by))
    chosen = _missions(region, missions)
    fields = _normalise(dict(data))
    if Indicator.all_objects.filter(region=region, slug=fields.get("slug", "")).exists():
        raise DomainError("An indicator with that short name already exists.", field="slug")
    indicator = Indicator(region=region, **fields)
    save_attributed(indicator, by=by, reason=f"Created, evidencing {_mission_note(chosen)}")
    indicator.missions.set(chosen)
    return indicator


@transaction.atomic
def indicator_update(
    *,
    by: User,
    indicator: Indicator,
    data: Mapping[str, Any],
    missions: Iterable[Mission] | None = None,
    version: int | None = None,
) -> Indicator:
    indicator = locked_to_edit(indicator, version, partial(permissions.can_define_indicator, by))
    fields = _normalise(dict(data))
    if fields.get("kind") == Kind.CONTEXT and indicator.targets.exists():
        raise DomainError(
            "Remove its targets first: a context figure, such as population, cannot have one.",
            field="kind",
        )
    changed = apply_changes(indicator, fields)
    if missions is not None:
        chosen = _missions(indicator.region, missions)
        if {m.pk for m in chosen} != set(indicator.missions.values_list("pk", flat=True)):
            changed.append(_mission_note(chosen))
            indicator.missions.set(chosen)
    if changed:
        save_attributed(indicator, by=by, reason="Edited: " + ", ".join(changed))
    return indicator


@transaction.atomic
def indicators_define(
    *, region: Region, definitions: Iterable[PackIndicator], by: User | None = None
) -> list[Indicator]:
    """Define the indicators a region pack names, each with its kind; those already defined
    are left as they are, since later edits made on the pages are kept with their history.

    `by=None` is the system loading a pack or the demo.
    """
    if by is not None:
        require(permissions.can_define_indicator(by))
    missions = {m.number: m for m in Mission.objects.filter(region=region)}
    defined = []
    for entry in definitions:
        found = Indicator.all_objects.filter(region=region, slug=entry.slug).first()
        if found is None:
            found = Indicator(
                region=region,
                slug=entry.slug,
                name=entry.name,
                description=entry.description,
                source=entry.source,
                origin=entry.origin,
                kind=entry.kind,
                crime_types=list(entry.crime_types),
                unit_label=entry.unit_label,
                polarity=entry.polarity,
                decimal_places=entry.decimal_places,
            )
            chosen = [missions[n] for n in entry.missions if n in missions]
            save_attributed(
                found,
                by=by,
                reason=f"Defined by the region pack, evidencing {_mission_note(chosen)}",
            )
            found.missions.set(chosen)
        defined.append(found)
    return defined


@transaction.atomic
def indicator_publish(*, by: User, indicator: Indicator) -> Indicator:
    indicator = locked(indicator)
    require(permissions.can_publish_indicator(by, indicator))
    if indicator.is_published:
        return indicator
    if not indicator.values.exists():
        raise DomainError("Load its figures before publishing it.", field="is_published")
    indicator.is_published = True
    indicator.published_at = timezone.now()
    return save_attributed(indicator, by=by, reason="Published")


@transaction.atomic
def indicator_withdraw(*, by: User, indicator: Indicator) -> Indicator:
    indicator = locked(indicator)
    require(permissions.can_publish_indicator(by, indicator))
    if not indicator.is_published:
        return indicator
    indicator.is_published = False
    indicator.published_at = None
    return save_attributed(indicator, by=by, reason="Withdrawn from the public site")


@transaction.atomic
def target_add(*, by: User, indicator: Indicator, data: Mapping[str, Any]) -> Target:
    require(permissions.can_define_indicator(by, indicator))
    if not indicator.is_performance:
        raise DomainError(NO_CONTEXT_TARGET, field="value")
    area = data.get("area")
    if area is not None and area.region_id != indicator.region_id:
        raise DomainError("Choose an area of this region.", field="area")
    return save_attributed(Target(indicator=indicator, **data), by=by, reason="Target set")


@transaction.atomic
def target_remove(*, by: User, target: Target) -> None:
    require(permissions.can_define_indicator(by, target.indicator))
    delete_attributed(target, by=by, reason="Target removed")
