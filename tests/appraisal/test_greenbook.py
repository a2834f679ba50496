from decimal import Decimal
from typing import Any

import pytest

from remit.appraisal.greenbook import STPR_SCHEDULES
from remit.appraisal.greenbook import Additionality
from remit.appraisal.greenbook import BenefitLine
from remit.appraisal.greenbook import Bound
from remit.appraisal.greenbook import Case
from remit.appraisal.greenbook import CaseError
from remit.appraisal.greenbook import CostCategory
from remit.appraisal.greenbook import DiscountSchedule
from remit.appraisal.greenbook import OptimismBias
from remit.appraisal.greenbook import Option
from remit.appraisal.greenbook import ProjectType
from remit.appraisal.greenbook import appraisal_to_json
from remit.appraisal.greenbook import appraise
from remit.appraisal.greenbook import discount_factor
from remit.appraisal.greenbook import real_price
from remit.appraisal.greenbook import round_money
from remit.appraisal.greenbook import round_ratio

D = Decimal
STANDARD = DiscountSchedule.STANDARD
HEALTH = DiscountSchedule.HEALTH


def flows(**by_year: float | int | str) -> dict[int, Decimal]:
    return {int(year.removeprefix("y")): D(str(amount)) for year, amount in by_year.items()}


def baseline(**kwargs: Any) -> Option:
    return Option(name="Business as usual", counterfactual=True, **kwargs)


def case_of(*options: Option, **kwargs: Any) -> Case:
    return Case(base_year=2025, options=options, **kwargs)


# Standard STPR: 3.5% to year 30, 3.0% for 31-75, 2.5% for 76-125.
# year 1:   1 / 1.035                                   = 0.966183574879227
# year 10:  1 / 1.035^10 = 1 / 1.410598760              = 0.708918813709772
# year 30:  1 / 1.035^30 = 1 / 2.806793705              = 0.356278410602302
# year 31:  0.356278410602302 / 1.03                    = 0.345901369516798
# year 40:  0.356278410602302 / 1.03^10 (1.343916379)   = 0.265104597338249
# year 100: 0.356278410602302 / 1.03^45 (3.781596136) / 1.025^25 (1.853944492)
#                                                       = 0.050818022324382
STANDARD_FACTORS = [
    (1, "0.966183574879227"),
    (10, "0.708918813709772"),
    (30, "0.356278410602302"),
    (31, "0.345901369516798"),
    (40, "0.265104597338249"),
    (100, "0.050818022324382"),
]

# Health: 1.5% to year 30, 1.29% for 31-75, 1.07% for 76-125.
# year 1:   1 / 1.015                                   = 0.985221674876847
# year 10:  1 / 1.015^10 = 1 / 1.160540825              = 0.861667231722183
# year 30:  1 / 1.015^30 = 1 / 1.563080775              = 0.639762429906489
# year 31:  0.639762429906489 / 1.0129                  = 0.631614601546538
# year 40:  0.639762429906489 / 1.0129^10 (1.136744797) = 0.562798616539819
# year 100: 0.639762429906489 / 1.0129^45 (1.780080451) / 1.0107^25 (1.305110364)
#                                                       = 0.275401555583507
HEALTH_FACTORS = [
    (1, "0.985221674876847"),
    (10, "0.861667231722183"),
    (30, "0.639762429906489"),
    (31, "0.631614601546538"),
    (40, "0.562798616539819"),
    (100, "0.275401555583507"),
]


@pytest.mark.parametrize(("year", "expected"), STANDARD_FACTORS)
def test_standard_discount_factor_matches_hand_arithmetic(year: int, expected: str) -> None:
    assert abs(discount_factor(year, STANDARD) - D(expected)) < D("1e-15")


@pytest.mark.parametrize(("year", "expected"), HEALTH_FACTORS)
def test_health_discount_factor_matches_hand_arithmetic(year: int, expected: str) -> None:
    assert abs(discount_factor(year, HEALTH) - D(expected)) < D("1e-15")


