"""Reads of business cases for pages, exports and the API, with the joins done once.

The appraisal is read from its stored JSON, so a page costs the same number of queries
whether the case has three options or thirty.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import Prefetch
from django.db.models import QuerySet

from remit.appraisal import charts
from remit.appraisal.affordability import Affordability
from remit.appraisal.affordability import FundingRow
from remit.appraisal.affordability import affordability
from remit.appraisal.models import AppraisalRun
from remit.appraisal.models import ApprovalDecision
from remit.appraisal.models import BusinessCase
from remit.appraisal.models import FundingLine
from remit.appraisal.models import ReviewComment
from remit.appraisal.models import Risk
from remit.appraisal.models import Section
from remit.appraisal.workflow import SectionKind
from remit.core.models import Mission
from remit.core.models import Region


def case_list(region: Region, user: Any) -> QuerySet[BusinessCase]:
    return (
        BusinessCase.all_objects.visible_to(user)
        .filter(region=region)
        .select_related("owner", "proposal", "approved_decision__board")
        .prefetch_related("sections")
        .order_by("title", "pk")
    )


def find_case(region: Region, pk: int) -> BusinessCase | None:
    """Any case of the region, drafts included: the caller checks who may see it."""
    return (
        BusinessCase.all_objects.filter(region=region, pk=pk)
        .select_related("owner", "proposal", "approved_decision__board")
        .first()
    )


def proposal_missions(proposal: Any) -> QuerySet[Mission]:
    """The missions a proposal is aligned to, which a case developing it inherits."""
    if proposal is None:
        return Mission.objects.none()
    return Mission.objects.filter(alignments__proposal=proposal).order_by("number")


def latest_run(case: BusinessCase) -> AppraisalRun | None:
    return AppraisalRun.objects.filter(business_case=case).order_by("-number").first()


def runs(case: BusinessCase) -> list[AppraisalRun]:
    return list(
        AppraisalRun.objects.filter(business_case=case)
        .select_related("created_by")
        .order_by("-number")
    )


ROUNDING_RULE = (
    "Every figure is worked out in full and rounded to the nearest penny only when shown, "
    "so a present value can differ by a penny or two from the sum of its rounded years."
)


@dataclass(frozen=True)
class OptionSummary:
    """One option's line in the appraisal summary table; money in pounds, ratios as text."""

    name: str
    counterfactual: bool
    pv_costs: Decimal
    pv_benefits: Decimal
    npsv: Decimal
    bcr: str | None
    added_costs: Decimal | None
    added_benefits: Decimal | None
    incremental_npsv: Decimal | None
    incremental_bcr: str | None
    benefits_may_fall: Decimal | None
    costs_may_rise: Decimal | None


@dataclass(frozen=True)
class OptionYears:
    """One option's years; the totals are the present values, rounded once (ROUNDING_RULE)."""

    name: str
    rows: list[charts.YearRow]
    total_costs: Decimal
    total_benefits: Decimal


@dataclass(frozen=True)
class AppraisalView:
    """What the pages and exports show of one stored appraisal."""

    result: Mapping[str, Any]
    options: list[OptionSummary]
    years: list[OptionYears]
    switching: list[charts.SwitchingRow]
    costs_spec: dict[str, Any]
    switching_spec: dict[str, Any]
    option_names: list[str] = field(default_factory=list)

    @property
    def base_year(self) -> int:
        return int(self.result["base_year"])

    @property
    def prices(self) -> str:
        return str(self.result["prices"])

    @property
    def discount(self) -> str:
        return str(self.result["discount"])

    @property
    def counterfactual(self) -> str:
        return str(self.result["counterfactual"])

    @property
    def rounding(self) -> str:
        return ROUNDING_RULE


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _summary(option: Mapping[str, Any]) -> OptionSummary:
    increment = option["incremental"] or {}
    return OptionSummary(
        name=option["name"],
        counterfactual=bool(option["counterfactual"]),
        pv_costs=Decimal(option["pv_costs"]),
        pv_benefits=Decimal(option["pv_benefits"]),
        npsv=Decimal(option["npsv"]),
        bcr=option["bcr"],
        added_costs=_decimal(increment.get("pv_costs")),
        added_benefits=_decimal(increment.get("pv_benefits")),
        incremental_npsv=_decimal(increment.get("npsv")),
        incremental_bcr=increment.get("bcr"),
        benefits_may_fall=charts.percent(increment.get("switching_benefits")),
        costs_may_rise=charts.percent(increment.get("switching_costs")),
    )


def appraisal_view(result: Mapping[str, Any]) -> AppraisalView:
    by_option: dict[str, list[charts.YearRow]] = {}
    for row in charts.year_rows(result):
        by_option.setdefault(row.option, []).append(row)
    options = {option["name"]: option for option in result["options"]}
    years = [
        OptionYears(
            name=name,
            rows=rows,
            total_costs=Decimal(options[name]["pv_costs"]),
            total_benefits=Decimal(options[name]["pv_benefits"]),
        )
        for name, rows in by_option.items()
    ]
    return AppraisalView(
        result=result,
        options=[_summary(option) for option in result["options"]],
        years=years,
        switching=charts.switching_rows(result),
        costs_spec=charts.costs_and_benefits_spec(result),
        switching_spec=charts.switching_values_spec(result),
        option_names=[option["name"] for option in result["options"]],
    )


