"""Every CSV and XLSX the site writes neutralises text a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import dataclasses
import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from remit.appraisal.case_file import load_case
from remit.appraisal.workbook import read_workbook
from remit.appraisal.workbook import write_workbook
from remit.core.spreadsheets import csv_text
from remit.core.spreadsheets import read_cell
from remit.core.spreadsheets import safe_cell
from remit.core.text import printable
from remit.indicators.crime import import_paths
from remit.indicators.crime import summary_csv

ROOT = Path(__file__).resolve().parents[2]
WEST_MERCIA = (
    ROOT
    / "tests"
    / "indicators"
    / "fixtures"
    / "good"
    / "2019-01"
    / "2019-01-west-mercia-street.csv"
)
EXAMPLE_CASE = ROOT / "examples" / "cases" / "violence-reduction.yaml"


@pytest.mark.parametrize(
    "text", ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("http://x")']
)
def test_text_a_spreadsheet_would_run_is_neutralised(text: str) -> None:
    assert safe_cell(text) == "'" + printable(text)
    assert read_cell(safe_cell(text)) == printable(text)


@pytest.mark.parametrize("text", ["\n=1+1", " @SUM(A1)", "\r\n-1+1"])
def test_a_formula_behind_blanks_or_line_breaks_is_neutralised_too(text: str) -> None:
    assert safe_cell(text).startswith("'")


@pytest.mark.parametrize("value", [-3, Decimal("-2.50"), -0.5, "-3.5%", "+12", "-1,234.50", "-£20"])
def test_negative_numbers_stay_numbers(value: object) -> None:
    assert safe_cell(value) == value


def test_ordinary_text_is_unchanged() -> None:
    assert safe_cell("Safe Streets Trust") == "Safe Streets Trust"
    assert safe_cell(None) is None


def test_csv_text_neutralises_every_cell_including_the_header() -> None:
    rows = list(csv.reader(io.StringIO(csv_text(["=a"], [["=b", -3, None]]))))
    assert rows == [["'=a"], ["'=b", "-3", ""]]


def test_the_crime_summary_csv_neutralises_formulas(tmp_path: Path) -> None:
    poisoned = tmp_path / "in" / WEST_MERCIA.name
    poisoned.parent.mkdir()
    poisoned.write_text(WEST_MERCIA.read_text().replace(",Drugs,", ",=cmd|' /C calc'!A0,"))
    store = tmp_path / "store"
    import_paths(store, [poisoned])
    out = io.StringIO()

    summary_csv(store, [], out)

    types = {row["crime_type"] for row in csv.DictReader(io.StringIO(out.getvalue()))}
    assert "'=cmd|' /C calc'!A0" in types
    assert not any(t.startswith("=") for t in types)


def test_the_appraisal_workbook_writes_formulas_as_text_and_reads_them_back() -> None:
    case = load_case(EXAMPLE_CASE.read_text(encoding="utf-8"))
    poisoned = dataclasses.replace(case, title='=HYPERLINK("http://x")')

    data = write_workbook(poisoned)

    title = load_workbook(io.BytesIO(data))["Case"]["B2"]
    assert title.data_type == "s"
    assert title.value == '\'=HYPERLINK("http://x")'
    assert read_workbook(data).title == poisoned.title