def test_year_zero_is_not_discounted() -> None:
    assert discount_factor(0, STANDARD) == 1
    assert discount_factor(0, HEALTH) == 1


@pytest.mark.parametrize(
    ("year", "standard", "health"),
    [
        (1, "0.035", "0.015"),
        (30, "0.035", "0.015"),
        (31, "0.030", "0.0129"),
        (75, "0.030", "0.0129"),
        (76, "0.025", "0.0107"),
        (125, "0.025", "0.0107"),
        (126, "0.020", "0.0086"),
        (200, "0.020", "0.0086"),
        (201, "0.015", "0.0064"),
        (300, "0.015", "0.0064"),
        (301, "0.010", "0.0043"),
        (1000, "0.010", "0.0043"),
    ],
)
def test_each_year_takes_the_rate_of_its_band(year: int, standard: str, health: str) -> None:
    assert STPR_SCHEDULES[STANDARD].rate(year) == D(standard)
    assert STPR_SCHEDULES[HEALTH].rate(year) == D(health)


def test_discounting_continues_from_the_band_before_rather_than_restarting() -> None:
    # year 31 = year 30 factor / 1.03, not 1 / 1.03^31
    assert abs(discount_factor(31) - discount_factor(30) / D("1.03")) < D("1e-25")
    assert abs(discount_factor(31) - 1 / D("1.03") ** 31) > D("0.01")


def test_worked_example_by_hand() -> None:
    # Year 1 is discounted by 1.035, so flows of 1.035 x a round number come back round.
    # Counterfactual: PVC = 100,000 + 103,500/1.035 = 200,000; PVB = 20,700/1.035 = 20,000.
    # Option: capital 200,000 x 1.24 = 248,000; revenue 50,000 + 155,250/1.035 = 200,000;
    #   PVC = 448,000; PVB = 414,000 x (1 - 0.25) / 1.035 = 300,000; NPSV = -148,000;
    #   BCR = 300,000 / 448,000 = 0.669642... ; against the counterfactual: dPVC = 248,000,
    #   dPVB = 280,000, NPSV = 32,000, BCR = 1.129032..., switching 32/280 = 0.114285...
    #   and 32/248 = 0.129032...
    case = case_of(
        baseline(
            revenue=flows(y2025=100000, y2026=103500),
            benefits=(BenefitLine("reduced harm", flows(y2026=20700)),),
        ),
        Option(
            name="Violence reduction unit",
            capital=flows(y2025=200000),
            revenue=flows(y2025=50000, y2026=155250),
            benefits=(
                BenefitLine(
                    "reduced harm", flows(y2026=414000), Additionality(deadweight=D("0.25"))
                ),
            ),
            optimism_bias=OptimismBias(capital=D("0.24")),
        ),
    )
    result = appraisal_to_json(appraise(case))
    bau, unit = result["options"]
    assert (bau["pv_costs"], bau["pv_benefits"], bau["npsv"], bau["bcr"]) == (
        "200000.00",
        "20000.00",
        "-180000.00",
        "0.1000",
    )
    assert bau["incremental"] is None
    assert (unit["pv_costs"], unit["pv_benefits"], unit["npsv"], unit["bcr"]) == (
        "448000.00",
        "300000.00",
        "-148000.00",
        "0.6696",
    )
    assert unit["incremental"] == {
        "pv_costs": "248000.00",
        "pv_benefits": "280000.00",
        "npsv": "32000.00",
        "bcr": "1.1290",
        "switching_benefits": "0.1143",
        "switching_costs": "0.1290",
    }
    assert unit["years"] == [
        {
            "year": 2025,
            "discount_factor": "1.000000",
            "capital": "248000.00",
            "revenue": "50000.00",
            "costs": "298000.00",
            "gross_benefits": "0.00",
            "benefits": "0.00",
            "discounted_costs": "298000.00",
            "discounted_benefits": "0.00",
        },
        {
            "year": 2026,
            "discount_factor": "0.966184",
            "capital": "0.00",
            "revenue": "155250.00",
            "costs": "155250.00",
            "gross_benefits": "414000.00",
            "benefits": "310500.00",
            "discounted_costs": "150000.00",
            "discounted_benefits": "300000.00",
        },
    ]
    assert unit["benefit_lines"][0]["pv_gross"] == "400000.00"
    assert unit["benefit_lines"][0]["pv_net"] == "300000.00"


