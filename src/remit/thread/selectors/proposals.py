"""The proposals aligned to a mission, and the forums' and boards' decisions on them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.db.models import Q
from django.urls import reverse

from remit.core.models import Mission
from remit.indicators import selectors as indicator_selectors
from remit.indicators.selectors import ResultView
from remit.meetings.models import Decision
from remit.meetings.permissions import can_view_meeting
from remit.proposals.models import ForumDecision
from remit.proposals.models import MissionAlignment
from remit.proposals.models import PositionPaper
from remit.proposals.models import Proposal
from remit.thread.selectors.cases import CaseLine


@dataclass
class DecisionLine:
    """A forum's decision on a proposal, or a board's decision at a meeting about it."""

    board: str
    outcome: str
    decided_on: date
    note: str = ""
    reference: str = ""
    url: str = ""
    corrected: bool = False


@dataclass
class ProposalLine:
    proposal: Proposal
    url: str
    strength: str
    rationale: str
    decisions: list[DecisionLine] = field(default_factory=list)
    cases: list[CaseLine] = field(default_factory=list)
    results: list[ResultView] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"proposal-{self.proposal.pk}"


def proposal_lines(mission: Mission, user: Any, *, public: bool) -> list[ProposalLine]:
    qs = Proposal.objects.published() if public else Proposal.all_objects.visible_to(user)
    found = (
        qs.filter(alignments__mission=mission)
        .select_related("workstream__theme")
        .prefetch_related(
            Prefetch(
                "alignments",
                queryset=MissionAlignment.objects.filter(mission=mission),
                to_attr="this_mission",
            )
        )
    )
    lines = []
    for proposal in found:
        alignment = proposal.this_mission[0]  # type: ignore[attr-defined]
        lines.append(
            ProposalLine(
                proposal=proposal,
                url=indicator_selectors.proposal_link(proposal, user, public=public),
                strength=alignment.get_strength_display(),
                rationale=alignment.rationale,
            )
        )
    return lines


def _meeting_decision_open(decision: Decision, user: Any, *, public: bool, today: date) -> str:
    """The link to a board's decision at a meeting for this viewer, or "" if they cannot see it."""
    meeting = decision.item.meeting
    if not public and can_view_meeting(user, meeting):
        return reverse("meetings:decision", args=[decision.pk])
    if (
        meeting.public_at is not None
        and not decision.item.private
        and decision.published_on <= today
    ):
        return reverse("meetings_public:decision", args=[decision.pk])
    return ""


def _superseded(record: Any) -> bool:
    try:
        return record.superseded_by is not None
    except record.__class__.DoesNotExist:
        return False


def decision_lines(
    ids: list[int], user: Any, *, public: bool, today: date
) -> dict[int, list[DecisionLine]]:
    """Each proposal's forum decisions (its own routings and its papers') and the boards'
    decisions at meetings on items about it, oldest first.

    A forum decision taken at a meeting is shown only to those who may open the meeting's
    decision: to the public, once it is public.
    """
    through = PositionPaper.proposals.through
    by_paper: dict[int, set[int]] = defaultdict(set)
    for paper_id, proposal_id in through.objects.filter(proposal_id__in=ids).values_list(
        "positionpaper_id", "proposal_id"
    ):
        by_paper[paper_id].add(proposal_id)
    forum = (
        ForumDecision.objects.filter(
            Q(routing__proposal_id__in=ids) | Q(routing__paper_id__in=list(by_paper))
        )
        .select_related(
            "board",
            "decision_maker",
            "routing",
            "superseded_by",
            "meeting_decision__item__meeting__board",
        )
        .order_by("decided_on", "recorded_at", "pk")
    )
    found: dict[int, list[tuple[Any, DecisionLine]]] = defaultdict(list)
    for decision in forum:
        reference = url = ""
        if decision.meeting_decision_id:
            taken = decision.meeting_decision
            url = _meeting_decision_open(taken, user, public=public, today=today)
            if not url:
                continue
            reference = taken.reference
        line = DecisionLine(
            board=decision.decider_label,
            outcome=decision.get_outcome_display(),
            decided_on=decision.decided_on,
            note=decision.changes or decision.reasons,
            reference=reference or decision.meeting_reference,
            url=url,
            corrected=_superseded(decision),
        )
        routing = decision.routing
        owners = {routing.proposal_id} if routing.proposal_id else by_paper[routing.paper_id]
        for proposal_id in owners:
            found[proposal_id].append(((decision.decided_on, 0, decision.pk), line))
    at_meetings = (
        Decision.objects.filter(item__proposal_id__in=ids, forum_decision__isnull=True)
        .select_related("board", "item__meeting", "superseded_by")
        .order_by("published_on", "pk")
    )
    for taken in at_meetings:
        url = _meeting_decision_open(taken, user, public=public, today=today)
        if not url:
            continue
        line = DecisionLine(
            board=taken.board.name,
            outcome="Decided at its meeting",
            decided_on=taken.item.meeting.date,
            note=taken.summary,
            reference=taken.reference,
            url=url,
            corrected=_superseded(taken),
        )
        found[taken.item.proposal_id].append(((taken.item.meeting.date, 1, taken.pk), line))
    return {
        pk: [line for _, line in sorted(rows, key=lambda row: row[0])] for pk, rows in found.items()
    }
