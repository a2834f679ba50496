"""The economic appraisal of a case: its options, settings, uploads and the history of its runs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from remit.appraisal import forms
from remit.appraisal import permissions
from remit.appraisal import selectors
from remit.appraisal import services
from remit.appraisal.case_file import load_case
from remit.appraisal.greenbook import Case
from remit.appraisal.models import AppraisalRun
from remit.appraisal.models import BusinessCase
from remit.appraisal.views.common import XLSX
from remit.appraisal.views.common import case_for
from remit.appraisal.views.common import case_page
from remit.appraisal.views.common import case_url
from remit.appraisal.workbook import write_workbook
from remit.appraisal.workflow import SectionKind
from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.ui.views import refuse
from remit.ui.views import run_action
from remit.ui.views import run_service


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


@dataclass(frozen=True)
class _Grid:
    """What the appraisal's forms are built on: the case, its latest inputs and their years."""

    case: BusinessCase
    run: AppraisalRun | None
    inputs: Case | None
    years: list[int]


def _grid(request: HttpRequest, pk: int) -> _Grid | HttpResponse:
    """The appraisal grid of a case the user may edit, or the refusal."""
    page = case_page(request, pk)
    verdict = permissions.can_edit_sections(request.user, page.case)
    if not verdict:
        return refuse(request, verdict)
    inputs = _inputs(page.run)
    return _Grid(page.case, page.run, inputs, _grid_years(page.case, inputs))


@login_required
def option_edit(request: HttpRequest, pk: int, index: int | None = None) -> HttpResponse:
    grid = _grid(request, pk)
    if isinstance(grid, HttpResponse):
        return grid
    case, inputs, years = grid.case, grid.inputs, grid.years
    if not years:
        messages.info(request, "Set the base year of the appraisal before adding options.")
        return redirect("appraisal:settings", pk=case.pk)
    based_on = grid.run.number if grid.run else 0
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
            return redirect(case_url(case, SectionKind.ECONOMIC) + "#appraisal")
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
    case = case_for(request, pk)
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
    return refused or redirect(case_url(case, SectionKind.ECONOMIC) + "#appraisal")


@login_required
def appraisal_settings(request: HttpRequest, pk: int) -> HttpResponse:
    grid = _grid(request, pk)
    if isinstance(grid, HttpResponse):
        return grid
    case, inputs, years = grid.case, grid.inputs, grid.years
    initial: dict[str, Any] = {
        "base_year": inputs.base_year if inputs else case.base_year or timezone.localdate().year,
        "appraisal_period": case.appraisal_period,
        "based_on": grid.run.number if grid.run else 0,
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
            return redirect(case_url(case, SectionKind.ECONOMIC) + "#appraisal")
    return render(
        request,
        "appraisal/settings_form.html",
        {"form": form, "case": case, "with_run": inputs is not None},
    )


@login_required
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk)
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
            return redirect(case_url(case, SectionKind.ECONOMIC) + "#appraisal")
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
    case = case_for(request, pk)
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
    case = case_for(request, pk)
    runs = selectors.runs(case)
    rows = [{"run": run, "view": selectors.appraisal_view(run.result).options} for run in runs]
    return render(request, "appraisal/runs.html", {"case": case, "rows": rows})
