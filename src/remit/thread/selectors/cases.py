"""The business cases serving a mission or developing one of its proposals, with their
appraisal's headline.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.db.models import Q
from django.urls import reverse

from remit.appraisal.models import AppraisalRun
from remit.appraisal.models import BusinessCase
from remit.appraisal.permissions import can_view_case
from remit.core.models import Mission


@dataclass
class CaseLine:
    """A business case with the board's decision on it and its appraisal's headline."""

    case: BusinessCase
    title: str
    url: str
    stage: str
    decision: str
    proposal_id: int | None
    option: str = ""
    npsv: Decimal | None = None
    bcr: str | None = None
    run: int | None = None

    @property
    def anchor(self) -> str:
        return f"case-{self.case.pk}"


def _headline(
    result: dict[str, Any] | None, preferred: str
) -> tuple[str, Decimal | None, str | None]:
    """The preferred option's net present social value and benefit–cost ratio."""
    if not result:
        return "", None, None
    options = [o for o in result.get("options", []) if not o.get("counterfactual")]
    chosen = next((o for o in options if o.get("name") == preferred), None)
    chosen = chosen or (options[0] if options else None)
    if chosen is None:
        return "", None, None
    return str(chosen["name"]), Decimal(chosen["npsv"]), chosen.get("bcr")


def case_lines(mission: Mission, ids: list[int], user: Any, *, public: bool) -> list[CaseLine]:
    """Cases serving the mission or developing one of its proposals.

    The public sees approved cases as the board approved them (the decision's snapshot);
    others see the cases they may open as they stand, with their latest appraisal.
    """
    if public:
        approved = BusinessCase.objects.filter(region=mission.region).select_related(
            "approved_decision__board", "proposal"
        )
        return [line for case in approved if (line := _public_case(case, mission, ids))]
    qs = (
        BusinessCase.all_objects.visible_to(user)
        .filter(region=mission.region)
        .filter(Q(missions=mission) | Q(proposal_id__in=ids))
        .distinct()
        .select_related("approved_decision__board", "proposal")
        .prefetch_related(
            Prefetch(
                "appraisal_runs",
                queryset=AppraisalRun.objects.only(
                    "pk", "business_case_id", "number", "result"
                ).order_by("-number"),
                to_attr="newest_runs",
            )
        )
        .order_by("title", "pk")
    )
    lines = []
    for case in qs:
        run = case.newest_runs[0] if case.newest_runs else None  # type: ignore[attr-defined]
        option, npsv, bcr = _headline(run.result if run else None, case.preferred_option)
        if can_view_case(user, case):
            url = reverse("appraisal:detail", args=[case.pk])
        else:
            url = reverse("appraisal_public:detail", args=[case.pk])
        lines.append(
            CaseLine(
                case=case,
                title=case.title,
                url=url,
                stage=case.get_stage_display(),
                decision=_approval(case),
                proposal_id=case.proposal_id if case.proposal_id in ids else None,
                option=option,
                npsv=npsv,
                bcr=bcr,
                run=run.number if run else None,
            )
        )
    return lines


def _approval(case: BusinessCase) -> str:
    decision = case.approved_decision
    if decision is None:
        return "Not yet approved"
    return (
        f"{decision.get_outcome_display()} by {decision.board.name} "
        f"on {decision.decided_on:%-d %B %Y}"
    )


def _public_case(case: BusinessCase, mission: Mission, ids: list[int]) -> CaseLine | None:
    snapshot = case.approved_decision.snapshot if case.approved_decision else {}
    numbers = {m.get("number") for m in snapshot.get("missions", [])}
    develops = case.proposal_id in ids and bool(snapshot.get("proposal"))
    if mission.number not in numbers and not develops:
        return None
    option, npsv, bcr = _headline(snapshot.get("appraisal"), snapshot.get("preferred_option", ""))
    return CaseLine(
        case=case,
        title=snapshot.get("title") or case.title,
        url=reverse("appraisal_public:detail", args=[case.pk]),
        stage=snapshot.get("stage_label", ""),
        decision=_approval(case),
        proposal_id=case.proposal_id if develops else None,
        option=option,
        npsv=npsv,
        bcr=bcr,
        run=snapshot.get("appraisal_run"),
    )
