"""What the business case pages share: finding the case the person may open, and its addresses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.http import Http404
from django.http import HttpRequest
from django.urls import NoReverseMatch
from django.urls import reverse

from remit.appraisal import forms
from remit.appraisal import permissions
from remit.appraisal import selectors
from remit.appraisal.models import BusinessCase
from remit.appraisal.models import DeliveryMilestone
from remit.appraisal.models import FundingLine
from remit.appraisal.models import Risk
from remit.appraisal.workflow import SectionKind
from remit.ui.views import region_or_404

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class RowKind:
    """A kind of table row a section keeps: funding lines, milestones or risks."""

    model: type[models.Model]
    form: type[Any]
    section: SectionKind
    singular: str


ROWS: dict[str, RowKind] = {
    "funding": RowKind(FundingLine, forms.FundingLineForm, SectionKind.FINANCIAL, "funding line"),
    "milestones": RowKind(
        DeliveryMilestone, forms.MilestoneForm, SectionKind.MANAGEMENT, "milestone"
    ),
    "risks": RowKind(Risk, forms.RiskForm, SectionKind.MANAGEMENT, "risk"),
}


def case_for(request: HttpRequest, pk: int) -> BusinessCase:
    """The case if this user may see it; otherwise the same 404 as a case that does not exist."""
    case = selectors.find_case(region_or_404(), pk)
    if case is None or not permissions.can_view_case(request.user, case):
        raise Http404("No such business case.")
    return case


def case_page(request: HttpRequest, pk: int) -> selectors.CasePage:
    case = case_for(request, pk)
    page = selectors.case_page(case.region, case.pk)
    if page is None:
        raise Http404("No such business case.")
    return page


def section_kind(kind: str) -> SectionKind:
    if kind not in SectionKind.values:
        raise Http404("No such section.")
    return SectionKind(kind)


def proposal_url(case: BusinessCase | None, proposal: Any = None) -> str | None:
    proposal_id = case.proposal_id if case is not None else getattr(proposal, "pk", None)
    if proposal_id is None:
        return None
    try:
        return reverse("proposals:detail", args=[proposal_id])
    except NoReverseMatch:
        return None


def case_url(case: BusinessCase, kind: str | None = None) -> str:
    if kind is None:
        return reverse("appraisal:detail", args=[case.pk])
    return reverse("appraisal:section", args=[case.pk, kind])


def row_kind(kind: str) -> RowKind:
    if kind not in ROWS:
        raise Http404("No such table.")
    return ROWS[kind]
