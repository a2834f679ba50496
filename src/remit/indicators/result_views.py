"""Pages for results: what the region's work is to deliver for each mission, its progress
and its milestones.

Views parse input, call one service or selector, and render; refusals render the shared
"You cannot do this" page with the reason.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from remit.core.errors import DomainError
from remit.indicators import forms
from remit.indicators import permissions
from remit.indicators import selectors
from remit.indicators import services
from remit.indicators.models import ResultMilestone
from remit.ui.views import form_page
from remit.ui.views import refuse
from remit.ui.views import region_or_404
from remit.ui.views import run_action
from remit.ui.views import submit_form

NS = "indicators"


# ---------------------------------------------------------------- results


@login_required
def results(request: HttpRequest) -> HttpResponse:
    region = region_or_404()
    tallies = selectors.mission_tallies(region, request.user)
    chosen = _chosen_mission(tallies, request.GET.get("mission", ""))
    listed = selectors.results_page(
        selectors.region_results(region, request.user, "" if chosen is False else chosen),
        request.GET.get("page"),
        user=request.user,
    )
    return render(
        request,
        "indicators/results.html",
        {
            "groups": tallies,
            "listed": listed,
            "page_obj": listed.page,
            "chosen": chosen,
            "declared": any(t.results for t in tallies),
            "can_edit": permissions.can_edit_result(request.user),
            "ns": NS,
            "public": False,
        },
    )


def _chosen_mission(tallies: list[Any], asked: str) -> Any:
    """The mission the results are listed for: a ``Mission``, ``None`` for results serving
    no mission (``?mission=none``), or ``False`` for every result."""
    for tally in tallies:
        if tally.mission is None and asked == "none":
            return None
        if tally.mission is not None and asked == str(tally.mission.number):
            return tally.mission
    return False


def _result_links(form: Any) -> tuple[dict[str, Any], Any, Any]:
    data = dict(form.cleaned_data)
    return data, data.pop("indicators"), data.pop("missions")


@login_required
def result_create(request: HttpRequest) -> HttpResponse:
    """Declare a result; `?owner=proposals.proposal:12` declares it for that proposal or grant."""
    region = region_or_404()
    verdict = permissions.can_edit_result(request.user)
    if not verdict:
        return refuse(request, verdict)
    owner = None
    if "owner" in request.GET:
        try:
            owner = selectors.find_owner(region, request.GET["owner"])
        except DomainError as exc:
            return render(
                request, "indicators/result_owner_refused.html", {"reason": exc.message}, status=400
            )
        verdict = permissions.can_declare_result(request.user, owner.obj)
        if not verdict:
            return refuse(request, verdict)
    form = forms.ResultForm(request.POST or None, region=region, owner_locked=owner is not None)

    def write() -> Any:
        data, indicators, missions = _result_links(form)
        return services.result_create(
            by=request.user,
            region=region,
            data=data,
            indicators=indicators,
            missions=missions,
            owner=owner.obj if owner else None,
        )

    return submit_form(
        request,
        form,
        write,
        done="Result declared.",
        to=lambda saved: reverse("indicators:result", args=[saved.pk]),
    ) or render(
        request, "indicators/result_form.html", {"form": form, "result": None, "owner": owner}
    )


@login_required
def result_detail(request: HttpRequest, pk: int) -> HttpResponse:
    view = selectors.find_result(region_or_404(), pk, request.user)
    return render(
        request,
        "indicators/result_detail.html",
        {
            "view": view,
            "result": view.result,
            "can_edit": permissions.can_edit_result(request.user, view.result),
            "today": timezone.localdate(),
        },
    )


@login_required
def result_edit(request: HttpRequest, pk: int) -> HttpResponse:
    region = region_or_404()
    view = selectors.find_result(region, pk, request.user)
    result = view.result
    verdict = permissions.can_edit_result(request.user, result)
    if not verdict:
        return refuse(request, verdict)
    form = forms.ResultForm(
        request.POST or None,
        instance=result,
        region=region,
        owner_locked=result.owner_type_id is not None,
    )

    def write() -> Any:
        data, indicators, missions = _result_links(form)
        return services.result_update(
            by=request.user,
            result=result,
            data=data,
            indicators=indicators,
            missions=missions,
            version=form.read_version,
        )

    return submit_form(
        request,
        form,
        write,
        done="Result saved.",
        to=reverse("indicators:result", args=[pk]),
    ) or render(
        request, "indicators/result_form.html", {"form": form, "result": result, "view": view}
    )


@login_required
def result_progress(request: HttpRequest, pk: int) -> HttpResponse:
    result = selectors.find_result(region_or_404(), pk, request.user).result
    verdict = permissions.can_edit_result(request.user, result)
    if not verdict:
        return refuse(request, verdict)
    form = forms.ProgressForm(
        request.POST or None, initial={"progress_percent": result.progress_percent}
    )

    def write() -> Any:
        data = form.cleaned_data
        return services.result_progress(
            by=request.user, result=result, percent=data["progress_percent"], note=data["note"]
        )

    return submit_form(
        request,
        form,
        write,
        done=lambda saved: f"Progress updated to {saved.progress_percent}%.",
        to=reverse("indicators:result", args=[pk]),
    ) or form_page(
        request,
        form,
        title="Update progress",
        caption=result.title,
        back=reverse("indicators:result", args=[result.pk]),
        button="Save progress",
        intro="How far the result has got, from 0 to 100%.",
    )


@login_required
def result_history(request: HttpRequest, pk: int) -> HttpResponse:
    result = selectors.find_result(region_or_404(), pk, request.user).result
    return render(
        request,
        "indicators/result_history.html",
        {"result": result, "entries": selectors.result_history(result)},
    )


@login_required
def milestone_add(request: HttpRequest, pk: int) -> HttpResponse:
    result = selectors.find_result(region_or_404(), pk, request.user).result
    verdict = permissions.can_edit_result(request.user, result)
    if not verdict:
        return refuse(request, verdict)
    form = forms.MilestoneForm(request.POST or None)

    def write() -> Any:
        data = dict(form.cleaned_data)
        return services.milestone_add(by=request.user, result=result, data=data)

    return submit_form(
        request,
        form,
        write,
        done="Milestone added.",
        to=reverse("indicators:result", args=[pk]),
    ) or form_page(
        request,
        form,
        title="Add a milestone",
        caption=result.title,
        back=reverse("indicators:result", args=[result.pk]),
        button="Add milestone",
    )


@login_required
@require_POST
def milestone_done(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    result = selectors.find_result(region_or_404(), pk, request.user).result
    milestone = ResultMilestone.objects.filter(result=result, pk=milestone_pk).first()
    if milestone is None:
        raise Http404("No such milestone.")
    refused = run_action(
        request,
        lambda: services.milestone_complete(
            by=request.user, milestone=milestone, on=timezone.localdate()
        ),
        f"“{milestone.title}” marked done.",
    )
    return refused or redirect("indicators:result", pk)
