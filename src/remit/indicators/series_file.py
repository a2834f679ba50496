"""Reading an uploaded indicator series: a CSV of `area_code,period,value`.

The whole file is read and checked before anything is stored, so an upload is all or
nothing, and each refusal names the line (the header is line 1).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from decimal import InvalidOperation

from remit.core.errors import LocatedError
from remit.indicators.kinds import value_problem
from remit.indicators.measures import is_month
from remit.indicators.measures import is_period

HEADER = ("area_code", "period", "value")
MAX_ROWS = 200_000


class SeriesFileError(LocatedError):
    """An upload that cannot be stored, located by line and column; always named by its file."""

    def __init__(
        self, message: str, *, path: str, line: int | None = None, field: str | None = None
    ) -> None:
        super().__init__(message, path=path, line=line, field=field)

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.path}, line {self.line}: {self.message}"
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class SeriesRow:
    line: int
    area_code: str
    period: str
    value: Decimal


def decode(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SeriesFileError("the file is not UTF-8 text", path=source, line=line) from exc


def parse_series(
    text: str, *, known_areas: Collection[str], source: str, kind: str | None = None
) -> list[SeriesRow]:
    """Every row of the file, checked; refuses the whole file at its first bad line.

    With the indicator's `kind`, each value must also be one of that kind: a count or a
    population whole, a count or rate not below zero, a rank from 1.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise SeriesFileError(f"unreadable CSV: {exc}", path=source, line=1) from exc
    if header is None:
        raise SeriesFileError("the file is empty", path=source)
    names = tuple(h.strip().lower() for h in header)
    if names != HEADER:
        raise SeriesFileError(
            f"the header must be {','.join(HEADER)}, not {','.join(header)}",
            path=source,
            line=1,
        )
    rows: list[SeriesRow] = []
    first_seen: dict[tuple[str, str], int] = {}
    try:
        for fields in reader:
            if not any(f.strip() for f in fields):
                continue
            row = _row(fields, reader.line_num, known_areas, source)
            problem = value_problem(kind, row.value) if kind else None
            if problem:
                raise SeriesFileError(f"value {problem}", path=source, line=row.line, field="value")
            _check_against_earlier(row, rows, first_seen, source)
            rows.append(row)
    except csv.Error as exc:
        raise SeriesFileError(f"unreadable CSV: {exc}", path=source, line=reader.line_num) from exc
    if not rows:
        raise SeriesFileError("the file has a header but no rows", path=source, line=2)
    return rows


def _check_against_earlier(
    row: SeriesRow, rows: list[SeriesRow], first_seen: dict[tuple[str, str], int], source: str
) -> None:
    """One figure per area and period, one kind of period, and a bounded file."""
    key = (row.area_code, row.period)
    if key in first_seen:
        raise SeriesFileError(
            f"{row.area_code} {row.period} is given twice (first on line {first_seen[key]})",
            path=source,
            line=row.line,
        )
    first_seen[key] = row.line
    if rows and is_month(rows[0].period) != is_month(row.period):
        kind = "month" if is_month(rows[0].period) else "year"
        raise SeriesFileError(
            f"period {row.period} mixes kinds: the file's first period is a {kind}",
            path=source,
            line=row.line,
            field="period",
        )
    if len(rows) >= MAX_ROWS:
        raise SeriesFileError(
            f"more than {MAX_ROWS:,} rows: split the file", path=source, line=row.line
        )


def _row(fields: list[str], line: int, known_areas: Collection[str], source: str) -> SeriesRow:
    if len(fields) != len(HEADER):
        raise SeriesFileError(
            f"expected {len(HEADER)} fields, found {len(fields)}", path=source, line=line
        )
    code, period, raw = (f.strip() for f in fields)
    if code not in known_areas:
        raise SeriesFileError(
            f"area code {code!r} is not one of the region's areas",
            path=source,
            line=line,
            field="area_code",
        )
    if not is_period(period):
        raise SeriesFileError(
            f"period {period!r} is not a month (YYYY-MM) or a year (YYYY)",
            path=source,
            line=line,
            field="period",
        )
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise SeriesFileError(
            f"value {raw!r} is not a number", path=source, line=line, field="value"
        )
    if abs(value) >= Decimal("1e14"):
        raise SeriesFileError(f"value {raw!r} is too large", path=source, line=line, field="value")
    return SeriesRow(line, code, period, value)
