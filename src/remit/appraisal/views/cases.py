"""The business case, its five sections, the board's decision on it, and its exports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from remit.appraisal import exports
from remit.appraisal import forms
from remit.appraisal import permissions
from remit.appraisal import selectors
from remit.appraisal import services
from remit.appraisal.models import AppraisalRun
from remit.appraisal.models import ApprovalDecision
from remit.appraisal.views.common import DOCX
from remit.appraisal.views.common import case_for
from remit.appraisal.views.common import case_page
from remit.appraisal.views.common import case_url
from remit.appraisal.views.common import proposal_url
from remit.appraisal.views.common import section_kind
from remit.appraisal.workflow import MOVE_LABELS
from remit.appraisal.workflow import TRANSITIONS
from remit.appraisal.workflow import SectionStatus
from remit.core import selectors as core_selectors
from remit.core import transitions
from remit.ui.views import refuse
from remit.ui.views import region_or_404
from remit.ui.views import run_action
from remit.ui.views import run_service
from remit.ui.views import submit_form


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
    return submit_form(
        request,
        form,
        lambda: services.business_case_create(
            by=request.user, region=region, data=form.cleaned_data
        ),
        done="Business case started.",
        to=case_url,
    ) or render(
        request,
        "appraisal/case_form.html",
        {
            "form": form,
            "case": None,
            "from_proposal": proposal,
            "from_proposal_url": proposal_url(case=None, proposal=proposal),
            "inherited_missions": list(selectors.proposal_missions(proposal)),
        },
    )


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = case_page(request, pk)
    user = request.user
    return render(
        request,
        "appraisal/case_detail.html",
        {
            "page": page,
            "case": page.case,
            "proposal_url": proposal_url(page.case),
            "can_edit": permissions.can_edit_case(user, page.case),
            "can_decide": permissions.can_record_decision(user, page.case),
            "can_export": permissions.can_export(user, page.case),
            "superseded": page.superseded,
        },
    )


@login_required
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk)
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
            return redirect(case_url(saved))
    return render(request, "appraisal/case_form.html", {"form": form, "case": case})


@login_required
def case_history(request: HttpRequest, pk: int) -> HttpResponse:
    page = case_page(request, pk)
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
def section_detail(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    page = case_page(request, pk)
    section = page.by_kind[section_kind(kind)]
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
                return redirect(case_url(page.case, kind) + "#comments")
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


@login_required
def section_edit(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    page = case_page(request, pk)
    section = page.by_kind[section_kind(kind)]
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

    def write() -> Any:
        data = dict(form.cleaned_data)
        return services.section_update(
            by=request.user, section=section, data=data, version=form.read_version
        )

    return submit_form(
        request,
        form,
        write,
        done=f"{section.get_kind_display()} saved.",
        to=case_url(page.case, kind),
    ) or render(
        request,
        "appraisal/section_form.html",
        {"form": form, "case": page.case, "section": section, "kind": kind},
    )


@login_required
@require_POST
def section_move(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    page = case_page(request, pk)
    section = page.by_kind[section_kind(kind)]
    target = request.POST.get("target", "")
    refused = run_action(
        request,
        lambda: services.section_move(by=request.user, section=section, target=target),
        lambda moved: f"{moved.get_kind_display()}: {moved.get_status_display().lower()}.",
    )
    return refused or redirect(case_url(page.case, kind))


@login_required
def approval_decision_record(
    request: HttpRequest, pk: int, decision_pk: int | None = None
) -> HttpResponse:
    case = case_for(request, pk)
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
                lambda: services.approval_decision_record(by=request.user, case=case, data=data),
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
            return redirect(case_url(case) + "#decisions")
    return render(
        request,
        "appraisal/decision_form.html",
        {"form": form, "case": case, "original": original},
    )


def _export(request: HttpRequest, pk: int) -> selectors.CasePage:
    page = case_page(request, pk)
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
