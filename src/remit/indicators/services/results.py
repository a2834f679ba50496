"""Results that proposals and grants declare, their milestones and their progress."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from datetime import date
from functools import partial
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db import transaction

from remit.core.errors import DomainError
from remit.core.models import Mission
from remit.core.models import Region
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services.writes import apply_changes
from remit.core.services.writes import locked
from remit.core.services.writes import locked_to_edit
from remit.core.services.writes import save_attributed
from remit.indicators import permissions
from remit.indicators.models import Indicator
from remit.indicators.models import Result
from remit.indicators.models import ResultMilestone

# A progress note is kept as the reason in the result's history: a sentence or two.
PROGRESS_NOTE_MAX = 1000


def _links(
    region: Region, indicators: Iterable[Indicator], missions: Iterable[Mission]
) -> tuple[list[Indicator], list[Mission]]:
    chosen_indicators, chosen_missions = list(indicators), list(missions)
    if any(i.region_id != region.pk for i in chosen_indicators):
        raise DomainError("Choose indicators of this region.", field="indicators")
    if any(m.region_id != region.pk for m in chosen_missions):
        raise DomainError("Choose missions of this region.", field="missions")
    return chosen_indicators, chosen_missions


def _owner_fields(region: Region, owner: models.Model | None) -> dict[str, Any]:
    """The relation to the declaring record, and its name and link as that record gives them."""
    if owner is None:
        return {}
    from remit.indicators import selectors

    found = selectors.owner_of(owner)
    label = found.label if found else str(owner)
    if selectors.owner_region_id(owner) != region.pk:
        raise DomainError(f"{label} belongs to another region.", field="owner")
    url = found.url if found else getattr(owner, "get_absolute_url", None)
    return {
        "owner_type": ContentType.objects.get_for_model(owner),
        "owner_id": owner.pk,
        "owner_label": label[:200],
        **({"owner_url": url() if callable(url) else url} if url else {}),
    }


@transaction.atomic
def result_create(
    *,
    by: User,
    region: Region,
    data: Mapping[str, Any],
    indicators: Iterable[Indicator] = (),
    missions: Iterable[Mission] = (),
    owner: models.Model | None = None,
) -> Result:
    """Declare a result; `owner` ties it to a proposal, grant or other record of the region.

    An owner's name and link are taken from it, whatever `data` says.
    """
    require(permissions.can_declare_result(by, owner))
    chosen_indicators, chosen_missions = _links(region, indicators, missions)
    result = Result(region=region, **{**data, **_owner_fields(region, owner)})
    save_attributed(result, by=by, reason="Declared")
    result.indicators.set(chosen_indicators)
    result.missions.set(chosen_missions)
    return result


@transaction.atomic
def result_update(
    *,
    by: User,
    result: Result,
    data: Mapping[str, Any],
    indicators: Iterable[Indicator] | None = None,
    missions: Iterable[Mission] | None = None,
    version: int | None = None,
) -> Result:
    """Edit a result; one declared by a record here keeps that record's current name and link."""
    result = locked_to_edit(result, version, partial(permissions.can_edit_result, by))
    if result.owner_type_id is not None and result.owner is not None:
        owned = _owner_fields(result.region, result.owner)
        data = {**data, **{k: owned[k] for k in ("owner_label", "owner_url") if k in owned}}
    changed = apply_changes(result, data)
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
def result_progress(*, by: User, result: Result, percent: int, note: str = "") -> Result:
    """Report how far a result has got; the note says what moved it, in the history."""
    result = locked(result)
    require(permissions.can_edit_result(by, result))
    note = " ".join(note.split())
    if len(note) > PROGRESS_NOTE_MAX:
        raise DomainError(
            f"Keep the note to {PROGRESS_NOTE_MAX} characters; it has {len(note)}.", field="note"
        )
    before = result.progress_percent
    result.progress_percent = percent
    reason = f"Progress {before}% to {percent}%" + (f": {note}" if note else "")
    return save_attributed(result, by=by, reason=reason)


@transaction.atomic
def milestone_add(*, by: User, result: Result, data: Mapping[str, Any]) -> ResultMilestone:
    require(permissions.can_edit_result(by, result))
    return save_attributed(ResultMilestone(result=result, **data), by=by, reason="Added")


@transaction.atomic
def milestone_complete(*, by: User, milestone: ResultMilestone, on: date) -> ResultMilestone:
    milestone = locked(milestone)
    require(permissions.can_edit_result(by, milestone.result))
    if milestone.done_on is not None:
        raise DomainError("That milestone is already done.", field="done_on")
    milestone.done_on = on
    return save_attributed(milestone, by=by, reason=f"Done on {on:%d %B %Y}")
