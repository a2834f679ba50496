import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from remit.appraisal.case_file import load_case
from remit.appraisal.greenbook import Additionality
from remit.appraisal.greenbook import Bound
from remit.appraisal.greenbook import CaseError
from remit.appraisal.greenbook import DiscountSchedule
from remit.appraisal.greenbook import OptimismBias
from remit.appraisal.greenbook import ProjectType
from remit.appraisal.greenbook import appraisal_to_json
from remit.appraisal.greenbook import appraise

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"

CASE_YAML = """
base_year: 2025
discount: standard
deflators: {2025: 100.0, 2026: 102.1}
options:
  - name: Business as usual
    counterfactual: true
    revenue: {2025: 120000, 2026: 120000}
    benefits:
      reduced harm: {2026: 40000}
  - name: Regional violence reduction unit
    nominal: true
    capital: {2025: 500000}
    revenue: {2025: 80000, 2026: 160000}
    benefits:
      reduced harm: {2026: 300000}
      fewer hospital admissions:
        flows: {2026: 50000}
        deadweight: 0.2
        displacement: 0.1
        leakage: 0.05
        substitution: 0
    optimism_bias: {capital: 0.24, revenue: 0.05}
"""


def case_data() -> dict[str, Any]:
    return {
        "base_year": 2025,
        "deflators": {2025: 100.0, 2026: 102.1},
        "options": [
            {"name": "Business as usual", "counterfactual": True, "revenue": {2025: 120000}},
            {
                "name": "Regional violence reduction unit",
                "capital": {2025: 500000},
                "revenue": {2025: 80000, 2026: 160000},
                "benefits": {"reduced harm": {2026: 300000}},
            },
        ],
    }


def refusal(data: Any) -> CaseError:
    with pytest.raises(CaseError) as raised:
        load_case(data)
    return raised.value


def test_the_documented_case_reads_into_dataclasses() -> None:
    case = load_case(CASE_YAML)
    assert case.base_year == 2025
    assert case.discount is DiscountSchedule.STANDARD
    assert case.deflators == {2025: Decimal("100.0"), 2026: Decimal("102.1")}
    bau, unit = case.options
    assert bau.counterfactual
    assert not unit.counterfactual
    assert unit.nominal
    assert unit.capital == {2025: Decimal(500000)}
    assert unit.optimism_bias == OptimismBias(capital=Decimal("0.24"), revenue=Decimal("0.05"))
    harm, admissions = unit.benefits
    assert harm.name == "reduced harm"
    assert harm.additionality == Additionality()
    assert admissions.flows == {2026: Decimal(50000)}
    assert admissions.additionality == Additionality(
        leakage=Decimal("0.05"),
        deadweight=Decimal("0.2"),
        displacement=Decimal("0.1"),
        substitution=Decimal(0),
    )


def test_a_float_is_read_as_the_decimal_it_was_written_as() -> None:
    case = load_case(CASE_YAML)
    assert case.options[1].optimism_bias.capital == Decimal("0.24")


def test_a_mapping_from_json_reads_like_the_yaml() -> None:
    from_json = load_case(json.loads(json.dumps(case_data())))
    from_mapping = load_case(case_data())
    assert from_json == from_mapping


def test_amounts_may_be_numeric_strings() -> None:
    data = case_data()
    data["options"][1]["capital"] = {"2025": "500000.50"}
    assert load_case(data).options[1].capital == {2025: Decimal("500000.50")}


def test_project_type_looks_up_the_table_and_defaults_to_the_upper_bound() -> None:
    data = case_data()
    data["options"][1]["optimism_bias"] = {"project_type": "outsourcing", "mitigation": 0.5}
    bias = load_case(data).options[1].optimism_bias
    assert bias == OptimismBias.from_table(ProjectType.OUTSOURCING, Bound.UPPER, Decimal("0.5"))


def test_the_example_case_and_the_worked_example_load_and_appraise() -> None:
    for path in (ROOT / "examples/cases/violence-reduction.yaml", FIXTURES / "worked-example.yaml"):
        result = appraisal_to_json(appraise(load_case(path.read_text(encoding="utf-8"))))
        assert result["options"][0]["incremental"] is None
        assert all(option["incremental"] for option in result["options"][1:])


