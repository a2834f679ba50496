"""A business case's appraisal inputs as an Excel workbook, read and written with openpyxl.

The workbook says what the case file says, in four sheets (see docs/business-cases.md):
`Case` (setting, value), `Deflators` (year, index; optional), `Options` (one row per option)
and `Flows` (one row per cost or benefit line of an option, one column per year). A refusal is
a `CaseError` whose path is the sheet and cell to fix, such as `Flows!H4`.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl import load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from remit.appraisal.case_file import load_case
from remit.appraisal.greenbook import ZERO
from remit.appraisal.greenbook import Case
from remit.appraisal.greenbook import CaseError
from remit.appraisal.inputs import SHARE_KEYS
from remit.appraisal.inputs import number
from remit.core.archives import ArchiveRefused
from remit.core.archives import ZipLimits
from remit.core.archives import open_zip
from remit.core.spreadsheets import read_cell
from remit.core.spreadsheets import safe_cell

CASE_SHEET = "Case"
DEFLATORS_SHEET = "Deflators"
OPTIONS_SHEET = "Options"
FLOWS_SHEET = "Flows"

CASE_SETTINGS = ("title", "base_year", "discount")
OPTION_COLUMNS = (
    "name",
    "description",
    "counterfactual",
    "nominal",
    "optimism_bias_capital",
    "optimism_bias_revenue",
    "project_type",
    "bound",
    "mitigation",
)
FLOW_COLUMNS = ("option", "line", "benefit", *SHARE_KEYS)
LINES = ("capital", "revenue", "benefit")
YES = {"true", "yes", "y", "1"}
NO = {"false", "no", "n", "0", ""}
MAX_BYTES = 5_000_000


@dataclass
class _Reading:
    """The case mapping being built, and which cell each of its paths came from."""

    mapping: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)

    def at(self, path: str, cell: str) -> None:
        self.cells.setdefault(path, cell)

    def locate(self, error: CaseError) -> CaseError:
        path = error.path
        while path:
            if path in self.cells:
                return CaseError(error.message, self.cells[path])
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return CaseError(error.message, error.path)


def read_workbook(data: bytes) -> Case:
    """A validated case from the bytes of an .xlsx file."""
    workbook = _open(data)
    reading = _Reading()
    try:
        _read_case_sheet(_sheet(workbook, CASE_SHEET), reading)
        if DEFLATORS_SHEET in workbook.sheetnames:
            _read_deflators(workbook[DEFLATORS_SHEET], reading)
        indexes = _read_options(_sheet(workbook, OPTIONS_SHEET), reading)
        _read_flows(_sheet(workbook, FLOWS_SHEET), reading, indexes)
    finally:
        workbook.close()
    try:
        return load_case(reading.mapping)
    except CaseError as error:
        raise reading.locate(error) from None


def _open(data: bytes) -> Any:
    if len(data) > MAX_BYTES:
        raise CaseError(f"the workbook is larger than {MAX_BYTES // 1_000_000} MB")
    try:
        with open_zip(io.BytesIO(data), ZipLimits.configured(documents=True)):
            pass
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ArchiveRefused as exc:
        raise CaseError(f"the workbook cannot be opened safely: {exc.message}") from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise CaseError("not an Excel workbook (.xlsx) that can be read") from None


def _sheet(workbook: Any, name: str) -> Worksheet:
    if name not in workbook.sheetnames:
        found = ", ".join(workbook.sheetnames)
        raise CaseError(f"the workbook has no sheet named {name} (it has {found})")
    sheet: Worksheet = workbook[name]
    return sheet


def _cell(sheet: Worksheet, row: int, column: int) -> str:
    return f"{sheet.title}!{get_column_letter(column)}{row}"


def _rows(sheet: Worksheet) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """Rows after the header, numbered as Excel numbers them, skipping blank rows."""
    for number_, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        if not all(_blank(value) for value in values):
            yield number_, tuple(read_cell(value) for value in values)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header(sheet: Worksheet, expected: tuple[str, ...]) -> tuple[Any, ...]:
    header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    for column, name in enumerate(expected, start=1):
        found = header[column - 1] if column <= len(header) else None
        if str(found or "").strip().lower() != name:
            raise CaseError(
                f"expected the heading {name!r}, found {found!r}; the headings are "
                + ", ".join(expected),
                _cell(sheet, 1, column),
            )
    return tuple(header)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _read_case_sheet(sheet: Worksheet, reading: _Reading) -> None:
    _header(sheet, ("setting", "value"))
    for row, values in _rows(sheet):
        key = _text(values[0]).lower()
        value = values[1] if len(values) > 1 else None
        where = _cell(sheet, row, 2)
        if key not in CASE_SETTINGS:
            raise CaseError(
                f"unknown setting {key!r}; expected one of {', '.join(CASE_SETTINGS)}",
                _cell(sheet, row, 1),
            )
        if key in reading.mapping:
            raise CaseError(f"{key} is given twice", _cell(sheet, row, 1))
        if not _blank(value):
            reading.mapping[key] = _year_value(value) if key == "base_year" else value
        reading.at(key, where)
    reading.at("base_year", f"{sheet.title}!A1")


def _year_value(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _read_deflators(sheet: Worksheet, reading: _Reading) -> None:
    _header(sheet, ("year", "index"))
    deflators: dict[Any, Any] = {}
    for row, values in _rows(sheet):
        year = _year_value(values[0])
        if year in deflators:
            raise CaseError("the year is given twice", _cell(sheet, row, 1))
        deflators[year] = values[1] if len(values) > 1 else None
        reading.at(f"deflators.{year}", _cell(sheet, row, 2))
    reading.mapping["deflators"] = deflators
    reading.at("deflators", f"{sheet.title}!A1")


def _flag(value: Any, where: str) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise CaseError(f"expected TRUE or FALSE, not {value!r}", where)


def _read_options(sheet: Worksheet, reading: _Reading) -> dict[str, int]:
    _header(sheet, OPTION_COLUMNS)
    options: list[dict[str, Any]] = []
    indexes: dict[str, int] = {}
    reading.at("options", f"{sheet.title}!A1")
    for row, values in _rows(sheet):
        cells = dict(zip(OPTION_COLUMNS, values, strict=False))
        index = len(options)
        path = f"options[{index}]"
        name = _text(cells.get("name"))
        if name in indexes:
            raise CaseError(f"a second option named {name!r}", _cell(sheet, row, 1))
        indexes[name] = index
        option: dict[str, Any] = {"name": name}
        for column, key in enumerate(OPTION_COLUMNS, start=1):
            reading.at(_option_path(path, key), _cell(sheet, row, column))
        if not _blank(cells.get("description")):
            option["description"] = _text(cells["description"])
        for key in ("counterfactual", "nominal"):
            option[key] = _flag(cells.get(key), _cell(sheet, row, OPTION_COLUMNS.index(key) + 1))
        bias = _bias(cells)
        if bias:
            option["optimism_bias"] = bias
        reading.at(path, _cell(sheet, row, 1))
        options.append(option)
    reading.mapping["options"] = options
    return indexes


def _option_path(path: str, key: str) -> str:
    if key.startswith("optimism_bias_"):
        return f"{path}.optimism_bias.{key.removeprefix('optimism_bias_')}"
    if key in ("project_type", "bound", "mitigation"):
        return f"{path}.optimism_bias.{key}"
    return f"{path}.{key}"


def _bias(cells: Mapping[str, Any]) -> dict[str, Any]:
    bias: dict[str, Any] = {}
    for column, key in (
        ("optimism_bias_capital", "capital"),
        ("optimism_bias_revenue", "revenue"),
        ("project_type", "project_type"),
        ("bound", "bound"),
        ("mitigation", "mitigation"),
    ):
        value = cells.get(column)
        if not _blank(value):
            bias[key] = _text(value) if key in ("project_type", "bound") else value
    return bias


def _year_columns(sheet: Worksheet, header: tuple[Any, ...]) -> dict[int, Any]:
    years: dict[int, Any] = {}
    for column in range(len(FLOW_COLUMNS) + 1, len(header) + 1):
        value = header[column - 1]
        if _blank(value):
            continue
        year = _year_value(value)
        if not isinstance(year, int) and not (isinstance(year, str) and year.strip().isdigit()):
            raise CaseError(
                f"a year column needs a year such as 2026 as its heading, not {value!r}",
                _cell(sheet, 1, column),
            )
        if int(year) in years.values():
            raise CaseError("the year is given twice", _cell(sheet, 1, column))
        years[column] = int(year)
    return years


def _read_flows(sheet: Worksheet, reading: _Reading, indexes: Mapping[str, int]) -> None:
    header = _header(sheet, FLOW_COLUMNS)
    years = _year_columns(sheet, header)
    options: list[dict[str, Any]] = reading.mapping["options"]
    for row, values in _rows(sheet):
        name = _text(values[0])
        if name not in indexes:
            raise CaseError(
                f"no option named {name!r} on the {OPTIONS_SHEET} sheet", _cell(sheet, row, 1)
            )
        index = indexes[name]
        line = _text(values[1] if len(values) > 1 else None).lower()
        if line not in LINES:
            raise CaseError(
                f"unknown line {line!r}; expected one of {', '.join(LINES)}", _cell(sheet, row, 2)
            )
        flows: dict[int, Any] = {}
        for column, year in years.items():
            value = values[column - 1] if column <= len(values) else None
            if not _blank(value):
                flows[year] = value
        place = _Place(sheet, row, f"options[{index}]", years)
        if line == "benefit":
            _add_benefit(options[index], values, flows, place, reading)
        else:
            if line in options[index]:
                raise CaseError(f"{line} is given twice for {name!r}", _cell(sheet, row, 2))
            options[index][line] = flows
            place.register(reading, f"{place.path}.{line}", flows)


@dataclass(frozen=True)
class _Place:
    sheet: Worksheet
    row: int
    path: str
    years: Mapping[int, int]

    def register(self, reading: _Reading, path: str, flows: Mapping[int, Any]) -> None:
        reading.at(path, _cell(self.sheet, self.row, 2))
        for column, year in self.years.items():
            reading.at(f"{path}.{year}", _cell(self.sheet, self.row, column))


def _add_benefit(
    option: dict[str, Any],
    values: tuple[Any, ...],
    flows: dict[int, Any],
    place: _Place,
    reading: _Reading,
) -> None:
    benefit = _text(values[2] if len(values) > 2 else None)
    if not benefit:
        raise CaseError("a benefit line needs a name", _cell(place.sheet, place.row, 3))
    benefits = option.setdefault("benefits", {})
    if benefit in benefits:
        raise CaseError(
            f"the benefit {benefit!r} is given twice for this option",
            _cell(place.sheet, place.row, 3),
        )
    shares = {
        key: values[column - 1]
        for column, key in enumerate(SHARE_KEYS, start=4)
        if column <= len(values) and not _blank(values[column - 1])
    }
    line_path = f"{place.path}.benefits.{benefit}"
    reading.at(line_path, _cell(place.sheet, place.row, 3))
    for column, key in enumerate(SHARE_KEYS, start=4):
        reading.at(f"{line_path}.{key}", _cell(place.sheet, place.row, column))
    if shares:
        benefits[benefit] = {"flows": flows, **shares}
        place.register(reading, f"{line_path}.flows", flows)
    else:
        benefits[benefit] = flows
        place.register(reading, line_path, flows)


def write_workbook(case: Case) -> bytes:
    """The case as a workbook that `read_workbook` reads back to the same case."""
    workbook = Workbook()
    settings = workbook.active
    assert settings is not None  # noqa: S101 - a new workbook always has a sheet
    settings.title = CASE_SHEET
    settings.append(["setting", "value"])
    settings.append(["title", case.title])
    settings.append(["base_year", case.base_year])
    settings.append(["discount", case.discount.value])
    if case.deflators:
        deflators = workbook.create_sheet(DEFLATORS_SHEET)
        deflators.append(["year", "index"])
        for year in sorted(case.deflators):
            deflators.append([year, number(case.deflators[year])])
    _write_options(workbook.create_sheet(OPTIONS_SHEET), case)
    _write_flows(workbook.create_sheet(FLOWS_SHEET), case)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                cell.value = safe_cell(cell.value)
        for heading in sheet[1]:
            heading.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _write_options(sheet: Worksheet, case: Case) -> None:
    sheet.append(list(OPTION_COLUMNS))
    for option in case.options:
        bias = option.optimism_bias
        by_table = bias.project_type is not None
        sheet.append(
            [
                option.name,
                option.description or None,
                option.counterfactual,
                option.nominal,
                None if by_table else _figure(bias.capital),
                None if by_table else _figure(bias.revenue),
                bias.project_type.value if bias.project_type is not None else None,
                bias.bound.value if bias.bound is not None else None,
                _figure(bias.mitigation),
            ]
        )


def _all_years(case: Case) -> list[int]:
    years: set[int] = set()
    for option in case.options:
        years.update(option.capital, option.revenue)
        for line in option.benefits:
            years.update(line.flows)
    last = max(years, default=case.base_year)
    return list(range(case.base_year, last + 1))


def _write_flows(sheet: Worksheet, case: Case) -> None:
    years = _all_years(case)
    sheet.append([*FLOW_COLUMNS, *years])
    for option in case.options:
        for line, flows in (("capital", option.capital), ("revenue", option.revenue)):
            sheet.append([option.name, line, None, None, None, None, None, *_cells(flows, years)])
        for benefit in option.benefits:
            shares = [_figure(getattr(benefit.additionality, key)) for key in SHARE_KEYS]
            sheet.append(
                [option.name, "benefit", benefit.name, *shares, *_cells(benefit.flows, years)]
            )


def _figure(value: Decimal) -> Decimal | int | None:
    """A share or uplift, left blank when it is nothing, as the sheet's reader expects."""
    return None if value == ZERO else number(value)


def _cells(flows: Mapping[int, Any], years: list[int]) -> list[Any]:
    return [number(flows[year]) if year in flows else None for year in years]