def test_optimism_bias_per_category_multiplies_only_that_category() -> None:
    option = Option(
        name="Unit",
        capital=flows(y2025=1000),
        revenue=flows(y2025=1000),
        optimism_bias=OptimismBias(capital=D("0.24"), revenue=D("0.05")),
    )
    result = appraise(case_of(baseline(), option)).options[1]
    assert result.pv_capital == D("1240")
    assert result.pv_revenue == D("1050")


@pytest.mark.parametrize(
    ("project_type", "bound", "capital", "revenue"),
    [
        (ProjectType.STANDARD_BUILDINGS, Bound.UPPER, "0.24", "0"),
        (ProjectType.STANDARD_BUILDINGS, Bound.LOWER, "0.02", "0"),
        (ProjectType.NON_STANDARD_BUILDINGS, Bound.UPPER, "0.51", "0"),
        (ProjectType.NON_STANDARD_BUILDINGS, Bound.LOWER, "0.04", "0"),
        (ProjectType.STANDARD_CIVIL_ENGINEERING, Bound.UPPER, "0.44", "0"),
        (ProjectType.STANDARD_CIVIL_ENGINEERING, Bound.LOWER, "0.03", "0"),
        (ProjectType.NON_STANDARD_CIVIL_ENGINEERING, Bound.UPPER, "0.66", "0"),
        (ProjectType.NON_STANDARD_CIVIL_ENGINEERING, Bound.LOWER, "0.06", "0"),
        (ProjectType.EQUIPMENT_AND_DEVELOPMENT, Bound.UPPER, "2.00", "0"),
        (ProjectType.EQUIPMENT_AND_DEVELOPMENT, Bound.LOWER, "0.10", "0"),
        (ProjectType.OUTSOURCING, Bound.UPPER, "0", "0.41"),
        (ProjectType.OUTSOURCING, Bound.LOWER, "0", "0"),
    ],
)
def test_project_type_takes_the_supplementary_guidance_table(
    project_type: ProjectType, bound: Bound, capital: str, revenue: str
) -> None:
    bias = OptimismBias.from_table(project_type, bound)
    assert bias.uplift(CostCategory.CAPITAL) == D(capital)
    assert bias.uplift(CostCategory.REVENUE) == D(revenue)


def test_mitigation_removes_its_share_of_the_bias() -> None:
    # 24% upper bound for standard buildings, 40% of it mitigated: 0.24 x 0.6 = 0.144
    bias = OptimismBias.from_table(ProjectType.STANDARD_BUILDINGS, Bound.UPPER, D("0.4"))
    assert bias.uplift(CostCategory.CAPITAL) == D("0.144")
    option = Option(name="Hub", capital=flows(y2025=500000), optimism_bias=bias)
    assert appraise(case_of(baseline(), option)).options[1].pv_costs == D("572000")


def test_additionality_multiplies_the_four_net_shares() -> None:
    # 100,000 x 0.95 x 0.8 x 0.9 x 1.0 = 68,400
    line = BenefitLine(
        "reduced harm",
        flows(y2025=100000),
        Additionality(
            leakage=D("0.05"), deadweight=D("0.2"), displacement=D("0.1"), substitution=D(0)
        ),
    )
    result = appraise(case_of(baseline(benefits=(line,)))).options[0]
    assert result.pv_benefits == D("68400")
    assert result.benefit_lines[0].gross == D("100000")
    assert result.benefit_lines[0].net == D("68400")


