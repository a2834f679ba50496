"""One way to page a list: `?page=N` (and `page_size`), answered with `count` and `items`.

A page past the last is a 404 naming the last page, so no page number, however large,
reaches the database as an offset it cannot hold.

An endpoint whose items are built in Python returns ``Built(queryset, build)``: the page is
sliced from the queryset first, so only that page's rows are fetched and built.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404
from django.http import HttpRequest
from ninja import Field
from ninja import Schema
from ninja.pagination import PageNumberPagination
from ninja.pagination import paginate

from remit.core.paging import KeysFirst
from remit.core.paging import rows_in_order

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
MAX_PAGE = 1_000_000


class PageInput(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description="Which page, from 1.")
    page_size: int | None = Field(
        None, ge=1, le=MAX_PAGE_SIZE, description=f"Items a page; {PAGE_SIZE} unless given."
    )


class Built(KeysFirst):
    """A queryset whose rows are built into items one page at a time.

    ``build`` turns one row into what the endpoint answers with. Counting asks the
    database; slicing finds the slice's keys in order, fetches only those rows
    (`rows_in_order`), then builds each.
    """

    def __init__(self, queryset: Any, build: Callable[[Any], Any]) -> None:
        super().__init__(queryset)
        self.build = build

    def all(self) -> Built:
        return self

    def __getitem__(self, window: slice) -> list[Any]:
        return [self.build(row) for row in rows_in_order(self.queryset, window)]


class Pages(PageNumberPagination):
    Input = PageInput  # type: ignore[assignment]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=PAGE_SIZE, max_page_size=MAX_PAGE_SIZE, **kwargs)

    def paginate_queryset(  # type: ignore[override]
        self, queryset: Any, pagination: PageInput, request: HttpRequest, **params: Any
    ) -> Any:
        size = self._get_page_size(pagination.page_size)
        count = self._items_count(queryset)
        last = max(1, -(-count // size))
        if pagination.page > last:
            raise Http404(f"There is no page {pagination.page}; the last page is {last}.")
        offset = (pagination.page - 1) * size
        return {"items": queryset[offset : offset + size], "count": count}


paginated = paginate(Pages)
