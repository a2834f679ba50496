"""Pages where analysts define indicators, set their targets, publish them and load their
figures, and import police.uk crime files.

Views parse input, call one service or selector, and render; refusals render the shared
"You cannot do this" page with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
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

from remit.core.errors import NotPermitted
from remit.core.permissions import Verdict
from remit.indicators import forms
from remit.indicators import permissions
from remit.indicators import selectors
from remit.indicators import services
from remit.indicators.models import ImportJob
from remit.indicators.models import Indicator
from remit.indicators.models import Target
from remit.ui.views import form_page
from remit.ui.views import history_page
from remit.ui.views import refuse
from remit.ui.views import region_or_404
from remit.ui.views import run_action
from remit.ui.views import run_service
from remit.ui.views import submit_form

# ---------------------------------------------------------------- defining indicators


@login_required
def create(request: HttpRequest) -> HttpResponse:
    region = region_or_404()
    verdict = permissions.can_define_indicator(request.user)
    if not verdict:
        return refuse(request, verdict)
    form = forms.IndicatorForm(request.POST or None, region=region)

    def write() -> Any:
        data = dict(form.cleaned_data)
        missions = data.pop("missions")
        return services.indicator_create(
            by=request.user, region=region, data=data, missions=missions
        )

    return submit_form(
        request,
        form,
        write,
        done=lambda saved: f"Indicator “{saved.name}” added.",
        to=lambda saved: reverse("indicators:detail", args=[saved.slug]),
    ) or form_page(
        request,
        form,
        title="Define an indicator",
        back=reverse("indicators:home"),
        button="Save indicator",
        intro=(
            "A crime indicator is counted from the police.uk files in the crime store; an uploaded "
            "series takes a CSV of area_code,period,value."
        ),
    )


@login_required
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    region = region_or_404()
    indicator = selectors.find_indicator(region, slug, request.user)
    verdict = permissions.can_define_indicator(request.user, indicator)
    if not verdict:
        return refuse(request, verdict)
    form = forms.IndicatorForm(request.POST or None, instance=indicator, region=region)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        missions = data.pop("missions")
        saved = run_service(
            form,
            lambda: services.indicator_update(
                by=request.user,
                indicator=indicator,
                data=data,
                missions=missions,
                version=form.read_version,
            ),
        )
        if saved is not None:
            messages.success(request, "Indicator saved.")
            return redirect("indicators:detail", saved.slug)
        indicator.slug = slug
    return form_page(
        request,
        form,
        title=f"Edit {indicator.name}",
        back=reverse("indicators:detail", args=[indicator.slug]),
        button="Save indicator",
    )


@login_required
def history(request: HttpRequest, slug: str) -> HttpResponse:
    indicator = selectors.find_indicator(region_or_404(), slug, request.user)
    return history_page(request, indicator, back=reverse("indicators:detail", args=[slug]))


@login_required
def target_add(request: HttpRequest, slug: str) -> HttpResponse:
    region = region_or_404()
    indicator = selectors.find_indicator(region, slug, request.user)
    verdict = permissions.can_set_target(request.user, indicator)
    if not verdict:
        return refuse(
            request,
            verdict,
            onward=f"Go back to {indicator.name}",
            onward_url=reverse("indicators:detail", args=[indicator.slug]),
        )
    form = forms.TargetForm(request.POST or None, region=region)

    def write() -> Any:
        data = dict(form.cleaned_data)
        return services.target_add(by=request.user, indicator=indicator, data=data)

    return submit_form(
        request,
        form,
        write,
        done="Target set.",
        to=reverse("indicators:detail", args=[slug]),
    ) or form_page(
        request,
        form,
        title="Set a target",
        caption=indicator.name,
        back=reverse("indicators:detail", args=[indicator.slug]),
        button="Set target",
    )


@login_required
@require_POST
def target_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    indicator = selectors.find_indicator(region_or_404(), slug, request.user)
    target = Target.objects.filter(indicator=indicator, pk=pk).first()
    if target is None:
        raise Http404("No such target.")
    try:
        services.target_remove(by=request.user, target=target)
    except NotPermitted as exc:
        return refuse(request, Verdict(False, exc.message))
    messages.success(request, "Target removed.")
    return redirect("indicators:detail", slug)


@login_required
@require_POST
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    return _publishing(request, slug, services.indicator_publish, "Published.")


@login_required
@require_POST
def withdraw(request: HttpRequest, slug: str) -> HttpResponse:
    return _publishing(
        request, slug, services.indicator_withdraw, "Withdrawn from the public site."
    )


def _publishing(
    request: HttpRequest, slug: str, write: Callable[..., Indicator], done: str
) -> HttpResponse:
    indicator = selectors.find_indicator(region_or_404(), slug, request.user)
    refused = run_action(request, lambda: write(by=request.user, indicator=indicator), done)
    return refused or redirect("indicators:detail", slug)


# ---------------------------------------------------------------- loading figures


@login_required
def upload(request: HttpRequest, slug: str) -> HttpResponse:
    indicator = selectors.find_indicator(region_or_404(), slug, request.user)
    verdict = permissions.can_load_values(request.user, indicator)
    if not verdict:
        return refuse(request, verdict)
    form = forms.SeriesUploadForm(request.POST or None, request.FILES or None)

    def write() -> Any:
        file = form.cleaned_data["file"]
        return services.series_upload(
            by=request.user, indicator=indicator, data=file.read(), name=file.name
        )

    return submit_form(
        request,
        form,
        write,
        done=lambda count: f"{count:,} figures loaded.",
        to=reverse("indicators:detail", args=[slug]),
    ) or form_page(
        request,
        form,
        title="Upload figures",
        caption=indicator.name,
        back=reverse("indicators:detail", args=[indicator.slug]),
        button="Upload",
        intro=(
            "The whole file is checked first: one bad line (an unknown area code, a period that is "
            "not YYYY-MM or YYYY, a value that is not a number, a repeated area and period) and "
            "nothing is changed."
        ),
    )


@login_required
@require_POST
def refresh(request: HttpRequest, slug: str) -> HttpResponse:
    indicator = selectors.find_indicator(region_or_404(), slug, request.user)
    refused = run_action(
        request,
        lambda: services.indicator_refresh(indicator, by=request.user),
        lambda count: f"Recounted: {count:,} figures.",
    )
    return refused or redirect("indicators:detail", slug)


# ---------------------------------------------------------------- crime data


@login_required
def crime_data(request: HttpRequest) -> HttpResponse:
    verdict = permissions.can_view_crime_data(request.user)
    if not verdict:
        return refuse(request, verdict)
    data = selectors.crime_data(region_or_404())
    return render(
        request,
        "indicators/crime_data.html",
        {"data": data, "can_import": permissions.can_import_crime(request.user)},
    )


@login_required
def crime_import(request: HttpRequest) -> HttpResponse:
    region = region_or_404()
    verdict = permissions.can_import_crime(request.user)
    if not verdict:
        return refuse(request, verdict)
    form = forms.CrimeImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        job = run_service(
            form,
            lambda: services.crime_import_request(
                by=request.user,
                region=region,
                upload=upload,
                name=upload.name,
                allow_empty=form.cleaned_data["allow_empty"],
            ),
        )
        if job is not None:
            return redirect("indicators:import_job", job.pk)
    return form_page(
        request,
        form,
        title="Import police.uk files",
        caption="Crime data",
        back=reverse("indicators:crime_data"),
        back_label="Back to crime data",
        button="Upload and import",
        intro=(
            "The import runs in the background. Every file is checked before any is kept: if one "
            "is refused, nothing changes and you are told the file and line. A force's month "
            "imported again replaces what was held. Crime indicators are recounted when it "
            "finishes."
        ),
    )


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    verdict = permissions.can_view_crime_data(request.user)
    if not verdict:
        return refuse(request, verdict)
    job = selectors.import_job(region_or_404(), pk)
    return render(
        request,
        "indicators/import_job.html",
        {"job": job, "running": job.status in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING)},
    )
