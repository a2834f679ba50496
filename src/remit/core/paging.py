"""Pages of a long list, sorted by their keys before their rows are fetched.

A list page sorts every row of the list to keep one page of them. When the rows are wide
(descriptions, joined records, sums worked out per row) that sort carries every column of
every row, and costs more with every row in the list. Sorting the keys alone, then
fetching only the page's rows whole, keeps the wide part to the page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from typing import overload


def rows_in_order(queryset: Any, window: slice) -> list[Any]:
    """The rows of ``queryset`` in ``window``, in the queryset's order."""
    keys = list(queryset.values_list("pk", flat=True)[window])
    rows = {row.pk: row for row in queryset.order_by().filter(pk__in=keys)}
    return [rows[key] for key in keys]


class KeysFirst:
    """A queryset for Django's `Paginator` whose page is found by its keys first."""

    def __init__(self, queryset: Any) -> None:
        self.queryset = queryset

    def count(self) -> int:
        return int(self.queryset.count())

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[Any]:
        return iter(self.queryset)

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return rows_in_order(self.queryset, index)
        return rows_in_order(self.queryset, slice(index, index + 1))[0]
