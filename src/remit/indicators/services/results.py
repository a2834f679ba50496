"""Results that proposals and grants declare, their milestones and their progress."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from remit.core.errors import DomainError
from remit.core.models import Mission, Region
from remit.core.services.registry import save_attributed
from remit.indicators import permissions
from remit.indicators.models import Indicator, Result, ResultMilestone
from remit.indicators.services._common import require


def _links(
    region: Region, indicators: Iterable[Indicator], missions: Iterable[Mission]
) -> tuple[list[Indicator], list[Mission]]:
    chosen_indicators, chosen_missions = list(indicators), list(missions)
    if any(i.region_id != region.pk for i in chosen_indicators):
        raise DomainError("Choose indicators of this region.", field="indicators")
    if any(m.region_id != region.pk for m in chosen_missions):
        raise DomainError("Choose missions of this region.", field="missions")
    return chosen_indicators, chosen_missions


def _owner_fields(owner: models.Model | None) -> dict[str, Any]:
    if owner is None:
        return {}
    url = getattr(owner, "get_absolute_url", None)
    return {
        "owner_type": ContentType.objects.get_for_model(owner),
        "owner_id": owner.pk,
        "owner_label": str(owner)[:200],
        **({"owner_url": url()} if callable(url) else {}),
    }


@transaction.atomic
def result_create(
    *,
    by: Any,
    region: Region,
    data: Mapping[str, Any],
    indicators: Iterable[Indicator] = (),
    missions: Iterable[Mission] = (),
    owner: models.Model | None = None,
) -> Result:
    """Declare a result; `owner` ties it to a proposal, grant or other record here."""
    require(permissions.can_edit_result(by))
    chosen_indicators, chosen_missions = _links(region, indicators, missions)
    result = Result(region=region, **{**data, **_owner_fields(owner)})
    save_attributed(result, by=by, reason="Declared")
    result.indicators.set(chosen_indicators)
    result.missions.set(chosen_missions)
    return result


@transaction.atomic
def result_update(
    *,
    by: Any,
    result: Result,
    data: Mapping[str, Any],
    indicators: Iterable[Indicator] | None = None,
    missions: Iterable[Mission] | None = None,
) -> Result:
    result = Result.all_results.select_for_update().get(pk=result.pk)
    require(permissions.can_edit_result(by, result))
    changed = [name for name, value in data.items() if getattr(result, name) != value]
    for name in changed:
        setattr(result, name, data[name])
    chosen_indicators, chosen_missions = _links(result.region, indicators or [], missions or [])
    if indicators is not None and {i.pk for i in chosen_indicators} != set(
        result.indicators.values_list("pk", flat=True)
    ):
        result.indicators.set(chosen_indicators)
        changed.append("indicators")
    if missions is not None and {m.pk for m in chosen_missions} != set(
        result.missions.values_list("pk", flat=True)
    ):
        result.missions.set(chosen_missions)
        changed.append("missions")
    if changed:
        save_attributed(result, by=by, reason="Edited: " + ", ".join(changed))
    return result


@transaction.atomic
def milestone_add(*, by: Any, result: Result, data: Mapping[str, Any]) -> ResultMilestone:
    require(permissions.can_edit_result(by, result))
    return save_attributed(ResultMilestone(result=result, **data), by=by, reason="Added")


@transaction.atomic
def milestone_complete(*, by: Any, milestone: ResultMilestone, on: date) -> ResultMilestone:
    milestone = ResultMilestone.objects.select_for_update().get(pk=milestone.pk)
    require(permissions.can_edit_result(by, milestone.result))
    if milestone.done_on is not None:
        raise DomainError("That milestone is already done.", field="done_on")
    milestone.done_on = on
    return save_attributed(milestone, by=by, reason=f"Done on {on:%d %B %Y}")
