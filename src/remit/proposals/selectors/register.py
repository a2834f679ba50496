"""The proposals register, its filters and the mission coverage matrix."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.db.models import Q

from remit.core.models import Mission
from remit.core.models import Region
from remit.core.models import Theme
from remit.core.models import Workstream
from remit.proposals import rules
from remit.proposals.models import MissionAlignment
from remit.proposals.models import PositionPaper
from remit.proposals.models import Proposal
from remit.proposals.models import ProposalQuerySet
from remit.proposals.selectors.routes import ACTIVE_ROUTINGS
from remit.proposals.workflow import DevolutionForm
from remit.proposals.workflow import Stage
from remit.proposals.workflow import Status


@dataclass(frozen=True)
class RegisterFilters:
    status: str = ""
    stage: str = ""
    workstream: str = ""
    theme: str = ""
    mission: int | None = None
    form: str = ""
    deal: str = ""
    q: str = ""

    @classmethod
    def from_query(cls, params: Mapping[str, Any]) -> RegisterFilters:
        """Read filters from a query string, ignoring values that name nothing."""
        mission = str(params.get("mission") or "")
        return cls(
            status=_choice(params.get("status"), Status.values),
            stage=_choice(params.get("stage"), Stage.values),
            workstream=str(params.get("workstream") or ""),
            theme=str(params.get("theme") or ""),
            mission=int(mission) if mission.isdigit() else None,
            form=_choice(params.get("form"), DevolutionForm.values),
            deal=str(params.get("deal") or ""),
            q=str(params.get("q") or "").strip(),
        )

    def apply(self, qs: ProposalQuerySet) -> ProposalQuerySet:
        if self.status:
            qs = qs.filter(status=self.status)
        if self.stage:
            qs = qs.filter(stage=self.stage)
        if self.workstream:
            qs = qs.filter(workstream__slug=self.workstream)
        if self.theme:
            qs = qs.filter(workstream__theme__slug=self.theme)
        if self.mission is not None:
            qs = qs.filter(alignments__mission__number=self.mission)
        if self.form:
            qs = qs.filter(form_of_devolution=self.form)
        if self.deal:
            qs = qs.filter(deal__slug=self.deal)
        if self.q:
            qs = qs.filter(Q(title__icontains=self.q) | Q(summary__icontains=self.q))
        return qs

    @property
    def active(self) -> bool:
        return any(
            (self.status, self.stage, self.workstream, self.theme, self.form, self.deal, self.q)
        ) or (self.mission is not None)


def _choice(value: object, allowed: list[str]) -> str:
    text = str(value or "")
    return text if text in allowed else ""


def alignments_prefetch() -> Any:
    return Prefetch(
        "alignments",
        queryset=MissionAlignment.objects.select_related("mission").order_by("mission__number"),
    )


def _paper_routings() -> Any:
    return Prefetch("papers", queryset=PositionPaper.objects.prefetch_related(ACTIVE_ROUTINGS))


def register(region: Region, qs: ProposalQuerySet, filters: RegisterFilters) -> ProposalQuerySet:
    """The register rows: proposals with what the list shows, in theme and workstream order."""
    return (
        filters.apply(qs.filter(deal__region=region))
        .select_related("deal", "workstream__theme", "lead_officer")
        .prefetch_related(alignments_prefetch(), ACTIVE_ROUTINGS, _paper_routings())
    )


def where_now(proposal: Proposal) -> str:
    """The forum a registered proposal waits at, from the prefetched active routings."""
    routings = list(getattr(proposal, "active_routings", []))
    for paper in proposal.papers.all():
        routings += list(getattr(paper, "active_routings", []))
    for routing in routings:
        if routing.current_label:
            if routing.awaiting_resubmission:
                return f"Referred back by {routing.current_label}"
            return f"With {routing.current_label}"
    return ""


def filter_choices(region: Region) -> dict[str, Any]:
    """What the register's filter form offers."""
    return {
        "themes": list(
            Theme.objects.filter(region=region).prefetch_related(
                Prefetch("workstreams", queryset=Workstream.objects.order_by("position", "name"))
            )
        ),
        "missions": list(Mission.objects.filter(region=region).order_by("number")),
        "statuses": Status.choices,
        "stages": Stage.choices,
        "forms": DevolutionForm.choices,
    }


@dataclass
class CoverageRow:
    proposal: Proposal
    cells: list[str]


@dataclass
class CoverageMatrix:
    """The rows shown (one page, or all for a download) and the counts over every proposal."""

    missions: list[Mission]
    rows: list[CoverageRow]
    coverage: list[rules.MissionCoverage]
    total: int
    page_obj: Page[Proposal] | None = None

    @property
    def unserved(self) -> list[Mission]:
        served = {c.mission for c in self.coverage if c.served}
        return [m for m in self.missions if m.number not in served]

    @property
    def columns(self) -> list[tuple[Mission, rules.MissionCoverage]]:
        return list(zip(self.missions, self.coverage, strict=True))


COVERAGE_PAGE_SIZE = 50


def coverage_matrix(
    region: Region, qs: ProposalQuerySet, filters: RegisterFilters, page: str | None = None
) -> CoverageMatrix:
    """Proposals × missions, with each mission's primary and secondary counts.

    With a page number only that page's proposals are read and laid out (a region
    can hold thousands); the counts always cover every proposal the filters match.
    """
    missions = list(Mission.objects.filter(region=region).order_by("number"))
    base = filters.apply(qs.filter(deal__region=region)).exclude(status=Status.WITHDRAWN)
    shown = base.select_related("workstream__theme").only(
        "pk",
        "title",
        "status",
        "workstream__name",
        "workstream__slug",
        "workstream__position",
        "workstream__theme__name",
        "workstream__theme__position",
    )
    found = [
        rules.Alignment(*row)
        for row in MissionAlignment.objects.filter(proposal__in=base.values("pk")).values_list(
            "proposal_id", "mission__number", "strength"
        )
    ]
    page_obj = None
    if page is None:
        proposals = list(shown)
        total = len(proposals)
    else:
        page_obj = Paginator(shown, COVERAGE_PAGE_SIZE).get_page(page)
        proposals = list(page_obj.object_list)
        total = page_obj.paginator.count
    by_proposal: dict[int, dict[int, str]] = {}
    for a in found:
        by_proposal.setdefault(a.proposal, {})[a.mission] = a.strength
    rows = [
        CoverageRow(p, [by_proposal.get(p.pk, {}).get(m.number, "") for m in missions])
        for p in proposals
    ]
    coverage = rules.coverage([m.number for m in missions], found)
    return CoverageMatrix(missions, rows, coverage, total, page_obj)


def proposals_ready_for_business_case(region: Region) -> ProposalQuerySet:
    """Proposals a Green Book business case can be started from: agreed, or agreed in
    principle subject to a business case (`workflow.ready_for_business_case`)."""
    return (
        Proposal.all_objects.filter(deal__region=region)
        .filter(
            Q(status=Status.AGREED)
            | Q(status=Status.AGREED_IN_PRINCIPLE, subject_to_business_case=True)
        )
        .select_related("deal", "workstream")
        .order_by("outcome_on", "pk")
    )
