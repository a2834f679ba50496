"""Text pasted from Word is made printable wherever a file is written."""

from __future__ import annotations

from django.utils.feedgenerator import Atom1Feed

from remit.core.text import printable
from remit.meetings.feeds import PrintableAtom1Feed
from remit.meetings.ical import escape_text


def test_control_characters_are_removed_and_word_breaks_become_newlines() -> None:
    assert printable("a\x0bb\x0cc\r\nd\re") == "a\nb\nc\nd\ne"
    assert printable("tab\tand\nnewline stay") == "tab\tand\nnewline stay"
    assert printable("no\x00 bell\x07 escape\x1b here\ufffe") == "no bell escape here"


def test_control_characters_never_break_the_calendar_or_the_feed() -> None:
    assert escape_text("Board\x07 meeting\x0bagenda") == "Board meeting\\nagenda"
    feed = PrintableAtom1Feed("Decisions\x01", "/d/", "All\x02")
    feed.add_item("D1\x00: Youth\x0bfund", "/d/1/", "Agreed\x07.", author_name="Board\x1f")
    text = feed.writeString("utf-8")
    assert "<title>D1: Youth\nfund</title>" in text
    assert isinstance(feed, Atom1Feed)
