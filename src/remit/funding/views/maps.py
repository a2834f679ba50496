"""The figures behind the fund's maps, as CSV, and the maps on paper: a scenario's shares,
grants and bids by area."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.views.decorators.http import require_safe

from remit.core.pagecache import public_page
from remit.core.permissions import SIGN_IN
from remit.funding import permissions
from remit.funding import selectors
from remit.funding.models import AllocationScenario
from remit.funding.models import Fund
from remit.funding.models import Round
from remit.funding.printing import fund_map_pdf_bytes
from remit.funding.views.common import fund_or_404
from remit.funding.views.common import round_or_404
from remit.ui.views import refuse
from remit.ui.views import region_or_404


def _csv(fund_map: selectors.FundMap | None, name: str) -> HttpResponse:
    if fund_map is None:
        raise Http404("There is no map of these figures.")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(fund_map.csv_header)
    writer.writerows(fund_map.csv_rows)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _pdf(
    fund_map: selectors.FundMap | None, name: str, *, caption: str, title: str, lines: list[str]
) -> HttpResponse:
    if fund_map is None:
        raise Http404("There is no map of these figures.")
    response = HttpResponse(
        fund_map_pdf_bytes(fund_map, caption=caption, title=title, lines=lines),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


def _produced() -> str:
    return (
        f"Produced on {format_date(timezone.localdate(), 'j F Y')} from the figures held in Remit."
    )


def _scenario_or_404(slug: str, pk: int) -> tuple[Fund, AllocationScenario]:
    fund = fund_or_404(slug)
    scenario = fund.scenarios.select_related("fund__region").filter(pk=pk).first()
    if scenario is None:
        raise Http404("No such scenario.")
    return fund, scenario


@require_safe
@login_required
def scenario_areas_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    _, scenario = _scenario_or_404(slug, pk)
    return _csv(selectors.scenario_map(scenario), f"scenario-{scenario.pk}-shares-by-area")


@require_safe
@login_required
def scenario_areas_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    fund, scenario = _scenario_or_404(slug, pk)
    adopted = " It is the scenario the fund has adopted." if fund.adopted_scenario_id == pk else ""
    return _pdf(
        selectors.scenario_map(scenario),
        f"scenario-{scenario.pk}-shares-by-area",
        caption=f"{fund.name}: allocation scenario",
        title=f"{scenario.name}: each area's share",
        lines=[
            f"Saved on {format_date(timezone.localtime(scenario.created_at), 'j F Y')}.{adopted}",
            _produced(),
        ],
    )


@require_safe
@login_required
def grants_areas_csv(request: HttpRequest) -> HttpResponse:
    if permissions.bid_scope(request.user) == "none":
        return refuse(request, SIGN_IN)
    return _csv(selectors.grants_by_area(region_or_404(), request.user), "grants-by-area")


@require_safe
@login_required
def grants_areas_pdf(request: HttpRequest) -> HttpResponse:
    if permissions.bid_scope(request.user) == "none":
        return refuse(request, SIGN_IN)
    return _pdf(
        selectors.grants_by_area(region_or_404(), request.user),
        "grants-by-area",
        caption="Grants",
        title="Money awarded by area",
        lines=["The grants you can see, not those withdrawn.", _produced()],
    )


def _round_or_refusal(request: HttpRequest, pk: int) -> Round | HttpResponse:
    """The round, if this user may see its bids by area; otherwise the refusal page."""
    round = round_or_404(pk)
    verdict = permissions.can_view_bids_by_area(request.user, round)
    return round if verdict else refuse(request, verdict)


@require_safe
@login_required
def round_areas_csv(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round_or_refusal(request, pk)
    if isinstance(round, HttpResponse):
        return round
    return _csv(selectors.bids_by_area(round), f"round-{round.pk}-bids-by-area")


@require_safe
@login_required
def round_areas_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round_or_refusal(request, pk)
    if isinstance(round, HttpResponse):
        return round
    return _pdf(
        selectors.bids_by_area(round),
        f"round-{round.pk}-bids-by-area",
        caption=f"{round.fund.name}: {round.title}",
        title="Bids by area",
        lines=[
            "Every bid submitted to the round and not withdrawn, with the amount it asks for "
            "over every year.",
            _produced(),
        ],
    )


@require_safe
def published_areas_csv(request: HttpRequest) -> HttpResponse:
    return _csv(selectors.published_grants_by_area(region_or_404()), "grants-register-by-area")


@public_page("core", "funding")
@require_safe
def published_areas_pdf(request: HttpRequest) -> HttpResponse:
    return _pdf(
        selectors.published_grants_by_area(region_or_404()),
        "grants-register-by-area",
        caption="Grants register",
        title="Money awarded by area",
        lines=["Every published grant, as it was published.", _produced()],
    )
