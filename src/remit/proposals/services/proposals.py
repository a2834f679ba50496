"""Writing proposals: create, edit, align to missions, screen for impact, publish, withdraw."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone

from remit.core.errors import DomainError
from remit.core.models import Mission
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services.writes import StaleEdit
from remit.core.services.writes import apply_changes
from remit.core.services.writes import check_version
from remit.core.services.writes import delete_attributed
from remit.core.services.writes import locked
from remit.core.services.writes import locked_to_edit
from remit.core.services.writes import save_attributed
from remit.proposals import permissions
from remit.proposals import rules
from remit.proposals.models import Deal
from remit.proposals.models import Idea
from remit.proposals.models import ImpactAssessment
from remit.proposals.models import MissionAlignment
from remit.proposals.models import Proposal
from remit.proposals.services._common import departments_only
from remit.proposals.services._common import in_region
from remit.proposals.services._common import set_status
from remit.proposals.workflow import RoutingState
from remit.proposals.workflow import Status
from remit.proposals.workflow import check_publishable

MANY = ("partners", "departments")
CLOSED = frozenset({Status.REJECTED, Status.WITHDRAWN})


def _check_related(deal: Deal, data: Mapping[str, Any]) -> None:
    region = deal.region
    workstream = data.get("workstream")
    if workstream is not None and workstream.theme.region_id != region.pk:
        raise DomainError(f"{workstream} is a workstream of another region.", field="workstream")
    in_region([data.get("lead_officer")], region, field="lead_officer")
    in_region([data.get("sponsor")], region, field="sponsor")
    in_region(data.get("partners", ()), region, field="partners")
    in_region(data.get("departments", ()), region, field="departments")
    departments_only(data.get("departments", ()), field="departments")


def _split(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    fields = {k: v for k, v in data.items() if k not in MANY}
    many = {k: list(v) for k, v in data.items() if k in MANY}
    return fields, many


def _names(objects: list[Any]) -> str:
    return ", ".join(sorted(str(o) for o in objects)) or "none"


@transaction.atomic
def proposal_create(
    *, by: User, deal: Deal, data: Mapping[str, Any], source_idea: Idea | None = None
) -> Proposal:
    require(permissions.can_create_proposal(by, data.get("workstream")))
    _check_related(deal, data)
    fields, many = _split(data)
    if source_idea is not None and Proposal.all_objects.filter(source_idea=source_idea).exists():
        raise DomainError("That idea has already become a proposal.", field="source_idea")
    proposal = Proposal(deal=deal, source_idea=source_idea, **fields)
    reason = f"Created from the idea “{source_idea}”" if source_idea else "Created"
    save_attributed(proposal, by=by, reason=reason)
    for name, objects in many.items():
        getattr(proposal, name).set(objects)
    return proposal


@transaction.atomic
def proposal_update(
    *, by: User, proposal: Proposal, data: Mapping[str, Any], version: int | None = None
) -> Proposal:
    """Edit what a proposal asks for; many-to-many changes are named in the history reason."""
    proposal = locked_to_edit(proposal, version, partial(permissions.can_edit_proposal, by))
    if proposal.status in CLOSED:
        raise DomainError(
            f"A proposal that is {proposal.get_status_display().lower()} can no longer be edited."
        )
    new_workstream = data.get("workstream")
    if new_workstream is not None and new_workstream != proposal.workstream:
        require(permissions.can_create_proposal(by, new_workstream))
    _check_related(proposal.deal, data)
    fields, many = _split(data)
    changed = apply_changes(proposal, fields)
    notes = []
    for name, objects in many.items():
        current = list(getattr(proposal, name).all())
        if {o.pk for o in current} != {o.pk for o in objects}:
            notes.append(f"{name} now {_names(objects)}")
            changed.append(name)
    if not changed:
        return proposal
    reason = "Edited: " + ", ".join(sorted(changed))
    if notes:
        reason += " (" + "; ".join(notes) + ")"
    save_attributed(proposal, by=by, reason=reason)
    for name, objects in many.items():
        getattr(proposal, name).set(objects)
    return proposal


@transaction.atomic
def alignment_set(
    *,
    by: User,
    proposal: Proposal,
    mission: Mission,
    strength: str,
    rationale: str,
    version: int | None = None,
) -> MissionAlignment:
    """Align a proposal to a mission, or change how it does; one row per proposal and mission.

    ``version`` is the alignment's version the writer read (0: none existed), if they say.
    """
    require(permissions.can_align_proposal(by, proposal))
    if mission.region_id != proposal.deal.region_id:
        raise DomainError(f"{mission} belongs to another region.", field="mission")
    alignment = MissionAlignment.objects.filter(proposal=proposal, mission=mission).first()
    if alignment is not None:
        alignment = locked(alignment)
        check_version(alignment, version)
    elif version:
        raise StaleEdit("this mission alignment", [], 0)
    if alignment is None:
        alignment = MissionAlignment(proposal=proposal, mission=mission)
        reason = f"Aligned to mission {mission.number}"
    elif (alignment.strength, alignment.rationale) == (strength, rationale):
        return alignment
    else:
        reason = f"Alignment to mission {mission.number} changed"
    alignment.strength = MissionAlignment.Strength(strength)
    alignment.rationale = rationale.strip()
    return save_attributed(alignment, by=by, reason=reason)


@transaction.atomic
def alignment_remove(*, by: User, alignment: MissionAlignment) -> None:
    require(permissions.can_align_proposal(by, alignment.proposal))
    reason = f"No longer aligned to mission {alignment.mission.number}"
    delete_attributed(alignment, by=by, reason=reason)


@transaction.atomic
def proposal_publish(*, by: User, proposal: Proposal) -> Proposal:
    require(permissions.can_publish(by, proposal))
    if proposal.is_published:
        return proposal
    check_publishable(proposal.status)
    proposal.is_published = True
    proposal.published_at = timezone.now()
    return save_attributed(proposal, by=by, reason="Published")


@transaction.atomic
def proposal_unpublish(*, by: User, proposal: Proposal) -> Proposal:
    require(permissions.can_publish(by, proposal))
    if not proposal.is_published:
        return proposal
    proposal.is_published = False
    proposal.published_at = None
    return save_attributed(proposal, by=by, reason="Taken off the public site")


@transaction.atomic
def proposal_withdraw(*, by: User, proposal: Proposal, reason: str) -> Proposal:
    """Withdraw a proposal; its own route closes, a paper's route goes on without it."""
    require(permissions.can_withdraw(by, proposal))
    if not reason.strip():
        raise DomainError("Say why it is being withdrawn.", field="reason")
    for routing in proposal.routings.filter(state=RoutingState.ACTIVE):
        routing.state = RoutingState.CLOSED
        routing.current_position = None
        routing.current_board = None
        routing.current_decision_maker = None
        routing.awaiting_resubmission = False
        routing.finished_at = timezone.now()
        save_attributed(routing, by=by, reason="Closed: the proposal was withdrawn")
    return set_status(proposal, Status.WITHDRAWN, by=by, reason=f"Withdrawn: {reason.strip()}")


