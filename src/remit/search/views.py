"""/search/: one search over everything, for everyone; each person finds what they may open."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from remit.search import selectors
from remit.search.models import Kind
from remit.search.query import highlight
from remit.search.query import parse
from remit.search.query import snippet
from remit.ui.views import region_or_404

PAGE_SIZE = 20


class Counted(Paginator[Any]):
    """Pages of results whose number is already known from the counts by kind, so the
    full-text query is not run a third time just to count them."""

    def __init__(self, object_list: Any, per_page: int, total: int) -> None:
        super().__init__(object_list, per_page)
        self.total = total

    @cached_property
    def count(self) -> int:
        return self.total


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    region = region_or_404()
    text = str(request.GET.get("q") or "")[:500].strip()
    query = parse(text)
    filters, problems = selectors.filters_from(request.GET)
    viewer = selectors.Viewer.of(request.user)
    today = timezone.localdate()
    page = None
    groups: list[tuple[str, list[dict[str, object]]]] = []
    counts: dict[str, int] = {}
    if not query.empty and not problems:
        found = selectors.search(viewer, region, query, filters, today)
        counts = selectors.kind_counts(viewer, region, query, filters, today)
        total = sum(n for kind, n in counts.items() if not filters.kinds or kind in filters.kinds)
        page = Counted(found, PAGE_SIZE, total).get_page(request.GET.get("page"))
        labels = dict(Kind.choices)
        by_kind: dict[str, list[dict[str, object]]] = {}
        for row in page.object_list:
            by_kind.setdefault(row.kind, []).append(
                {
                    # highlight and snippet escape the text before they add <mark>.
                    "title": mark_safe(highlight(row.title, query)),  # noqa: S308
                    "snippet": mark_safe(snippet(row.body, query)),  # noqa: S308
                    "url": selectors.link(row),
                    "date": row.date,
                }
            )
        groups = [(labels[kind], rows) for kind, rows in by_kind.items()]
    return render(
        request,
        "search/results.html",
        {
            "q": text,
            "query": query,
            "filters": filters,
            "problems": problems,
            "page_obj": page,
            "searched": page is not None,
            "groups": groups,
            "counts": [(value, label, counts.get(value, 0)) for value, label in Kind.choices],
            "choices": selectors.filter_choices(region),
            "dates": [
                ("from", "Date from", request.GET.get("from", "")),
                ("to", "Date to", request.GET.get("to", "")),
            ],
            "orders": [(selectors.BEST, "Best match"), (selectors.NEWEST, "Newest first")],
        },
    )
