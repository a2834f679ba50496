"""Ordering and wording of items: overdue first, then by deadline, undated last."""

from __future__ import annotations

from datetime import date

from remit.work.items import SHOWN
from remit.work.items import Item
from remit.work.items import Section
from remit.work.items import urgent_first

TODAY = date(2026, 3, 4)


def test_overdue_first_then_soonest_then_undated_in_their_order() -> None:
    later = Item("later", "/l", date(2026, 3, 20))
    overdue = Item("overdue", "/o", date(2026, 3, 1))
    undated_a = Item("undated a", "/a")
    soon = Item("soon", "/s", date(2026, 3, 5))
    undated_b = Item("undated b", "/b")
    ordered = urgent_first([later, undated_a, soon, overdue, undated_b])
    assert [i.title for i in ordered] == ["overdue", "soon", "later", "undated a", "undated b"]


def test_time_left_in_words() -> None:
    assert Item("x", "/", date(2026, 3, 7)).when(TODAY) == "3 days left"
    assert Item("x", "/", date(2026, 3, 5)).when(TODAY) == "1 day left"
    assert Item("x", "/", TODAY).when(TODAY) == "due today"
    assert Item("x", "/", date(2026, 3, 3)).when(TODAY) == "overdue by 1 day"
    assert Item("x", "/", date(2026, 2, 25)).when(TODAY) == "overdue by 7 days"
    assert Item("x", "/").when(TODAY) == ""
    assert Item("x", "/", date(2026, 3, 3)).overdue(TODAY)
    assert not Item("x", "/", TODAY).overdue(TODAY)


def test_a_long_section_shows_the_most_urgent_and_counts_the_rest() -> None:
    items = [Item(f"item {n}", "/", date(2026, 4, 1 + n % 28)) for n in range(SHOWN + 5)]
    section = Section("Things", "Nothing.", items)
    assert section.count == SHOWN + 5
    assert len(section.shown) == SHOWN
    assert section.hidden == 5
    assert section.shown[0].due == date(2026, 4, 1)


def test_a_section_can_keep_its_own_order() -> None:
    items = [Item("b", "/", date(2026, 4, 2)), Item("a", "/", date(2026, 4, 1))]
    assert [i.title for i in Section("S", "", items, ordered=False).items] == ["b", "a"]