def test_a_year_before_base_year_names_option_category_and_year() -> None:
    data = case_data()
    data["options"][1]["revenue"] = {2024: 80000}
    error = refusal(data)
    assert error.path == "options[1].revenue.2024"
    assert error.located() == (
        "options[1] (Regional violence reduction unit).revenue.2024: year is before base_year 2025"
    )


def test_a_year_before_base_year_in_a_benefit_line_names_the_line() -> None:
    data = case_data()
    data["options"][1]["benefits"] = {"reduced harm": {"flows": {2020: 1}, "deadweight": 0.1}}
    assert refusal(data).path == "options[1].benefits.reduced harm.flows.2020"


def test_a_nominal_year_without_a_deflator_is_refused() -> None:
    data = case_data()
    data["options"][1]["nominal"] = True
    data["options"][1]["revenue"] = {2027: 1000}
    error = refusal(data)
    assert error.path == "options[1].revenue.2027"
    assert "no deflator for 2027" in error.message


def test_a_nominal_option_without_a_base_year_deflator_is_refused() -> None:
    data = case_data()
    data["deflators"] = {2026: 102.1}
    data["options"][1]["nominal"] = True
    assert refusal(data).path == "options[1].nominal"


def test_two_counterfactuals_are_refused() -> None:
    data = case_data()
    data["options"][1]["counterfactual"] = True
    error = refusal(data)
    assert error.path == "options[1].counterfactual"
    assert "options[0] (Business as usual)" in error.message


def test_a_case_without_a_counterfactual_is_refused() -> None:
    data = case_data()
    del data["options"][0]["counterfactual"]
    error = refusal(data)
    assert error.path == "options"
    assert "counterfactual" in error.message


def test_negative_optimism_bias_is_refused() -> None:
    data = case_data()
    data["options"][1]["optimism_bias"] = {"capital": -0.1}
    error = refusal(data)
    assert error.path == "options[1].optimism_bias.capital"
    assert "cannot be negative" in error.message


@pytest.mark.parametrize("key", ["deadweight", "displacement", "leakage", "substitution"])
@pytest.mark.parametrize("value", [-0.1, 1.5])
def test_additionality_outside_zero_to_one_is_refused(key: str, value: float) -> None:
    data = case_data()
    data["options"][1]["benefits"] = {"reduced harm": {"flows": {2026: 1}, key: value}}
    error = refusal(data)
    assert error.path == f"options[1].benefits.reduced harm.{key}"
    assert "between 0 and 1" in error.message


@pytest.mark.parametrize("value", [-0.2, 1.01])
def test_mitigation_outside_zero_to_one_is_refused(value: float) -> None:
    data = case_data()
    data["options"][1]["optimism_bias"] = {
        "project_type": "standard_buildings",
        "mitigation": value,
    }
    assert refusal(data).path == "options[1].optimism_bias.mitigation"


def test_an_unknown_project_type_is_refused_with_the_known_ones() -> None:
    data = case_data()
    data["options"][1]["optimism_bias"] = {"project_type": "bridges"}
    error = refusal(data)
    assert error.path == "options[1].optimism_bias.project_type"
    assert "unknown project type 'bridges'" in error.message
    assert "non_standard_civil_engineering" in error.message


def test_an_unknown_bound_is_refused() -> None:
    data = case_data()
    data["options"][1]["optimism_bias"] = {"project_type": "outsourcing", "bound": "middle"}
    assert refusal(data).path == "options[1].optimism_bias.bound"


def test_a_project_type_and_category_fractions_together_are_refused() -> None:
    data = case_data()
    data["options"][1]["optimism_bias"] = {"project_type": "outsourcing", "capital": 0.1}
    assert refusal(data).path == "options[1].optimism_bias.capital"


def test_a_bound_without_a_project_type_is_refused() -> None:
    data = case_data()
    data["options"][1]["optimism_bias"] = {"capital": 0.1, "bound": "lower"}
    assert refusal(data).path == "options[1].optimism_bias.bound"


