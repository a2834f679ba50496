"""One proposal's page: its route, what is on an agenda for it, and its timeline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from datetime import UTC
from datetime import date
from datetime import datetime
from typing import Any

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from remit.proposals.at_meetings import AgendaEntry
from remit.proposals.at_meetings import meetings
from remit.proposals.models import Feedback
from remit.proposals.models import ForumDecision
from remit.proposals.models import ImpactAssessment
from remit.proposals.models import MissionAlignment
from remit.proposals.models import NegotiationEntry
from remit.proposals.models import PositionPaper
from remit.proposals.models import Proposal
from remit.proposals.models import ProposalQuerySet
from remit.proposals.selectors.register import alignments_prefetch
from remit.proposals.selectors.routes import RouteView
from remit.proposals.selectors.routes import decision_reason
from remit.proposals.selectors.routes import route_view
from remit.proposals.selectors.routes import routings_for
from remit.proposals.workflow import RoutingState
from remit.proposals.workflow import Stage
from remit.proposals.workflow import Status


@dataclass
class ProposalPage:
    proposal: Proposal
    routes: list[RouteView]
    assessment: ImpactAssessment | None
    timeline: list[dict[str, Any]]
    feedback: list[Feedback]
    agenda: list[AgendaEntry] = field(default_factory=list)

    @property
    def active_route(self) -> RouteView | None:
        return next((r for r in self.routes if r.routing.state == RoutingState.ACTIVE), None)

    @property
    def alignments(self) -> list[MissionAlignment]:
        return list(self.proposal.alignments.all())

    @property
    def final_endorsed(self) -> bool:
        return any(
            step.is_final
            and any(
                d.outcome in ("endorsed", "endorsed_with_changes") and not _superseded(d)
                for d in step.decisions
            )
            for route in self.routes
            for step in route.steps
        )

    @property
    def standing(self) -> str:
        """Where the proposal stands now: its status and, on a route, the forum it waits at."""
        p = self.proposal
        said = p.get_status_display()
        if p.outcome and p.outcome_on and p.status == p.outcome:
            said += f" by government on {p.outcome_on:%-d %B %Y}"
        elif p.status == Status.SUBMITTED and p.submitted_on:
            said += f" on {p.submitted_on:%-d %B %Y}"
        route = self.active_route
        step = route.current if route else None
        if step is not None:
            if step.state == "referred":
                said += f". {step.label} referred it back; it waits to be sent again"
            else:
                said += f". It waits for the decision of {step.label}"
        return said + "."


def _superseded(decision: ForumDecision) -> bool:
    try:
        return decision.superseded_by is not None
    except ForumDecision.DoesNotExist:
        return False


def proposal_detail(qs: ProposalQuerySet, pk: int) -> Proposal:
    found = (
        qs.select_related(
            "deal__region",
            "deal__route__final_board",
            "deal__route__final_decision_maker",
            "workstream__theme",
            "workstream__lead",
            "lead_officer",
            "sponsor",
            "source_idea__session",
        )
        .prefetch_related(
            "partners",
            "departments",
            alignments_prefetch(),
            Prefetch(
                "negotiation",
                queryset=NegotiationEntry.objects.select_related("department").order_by(
                    "held_on", "pk"
                ),
            ),
            Prefetch("papers", queryset=PositionPaper.objects.order_by("title")),
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404("No such proposal.")
    return found


def proposal_page(
    qs: ProposalQuerySet, pk: int, *, public: bool = False, user: Any = None
) -> ProposalPage:
    """Everything the proposal page shows, in a fixed number of queries.

    The public page leaves out what stays internal: negotiation notes and feedback.
    """
    proposal = proposal_detail(qs, pk)
    routes = [route_view(r, public=public, user=user) for r in routings_for(proposal)]
    assessment = (
        ImpactAssessment.objects.filter(proposal=proposal).select_related("signed_off_by").first()
    )
    feedback = (
        []
        if public
        else list(
            Feedback.objects.filter(proposal=proposal)
            .select_related("session", "organisation", "acted_on_by")
            .prefetch_related("themes")
        )
    )
    events = timeline(proposal, routes, with_negotiation=not public)
    agenda = [] if public else on_agenda(proposal, user)
    return ProposalPage(proposal, routes, assessment, events, feedback, agenda)


def on_agenda(proposal: Proposal, user: Any = None) -> list[AgendaEntry]:
    """Open agenda items about the proposal: a board will record its decision there.

    Each links to the meeting's page for those who may open it, its published page for
    others once it is public, otherwise nowhere.
    """
    return meetings().agenda(proposal, user)


def _day(moment: datetime | date) -> date:
    if isinstance(moment, datetime):
        return timezone.localtime(moment).date()
    return moment


def timeline(
    proposal: Proposal, routes: list[RouteView], *, with_negotiation: bool = True
) -> list[dict[str, Any]]:
    """Stages, status changes, forum decisions and negotiation, in the order they happened.

    Each event is dated by the fact it records (a decision's date, the date of submission or
    of the outcome, a negotiation meeting's date). An event with no such fact (creation, a
    stage moved, sending to a forum) is dated when it was recorded, and is placed no later
    than any dated event recorded after it, which it came before: a proposal recorded today
    with decisions of 2022 starts in 2022, not after its outcome. A corrected decision stays,
    marked as corrected, with the anchor of the correction that replaced it. `current` marks
    the latest event that still stands.
    """
    events: list[dict[str, Any]] = []
    decision_reasons = set()
    decisions = {d.pk: d for route in routes for step in route.steps for d in step.decisions}
    for d in decisions.values():
        events.append(_decision_event(d, decisions))
        decision_reasons.add(decision_reason(d.decider_label, d.get_outcome_display()))
    events += _history_events(proposal, decision_reasons)
    for entry in proposal.negotiation.all() if with_negotiation else []:
        events.append(
            {
                "when": entry.held_on,
                "title": f"Negotiation with {entry.department}",
                "body": entry.summary,
                "dated": True,
                "recorded_at": None,
            }
        )
    return order_events(events)


def order_events(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Put events in the order they happened and mark the latest that still stands.

    An event dated only by when it was recorded (`dated` false) is placed no later than
    the earliest dated event recorded after it; such an event, when moved earlier, says
    its date is the date it was recorded.
    """
    for event in events:
        event["day"] = _day(event["when"])
    dated = [e for e in events if e["dated"] and e["recorded_at"] is not None]
    for event in events:
        event["placed"] = event["day"]
        if event["dated"]:
            continue
        later = [e["day"] for e in dated if e["recorded_at"] > event["recorded_at"]]
        if later and min(later) < event["day"]:
            event["placed"] = min(later)
            event["recorded"] = True
    never = datetime.max.replace(tzinfo=UTC)
    events.sort(key=lambda e: (e["placed"], e["recorded_at"] or never))
    standing = [e for e in events if not e.get("corrected_by")]
    if standing:
        standing[-1]["current"] = True
    return events


