"""Published proposals for anyone: what was asked, which missions it serves, what forums decided."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render

from remit.proposals import selectors
from remit.proposals.models import Proposal
from remit.ui.views import region_or_404

PAGE_SIZE = 25


def published_list(request: HttpRequest) -> HttpResponse:
    filters = selectors.RegisterFilters.from_query(request.GET)
    qs = selectors.register(region_or_404(), Proposal.objects.published(), filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "proposals/public/list.html",
        {
            "page_obj": page,
            "filters": filters,
            "choices": selectors.filter_choices(region_or_404()),
        },
    )


def published_detail(request: HttpRequest, pk: int) -> HttpResponse:
    page = selectors.proposal_page(Proposal.objects.published(), pk, public=True)
    return render(request, "proposals/public/detail.html", {"page": page, "p": page.proposal})
