"""Reading scenarios: what is accepted, and where every mistake is reported."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from remit.funding.allocation import ScenarioError
from remit.funding.allocation import TopSlice
from remit.funding.scenario import load_scenario

FIXTURES = Path(__file__).parent / "fixtures"


def valid() -> dict[str, Any]:
    return {
        "budget": 1000,
        "weights": {"population": 1, "deprivation": 1},
        "areas": [
            {"code": "E1", "name": "One", "population": 100, "deprivation": 20.5},
            {"code": "E2", "name": "Two", "population": 300, "deprivation": 10, "previous": 400},
        ],
    }


def error_for(change: Any) -> ScenarioError:
    data = valid()
    change(data)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(data)
    return caught.value


def test_fixture_scenario_loads_with_every_part() -> None:
    scenario = load_scenario((FIXTURES / "four-areas.yaml").read_text(encoding="utf-8"))
    assert scenario.title == "Four areas"
    assert scenario.financial_year == "2019/20"
    assert scenario.budget == Decimal("10000.00")
    assert scenario.top_slices == (TopSlice("Regional programme", Decimal("1000.00")),)
    assert scenario.protected == {"E08000004": Decimal("500.00")}
    assert scenario.weights == {"population": Decimal(3), "deprivation": Decimal(1)}
    assert scenario.damping is not None
    assert scenario.damping.floor == Decimal("-0.10")
    assert scenario.max_share == Decimal("0.35")
    assert [area.code for area in scenario.areas] == [f"E0800000{n}" for n in range(1, 5)]
    assert scenario.areas[1].indicators["deprivation"] == Decimal("10.25")
    assert scenario.areas[2].previous is None


def test_decimals_in_yaml_are_read_exactly() -> None:
    scenario = load_scenario(
        "budget: 0.30\nweights: {x: 0.1}\nareas: [{code: A, name: A, x: 0.1}]\nmax_share: 0.7\n"
    )
    assert scenario.budget == Decimal("0.30")
    assert scenario.weights["x"] == Decimal("0.1")
    assert scenario.max_share == Decimal("0.7")


def test_text_and_mapping_give_the_same_scenario() -> None:
    text = """
budget: 1000
weights: {population: 1, deprivation: 1}
areas:
  - {code: E1, name: One, population: 100, deprivation: 20.5}
  - {code: E2, name: Two, population: 300, deprivation: 10, previous: 400}
