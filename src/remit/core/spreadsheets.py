"""Cells for CSV and XLSX files the site writes: text that a spreadsheet cannot run.

A spreadsheet treats a cell starting with `=`, `+`, `-` or `@` (and, in some, a tab or
carriage return) as a formula, so a name typed as `=HYPERLINK(...)` would run on the
reader's machine. Every export passes its cells through `safe_cell`, which puts an
apostrophe before such text; numbers, and text that is a plain number such as
`-3.5%`, are left as they are. Control characters, which XLSX cannot hold, are
removed first (`remit.core.text.printable`). No Django here.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any

from remit.core.text import printable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISER = "'"
# Text a spreadsheet reads as a number, never as a formula: -1,234.5, +3%, -£20.
_PLAIN_NUMBER = re.compile(r"[+-]?£?\d[\d,]*(\.\d+)?%?")


def _runnable(text: str) -> bool:
    """Whether a spreadsheet may run the text, also once it drops leading blanks and breaks."""
    stripped = text.lstrip(" \t\r\n")
    return (text.startswith(FORMULA_START) or stripped.startswith(FORMULA_START)) and not (
        _PLAIN_NUMBER.fullmatch(stripped)
    )


def safe_cell(value: Any) -> Any:
    """The value to write in a cell: text printable and formula-like text neutralised."""
    if not isinstance(value, str):
        return value
    value = printable(value)
    if _runnable(value):
        return NEUTRALISER + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [safe_cell(value) for value in row]


def read_cell(value: Any) -> Any:
    """A cell read back from a file the site wrote: the neutralising apostrophe removed."""
    if isinstance(value, str) and value.startswith(NEUTRALISER) and _runnable(value[1:]):
        return value[1:]
    return value


def csv_text(header: Sequence[str], rows: Iterable[Iterable[Any]]) -> str:
    """A CSV file's text, every cell made safe; None is written as an empty cell."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(safe_row(header))
    for row in rows:
        writer.writerow(safe_row("" if value is None else value for value in row))
    return out.getvalue()
