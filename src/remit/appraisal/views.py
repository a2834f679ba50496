"""Business case pages for signed-in users: the case, its five sections, the grid of flows,
uploads, the appraisal's history, the board's decision and the exports.

Views parse the request, call one service or selector and render; a `DomainError` becomes a
form error naming the field or cell, a refusal renders the reason with status 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from remit.appraisal import exports, forms, permissions, selectors, services
from remit.appraisal.case_file import load_case
from remit.appraisal.greenbook import Case
from remit.appraisal.models import (
    AppraisalRun,
    ApprovalDecision,
    BusinessCase,
    DeliveryMilestone,
    FundingLine,
    Risk,
)
from remit.appraisal.workbook import write_workbook
from remit.appraisal.workflow import MOVE_LABELS, TRANSITIONS, SectionKind, SectionStatus
from remit.core import selectors as core_selectors
from remit.core import transitions
from remit.core.errors import DomainError, NotPermitted
from remit.core.permissions import Verdict
from remit.ui.views import refuse, region_or_404, run_action, run_service

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


def _case(request: HttpRequest, pk: int) -> BusinessCase:
    """The case if this user may see it; otherwise the same 404 as a case that does not exist."""
    case = selectors.find_case(region_or_404(), pk)
    if case is None or not permissions.can_view_case(request.user, case):
        raise Http404("No such business case.")
    return case


def _page(request: HttpRequest, pk: int) -> selectors.CasePage:
    case = _case(request, pk)
    page = selectors.case_page(case.region, case.pk)
    if page is None:
        raise Http404("No such business case.")
    return page


def _kind(kind: str) -> SectionKind:
    if kind not in SectionKind.values:
        raise Http404("No such section.")
    return SectionKind(kind)


def _proposal_url(case: BusinessCase | None, proposal: Any = None) -> str | None:
    proposal_id = case.proposal_id if case is not None else getattr(proposal, "pk", None)
    if proposal_id is None:
        return None
    try:
        return reverse("proposals:detail", args=[proposal_id])
    except NoReverseMatch:
        return None


def _case_url(case: BusinessCase, kind: str | None = None) -> str:
    if kind is None:
        return reverse("appraisal:detail", args=[case.pk])
    return reverse("appraisal:section", args=[case.pk, kind])


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    region = region_or_404()
    rows = [
        {
            "case": case,
            "url": reverse("appraisal:detail", args=[case.pk])
            if permissions.can_view_case(request.user, case)
            else reverse("appraisal_public:detail", args=[case.pk]),
        }
        for case in selectors.case_list(region, request.user)
    ]
    return render(
        request,
        "appraisal/case_list.html",
        {"rows": rows, "can_create": permissions.can_create_case(request.user)},
    )


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    region = region_or_404()
    verdict = permissions.can_create_case(request.user)
    if not verdict:
        return refuse(request, verdict)
    initial: dict[str, Any] = {}
    form = forms.CaseForm(request.POST or None, region=region, initial=initial)
    proposal_id = request.GET.get("proposal", "")
    proposal = None
    if proposal_id.isdigit():
        proposal = form.fields["proposal"].queryset.filter(pk=int(proposal_id)).first()  # type: ignore[attr-defined]
        if proposal is not None:
            form.initial.update(
                {
                    "proposal": proposal.pk,
                    "title": proposal.title,
                    "summary": getattr(proposal, "summary", ""),
                    "owner": getattr(proposal, "sponsor_id", None),
                }
            )
    if request.method == "POST" and form.is_valid():
        case = run_service(
            form,
            lambda: services.business_case_create(
                by=request.user, region=region, data=form.cleaned_data
            ),
        )
        if case is not None:
            messages.success(request, "Business case started.")
            return redirect(_case_url(case))
    return render(
        request,
        "appraisal/case_form.html",
        {
            "form": form,
            "case": None,
            "from_proposal": proposal,
            "from_proposal_url": _proposal_url(case=None, proposal=proposal),
            "inherited_missions": list(selectors.proposal_missions(proposal)),
        },
    )


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = _page(request, pk)
    user = request.user
    return render(
        request,
        "appraisal/case_detail.html",
        {
            "page": page,
            "case": page.case,
            "proposal_url": _proposal_url(page.case),
            "can_edit": permissions.can_edit_case(user, page.case),
            "can_decide": permissions.can_record_decision(user, page.case),
            "can_export": permissions.can_export(user, page.case),
            "superseded": page.superseded,
        },
    )


@login_required
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    verdict = permissions.can_edit_case(request.user, case)
    if not verdict:
        return refuse(request, verdict)
    form = forms.CaseForm(request.POST or None, instance=case, region=case.region)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        case.refresh_from_db()
        saved = run_service(
            form,
            lambda: services.business_case_update(
                by=request.user, case=case, data=data, version=form.read_version
            ),
        )
        if saved is not None:
            messages.success(request, "Business case saved.")
            return redirect(_case_url(saved))
    return render(request, "appraisal/case_form.html", {"form": form, "case": case})


@login_required
def case_history(request: HttpRequest, pk: int) -> HttpResponse:
    page = _page(request, pk)
    return render(
        request,
        "appraisal/case_history.html",
        {
            "case": page.case,
            "case_history": core_selectors.history_for(page.case),
            "sections": [
                (section, core_selectors.history_for(section)) for section in page.sections
            ],
            "runs": selectors.runs(page.case),
            "decisions": page.decisions,
        },
    )


def _moves(user: Any, page: selectors.CasePage, status: str) -> list[dict[str, str]]:
    return [
        {"target": target.value, "label": MOVE_LABELS[(SectionStatus(status), target)]}
        for target in map(SectionStatus, sorted(transitions.targets(TRANSITIONS, status)))
        if permissions.can_move_section(user, page.case, status, target)
    ]


@login_required
def section_detail(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    page = _page(request, pk)
    section = page.by_kind[_kind(kind)]
    user = request.user
    can_comment = permissions.can_comment(user, page.case)
    comment_form = forms.CommentForm(request.POST or None)
    if request.method == "POST":
        if not can_comment:
            return refuse(request, can_comment)
        if comment_form.is_valid():
            text = comment_form.cleaned_data["text"]
            saved = run_service(
                comment_form,
                lambda: services.comment_add(by=user, section=section, text=text),
            )
            if saved is not None:
                messages.success(request, "Comment added.")
                return redirect(_case_url(page.case, kind) + "#comments")
    return render(
        request,
        "appraisal/section.html",
        {
            "page": page,
            "case": page.case,
            "section": section,
            "kind": kind,
            "can_edit": permissions.can_edit_sections(user, page.case),
            "can_comment": can_comment,
            "comment_form": comment_form,
            "moves": _moves(user, page, section.status),
            "options": _options(page.run),
        },
    )


def _options(run: AppraisalRun | None) -> list[dict[str, Any]]:
    if run is None:
        return []
    return [
        {
            "index": index,
            "name": option["name"],
            "counterfactual": option["counterfactual"],
            "nominal": option["nominal"],
        }
        for index, option in enumerate(run.result["options"])
    ]


@login_required
def section_edit(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    page = _page(request, pk)
    section = page.by_kind[_kind(kind)]
    verdict = permissions.can_edit_sections(request.user, page.case)
    if not verdict:
        return refuse(request, verdict)
    initial = {
        "text": section.text,
        "objectives": section.objectives,
        "missions": [mission.pk for mission in page.missions],
        "preferred_option": page.case.preferred_option,
    }
    form = forms.SectionForm(
        request.POST or None,
        kind=kind,
        region=page.case.region,
        option_names=selectors.option_names(page.run),
        initial=initial,
        record=section,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        saved = run_service(
            form,
            lambda: services.section_update(
                by=request.user, section=section, data=data, version=form.read_version
            ),
        )
        if saved is not None:
            messages.success(request, f"{section.get_kind_display()} saved.")
            return redirect(_case_url(page.case, kind))
    return render(
        request,
        "appraisal/section_form.html",
        {"form": form, "case": page.case, "section": section, "kind": kind},
    )


@login_required
@require_POST
def section_move(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    page = _page(request, pk)
    section = page.by_kind[_kind(kind)]
    target = request.POST.get("target", "")
    refused = run_action(
        request,
        lambda: services.section_move(by=request.user, section=section, target=target),
        lambda moved: f"{moved.get_kind_display()}: {moved.get_status_display().lower()}.",
    )
    return refused or redirect(_case_url(page.case, kind))


def _grid_years(case: BusinessCase, inputs: Case | None) -> list[int]:
    base = inputs.base_year if inputs else case.base_year
    if base is None:
        return []
    last = base + case.appraisal_period - 1
    if inputs is not None:
        for option in inputs.options:
            years = [*option.capital, *option.revenue]
            years += [year for line in option.benefits for year in line.flows]
            last = max([last, *years])
    return list(range(base, last + 1))


def _inputs(run: AppraisalRun | None) -> Case | None:
    return None if run is None else load_case(run.inputs_yaml)


@login_required
def option_edit(request: HttpRequest, pk: int, index: int | None = None) -> HttpResponse:
    page = _page(request, pk)
    case = page.case
    verdict = permissions.can_edit_sections(request.user, case)
    if not verdict:
        return refuse(request, verdict)
    inputs = _inputs(page.run)
    years = _grid_years(case, inputs)
    if not years:
        messages.info(request, "Set the base year of the appraisal before adding options.")
        return redirect("appraisal:settings", pk=case.pk)
    based_on = page.run.number if page.run else 0
    option = None
    if index is not None:
        if inputs is None or not 0 <= index < len(inputs.options):
            raise Http404("No such option.")
        option = inputs.options[index]
    initial = (
        forms.OptionGridForm.initial_for(option, based_on)
        if option
        else {"based_on": based_on, "counterfactual": inputs is None}
    )
    form = forms.OptionGridForm(
        request.POST or None,
        years=years,
        benefit_names=[line.name for line in option.benefits] if option else (),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        recorded = _save_option(request, form, case, index)
        if recorded is not None:
            return redirect(_case_url(case, SectionKind.ECONOMIC) + "#appraisal")
    return render(
        request,
        "appraisal/option_form.html",
        {"form": form, "case": case, "option": option, "index": index, "years": years},
    )


def _save_option(
    request: HttpRequest, form: forms.OptionGridForm, case: BusinessCase, index: int | None
) -> services.Recorded | None:
    try:
        recorded = services.option_save(
            by=request.user,
            case=case,
            index=index,
            option=form.option_mapping(),
            based_on=form.cleaned_data.get("based_on"),
        )
    except NotPermitted as exc:
        form.add_error(None, exc.message)
        return None
    except DomainError as exc:
        field = form.field_for_path(exc.field or "")
        form.add_error(field, f"{form.fields[field].label}: {exc.message}" if field else str(exc))
        return None
    _announce(request, recorded)
    return recorded


def _announce(request: HttpRequest, recorded: services.Recorded) -> None:
    if recorded.created:
        messages.success(request, f"Appraisal {recorded.run.number} worked out and saved.")
    else:
        messages.info(request, "Nothing changed, so the appraisal stays as it was.")


@login_required
@require_POST
def option_remove(request: HttpRequest, pk: int, index: int) -> HttpResponse:
    case = _case(request, pk)
    based_on = request.POST.get("based_on", "")
    refused = run_action(
        request,
        lambda: _announce(
            request,
            services.option_remove(
                by=request.user,
                case=case,
                index=index,
                based_on=int(based_on) if based_on.isdigit() else None,
            ),
        ),
    )
    return refused or redirect(_case_url(case, SectionKind.ECONOMIC) + "#appraisal")


@login_required
def appraisal_settings(request: HttpRequest, pk: int) -> HttpResponse:
    page = _page(request, pk)
    case = page.case
    verdict = permissions.can_edit_sections(request.user, case)
    if not verdict:
        return refuse(request, verdict)
    inputs = _inputs(page.run)
    years = _grid_years(case, inputs)
    initial: dict[str, Any] = {
        "base_year": inputs.base_year if inputs else case.base_year or timezone.localdate().year,
        "appraisal_period": case.appraisal_period,
        "based_on": page.run.number if page.run else 0,
    }
    if inputs is not None:
        initial["discount"] = inputs.discount.value
        for year, index in inputs.deflators.items():
            initial[f"deflator_{year}"] = index
    form = forms.SettingsForm(
        request.POST or None,
        years=years,
        with_run=inputs is not None,
        initial=initial,
        record=case,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recorded = run_service(
            form,
            lambda: services.appraisal_settings_update(
                by=request.user,
                case=case,
                base_year=data["base_year"],
                appraisal_period=data["appraisal_period"],
                discount=data.get("discount"),
                deflators=form.deflators() if inputs is not None else None,
                based_on=data.get("based_on"),
                version=form.read_version,
            ),
        )
        if not form.errors:
            if recorded is not None:
                _announce(request, recorded)
            else:
                messages.success(request, "Appraisal settings saved.")
            return redirect(_case_url(case, SectionKind.ECONOMIC) + "#appraisal")
    return render(
        request,
        "appraisal/settings_form.html",
        {"form": form, "case": case, "with_run": inputs is not None},
    )


@login_required
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    verdict = permissions.can_edit_sections(request.user, case)
    if not verdict:
        return refuse(request, verdict)
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        recorded = run_service(
            form,
            lambda: services.appraisal_upload(
                by=request.user, case=case, filename=file.name, content=file.read()
            ),
        )
        if recorded is not None:
            _announce(request, recorded)
            return redirect(_case_url(case, SectionKind.ECONOMIC) + "#appraisal")
    return render(request, "appraisal/upload_form.html", {"form": form, "case": case})


def _run(case: BusinessCase, number: str | None) -> AppraisalRun:
    runs = AppraisalRun.objects.filter(business_case=case)
    run: AppraisalRun | None = (
        runs.filter(number=int(number)).first()
        if number and number.isdigit()
        else runs.order_by("-number").first()
    )
    if run is None:
        raise Http404("No such appraisal.")
    return run


@login_required
def inputs_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    case = _case(request, pk)
    run = _run(case, request.GET.get("run"))
    stem = f"business-case-{case.pk}-appraisal-{run.number}"
    if fmt == "xlsx":
        response = HttpResponse(write_workbook(load_case(run.inputs_yaml)), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
        return response
    response = HttpResponse(run.inputs_yaml, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem}.yaml"'
    return response


@login_required
def appraisal_runs(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    runs = selectors.runs(case)
    rows = [{"run": run, "view": selectors.appraisal_view(run.result).options} for run in runs]
    return render(request, "appraisal/runs.html", {"case": case, "rows": rows})


def _row_kind(kind: str) -> RowKind:
    if kind not in ROWS:
        raise Http404("No such table.")
    return ROWS[kind]


@login_required
def row_edit(request: HttpRequest, pk: int, kind: str, row_pk: int | None = None) -> HttpResponse:
    case = _case(request, pk)
    rows = _row_kind(kind)
    verdict = permissions.can_edit_sections(request.user, case)
    if not verdict:
        return refuse(request, verdict)
    row: models.Model | None = rows.model(business_case=case)
    if row_pk is not None:
        row = rows.model._default_manager.filter(business_case=case, pk=row_pk).first()
    if row is None:
        raise Http404("No such row.")
    form = rows.form(request.POST or None, instance=row, region=case.region)
    if request.method == "POST" and form.is_valid():
        try:
            data = form.row_data()
        except django_forms.ValidationError as exc:
            form.add_error(None, exc)
        else:
            target = rows.model._default_manager.get(pk=row_pk) if row_pk else rows.model()
            saved = run_service(
                form,
                lambda: services.row_save(
                    by=request.user,
                    case=case,
                    row=target,
                    data=data,
                    version=form.read_version if row_pk else None,
                ),
            )
            if saved is not None:
                messages.success(request, f"{rows.singular.capitalize()} saved.")
                return redirect(_case_url(case, rows.section))
    return render(
        request,
        "appraisal/row_form.html",
        {"form": form, "case": case, "rows": rows, "row_pk": row_pk, "section": rows.section},
    )


@login_required
@require_POST
def row_remove(request: HttpRequest, pk: int, kind: str, row_pk: int) -> HttpResponse:
    case = _case(request, pk)
    rows = _row_kind(kind)
    row = rows.model._default_manager.filter(business_case=case, pk=row_pk).first()
    if row is None:
        raise Http404("No such row.")
    try:
        services.row_remove(by=request.user, case=case, row=row)
    except NotPermitted as exc:
        return refuse(request, Verdict(False, exc.message))
    messages.success(request, f"{rows.singular.capitalize()} removed.")
    return redirect(_case_url(case, rows.section))


@login_required
def decision_record(request: HttpRequest, pk: int, decision_pk: int | None = None) -> HttpResponse:
    case = _case(request, pk)
    verdict = permissions.can_record_decision(request.user, case)
    if not verdict:
        return refuse(request, verdict)
    original = None
    if decision_pk is not None:
        original = ApprovalDecision.objects.filter(business_case=case, pk=decision_pk).first()
        if original is None:
            raise Http404("No such decision.")
    form_class = forms.DecisionForm if original is None else forms.CorrectionForm
    initial = {}
    if original is not None:
        initial = {name: getattr(original, name) for name in forms.DecisionForm.Meta.fields}
        initial["board"] = original.board_id
    form = form_class(request.POST or None, region=case.region, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.decision_data()
        if original is None:
            saved = run_service(
                form,
                lambda: services.decision_record(by=request.user, case=case, data=data),
            )
        else:
            note = form.cleaned_data["correction_note"]
            saved = run_service(
                form,
                lambda: services.decision_correct(
                    by=request.user, decision=original, data=data, note=note
                ),
            )
        if saved is not None:
            messages.success(request, "Decision recorded.")
            return redirect(_case_url(case) + "#decisions")
    return render(
        request,
        "appraisal/decision_form.html",
        {"form": form, "case": case, "original": original},
    )


def _export(request: HttpRequest, pk: int) -> selectors.CasePage:
    page = _page(request, pk)
    if not permissions.can_export(request.user, page.case):
        raise Http404("No such business case.")
    return page


@login_required
def export_docx(request: HttpRequest, pk: int) -> HttpResponse:
    page = _export(request, pk)
    response = HttpResponse(exports.case_docx(page), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(page, "docx")}"'
    return response


@login_required
def export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    page = _export(request, pk)
    response = HttpResponse(exports.case_pdf(page), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(page, "pdf")}"'
    return response