def test_nominal_flows_are_deflated_to_base_year_prices() -> None:
    assert real_price(D("102100"), 2026, 2025, {2025: D(100), 2026: D("102.1")}) == D(100000)
    option = Option(name="Unit", nominal=True, revenue=flows(y2025=1000, y2026=1021))
    case = case_of(baseline(), option, deflators={2025: D(100), 2026: D("102.1")})
    years = appraise(case).options[1].years
    assert [row.revenue for row in years] == [D(1000), D(1000)]


def test_real_options_ignore_the_deflators() -> None:
    option = Option(name="Unit", revenue=flows(y2026=1021))
    case = case_of(baseline(), option, deflators={2025: D(100), 2026: D("102.1")})
    assert appraise(case).options[1].years[1].revenue == D(1021)


def test_bcr_is_null_without_costs() -> None:
    result = appraisal_to_json(
        appraise(case_of(baseline(benefits=(BenefitLine("reduced harm", flows(y2025=10)),))))
    )
    assert result["options"][0]["bcr"] is None


def test_increment_ratios_are_null_where_the_divisor_is_zero() -> None:
    same = Option(name="Same again", revenue=flows(y2025=500))
    result = appraisal_to_json(appraise(case_of(baseline(revenue=flows(y2025=500)), same)))
    assert result["options"][1]["incremental"] == {
        "pv_costs": "0.00",
        "pv_benefits": "0.00",
        "npsv": "0.00",
        "bcr": None,
        "switching_benefits": None,
        "switching_costs": None,
    }


def test_every_option_has_a_row_for_every_year_of_the_case() -> None:
    later = Option(name="Later", revenue=flows(y2028=10))
    result = appraise(case_of(baseline(revenue=flows(y2025=10)), later))
    assert [row.year for row in result.options[0].years] == [2025, 2026, 2027, 2028]
    assert [row.year for row in result.options[1].years] == [2025, 2026, 2027, 2028]


def test_money_rounds_half_up_and_never_shows_minus_zero() -> None:
    assert str(round_money(D("0.005"))) == "0.01"
    assert str(round_money(D("-0.004"))) == "0.00"
    assert str(round_ratio(D("0.12345"))) == "0.1235"


def test_a_case_without_a_counterfactual_is_refused() -> None:
    with pytest.raises(CaseError) as raised:
        appraise(case_of(Option(name="Unit")))
    assert raised.value.path == "options"


def test_a_second_counterfactual_is_refused_by_name() -> None:
    with pytest.raises(CaseError) as raised:
        appraise(case_of(baseline(), Option(name="Unit", counterfactual=True)))
    assert raised.value.located() == (
        "options[1] (Unit).counterfactual: a second counterfactual; "
        "options[0] (Business as usual) already is one"
    )


def test_a_year_before_base_year_is_refused_with_its_path() -> None:
    option = Option(name="Unit", revenue=flows(y2024=10))
    with pytest.raises(CaseError) as raised:
        appraise(case_of(baseline(), option))
    assert raised.value.located() == "options[1] (Unit).revenue.2024: year is before base_year 2025"


def test_a_nominal_flow_without_its_deflator_is_refused_with_its_path() -> None:
    option = Option(name="Unit", nominal=True, benefits=(BenefitLine("harm", flows(y2027=5)),))
    with pytest.raises(CaseError) as raised:
        appraise(case_of(baseline(), option, deflators={2025: D(100)}))
    assert raised.value.path == "options[1].benefits.harm.2027"


def test_a_nominal_option_needs_the_base_year_deflator() -> None:
    option = Option(name="Unit", nominal=True, revenue=flows(y2026=5))
    with pytest.raises(CaseError) as raised:
        appraise(case_of(baseline(), option, deflators={2026: D(102)}))
    assert raised.value.path == "deflators"