@pytest.mark.parametrize("amount", ["lots", True, None, [1], float("nan"), "Infinity"])
def test_a_non_numeric_amount_is_refused(amount: Any) -> None:
    data = case_data()
    data["options"][1]["revenue"] = {2026: amount}
    error = refusal(data)
    assert error.path == "options[1].revenue.2026"
    assert "number" in error.message


def test_a_negative_cost_is_refused() -> None:
    data = case_data()
    data["options"][1]["capital"] = {2026: -5}
    assert refusal(data).path == "options[1].capital.2026"


def test_a_negative_benefit_is_a_disbenefit_and_allowed() -> None:
    data = case_data()
    data["options"][1]["benefits"] = {"noise": {2026: -500}}
    assert load_case(data).options[1].benefits[0].flows == {2026: Decimal(-500)}


@pytest.mark.parametrize(
    ("where", "key", "path"),
    [
        ((), "discout", "discout"),
        (("options", 1), "opex", "options[1].opex"),
        (
            ("options", 1, "optimism_bias"),
            "works_duration",
            "options[1].optimism_bias.works_duration",
        ),
        (
            ("options", 1, "benefits", "reduced harm"),
            "crowding_out",
            "options[1].benefits.reduced harm.crowding_out",
        ),
    ],
)
def test_an_unknown_key_is_refused_where_it_stands(
    where: tuple[Any, ...], key: str, path: str
) -> None:
    data = case_data()
    data["options"][1]["optimism_bias"] = {"capital": 0.1}
    data["options"][1]["benefits"] = {"reduced harm": {"flows": {2026: 1}}}
    target: Any = data
    for step in where:
        target = target[step]
    target[key] = 1
    error = refusal(data)
    assert error.path == path
    assert error.message.startswith("unknown key")


def test_additionality_without_flows_is_refused_with_a_hint() -> None:
    data = case_data()
    data["options"][1]["benefits"] = {"reduced harm": {2026: 1, "deadweight": 0.2}}
    error = refusal(data)
    assert error.path == "options[1].benefits.reduced harm.deadweight"
    assert "flows:" in error.message


def test_a_year_that_is_not_a_year_is_refused() -> None:
    data = case_data()
    data["options"][1]["revenue"] = {"next year": 1}
    assert refusal(data).path == "options[1].revenue.next year"


def test_a_year_given_twice_is_refused() -> None:
    data = case_data()
    data["options"][1]["revenue"] = {2026: 1, "2026": 2}
    assert refusal(data).path == "options[1].revenue.2026"


def test_repeated_option_names_are_refused() -> None:
    data = case_data()
    data["options"].append(copy.deepcopy(data["options"][1]))
    assert refusal(data).path == "options[2].name"


def test_an_option_without_a_name_is_refused() -> None:
    data = case_data()
    del data["options"][1]["name"]
    assert refusal(data).path == "options[1].name"


def test_a_missing_base_year_is_refused() -> None:
    data = case_data()
    del data["base_year"]
    assert refusal(data).path == "base_year"


def test_an_unknown_discount_schedule_is_refused() -> None:
    data = case_data()
    data["discount"] = "treasury"
    error = refusal(data)
    assert error.path == "discount"
    assert "standard, health" in error.message


def test_a_non_positive_deflator_is_refused() -> None:
    data = case_data()
    data["deflators"] = {2025: 0}
    assert refusal(data).path == "deflators.2025"


def test_counterfactual_must_be_true_or_false() -> None:
    data = case_data()
    data["options"][0]["counterfactual"] = "yes please"
    assert refusal(data).path == "options[0].counterfactual"


def test_invalid_yaml_is_refused_with_its_line() -> None:
    error = refusal((FIXTURES / "not-yaml.yaml").read_text(encoding="utf-8"))
    assert error.message.startswith("not valid YAML at line")


def test_a_case_that_is_not_a_mapping_is_refused() -> None:
    assert "mapping" in refusal("- just a list").message


def test_a_yaml_key_given_twice_is_refused_rather_than_overwritten() -> None:
    text = CASE_YAML.replace("{2025: 120000, 2026: 120000}", "{2025: 120000, 2025: 1}")
    error = refusal(text)
    assert error.message == "not valid YAML at line 8, column 29: 2025 is given twice"