"""
    assert load_scenario(text) == load_scenario(valid())


def test_top_slices_and_protected_may_be_mappings_or_lists() -> None:
    as_mappings = valid() | {"top_slices": {"Regional": 50}, "protected": {"E1": 25.5}}
    as_lists = valid() | {
        "top_slices": [{"name": "Regional", "amount": 50}],
        "protected": [{"code": "E1", "amount": "25.50"}],
    }
    assert load_scenario(as_mappings) == load_scenario(as_lists)


def test_numbers_may_be_given_as_numeric_text() -> None:
    data = valid() | {"budget": " 1000.50 "}
    assert load_scenario(data).budget == Decimal("1000.50")


def test_unweighted_indicators_may_be_kept_on_an_area() -> None:
    data = valid()
    data["areas"][0]["crime"] = 12
    assert load_scenario(data).areas[0].indicators["crime"] == Decimal(12)


BROKEN = [
    pytest.param(lambda d: d.pop("budget"), "budget", "is missing", id="missing budget"),
    pytest.param(lambda d: d.update(budget="lots"), "budget", "must be a number", id="text"),
    pytest.param(lambda d: d.update(budget=True), "budget", "must be a number", id="boolean"),
    pytest.param(
        lambda d: d.update(budget=10.005),
        "budget",
        "must be in pounds with at most 2 decimal places",
        id="fractions of a penny",
    ),
    pytest.param(
        lambda d: d.update(budget=-1), "budget", "must not be negative", id="negative budget"
    ),
    pytest.param(
        lambda d: d.update(budget=float("nan")), "budget", "must be a finite number", id="nan"
    ),
    pytest.param(
        lambda d: d.update(budget="1e999999999"),
        "budget",
        "must be less than 1,000,000,000,000,000",
        id="absurdly large",
    ),
    pytest.param(
        lambda d: d["areas"][0].update(population="1e-999999999"),
        "areas[0].population",
        "must have at most 12 decimal places",
        id="absurdly precise",
    ),
    pytest.param(
        lambda d: d["areas"][1].update(population="many"),
        "areas[1].population",
        "must be a number",
        id="non-numeric indicator",
    ),
    pytest.param(
        lambda d: d["areas"][1].pop("deprivation"),
        "areas[1].deprivation",
        "is missing: every weighted indicator needs a value",
        id="missing indicator",
    ),
    pytest.param(
        lambda d: d["areas"][0].update(population=-5),
        "areas[0].population",
        "must not be negative",
        id="negative indicator",
    ),
    pytest.param(
        lambda d: d["areas"][1].update(code="E1"),
        "areas[1].code",
        "duplicate area code E1 (also areas[0])",
        id="duplicate code",
    ),
    pytest.param(
        lambda d: d["areas"][0].pop("name"), "areas[0].name", "is missing", id="missing name"
    ),
    pytest.param(
        lambda d: d["areas"][0].update(code=25),
        "areas[0].code",
        "must be text that is not empty",
        id="numeric code",
    ),
    pytest.param(
        lambda d: d["areas"][0].update(notes="see report"),
        "areas[0].notes",
        "unknown key: an area has code, name, previous and indicator values",
        id="unknown area key",
    ),
    pytest.param(
        lambda d: d["areas"][1].update(previous="400.001"),
        "areas[1].previous",
        "must be in pounds with at most 2 decimal places",
        id="previous in fractions of a penny",
    ),
    pytest.param(
        lambda d: d.update(areas=[]),
        "areas",
        "must be a list of areas, each with a code and a name",
        id="no areas",
    ),
    pytest.param(
        lambda d: d["areas"].__setitem__(0, "E1"),
        "areas[0]",
        "must be a mapping of keys to values",
        id="area not a mapping",
    ),
    pytest.param(
        lambda d: d.update(protected={"E9": 10}),
        "protected.E9",
        "no area has this code",
        id="unknown protected code",
    ),
    pytest.param(
        lambda d: d.update(protected=[{"code": "E1", "amount": 1}, {"code": "E9", "amount": 1}]),
        "protected[1].code",
        "no area has this code",
        id="unknown protected code in a list",
    ),
    pytest.param(
        lambda d: d.update(protected=[{"code": "E1", "amount": 1}, {"code": "E1", "amount": 2}]),
        "protected[1]",
        "E1 appears twice (also protected[0])",
        id="protected twice",
    ),
    pytest.param(
        lambda d: d.update(top_slices=[{"name": "Regional"}]),
        "top_slices[0].amount",
        "is missing",
        id="top slice without amount",
    ),
    pytest.param(
        lambda d: d.update(top_slices="Regional"),
        "top_slices",
        "must be a mapping of name to amount, or a list of them",
        id="top slices not a mapping",
    ),
    pytest.param(
        lambda d: d.update(weights={"population": 0, "deprivation": 0}),
        "weights",
        "the weights sum to zero, so nothing says what need is",
        id="weights sum to zero",
    ),
    pytest.param(
        lambda d: d.update(weights={"population": -1, "deprivation": 2}),
        "weights.population",
        "must not be negative",
        id="negative weight",
    ),
    pytest.param(
        lambda d: d.update(weights={}), "weights", "needs at least one indicator", id="no weights"
    ),
    pytest.param(
        lambda d: d.update(weights={"previous": 1}),
        "weights.previous",
        "previous is an area field, not an indicator",
        id="weight on an area field",
    ),
    pytest.param(
        lambda d: d.update(damping={"floor": 0.1, "ceiling": 0.05}),
        "damping.floor",
        "the floor 0.1 is above the ceiling 0.05",
        id="floor above ceiling",
    ),
    pytest.param(
        lambda d: d.update(damping={"floor": -1.5}),
        "damping.floor",
        "must be a fraction of at least -1",
        id="floor below -100%",
    ),
    pytest.param(
        lambda d: d.update(damping={"cap": 0.1}),
        "damping.cap",
        "unknown key: damping has floor and ceiling",
        id="unknown damping key",
    ),
    pytest.param(
        lambda d: d.update(damping={}), "damping", "needs a floor, a ceiling or both", id="empty"
    ),
    pytest.param(
        lambda d: d.update(max_share=0),
        "max_share",
        "must be a fraction above 0 and at most 1",
        id="max share zero",
    ),
    pytest.param(
        lambda d: d.update(max_share=1.5),
        "max_share",
        "must be a fraction above 0 and at most 1",
        id="max share above one",
    ),
    pytest.param(
        lambda d: d.update(dampng={"floor": 0}),
        "dampng",
        "unknown key: a scenario has areas, budget, damping",
        id="misspelt key",
    ),
    pytest.param(
        lambda d: d.update(financial_year="2018/20"),
        "financial_year",
        "must be written like 2018/19",
        id="financial year",
    ),
]


@pytest.mark.parametrize(("change", "path", "message"), BROKEN)
def test_bad_input_is_reported_at_its_path(change: Any, path: str, message: str) -> None:
    error = error_for(change)
    assert error.path == path
    assert error.message.startswith(message)


def test_bad_input_in_a_file_is_reported_at_its_path() -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario((FIXTURES / "broken-population.yaml").read_text(encoding="utf-8"))
    assert (caught.value.path, caught.value.message) == ("areas[3].population", "must be a number")


def test_yaml_syntax_errors_give_the_line() -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario((FIXTURES / "not-yaml.yaml").read_text(encoding="utf-8"))
    assert caught.value.path.startswith("line 3")
    assert caught.value.message.startswith("not valid YAML")


def test_duplicate_yaml_keys_are_refused_with_their_line() -> None:
    text = (
        "budget: 10\nweights: {x: 1}\nprotected:\n  A: 1\n  A: 2\n"
        "areas: [{code: A, name: A, x: 1}]\n"
    )
    with pytest.raises(ScenarioError) as caught:
        load_scenario(text)
    assert (caught.value.path, caught.value.message) == ("line 5", "duplicate key A")


def test_yaml_nested_too_deeply_is_refused_without_a_traceback() -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario("budget: " + "[" * 2_000 + "]" * 2_000)
    assert caught.value.message == "not valid YAML: nested too deeply"


def test_a_scenario_must_be_a_mapping() -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario("- budget: 10\n")
    assert caught.value.path == ""
    assert "mapping with budget, weights and areas" in caught.value.message


def test_loading_does_not_change_the_mapping_given() -> None:
    data = valid() | {"protected": [{"code": "E1", "amount": 1}]}
    before = copy.deepcopy(data)
    load_scenario(data)
    assert data == before