@dataclass
class CasePage:
    case: BusinessCase
    sections: list[Section]
    run: AppraisalRun | None
    decisions: list[ApprovalDecision]
    funding: list[FundingLine]
    milestones: list[Any]
    risks: list[Risk]
    missions: list[Any]

    @property
    def by_kind(self) -> dict[str, Section]:
        return {section.kind: section for section in self.sections}

    @cached_property
    def appraisal(self) -> AppraisalView | None:
        return None if self.run is None else appraisal_view(self.run.result)

    @cached_property
    def affordability(self) -> Affordability:
        return affordability(
            (FundingRow(line.source, line.year, line.amount_pence) for line in self.funding),
            self.run.result if self.run else None,
            self.case.preferred_option,
        )

    @property
    def superseded(self) -> set[int]:
        return {d.supersedes_id for d in self.decisions if d.supersedes_id is not None}

    @property
    def sections_approved(self) -> bool:
        return all(section.status == "approved" for section in self.sections)


def case_page(region: Region, pk: int) -> CasePage | None:
    """Everything a business case's pages and exports show, in a fixed number of queries."""
    case = (
        BusinessCase.all_objects.filter(region=region, pk=pk)
        .select_related("owner", "proposal", "approved_decision__board")
        .prefetch_related(
            "missions",
            Prefetch(
                "sections",
                queryset=Section.objects.order_by("position").prefetch_related(
                    Prefetch(
                        "comments",
                        queryset=ReviewComment.objects.select_related("author").order_by(
                            "created_at", "pk"
                        ),
                    )
                ),
            ),
            Prefetch(
                "funding_lines", queryset=FundingLine.objects.order_by("year", "source", "pk")
            ),
            "milestones",
            Prefetch("risks", queryset=Risk.objects.select_related("owner").order_by("pk")),
            Prefetch(
                "decisions",
                queryset=ApprovalDecision.objects.select_related(
                    "board", "recorded_by", "appraisal_run"
                ).order_by("recorded_at", "pk"),
            ),
        )
        .first()
    )
    if case is None:
        return None
    risks = sorted(case.risks.all(), key=lambda risk: (-risk.score, risk.pk))
    return CasePage(
        case=case,
        sections=list(case.sections.all()),
        run=latest_run(case),
        decisions=list(case.decisions.all()),
        funding=list(case.funding_lines.all()),
        milestones=list(case.milestones.all()),
        risks=risks,
        missions=list(case.missions.all()),
    )


def section_of(case: BusinessCase, kind: str) -> Section | None:
    return Section.objects.filter(business_case=case, kind=kind).first()


def published_cases(region: Region) -> QuerySet[BusinessCase]:
    return (
        BusinessCase.objects.filter(region=region)
        .select_related("approved_decision__board")
        .order_by("title", "pk")
    )


def published_case(region: Region, pk: int) -> BusinessCase | None:
    return (
        BusinessCase.objects.filter(region=region, pk=pk)
        .select_related("approved_decision__board")
        .first()
    )


PUBLIC_SECTIONS = (
    SectionKind.STRATEGIC,
    SectionKind.ECONOMIC,
    SectionKind.FINANCIAL,
    SectionKind.MANAGEMENT,
)


def summary_snapshot(case: BusinessCase, run: AppraisalRun | None) -> dict[str, Any]:
    """The public summary of the case as it stands: everything but the commercial case, the
    risk register and the reviewers' comments."""
    sections = {
        section.kind: section
        for section in Section.objects.filter(business_case=case, kind__in=PUBLIC_SECTIONS)
    }
    return {
        "title": case.title,
        "summary": case.summary,
        "stage": case.stage,
        "stage_label": case.get_stage_display(),
        "proposal": str(case.proposal) if case.proposal_id else None,
        "owner": str(case.owner) if case.owner_id else None,
        "missions": [
            {"number": mission.number, "short_title": mission.short_title}
            for mission in case.missions.order_by("number")
        ],
        "sections": {
            kind.value: {
                "text": sections[kind].text if kind in sections else "",
                "objectives": sections[kind].objectives if kind in sections else "",
            }
            for kind in PUBLIC_SECTIONS
        },
        "preferred_option": case.preferred_option,
        "appraisal": run.result if run else None,
        "appraisal_run": run.number if run else None,
        "inputs_sha256": run.inputs_sha256 if run else None,
        "funding": [
            {"source": line.source, "year": line.year, "amount_pence": line.amount_pence}
            for line in case.funding_lines.order_by("year", "source", "pk")
        ],
        "milestones": [
            {
                "title": milestone.title,
                "due_on": milestone.due_on.isoformat(),
                "achieved_on": milestone.achieved_on.isoformat() if milestone.achieved_on else None,
            }
            for milestone in case.milestones.order_by("due_on", "pk")
        ],
    }


def snapshot_affordability(snapshot: Mapping[str, Any]) -> Affordability:
    return affordability(
        (
            FundingRow(row["source"], int(row["year"]), int(row["amount_pence"]))
            for row in snapshot.get("funding", ())
        ),
        snapshot.get("appraisal"),
        snapshot.get("preferred_option", ""),
    )


def option_names(run: AppraisalRun | None) -> Sequence[str]:
    return [] if run is None else [option["name"] for option in run.result["options"]]
