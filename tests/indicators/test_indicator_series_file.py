"""Reading an uploaded series: every refusal names its line, and nothing partial comes back."""

from __future__ import annotations

from decimal import Decimal

import pytest

from remit.indicators.series_file import SeriesFileError
from remit.indicators.series_file import decode
from remit.indicators.series_file import parse_series

AREAS = {"E08000025", "E08000026"}


def parse(text: str) -> list[tuple[str, str, Decimal]]:
    rows = parse_series(text, known_areas=AREAS, source="up.csv")
    return [(r.area_code, r.period, r.value) for r in rows]


def refusal(text: str) -> SeriesFileError:
    with pytest.raises(SeriesFileError) as caught:
        parse_series(text, known_areas=AREAS, source="up.csv")
    return caught.value


def test_a_good_file_gives_every_row_with_exact_values() -> None:
    text = "area_code,period,value\r\nE08000025,2019-01,0.1\r\n\r\nE08000026, 2019-01 ,-3\r\n"
    assert parse(text) == [
        ("E08000025", "2019-01", Decimal("0.1")),
        ("E08000026", "2019-01", Decimal(-3)),
    ]


def test_the_header_is_checked_on_line_1() -> None:
    found = refusal("code,month,value\nE08000025,2019-01,1\n")
    assert (found.line, str(found)) == (
        1,
        "up.csv, line 1: the header must be area_code,period,value, not code,month,value",
    )


@pytest.mark.parametrize(
    ("line", "field", "words"),
    [
        ("E08000099,2019-01,1", "area_code", "not one of the region's areas"),
        ("E08000025,Jan 2019,1", "period", "is not a month (YYYY-MM) or a year"),
        ("E08000025,2019-01,1,2", None, "expected 3 fields, found 4"),
        ("E08000025,2019-01,NaN", "value", "is not a number"),
        ("E08000025,2019-01,1e20", "value", "too large"),
        ("E08000025,2019,1", "period", "mixes kinds"),
    ],
)
def test_a_bad_row_is_refused_with_its_line_and_column(
    line: str, field: str | None, words: str
) -> None:
    found = refusal(f"area_code,period,value\nE08000026,2019-02,1\n{line}\n")
    assert found.line == 3
    assert found.field == field
    assert words in found.message


def test_a_repeated_area_and_period_names_both_lines() -> None:
    found = refusal(
        "area_code,period,value\nE08000025,2019,1\nE08000026,2019,1\nE08000025,2019,2\n"
    )
    assert str(found) == "up.csv, line 4: E08000025 2019 is given twice (first on line 2)"


def test_a_header_alone_is_refused() -> None:
    assert refusal("area_code,period,value\n").message == "the file has a header but no rows"


def test_text_that_is_not_utf8_is_refused_with_its_line() -> None:
    with pytest.raises(SeriesFileError) as caught:
        decode(b"area_code,period,value\nE08000025,2019,\xff\n", "up.csv")
    assert caught.value.line == 2


def test_a_byte_order_mark_is_not_part_of_the_header() -> None:
    assert parse(decode("\ufeffarea_code,period,value\nE08000025,2019,2\n".encode(), "x")) == [
        ("E08000025", "2019", Decimal(2))
    ]
