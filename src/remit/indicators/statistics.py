"""Reading district figures for the catalogue's indicators from published workbooks.

Plain Python (no Django). Each reader returns a figure per district code and refuses a bad
file with a `ReferenceDataError` naming the file, and the sheet, row and column where the
problem is, so nothing is loaded from part of a file.

- `district_summary`: one column of a district summaries workbook (IoD 2019 File 10), as
  published.
- `share_most_deprived`: from an LSOA file (IoD File 1), each district's neighbourhoods in
  the most deprived tenth nationally (decile 1) over all its neighbourhoods, to four places
  halves up — the way File 10 makes "Proportion of LSOAs in most deprived 10% nationally"
  (it gives File 10's figure for every 2019 district when run on the 2019 File 1).
- `change`: one period's figure less another's, in percentage points.
"""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Mapping
from decimal import ROUND_HALF_UP
from decimal import Decimal
from decimal import InvalidOperation
from pathlib import Path
from typing import Any

from remit.indicators.deprivation import ReferenceDataError

FOUR_PLACES = Decimal("0.0001")
DISTRICT_CODE = "Local Authority District code"
DECILE = "Index of Multiple Deprivation (IMD) Decile"


def _rows(path: Path, sheet: str) -> Iterator[tuple[Any, ...]]:
    from openpyxl import load_workbook

    from remit.core.archives import ArchiveRefused
    from remit.core.archives import ZipLimits
    from remit.core.archives import open_zip

    if not path.is_file():
        raise ReferenceDataError("no such file", path=str(path))
    try:
        with open_zip(str(path), ZipLimits.configured(documents=True)):
            pass
    except ArchiveRefused as exc:
        raise ReferenceDataError(exc.message, path=str(path)) from exc
    try:
        workbook = load_workbook(str(path), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise ReferenceDataError(f"not a workbook ({exc})", path=str(path)) from exc
    try:
        if sheet not in workbook.sheetnames:
            raise ReferenceDataError(f"no sheet {sheet!r}", path=str(path))
        yield from workbook[sheet].iter_rows(values_only=True)
    finally:
        workbook.close()


def _header(row: tuple[Any, ...] | None) -> list[str]:
    return [" ".join(str(h or "").split()) for h in (row or ())]


def _column(header: list[str], starts: str, path: Path, sheet: str) -> int:
    for index, name in enumerate(header):
        if name == starts or name.startswith(starts):
            return index
    raise ReferenceDataError(f"sheet {sheet!r} has no column {starts!r}", path=str(path))


def _number(cell: Any) -> Decimal | None:
    if cell is None or isinstance(cell, bool):
        return None
    try:
        value = Decimal(str(cell).replace(",", "").strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def district_summary(path: Path, sheet: str, column: str) -> dict[str, Decimal]:
    """One column of a district summaries sheet per district code, as published."""
    rows = _rows(path, sheet)
    header = _header(next(rows, None))
    wanted = " ".join(column.split())
    if wanted not in header:
        raise ReferenceDataError(f"sheet {sheet!r} has no column {wanted!r}", path=str(path))
    at = header.index(wanted)
    found: dict[str, Decimal] = {}
    for number, row in enumerate(rows, start=2):
        code = row[0] if row else None
        if not isinstance(code, str) or not code.strip():
            continue
        code = code.strip()
        cell = row[at] if at < len(row) else None
        value = _number(cell)
        if value is None:
            raise ReferenceDataError(
                f"sheet {sheet!r}, row {number} ({code}), column {wanted!r}: "
                f"{cell!r} is not a number",
                path=str(path),
            )
        found[code] = value
    if not found:
        raise ReferenceDataError(f"sheet {sheet!r} has no districts", path=str(path))
    return found


def share_most_deprived(path: Path, sheet: str) -> dict[str, Decimal]:
    """Each district's share of its LSOAs in IMD decile 1, to four places halves up."""
    rows = _rows(path, sheet)
    header = _header(next(rows, None))
    district = _column(header, DISTRICT_CODE, path, sheet)
    decile_at = _column(header, DECILE, path, sheet)
    lsoas: dict[str, int] = {}
    worst: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        if not row or all(cell is None for cell in row):
            continue
        code = row[district] if district < len(row) else None
        decile = row[decile_at] if decile_at < len(row) else None
        if not isinstance(code, str) or not code.strip():
            raise ReferenceDataError(
                f"sheet {sheet!r}, row {number}: no district code", path=str(path)
            )
        try:
            value = int(str(decile).strip())
        except ValueError:
            value = 0
        if isinstance(decile, bool) or not 1 <= value <= 10 or str(value) != str(decile).strip():
            raise ReferenceDataError(
                f"sheet {sheet!r}, row {number} ({code.strip()}), column {header[decile_at]!r}: "
                f"{decile!r} is not a decile from 1 to 10",
                path=str(path),
            )
        code = code.strip()
        lsoas[code] = lsoas.get(code, 0) + 1
        worst[code] = worst.get(code, 0) + (value == 1)
    if not lsoas:
        raise ReferenceDataError(f"sheet {sheet!r} has no neighbourhoods", path=str(path))
    return {
        code: (Decimal(worst[code]) / Decimal(n)).quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)
        for code, n in lsoas.items()
    }


def change(
    start: Mapping[str, Decimal], end: Mapping[str, Decimal], *, points: bool = True
) -> dict[str, Decimal]:
    """The end figure less the start figure for districts in both (same code), in percentage
    points when the figures are shares; a district in only one is left out."""
    scale = Decimal(100) if points else Decimal(1)
    return {
        code: ((end[code] - start[code]) * scale).quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)
        for code in start
        if code in end
    }
