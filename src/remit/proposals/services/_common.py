"""What every proposals service shares: the permission chokepoint and the status guard."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import models
from django.utils import timezone

from remit.core import transitions
from remit.core.errors import DomainError
from remit.core.models import Organisation
from remit.core.models import Region
from remit.core.models import User
from remit.core.services.writes import save_attributed
from remit.proposals.models import Proposal
from remit.proposals.workflow import TRANSITIONS
from remit.proposals.workflow import Status


def set_status(proposal: Proposal, target: str, *, by: User, reason: str) -> Proposal:
    """Move a proposal through the one guard, recording the move in its history."""
    transitions.check(TRANSITIONS, proposal.status, target, Status, "proposal")
    proposal.status = Status(target)
    return save_attributed(proposal, by=by, reason=reason)


def not_in_future(day: date, *, field: str) -> None:
    if day > timezone.localdate():
        raise DomainError("The date cannot be in the future.", field=field)


def in_region(objects: Iterable[models.Model | None], region: Region, *, field: str) -> None:
    """Refuse records from another region: forms limit choices, the API must be told."""
    for obj in objects:
        if obj is not None and getattr(obj, "region_id", region.pk) != region.pk:
            raise DomainError(f"{obj} belongs to another region.", field=field)


def departments_only(organisations: Iterable[Organisation], *, field: str) -> None:
    for org in organisations:
        if org.kind != Organisation.Kind.GOVERNMENT_DEPARTMENT:
            raise DomainError(f"{org} is not a government department.", field=field)
