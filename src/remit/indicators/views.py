"""Indicator pages for signed-in users: dashboards, definitions, data loads, imports, results.

Views parse input, call one service or selector, and render; refusals render the shared
"You cannot do this" page with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, BinaryIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from remit.core import open_data
from remit.core import selectors as core_selectors
from remit.core.errors import DomainError, NotPermitted
from remit.core.models import Region
from remit.core.permissions import Verdict
from remit.indicators import (
    dashboards,
    forms,
    map_pages,
    permissions,
    reports,
    selectors,
    services,
)
from remit.indicators.models import ImportJob, Indicator, ResultMilestone, Target
from remit.ui.views import form_page, refuse, region_or_404, run_action, run_service

NS = "indicators"


# ---------------------------------------------------------------- overview and dashboards


def overview_context(region: Region, user: Any, *, public: bool) -> dict[str, Any]:
    return {
        "missions": [
            m
            for m in selectors.missions_overview(region, user, public=public)
            if getattr(m, "indicator_count", 0) or not public
        ],
        "indicators": selectors.indicator_list(region, user, public=public),
        "areas": services.local_areas(region),
    }


@login_required
def home(request: HttpRequest) -> HttpResponse:
    region = region_or_404()
    context = overview_context(region, request.user, public=False)
    context.update(
        ns=NS,
        public=False,
        can_define=permissions.can_define_indicator(request.user),
        can_import=permissions.can_import_crime(request.user),
    )
    return render(request, "indicators/home.html", context)


def indicator_context(summary: selectors.Summary, ns: str) -> dict[str, Any]:
    slug = summary.indicator.slug
    return {
        "summary": summary,
        "indicator": summary.indicator,
        "trend": {
            "id": f"trend-{slug}",
            "spec_id": f"trend-{slug}-spec",
            "spec": dashboards.trend_spec(summary),
            "rows": dashboards.trend_table(summary),
            "headings": [dashboards.period_label(p) for p in summary.periods],
            "csv": reverse(f"{ns}:values_csv", args=[slug]),
        },
        "gap": {
            "id": f"gap-{slug}",
            "spec_id": f"gap-{slug}-spec",
            "spec": dashboards.gap_spec(summary),
            "rows": dashboards.gap_table(summary),
            "first_heading": "Period",
            "headings": dashboards.GAP_HEADINGS,
            "csv": reverse(f"{ns}:gap_csv", args=[slug]),
            "sentence": dashboards.gap_sentence(summary),
        },
    }


@login_required
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    region = region_or_404()
    indicator = selectors.find_indicator(region, slug, request.user)
    summary = selectors.summaries(region, [indicator])[0]
    context = indicator_context(summary, NS)
    context.update(
        ns=NS,
        public=False,
        district_map=map_pages.district_map(region, summary, NS),
        can_define=permissions.can_define_indicator(request.user, indicator),
        can_load=permissions.can_load_values(request.user, indicator),
        can_publish=permissions.can_publish_indicator(request.user, indicator),
    )
    return render(request, "indicators/indicator_detail.html", context)


def _write(out: BinaryIO, text: str) -> None:
    out.write(text.encode())


def _open_csv(
    request: HttpRequest,
    name: str,
    version: Any,
    text: Callable[[], str],
    filename: str,
    *,
    public: bool,
) -> HttpResponseBase:
    """A figures CSV built once per change of its figures, then served from the file."""
    return open_data.serve(
        request,
        name,
        version,
        lambda out: _write(out, text()),
        content_type="text/csv; charset=utf-8",
        filename=filename,
        public=public,
    )


def _indicator_csv(
    request: HttpRequest,
    region: Region,
    slug: str,
    user: Any,
    *,
    public: bool,
    kind: str,
    write: Callable[[selectors.Summary], str],
) -> HttpResponseBase:
    indicator = selectors.find_indicator(region, slug, user, public=public)
    version = selectors.figures_version(region, [indicator])
    suffix = "" if kind == "figures" else f"-{kind}"
    return _open_csv(
        request,
        f"indicator-{region.slug}-{indicator.slug}-{kind}.csv",
        version,
        lambda: write(selectors.summaries(region, [indicator])[0]),
        f"{slug}{suffix}.csv",
        public=public,
    )


def values_csv_response(
    request: HttpRequest, region: Region, slug: str, user: Any, *, public: bool
) -> HttpResponseBase:
    return _indicator_csv(
        request, region, slug, user, public=public, kind="figures", write=dashboards.values_csv
    )


def gap_csv_response(
    request: HttpRequest, region: Region, slug: str, user: Any, *, public: bool
) -> HttpResponseBase:
    return _indicator_csv(
        request, region, slug, user, public=public, kind="gap", write=dashboards.gap_csv
    )


@login_required
def values_csv(request: HttpRequest, slug: str) -> HttpResponseBase:
    return values_csv_response(request, region_or_404(), slug, request.user, public=False)


@login_required
def gap_csv(request: HttpRequest, slug: str) -> HttpResponseBase:
    return gap_csv_response(request, region_or_404(), slug, request.user, public=False)


def mission_context(
    region: Region, number: int, user: Any, ns: str, public: bool, results_page: Any = 1
) -> Any:
    page = selectors.mission_page(
        region, number, user, public=public, results_page_number=results_page
    )
    shapes = map_pages.district_boundary(region)
    return {
        "page": page,
        "mission": page.mission,
        "blocks": [
            {**indicator_context(s, ns), "map": map_pages.district_map(region, s, ns, shapes)}
            for s in page.summaries
        ],
        "ns": ns,
        "public": public,
    }


@login_required
def mission(request: HttpRequest, number: int) -> HttpResponse:
    context = mission_context(
        region_or_404(), number, request.user, NS, False, request.GET.get("results")
    )
    return render(request, "indicators/mission.html", context)


def area_context(region: Region, code: str, user: Any, ns: str, public: bool) -> dict[str, Any]:
    page = selectors.area_page(region, code, user, public=public)
    blocks = []
    for summary in page.summaries:
        slug = summary.indicator.slug
        blocks.append(
            {
                "summary": summary,
                "indicator": summary.indicator,
                "row": summary.row(page.area),
                "trend": {
                    "id": f"area-{slug}",
                    "spec_id": f"area-{slug}-spec",
                    "spec": dashboards.trend_spec(summary, area=page.area),
                    "rows": dashboards.trend_table(summary, area=page.area),
                    "headings": [dashboards.period_label(p) for p in summary.periods],
                    "csv": reverse(f"{ns}:area_csv", args=[page.area.code]) + f"?indicator={slug}",
                },
            }
        )
    return {
        "page": page,
        "area": page.area,
        "blocks": blocks,
        "ns": ns,
        "public": public,
        "maps": map_pages.area_maps(region, page.area, ns),
    }


def area_csv_text(region: Region, code: str, user: Any, slug: str, public: bool) -> str:
    """The area's figures for each indicator it has (or the one named), with the region's."""
    page = selectors.area_page(region, code, user, public=public)
    chosen = [s for s in page.summaries if not slug or s.indicator.slug == slug]
    rows = [
        (
            s.indicator.slug,
            r.area.code,
            r.area.name,
            p.period,
            p.value,
            "yes" if p.period in r.partial_periods else "",
        )
        for s in chosen
        for r in [s.row(page.area)]
        if r is not None
        for p in r.points
    ]
    rows += [
        (s.indicator.slug, "", "Region (areas with complete data)", p.period, p.value, "")
        for s in chosen
        for p in s.region_points
    ]
    header = ("indicator", *dashboards.VALUES_HEADER)
    return dashboards.csv_text(header, rows)


def area_csv_response(
    request: HttpRequest, region: Region, code: str, user: Any, slug: str, public: bool
) -> HttpResponseBase:
    area, indicators = selectors.area_indicators(region, code, user, public=public)
    if slug and not any(i.slug == slug for i in indicators):
        raise Http404("No such indicator for this area.")
    version = (
        area.pk,
        slug,
        selectors.figures_version(region, indicators),
        tuple((i.pk, i.name, tuple(m.number for m in i.missions.all())) for i in indicators),
    )
    drafts = "drafts" if any(not i.is_published for i in indicators) else "published"
    return _open_csv(
        request,
        f"area-{region.slug}-{area.code}-{slug or 'all'}-{drafts}.csv",
        version,
        lambda: area_csv_text(region, code, user, slug, public),
        f"{area.code}{'-' + slug if slug else ''}.csv",
        public=public,
    )


@login_required
def area(request: HttpRequest, code: str) -> HttpResponse:
    context = area_context(region_or_404(), code, request.user, NS, False)
    context["can_report"] = permissions.can_view_report(request.user)
    return render(request, "indicators/area.html", context)


@login_required
def area_csv(request: HttpRequest, code: str) -> HttpResponseBase:
    slug = request.GET.get("indicator", "")
    return area_csv_response(request, region_or_404(), code, request.user, slug, False)


# ---------------------------------------------------------------- defining indicators


@login_required
def create(request: HttpRequest) -> HttpResponse:
    region = region_or_404()
    verdict = permissions.can_define_indicator(request.user)
    if not verdict:
        return refuse(request, verdict)
    form = forms.IndicatorForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        missions = data.pop("missions")
        saved = run_service(
            form,
            lambda: services.indicator_create(
                by=request.user, region=region, data=data, missions=missions
            ),
        )
        if saved is not None:
            messages.success(request, f"Indicator “{saved.name}” added.")
            return redirect("indicators:detail", saved.slug)
    return form_page(
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
    return render(
        request,
        "indicators/history.html",
        {
            "obj": indicator,
            "back": reverse("indicators:detail", args=[slug]),
            "entries": core_selectors.history_for(indicator),
        },
    )


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
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        saved = run_service(
            form, lambda: services.target_add(by=request.user, indicator=indicator, data=data)
        )
        if saved is not None:
            messages.success(request, "Target set.")
            return redirect("indicators:detail", slug)
    return form_page(
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
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        count = run_service(
            form,
            lambda: services.series_upload(
                by=request.user, indicator=indicator, data=file.read(), name=file.name
            ),
        )
        if count is not None:
            messages.success(request, f"{count:,} figures loaded.")
            return redirect("indicators:detail", slug)
    return form_page(
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
    if request.method == "POST" and form.is_valid():
        data, indicators, missions = _result_links(form)
        saved = run_service(
            form,
            lambda: services.result_create(
                by=request.user,
                region=region,
                data=data,
                indicators=indicators,
                missions=missions,
                owner=owner.obj if owner else None,
            ),
        )
        if saved is not None:
            messages.success(request, "Result declared.")
            return redirect("indicators:result", saved.pk)
    return render(
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
    if request.method == "POST" and form.is_valid():
        data, indicators, missions = _result_links(form)
        saved = run_service(
            form,
            lambda: services.result_update(
                by=request.user,
                result=result,
                data=data,
                indicators=indicators,
                missions=missions,
                version=form.read_version,
            ),
        )
        if saved is not None:
            messages.success(request, "Result saved.")
            return redirect("indicators:result", pk)
    return render(
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
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_service(
            form,
            lambda: services.result_progress(
                by=request.user, result=result, percent=data["progress_percent"], note=data["note"]
            ),
        )
        if saved is not None:
            messages.success(request, f"Progress updated to {saved.progress_percent}%.")
            return redirect("indicators:result", pk)
    return form_page(
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
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        saved = run_service(
            form, lambda: services.milestone_add(by=request.user, result=result, data=data)
        )
        if saved is not None:
            messages.success(request, "Milestone added.")
            return redirect("indicators:result", pk)
    return form_page(
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


# ---------------------------------------------------------------- the area report


@login_required
def area_report(request: HttpRequest, code: str) -> HttpResponse:
    region = region_or_404()
    verdict = permissions.can_view_report(request.user)
    if not verdict:
        return refuse(request, verdict)
    area_obj = selectors.area_for(region, code)
    form = forms.ReportForm(request.GET or None)
    report = None
    data: dict[str, Any] = {}
    if form.is_valid() or not request.GET:
        data = form.cleaned_data if form.is_bound else {}
        report = reports.area_report(
            area_obj,
            data.get("period_from") or None,
            data.get("period_to") or None,
            user=request.user,
        )
    attach = None
    if report is not None:
        papers = reports.papers_to_attach_to(request.user, area_obj)
        if papers:
            attach = forms.AttachReportForm(initial=data, papers=papers)
    return render(
        request,
        "indicators/report.html",
        {
            "form": form,
            "area": area_obj,
            "report": report,
            "attach": attach,
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_POST
def area_report_attach(request: HttpRequest, code: str) -> HttpResponse:
    region = region_or_404()
    verdict = permissions.can_view_report(request.user)
    if not verdict:
        return refuse(request, verdict)
    area_obj = selectors.area_for(region, code)
    form = forms.AttachReportForm(
        request.POST, papers=reports.papers_to_attach_to(request.user, area_obj)
    )
    if form.is_valid():
        data = form.cleaned_data
        paper = form.papers[data["paper"]]
        appendix = run_service(
            form,
            lambda: services.report_attach(
                by=request.user,
                area=area_obj,
                period_from=data["period_from"] or None,
                period_to=data["period_to"] or None,
                paper=paper,
            ),
        )
        if appendix is not None:
            messages.success(
                request, f"The report is appendix {appendix.letter} of “{paper.title}”."
            )
            return redirect("meetings:paper", paper.pk)
    return render(
        request,
        "indicators/report_attach.html",
        {"form": form, "area": area_obj},
        status=400,
    )


@login_required
def area_report_pdf(request: HttpRequest, code: str) -> HttpResponse:
    region = region_or_404()
    verdict = permissions.can_view_report(request.user)
    if not verdict:
        return refuse(request, verdict)
    area_obj = selectors.area_for(region, code)
    form = forms.ReportForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    pdf = reports.area_report_pdf(
        area_obj,
        data.get("period_from") or None,
        data.get("period_to") or None,
        user=request.user,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{code}-performance-report.pdf"'
    return response
