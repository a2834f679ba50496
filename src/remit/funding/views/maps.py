"""The figures behind the fund's maps, as CSV: a scenario's shares, grants and bids by area."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from remit.core.permissions import SIGN_IN
from remit.funding import permissions, selectors
from remit.funding.views.common import fund_or_404, round_or_404
from remit.ui.views import refuse, region_or_404


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


@require_safe
@login_required
def scenario_areas_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    fund = fund_or_404(slug)
    scenario = fund.scenarios.filter(pk=pk).first()
    if scenario is None:
        raise Http404("No such scenario.")
    return _csv(selectors.scenario_map(scenario), f"scenario-{scenario.pk}-shares-by-area")


@require_safe
@login_required
def grants_areas_csv(request: HttpRequest) -> HttpResponse:
    if permissions.bid_scope(request.user) == "none":
        return refuse(request, SIGN_IN)
    return _csv(selectors.grants_by_area(region_or_404(), request.user), "grants-by-area")


@require_safe
@login_required
def round_areas_csv(request: HttpRequest, pk: int) -> HttpResponse:
    round = round_or_404(pk)
    verdict = permissions.can_view_bids_by_area(request.user, round)
    if not verdict:
        return refuse(request, verdict)
    return _csv(selectors.bids_by_area(round), f"round-{round.pk}-bids-by-area")


@require_safe
def published_areas_csv(request: HttpRequest) -> HttpResponse:
    return _csv(selectors.published_grants_by_area(region_or_404()), "grants-register-by-area")
