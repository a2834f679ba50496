"""The pure parts of business cases: canonical inputs, the workbook, charts and affordability."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from property_examples import examples
from remit.appraisal import charts
from remit.appraisal.affordability import FundingRow
from remit.appraisal.affordability import affordability
from remit.appraisal.affordability import pence
from remit.appraisal.affordability import preferred_option
from remit.appraisal.case_file import load_case
from remit.appraisal.greenbook import Additionality
from remit.appraisal.greenbook import BenefitLine
from remit.appraisal.greenbook import Case
from remit.appraisal.greenbook import CaseError
from remit.appraisal.greenbook import OptimismBias
from remit.appraisal.greenbook import Option
from remit.appraisal.greenbook import appraisal_to_json
from remit.appraisal.greenbook import appraise
from remit.appraisal.inputs import canonical_yaml
from remit.appraisal.inputs import inputs_hash
from remit.appraisal.selectors import appraisal_view
from remit.appraisal.workbook import read_workbook
from remit.appraisal.workbook import write_workbook
from remit.ui.charts import to_svg

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "cases" / "violence-reduction.yaml"


@pytest.fixture(scope="module")
def example() -> Case:
    return load_case(EXAMPLE.read_text(encoding="utf-8"))


amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
shares = st.decimals(min_value=0, max_value=1, places=3, allow_nan=False, allow_infinity=False)
flows = st.dictionaries(st.integers(2025, 2040), amounts, max_size=5)


@st.composite
def options(draw: st.DrawFn, counterfactual: bool, index: int) -> Option:
    lines = draw(st.lists(st.tuples(flows, shares, shares), max_size=3))
    return Option(
        name=f"Option {index}",
        counterfactual=counterfactual,
        capital=draw(flows),
        revenue=draw(flows),
        benefits=tuple(
            BenefitLine(f"benefit {n}", line, Additionality(deadweight=dw, leakage=lk))
            for n, (line, dw, lk) in enumerate(lines)
        ),
        optimism_bias=OptimismBias(capital=draw(shares), mitigation=draw(shares)),
    )


@st.composite
def cases(draw: st.DrawFn) -> Case:
    count = draw(st.integers(1, 4))
    return Case(
        base_year=2025,
        options=tuple(draw(options(index == 0, index)) for index in range(count)),
        title="Generated",
    )


@examples(60)
@given(cases())
def test_canonical_yaml_reads_back_to_the_same_case(case: Case) -> None:
    text = canonical_yaml(case)
    assert load_case(text) == case
    assert canonical_yaml(load_case(text)) == text


@examples(25)
@given(cases())
def test_the_workbook_reads_back_to_the_same_case(case: Case) -> None:
    assert read_workbook(write_workbook(case)) == case


def test_the_same_inputs_in_another_layout_have_the_same_hash(example: Case) -> None:
    reordered = EXAMPLE.read_text(encoding="utf-8").replace("discount: standard\n", "")
    assert inputs_hash(canonical_yaml(load_case(reordered))) == inputs_hash(canonical_yaml(example))


def test_the_example_workbook_appraises_like_the_example(example: Case) -> None:
    assert appraisal_to_json(appraise(read_workbook(write_workbook(example)))) == (
        appraisal_to_json(appraise(example))
    )


def _edited(case: Case, sheet: str, cell: str, value: object) -> bytes:
    workbook = load_workbook(io.BytesIO(write_workbook(case)))
    workbook[sheet][cell] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("sheet", "cell", "value", "where", "message"),
    [
        ("Flows", "H3", "lots", "Flows!H3", "not a number: 'lots'"),
        ("Flows", "H3", -5, "Flows!H3", "a cost cannot be negative"),
        ("Flows", "B4", "grant", "Flows!B4", "unknown line 'grant'"),
        ("Flows", "A4", "Nobody", "Flows!A4", "no option named 'Nobody'"),
        ("Flows", "E4", 1.5, "Flows!E4", "must be a fraction between 0 and 1"),
        ("Options", "C3", True, "Options!C3", "a second counterfactual"),
        ("Options", "C2", "maybe", "Options!C2", "expected TRUE or FALSE"),
        ("Case", "B3", 2030, "Flows!", "year is before base_year 2030"),
        ("Deflators", "B3", -1, "Deflators!B3", "a deflator index must be positive"),
        ("Options", "A1", "title", "Options!A1", "expected the heading 'name'"),
    ],
)
def test_a_workbook_error_names_the_sheet_and_cell(
    example: Case, sheet: str, cell: str, value: object, where: str, message: str
) -> None:
    with pytest.raises(CaseError) as refused:
        read_workbook(_edited(example, sheet, cell, value))
    assert refused.value.path.startswith(where)
    assert message in refused.value.message


def test_a_file_that_is_not_a_workbook_is_refused() -> None:
    with pytest.raises(CaseError, match="not an Excel workbook"):
        read_workbook(b"title: not a workbook")


def test_a_workbook_without_the_flows_sheet_says_which_sheets_it_has(example: Case) -> None:
    workbook = load_workbook(io.BytesIO(write_workbook(example)))
    del workbook["Flows"]
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(CaseError, match=r"no sheet named Flows .it has Case, Deflators, Options"):
        read_workbook(buffer.getvalue())


def test_chart_data_matches_its_table(example: Case) -> None:
    result = appraisal_to_json(appraise(example))
    spec = charts.costs_and_benefits_spec(result)
    values = spec["data"]["values"]
    rows = charts.year_rows(result)
    assert len(values) == 2 * len(rows)
    first = rows[0]
    assert values[0] == {
        "option": first.option,
        "year": str(first.year),
        "measure": charts.COSTS,
        "pounds": charts.whole_pounds(first.costs),
    }
    assert all(isinstance(value["pounds"], int) for value in values)
    assert spec["facet"]["sort"] == [option["name"] for option in result["options"]]


def test_switching_values_leave_out_the_counterfactual(example: Case) -> None:
    result = appraisal_to_json(appraise(example))
    rows = charts.switching_rows(result)
    assert [row.option for row in rows] == [
        "Regional violence reduction unit",
        "Expanded programme",
    ]
    spec = charts.switching_values_spec(result)
    assert {value["option"] for value in spec["data"]["values"]} == {row.option for row in rows}


def test_the_printed_charts_are_the_page_specs_rendered_with_every_option(
    example: Case,
) -> None:
    printed = charts.printed_charts(appraisal_to_json(appraise(example)))
    assert [spec["description"][:20] for _, spec in printed] == [
        "Discounted costs and",
        "Switching values: ho",
    ]
    root = ElementTree.fromstring(to_svg(printed[0][1]))  # noqa: S314 - our own output
    texts = {element.text for element in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {"Business as usual", "Expanded programme"} <= texts


def test_affordability_sets_funding_against_the_preferred_options_costs(example: Case) -> None:
    result = appraisal_to_json(appraise(example))
    unit = next(o for o in result["options"] if o["name"] == "Regional violence reduction unit")
    found = affordability(
        [FundingRow("Fund", 2025, 100_000_00), FundingRow("Grant", 2025, 5_00)],
        result,
        "Regional violence reduction unit",
    )
    first = found.years[0]
    assert first.funding_pence == 100_005_00
    assert first.costs_pence == pence(unit["years"][0]["costs"])
    assert first.gap_pence == first.funding_pence - first.costs_pence
    assert first.shortfall


def test_without_a_choice_the_option_with_the_highest_npsv_is_preferred(example: Case) -> None:
    result = appraisal_to_json(appraise(example))
    best = max(
        (o for o in result["options"] if o["incremental"]),
        key=lambda o: Decimal(o["incremental"]["npsv"]),
    )
    assert preferred_option(result)["name"] == best["name"]


@examples(80)
@given(st.lists(st.tuples(st.integers(2025, 2030), st.integers(0, 10**12)), max_size=12))
def test_affordability_years_add_up_to_the_totals_to_the_penny(
    rows: list[tuple[int, int]],
) -> None:
    found = affordability([FundingRow("s", year, amount) for year, amount in rows], None)
    assert found.funding_pence == sum(amount for _, amount in rows)
    assert found.gap_pence == sum(year.gap_pence for year in found.years)
    assert [year.year for year in found.years] == sorted({year for year, _ in rows})


@examples(40)
@given(cases())
def test_the_year_table_totals_are_the_summarys_present_values_rounded_once(case: Case) -> None:
    view = appraisal_view(appraisal_to_json(appraise(case)))
    summary = {option.name: option for option in view.options}
    for option in view.years:
        assert option.total_costs == summary[option.name].pv_costs
        assert option.total_benefits == summary[option.name].pv_benefits
    assert "rounded to the nearest penny only when shown" in view.rounding
