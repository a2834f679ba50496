"""The public grants register: determined, published grants only, and their open data."""

from __future__ import annotations

import json
from typing import Any
from typing import BinaryIO

from django.core.paginator import Paginator
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from remit.core import open_data
from remit.core.pagecache import public_page
from remit.funding import selectors
from remit.funding import threesixty
from remit.funding.models import Grant
from remit.ui.views import region_or_404

PAGE_SIZE = 50


@public_page("core", "funding")
def grant_list(request: HttpRequest) -> HttpResponse:
    grants = selectors.published_grants(region_or_404())
    page = Paginator(grants, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "funding/public/grants.html",
        {"page_obj": page, "grants_map": selectors.published_grants_by_area(region_or_404())},
    )


def _published_notice(reference: str) -> Any:
    """A published notice; one not yet published is as missing as one that never was."""
    notice = selectors.find_public_notice(region_or_404(), reference)
    if notice is None:
        raise Http404("No such published decision notice.")
    return notice


@require_safe
def notice(request: HttpRequest, reference: str) -> HttpResponse:
    found = _published_notice(reference)
    return render(
        request,
        "funding/public/notice.html",
        {"notice": found, "corrected_by": selectors.corrected_by(found, public=True)},
    )


@require_safe
def notice_pdf(request: HttpRequest, reference: str) -> HttpResponse:
    from remit.funding.views.decisions import pdf_response

    found = _published_notice(reference)
    return pdf_response(found, selectors.corrected_by(found, public=True))


def grant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    grant = selectors.find_published_grant(region_or_404(), pk)
    if grant is None:
        raise Http404("No such published grant.")
    return render(
        request,
        "funding/public/grant.html",
        {
            "grant": grant,
            "published": grant.publication,
            "versions": selectors.published_versions(grant),
        },
    )


def _records(request: HttpRequest) -> list[threesixty.GrantRecord]:
    def url_for(grant: Grant) -> str:
        return request.build_absolute_uri(reverse("funding_public:detail", args=[grant.pk]))

    return selectors.grant_records(selectors.export_grants(region_or_404()), url_for=url_for)


def _export_version(request: HttpRequest, here: Any) -> tuple[Any, ...]:
    """The export's version: its grants and payments, and the site address its links use."""
    return (selectors.export_version(here), request.build_absolute_uri("/"))


def build_json(request: HttpRequest, out: BinaryIO) -> None:
    """The 360Giving package of the region's published grants, as JSON."""
    records = _records(request)
    data = threesixty.package_json(
        records,
        publisher=records[0].funder,
        title=f"Grants published by {records[0].funder.name}",
        issued=timezone.now(),
    )
    out.write(json.dumps(data, indent=2, ensure_ascii=False).encode())


def build_csv(request: HttpRequest, out: BinaryIO) -> None:
    """The region's published grants as the 360Giving spreadsheet's CSV."""
    out.write(threesixty.to_csv(_records(request)).encode())


@require_safe
def export_json(request: HttpRequest) -> HttpResponseBase:
    here = region_or_404()
    version = _export_version(request, here)
    if not version[0].grants:
        raise Http404("No grants have been published yet.")
    name = f"{here.slug}-grants-360giving.json"
    return open_data.serve(
        request,
        name,
        version,
        lambda out: build_json(request, out),
        content_type="application/json",
        filename=name,
    )


@require_safe
def export_csv(request: HttpRequest) -> HttpResponseBase:
    here = region_or_404()
    name = f"{here.slug}-grants-360giving.csv"
    return open_data.serve(
        request,
        name,
        _export_version(request, here),
        lambda out: build_csv(request, out),
        content_type="text/csv",
        filename=name,
    )