@transaction.atomic
def screening_save(
    *,
    by: User,
    proposal: Proposal,
    ratings: Mapping[str, str],
    full_assessment_needed: bool,
    mitigations: str,
    version: int | None = None,
) -> ImpactAssessment:
    """Record the equality and health impact screening; changing it withdraws any sign-off."""
    require(permissions.can_edit_assessment(by, proposal))
    assessment = ImpactAssessment.objects.filter(proposal=proposal).first()
    if assessment is not None:
        assessment = locked(assessment)
        check_version(assessment, version)
    rules.check_screening(ratings, mitigations)
    values = {
        "ratings": dict(ratings),
        "full_assessment_needed": full_assessment_needed,
        "mitigations": mitigations.strip(),
    }
    if assessment is None:
        assessment = ImpactAssessment(proposal=proposal, **values)
        return save_attributed(assessment, by=by, reason="Screening recorded")
    changed = apply_changes(assessment, values)
    if not changed:
        return assessment
    reason = "Screening changed: " + ", ".join(changed)
    if assessment.signed_off:
        assessment.signed_off_by = None
        assessment.signed_off_at = None
        reason += "; sign-off withdrawn until it is signed off again"
    return save_attributed(assessment, by=by, reason=reason)


@transaction.atomic
def screening_sign_off(*, by: User, proposal: Proposal) -> ImpactAssessment:
    require(permissions.can_sign_off_assessment(by, proposal))
    assessment = ImpactAssessment.objects.filter(proposal=proposal).first()
    if assessment is None or not assessment.ratings:
        raise DomainError("Rate the groups it affects before signing off.", field="ratings")
    if assessment.signed_off:
        return assessment
    assessment.signed_off_by = by
    assessment.signed_off_at = timezone.now()
    return save_attributed(assessment, by=by, reason="Screening signed off")
