"""Engagement: sessions with partners and departments, the ideas and feedback they produce."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from remit.core.errors import DomainError
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services.writes import apply_changes
from remit.core.services.writes import check_version
from remit.core.services.writes import locked
from remit.core.services.writes import save_attributed
from remit.proposals import permissions
from remit.proposals.models import Deal
from remit.proposals.models import EngagementSession
from remit.proposals.models import Feedback
from remit.proposals.models import Idea
from remit.proposals.models import Proposal
from remit.proposals.services._common import departments_only
from remit.proposals.services._common import in_region
from remit.proposals.services.proposals import proposal_create


def _check(deal: Deal, data: Mapping[str, Any]) -> None:
    workstream = data.get("workstream")
    if workstream is not None and workstream.theme.region_id != deal.region_id:
        raise DomainError(f"{workstream} is a workstream of another region.", field="workstream")
    in_region(data.get("organisations", ()), deal.region, field="organisations")
    if data.get("department") is not None:
        in_region([data["department"]], deal.region, field="department")
        departments_only([data["department"]], field="department")


@transaction.atomic
def session_create(*, by: User, deal: Deal, data: Mapping[str, Any]) -> EngagementSession:
    require(permissions.can_record_engagement(by, data.get("workstream")))
    _check(deal, data)
    fields = {k: v for k, v in data.items() if k != "organisations"}
    session = save_attributed(EngagementSession(deal=deal, **fields), by=by, reason="Recorded")
    session.organisations.set(data.get("organisations", ()))
    return session


@transaction.atomic
def session_update(
    *, by: User, session: EngagementSession, data: Mapping[str, Any], version: int | None = None
) -> EngagementSession:
    session = locked(session, related=("deal", "workstream"))
    require(permissions.can_record_engagement(by, session.workstream))
    check_version(session, version)
    if "workstream" in data and data["workstream"] != session.workstream:
        require(permissions.can_record_engagement(by, data["workstream"]))
    _check(session.deal, data)
    changed = apply_changes(session, {k: v for k, v in data.items() if k != "organisations"})
    if "organisations" in data:
        wanted = {o.pk for o in data["organisations"]}
        if wanted != set(session.organisations.values_list("pk", flat=True)):
            changed.append("organisations")
    if changed:
        save_attributed(session, by=by, reason="Edited: " + ", ".join(sorted(changed)))
        if "organisations" in data:
            session.organisations.set(data["organisations"])
    return session


@transaction.atomic
def idea_add(*, by: User, session: EngagementSession, data: Mapping[str, Any]) -> Idea:
    require(permissions.can_record_engagement(by, session.workstream))
    in_region([data.get("organisation")], session.deal.region, field="organisation")
    return save_attributed(Idea(session=session, **data), by=by, reason="Captured")


@transaction.atomic
def idea_adopt(*, by: User, idea: Idea, data: Mapping[str, Any]) -> Proposal:
    """Turn an idea into a draft proposal that remembers where it came from."""
    return proposal_create(by=by, deal=idea.session.deal, data=data, source_idea=idea)


@transaction.atomic
def feedback_add(*, by: User, session: EngagementSession, data: Mapping[str, Any]) -> Feedback:
    require(permissions.can_record_engagement(by, session.workstream))
    proposal = data.get("proposal")
    if proposal is not None and proposal.deal_id != session.deal_id:
        raise DomainError("That proposal belongs to another deal.", field="proposal")
    in_region([data.get("organisation")], session.deal.region, field="organisation")
    themes = list(data.get("themes", ()))
    in_region(themes, session.deal.region, field="themes")
    fields = {k: v for k, v in data.items() if k != "themes"}
    feedback = save_attributed(Feedback(session=session, **fields), by=by, reason="Captured")
    feedback.themes.set(themes)
    return feedback


@transaction.atomic
def feedback_mark_acted_on(*, by: User, feedback: Feedback, response: str) -> Feedback:
    """Say what was done about a piece of feedback; who and when are recorded with it."""
    require(permissions.can_record_engagement(by, feedback.session.workstream))
    if feedback.acted_on:
        raise DomainError("That feedback is already marked as acted on.")
    if not response.strip():
        raise DomainError("Say what was done about it.", field="response")
    feedback.acted_on = True
    feedback.acted_on_by = by
    feedback.acted_on_at = timezone.now()
    feedback.response = response.strip()
    return save_attributed(feedback, by=by, reason="Marked as acted on")
