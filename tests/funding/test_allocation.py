"""The allocation formula, rule by rule, on small hand-worked scenarios."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from remit.funding.allocation import Allocation
from remit.funding.allocation import Area
from remit.funding.allocation import Bound
from remit.funding.allocation import Damping
from remit.funding.allocation import Scenario
from remit.funding.allocation import ScenarioError
from remit.funding.allocation import allocate
from remit.funding.allocation import allocation_to_json
from remit.funding.allocation import fixed
from remit.funding.allocation import need_shares
from remit.funding.scenario import load_scenario

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "src/remit/regions/demo/west-midlands/wm-2018-19.yaml"
GUIDE = ROOT / "docs" / "allocation-formula.md"


def run(budget: str, areas: list[dict[str, Any]], **extra: Any) -> Allocation:
    data: dict[str, Any] = {"budget": budget, "weights": {"need": 1}, "areas": areas, **extra}
    return allocate(load_scenario(data))


def area(code: str, need: int | str, previous: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"code": code, "name": f"Area {code}", "need": need}
    if previous is not None:
        data["previous"] = previous
    return data


def formula(allocation: Allocation) -> dict[str, Decimal]:
    return {item.code: item.formula for item in allocation.areas}


def bounds(allocation: Allocation) -> dict[str, Bound]:
    return {item.code: item.bound for item in allocation.areas}


def test_pot_is_budget_less_top_slices_and_protected() -> None:
    result = run(
        "1000.00",
        [area("A", 1), area("B", 1)],
        top_slices={"Regional": "100.00", "Evaluation": "50.50"},
        protected={"A": "49.50"},
    )
    assert result.pot == Decimal("800.00")
    assert formula(result) == {"A": Decimal("400.00"), "B": Decimal("400.00")}
    assert result.areas[0].total == Decimal("449.50")


def test_need_share_is_the_weighted_share_of_each_indicator() -> None:
    scenario = load_scenario(
        {
            "budget": 0,
            "weights": {"population": 3, "deprivation": 1},
            "areas": [
                {"code": "A", "name": "A", "population": 1, "deprivation": 1},
                {"code": "B", "name": "B", "population": 3, "deprivation": 1},
            ],
        }
    )
    assert need_shares(scenario) == [
        Fraction(3, 4) * Fraction(1, 4) + Fraction(1, 4) * Fraction(1, 2),
        Fraction(3, 4) * Fraction(3, 4) + Fraction(1, 4) * Fraction(1, 2),
    ]


def test_weights_are_normalised_so_only_their_ratio_matters() -> None:
    def shares(weights: dict[str, int]) -> list[Fraction]:
        return need_shares(
            load_scenario(
                {
                    "budget": 0,
                    "weights": weights,
                    "areas": [
                        {"code": "A", "name": "A", "x": 1, "y": 5},
                        {"code": "B", "name": "B", "x": 2, "y": 1},
                    ],
                }
            )
        )

    assert shares({"x": 1, "y": 3}) == shares({"x": 10, "y": 30})


def test_floor_binds_before_scale() -> None:
    result = run(
        "1000.00",
        [area("A", 20, previous="300.00"), area("B", 40), area("C", 40)],
        damping={"floor": -0.10},
    )
    assert formula(result) == {
        "A": Decimal("270.00"),
        "B": Decimal("365.00"),
        "C": Decimal("365.00"),
    }
    assert bounds(result) == {"A": Bound.FLOOR, "B": Bound.NONE, "C": Bound.NONE}
    assert result.scale == Fraction(365, 400)


def test_ceiling_caps_an_area_and_the_rest_is_shared_by_need() -> None:
    result = run(
        "1000.00",
        [area("A", 60, previous="400.00"), area("B", 20), area("C", 20)],
        damping={"ceiling": 0.25},
    )
    assert formula(result) == {
        "A": Decimal("500.00"),
        "B": Decimal("250.00"),
        "C": Decimal("250.00"),
    }
    assert bounds(result)["A"] is Bound.CEILING


def test_max_share_stops_the_largest_area_dominating() -> None:
    result = run("1000.00", [area("A", 80), area("B", 10), area("C", 10)], max_share=0.5)
    assert formula(result) == {
        "A": Decimal("500.00"),
        "B": Decimal("250.00"),
        "C": Decimal("250.00"),
    }
    assert bounds(result) == {"A": Bound.MAX_SHARE, "B": Bound.NONE, "C": Bound.NONE}


def test_the_tighter_of_ceiling_and_max_share_is_the_one_named() -> None:
    result = run(
        "1000.00",
        [area("A", 80, previous="450.00"), area("B", 10, previous="300.00"), area("C", 10)],
        damping={"ceiling": 0.0},
        max_share=0.5,
    )
    assert formula(result) == {
        "A": Decimal("450.00"),
        "B": Decimal("275.00"),
        "C": Decimal("275.00"),
    }
    assert bounds(result)["A"] is Bound.CEILING


def test_area_without_previous_is_not_damped() -> None:
    result = run(
        "1000.00",
        [area("A", 90), area("B", 10, previous="500.00")],
        damping={"floor": -0.5, "ceiling": 0.5},
    )
    assert formula(result) == {"A": Decimal("750.00"), "B": Decimal("250.00")}
    assert bounds(result) == {"A": Bound.NONE, "B": Bound.FLOOR}


def test_area_with_no_need_gets_its_floor_and_no_more() -> None:
    result = run(
        "1000.00",
        [area("A", 0, previous="100.00"), area("B", 1)],
        damping={"floor": -0.2, "ceiling": 0.2},
    )
    assert formula(result) == {"A": Decimal("80.00"), "B": Decimal("920.00")}


def test_bounds_are_rounded_inwards_to_whole_pence() -> None:
    result = run(
        "1000.00",
        [area("A", 1, previous="100.01"), area("B", 1000, previous="899.99")],
        damping={"floor": -0.05, "ceiling": 0.05},
    )
    first, second = result.areas
    assert first.lower == Fraction("95.01")
    assert second.upper == Fraction("944.98")
    assert first.formula == Decimal("95.01")


def test_floor_and_ceiling_less_than_a_penny_apart_hold_an_area_to_the_nearest_penny() -> None:
    result = run(
        "1000.00",
        [area("A", 1, previous="333.33"), area("B", 1)],
        damping={"floor": 0.02, "ceiling": 0.02},
    )
    assert formula(result) == {"A": Decimal("340.00"), "B": Decimal("660.00")}
    assert bounds(result) == {"A": Bound.CEILING, "B": Bound.NONE}


def test_infeasible_floor_names_the_binding_areas() -> None:
    with pytest.raises(ScenarioError) as caught:
        run(
            "1000.00",
            [area("A", 1, previous="700.00"), area("B", 1, previous="500.00"), area("C", 1)],
            damping={"floor": -0.05},
        )
    assert caught.value.path == "damping.floor"
    assert caught.value.message == (
        "infeasible: the damping floors need £1,140.00 but the pot is £1,000.00, £140.00 short; "
        "floors: A £665.00, B £475.00"
    )


def test_infeasible_caps_say_how_much_is_left_over() -> None:
    with pytest.raises(ScenarioError) as caught:
        run("1000.00", [area("A", 1), area("B", 1)], max_share=0.4)
    assert caught.value.path == "max_share"
    assert "at most £800.00 but the pot is £1,000.00, £200.00 left over" in caught.value.message
    assert "A £400.00 (max_share), B £400.00 (max_share)" in caught.value.message


def test_capped_areas_and_no_need_areas_limit_what_can_be_paid() -> None:
    with pytest.raises(ScenarioError) as caught:
        run(
            "1000.00",
            [area("A", 0, previous="100.00"), area("B", 1, previous="500.00")],
            damping={"ceiling": 0.5},
        )
    assert caught.value.path == "damping.ceiling"
    assert "at most £750.00" in caught.value.message


def test_floor_above_an_areas_cap_is_an_error_on_that_area() -> None:
    with pytest.raises(ScenarioError) as caught:
        run(
            "1000.00",
            [area("A", 1, previous="900.00"), area("B", 1, previous="100.00")],
            damping={"floor": -0.1},
            max_share=0.5,
        )
    assert caught.value.path == "areas[0].previous"
    assert "floor £810.00 is above the max_share cap £500.00" in caught.value.message


def test_pot_below_zero_is_an_error() -> None:
    with pytest.raises(ScenarioError) as caught:
        run("100.00", [area("A", 1)], top_slices={"Regional": "80.00"}, protected={"A": "30.00"})
    assert caught.value.path == "budget"
    assert "exceed the budget by £10.00" in caught.value.message


def test_indicator_summing_to_zero_is_an_error_naming_it() -> None:
    with pytest.raises(ScenarioError) as caught:
        run("100.00", [area("A", 0), area("B", 0)])
    assert caught.value.path == "weights.need"
    assert "need sums to zero" in caught.value.message


def test_indicator_with_zero_weight_may_sum_to_zero() -> None:
    result = allocate(
        load_scenario(
            {
                "budget": "10.00",
                "weights": {"need": 1, "unused": 0},
                "areas": [
                    {"code": "A", "name": "A", "need": 1, "unused": 0},
                    {"code": "B", "name": "B", "need": 4, "unused": 0},
                ],
            }
        )
    )
    assert formula(result) == {"A": Decimal("2.00"), "B": Decimal("8.00")}


def test_zero_pot_allocates_nothing() -> None:
    result = run("50.00", [area("A", 1), area("B", 2)], protected={"B": "50.00"})
    assert formula(result) == {"A": Decimal("0.00"), "B": Decimal("0.00")}
    assert result.areas[1].total == Decimal("50.00")


def test_pennies_go_to_largest_remainders_then_code_order() -> None:
    largest_first = run("0.10", [area("E1", 1), area("E2", 2)])
    assert formula(largest_first) == {"E1": Decimal("0.03"), "E2": Decimal("0.07")}

    code_order = run("1.00", [area(code, 1) for code in ("E7", "E3", "E5", "E1", "E6", "E2", "E4")])
    assert formula(code_order) == {
        "E7": Decimal("0.14"),
        "E3": Decimal("0.14"),
        "E5": Decimal("0.14"),
        "E1": Decimal("0.15"),
        "E6": Decimal("0.14"),
        "E2": Decimal("0.15"),
        "E4": Decimal("0.14"),
    }


def test_pennies_never_take_an_area_past_its_cap() -> None:
    result = run(
        "1.00",
        [area("A", 1, previous="0.33"), area("B", 1), area("C", 1)],
        damping={"ceiling": 0},
    )
    assert formula(result) == {"A": Decimal("0.33"), "B": Decimal("0.34"), "C": Decimal("0.33")}


def test_change_is_against_the_previous_formula_allocation() -> None:
    result = run(
        "1000.00",
        [area("A", 1, previous="400.00"), area("B", 1), area("C", 2, previous="0.00")],
        protected={"A": "100.00"},
    )
    first, second, third = result.areas
    assert first.formula == Decimal("225.00")
    assert first.change == Decimal("-175.00")
    assert first.change_pct == Fraction(-4375, 100)
    assert second.change is None
    assert second.change_pct is None
    assert third.change == Decimal("450.00")
    assert third.change_pct is None


def test_json_has_the_published_shape() -> None:
    result = allocation_to_json(
        run(
            "1000.00",
            [area("E08000026", 1, previous="300.00"), area("E08000025", 2)],
            top_slices=[{"name": "Regional", "amount": "100.00"}],
            protected={"E08000026": "10.00"},
            max_share=0.6,
        )
    )
    assert result["pot"] == "890.00"
    assert result["areas"] == [
        {
            "code": "E08000026",
            "name": "Area E08000026",
            "need_share": "0.333333",
            "unconstrained": "296.67",
            "formula": "356.00",
            "bound": "none",
            "protected": "10.00",
            "total": "366.00",
            "previous": "300.00",
            "change": "56.00",
            "change_pct": "18.67",
        },
        {
            "code": "E08000025",
            "name": "Area E08000025",
            "need_share": "0.666667",
            "unconstrained": "593.33",
            "formula": "534.00",
            "bound": "max_share",
            "protected": "0.00",
            "total": "534.00",
            "previous": None,
            "change": None,
            "change_pct": None,
        },
    ]
    assert result["totals"] == {
        "formula": "890.00",
        "protected": "10.00",
        "top_slices": "100.00",
        "budget": "1000.00",
        "total": "900.00",
    }


def test_fixed_rounds_halves_away_from_zero_and_never_prints_minus_zero() -> None:
    assert fixed(Fraction(1, 8), 2) == "0.13"
    assert fixed(Fraction(-1, 8), 2) == "-0.13"
    assert fixed(Fraction(-1, 1000), 2) == "0.00"
    assert fixed(Decimal("12.5"), 0) == "13"


def test_scenario_built_directly_is_checked_too() -> None:
    with pytest.raises(ScenarioError) as caught:
        Scenario(
            budget=Decimal(100),
            weights={"need": Decimal(1)},
            areas=(Area("A", "A", {"need": Decimal(-1)}),),
        )
    assert caught.value.path == "areas[0].need"
    with pytest.raises(ScenarioError) as caught:
        Damping(floor=Decimal("0.1"), ceiling=Decimal("0.05"))
    assert caught.value.path == "damping.floor"


def test_west_midlands_example_adds_up_and_keeps_birmingham_within_its_cap() -> None:
    result = allocate(load_scenario(EXAMPLE.read_text(encoding="utf-8")))
    assert len(result.areas) == 7
    assert result.formula == result.pot
    assert result.formula + result.protected + result.top_slices == Decimal("3863308.00")
    birmingham = next(item for item in result.areas if item.code == "E08000025")
    assert birmingham.bound is Bound.MAX_SHARE
    assert birmingham.formula <= result.pot * Decimal("0.30")
    assert {item.bound for item in result.areas} == set(Bound)


def test_worked_example_in_the_guide_gives_the_figures_it_shows() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    scenario_text = guide.split("```yaml\n", 1)[1].split("```", 1)[0]
    result = allocation_to_json(allocate(load_scenario(scenario_text)))
    assert result["pot"] == "8500.00"
    assert result["scale"] == "1.482353"
    rows = [
        (area["name"], area["formula"], area["bound"], area["total"], area["change_pct"])
        for area in result["areas"]
    ]
    assert rows == [
        ("North", "4250.00", "max_share", "4750.00", "6.25"),
        ("East", "3150.00", "none", "3150.00", "5.00"),
        ("South", "1100.00", "ceiling", "1100.00", "10.00"),
    ]
