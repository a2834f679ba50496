"""What "Your work" is made of: items with a deadline, in sections, most urgent first.

No Django here: the selectors build items from the records, this module orders them and
says how long is left.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from datetime import date

SHOWN = 25
"""The most items a section lists; the rest are counted and reached from the section's link."""


@dataclass(frozen=True)
class Item:
    """One thing to do: what it is, where it is done, and by when (if there is a deadline)."""

    title: str
    url: str
    due: date | None = None
    detail: str = ""
    due_label: str = "Due"

    def days_left(self, today: date) -> int | None:
        return None if self.due is None else (self.due - today).days

    def when(self, today: date) -> str:
        """How long is left, in words: "3 days left", "due today", "overdue by 2 days"."""
        days = self.days_left(today)
        if days is None:
            return ""
        if days == 0:
            return "due today"
        if days > 0:
            return f"{days} day{'s' if days != 1 else ''} left"
        return f"overdue by {-days} day{'s' if days != -1 else ''}"

    def overdue(self, today: date) -> bool:
        days = self.days_left(today)
        return days is not None and days < 0


def urgent_first(items: Iterable[Item]) -> list[Item]:
    """Overdue first, then by deadline; items without a deadline keep their order, last."""
    listed = list(items)
    dated = sorted((i for i in listed if i.due is not None), key=lambda i: i.due or date.min)
    return dated + [i for i in listed if i.due is None]


@dataclass
class Section:
    """A heading, its items, what to say when there are none, and where to see them all."""

    title: str
    empty: str
    items: list[Item] = field(default_factory=list)
    more_url: str = ""
    more_label: str = ""
    ordered: bool = True

    def __post_init__(self) -> None:
        if self.ordered:
            self.items = urgent_first(self.items)

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def shown(self) -> list[Item]:
        return self.items[:SHOWN]

    @property
    def hidden(self) -> int:
        return max(self.count - SHOWN, 0)


@dataclass(frozen=True)
class Row:
    """An item as the page shows it on one day."""

    item: Item
    when: str
    overdue: bool


def rows(section: Section, today: date) -> list[Row]:
    return [Row(i, i.when(today), i.overdue(today)) for i in section.shown]
