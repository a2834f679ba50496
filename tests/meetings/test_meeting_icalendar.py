"""The board calendar feed follows RFC 5545: CRLF lines, 75-octet folding, escaped text."""

from __future__ import annotations

from datetime import UTC
from datetime import datetime
from datetime import timedelta
from datetime import timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from property_examples import examples
from remit.meetings.ical import CalendarEvent
from remit.meetings.ical import calendar
from remit.meetings.ical import escape_text
from remit.meetings.ical import fold
from remit.meetings.ical import utc

STAMP = datetime(2018, 4, 1, 12, 0, tzinfo=UTC)


def event(**kwargs: object) -> CalendarEvent:
    base: dict[str, object] = {
        "uid": "meeting-1@remit",
        "start": datetime(2018, 4, 24, 9, 0, tzinfo=UTC),
        "end": datetime(2018, 4, 24, 11, 0, tzinfo=UTC),
        "summary": "West Midlands Community Safety Partnership",
        "stamp": STAMP,
    }
    base.update(kwargs)
    return CalendarEvent(**base)  # type: ignore[arg-type]


def unfold(text: str) -> str:
    return text.replace("\r\n ", "")


def test_every_line_ends_in_crlf_and_the_calendar_is_wrapped() -> None:
    text = calendar("WMCSP", [event()])
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")


def test_text_is_escaped() -> None:
    assert escape_text("Lloyd House; Colmore Circus, Birmingham\nRoom 1\\2") == (
        "Lloyd House\\; Colmore Circus\\, Birmingham\\nRoom 1\\\\2"
    )


def test_long_lines_fold_at_75_octets_without_splitting_characters() -> None:
    line = "DESCRIPTION:" + "Café " * 40
    folded = fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
    assert folded.replace("\r\n ", "") == line


def test_times_are_written_in_utc() -> None:
    bst = timezone(timedelta(hours=1))
    assert utc(datetime(2018, 7, 24, 10, 0, tzinfo=bst)) == "20180724T090000Z"
    with pytest.raises(ValueError, match="timezone-aware"):
        utc(datetime(2018, 7, 24, 10, 0))  # noqa: DTZ001


def test_a_cancelled_meeting_says_so() -> None:
    text = unfold(calendar("WMCSP", [event(cancelled=True, sequence=1)]))
    assert "STATUS:CANCELLED\r\n" in text
    assert "SEQUENCE:1\r\n" in text


def test_an_event_carries_its_place_and_link() -> None:
    text = unfold(calendar("WMCSP", [event(location="Lloyd House", url="https://example.org/m/1")]))
    assert "LOCATION:Lloyd House\r\n" in text
    assert "URL:https://example.org/m/1\r\n" in text
    assert "DTSTART:20180424T090000Z\r\n" in text


@examples(200)
@given(st.text(min_size=0, max_size=400))
def test_folding_is_reversible_and_never_overlong(value: str) -> None:
    line = "SUMMARY:" + escape_text(value)
    folded = fold(line)
    assert folded.replace("\r\n ", "") == line
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
