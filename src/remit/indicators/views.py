"""Indicator pages for signed-in users: the overview, each indicator, mission and area with
their figures and CSVs, and an area's performance report. Defining indicators and loading
their figures are in `definition_views`; results in `result_views`.

Views parse input, call one service or selector, and render; refusals render the shared
"You cannot do this" page with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from typing import BinaryIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from remit.core import open_data
from remit.core.models import Area
from remit.core.models import Region
from remit.indicators import dashboards
from remit.indicators import forms
from remit.indicators import map_pages
from remit.indicators import permissions
from remit.indicators import reports
from remit.indicators import selectors
from remit.indicators import services
from remit.ui.views import refuse
from remit.ui.views import region_or_404
from remit.ui.views import run_service

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


# ---------------------------------------------------------------- the area report


def _report_area(request: HttpRequest, code: str) -> Area | HttpResponse:
    """The area whose report is asked for, or the refusal for someone who may not read reports."""
    region = region_or_404()
    verdict = permissions.can_view_report(request.user)
    if not verdict:
        return refuse(request, verdict)
    return selectors.area_for(region, code)


@login_required
def area_report(request: HttpRequest, code: str) -> HttpResponse:
    area_obj = _report_area(request, code)
    if isinstance(area_obj, HttpResponse):
        return area_obj
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
    area_obj = _report_area(request, code)
    if isinstance(area_obj, HttpResponse):
        return area_obj
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
    area_obj = _report_area(request, code)
    if isinstance(area_obj, HttpResponse):
        return area_obj
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