def _decision_event(d: ForumDecision, decisions: Mapping[int, ForumDecision]) -> dict[str, Any]:
    label = d.get_outcome_display()
    body = d.changes or d.reasons
    if d.meeting_decision_id:
        body = f"Decided at its meeting: {d.meeting_decision}. {body}".strip()
    if d.decision_maker_id:
        body = f"Decided by {d.decider_label}. {body}".strip()
    if d.supersedes_id:
        body = f"Correction: {d.correction_note} {body}".strip()
    event: dict[str, Any] = {
        "when": d.decided_on,
        "title": f"{d.decider_label}: {label}",
        "body": body,
        "anchor": f"decision-{d.pk}",
        "dated": True,
        "recorded_at": d.recorded_at,
    }
    if d.supersedes_id:
        event["replaces"] = d.supersedes
    if _superseded(d):
        correction = decisions.get(d.superseded_by.pk, d.superseded_by)
        event["corrected_by"] = {
            "anchor": f"decision-{correction.pk}",
            "title": f"{correction.decider_label}: {correction.get_outcome_display()}",
            "when": correction.decided_on,
        }
    return event


# A status change is dated by the fact it records when the record carries one.
_STATUS_DATES = {
    Status.SUBMITTED: "submitted_on",
    Status.AGREED: "outcome_on",
    Status.AGREED_IN_PRINCIPLE: "outcome_on",
    Status.DEFERRED: "outcome_on",
    Status.NOT_AGREED: "outcome_on",
}


def _history_events(proposal: Proposal, skip_reasons: set[str]) -> list[dict[str, Any]]:
    records = proposal.history.order_by("history_date", "history_id").values(
        "history_date",
        "status",
        "stage",
        "submitted_on",
        "outcome_on",
        "history_change_reason",
    )
    events = []
    previous: dict[str, Any] | None = None
    for record in records:
        when = record["history_date"]
        reason = record["history_change_reason"] or ""
        if previous is None:
            body = "" if reason == "Created" else reason
            events.append(_recorded(when, "Proposal created", body))
        else:
            if record["stage"] != previous["stage"]:
                title = f"Moved to the {Stage(record['stage']).label} stage"
                events.append(_recorded(when, title, ""))
            if record["status"] != previous["status"] and reason not in skip_reasons:
                title = Status(record["status"]).label
                field_ = _STATUS_DATES.get(record["status"])
                fact = record[field_] if field_ else None
                event = _recorded(when, title, "" if reason == title else reason)
                if fact is not None:
                    event.update(when=fact, dated=True)
                events.append(event)
        previous = record
    return events


def _recorded(when: datetime, title: str, body: str) -> dict[str, Any]:
    """An event dated only by when it was recorded."""
    return {"when": when, "title": title, "body": body, "dated": False, "recorded_at": when}
