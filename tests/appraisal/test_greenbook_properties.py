from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal
from decimal import localcontext
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from property_examples import examples
from remit.appraisal.greenbook import Additionality
from remit.appraisal.greenbook import Appraisal
from remit.appraisal.greenbook import BenefitLine
from remit.appraisal.greenbook import Case
from remit.appraisal.greenbook import DiscountSchedule
from remit.appraisal.greenbook import OptimismBias
from remit.appraisal.greenbook import Option
from remit.appraisal.greenbook import appraise
from remit.appraisal.greenbook import discount_factors

BASE_YEAR = 2025
LAST_YEAR = BASE_YEAR + 60

pounds = st.integers(min_value=0, max_value=10**9).map(lambda pence: Decimal(pence) / 100)
signed_pounds = st.integers(min_value=-(10**8), max_value=10**9).map(
    lambda pence: Decimal(pence) / 100
)
years = st.integers(min_value=BASE_YEAR, max_value=LAST_YEAR)
shares = st.integers(min_value=0, max_value=100).map(lambda percent: Decimal(percent) / 100)
uplifts = st.integers(min_value=0, max_value=300).map(lambda percent: Decimal(percent) / 100)


def cost_flows() -> st.SearchStrategy[dict[int, Decimal]]:
    return st.dictionaries(years, pounds, max_size=6)


@st.composite
def benefit_lines(draw: st.DrawFn) -> tuple[BenefitLine, ...]:
    names = draw(st.lists(st.sampled_from(["harm", "admissions", "police time"]), unique=True))
    return tuple(
        BenefitLine(
            name,
            draw(st.dictionaries(years, signed_pounds, max_size=6)),
            Additionality(
                leakage=draw(shares),
                deadweight=draw(shares),
                displacement=draw(shares),
                substitution=draw(shares),
            ),
        )
        for name in names
    )


@st.composite
def options(draw: st.DrawFn, name: str, counterfactual: bool) -> Option:
    return Option(
        name=name,
        counterfactual=counterfactual,
        capital=draw(cost_flows()),
        revenue=draw(cost_flows()),
        benefits=draw(benefit_lines()),
        optimism_bias=OptimismBias(
            capital=draw(uplifts), revenue=draw(uplifts), mitigation=draw(shares)
        ),
    )


@st.composite
def cases(draw: st.DrawFn) -> Case:
    others = draw(st.integers(min_value=1, max_value=2))
    return Case(
        base_year=BASE_YEAR,
        discount=draw(st.sampled_from(DiscountSchedule)),
        options=(
            draw(options("Business as usual", True)),
            *(draw(options(f"Option {number}", False)) for number in range(others)),
        ),
    )


def summary(appraisal: Appraisal) -> list[tuple[object, ...]]:
    return [
        (option.pv_costs, option.pv_benefits, option.npsv, option.bcr, option.incremental)
        for option in appraisal.options
    ]


def scaled(flows: Mapping[int, Decimal], k: Decimal) -> dict[int, Decimal]:
    return {year: amount * k for year, amount in flows.items()}


def scale_option(option: Option, k: Decimal) -> Option:
    return replace(
        option,
        capital=scaled(option.capital, k),
        revenue=scaled(option.revenue, k),
        benefits=tuple(replace(line, flows=scaled(line.flows, k)) for line in option.benefits),
    )


@examples(60)
@given(
    case=cases(),
    which=st.integers(min_value=0, max_value=2),
    category=st.sampled_from(["capital", "revenue", "benefit"]),
    year=years,
)
def test_adding_a_zero_flow_changes_nothing(
    case: Case, which: int, category: str, year: int
) -> None:
    index = which % len(case.options)
    option = case.options[index]
    if category == "benefit":
        line = BenefitLine("a line with nothing in it", {year: Decimal(0)})
        changed = replace(option, benefits=(*option.benefits, line))
    else:
        flows = dict(getattr(option, category))
        flows[year] = flows.get(year, Decimal(0)) + Decimal(0)
        changed = replace(option, **{category: flows})
    options = list(case.options)
    options[index] = changed
    before, after = appraise(case), appraise(replace(case, options=tuple(options)))
    assert summary(after) == summary(before)
    for old, new in zip(before.options, after.options, strict=True):
        assert new.years[: len(old.years)] == old.years


@examples(60)
@given(case=cases(), k=st.integers(min_value=-1000, max_value=1000).map(lambda n: Decimal(n) / 8))
def test_npsv_is_linear_in_the_flows(case: Case, k: Decimal) -> None:
    before = appraise(case)
    after = appraise(replace(case, options=tuple(scale_option(o, k) for o in case.options)))
    with localcontext(prec=80):
        magnitude = sum(abs(o.pv_costs) + abs(o.pv_benefits) for o in before.options) * abs(k)
        tolerance = Decimal("1e-30") * max(Decimal(1), magnitude)
        for old, new in zip(before.options, after.options, strict=True):
            assert abs(new.npsv - old.npsv * k) <= tolerance
            if old.incremental is not None and new.incremental is not None:
                assert abs(new.incremental.npsv - old.incremental.npsv * k) <= tolerance


@examples(60)
@given(case=cases(), extra=uplifts, on_capital=st.booleans())
def test_raising_optimism_bias_never_raises_npsv(
    case: Case, extra: Decimal, on_capital: bool
) -> None:
    def raised(option: Option) -> Option:
        bias = option.optimism_bias
        if on_capital:
            return replace(option, optimism_bias=replace(bias, capital=bias.capital + extra))
        return replace(option, optimism_bias=replace(bias, revenue=bias.revenue + extra))

    option = case.options[-1]
    more_cautious = replace(case, options=(*case.options[:-1], raised(option)))
    before, after = appraise(case).options[-1], appraise(more_cautious).options[-1]
    assert after.npsv <= before.npsv
    assert after.pv_costs >= before.pv_costs
    if before.incremental is not None and after.incremental is not None:
        assert after.incremental.npsv <= before.incremental.npsv


@examples(60)
@given(case=cases())
def test_net_benefits_never_exceed_gross_benefits_when_gross_is_positive(case: Case) -> None:
    for option in appraise(case).options:
        for line in option.benefit_lines:
            if line.pv_gross >= 0:
                assert 0 <= line.pv_net <= line.pv_gross


@examples(20)
@given(schedule=st.sampled_from(DiscountSchedule), horizon=st.integers(1, 400))
def test_discount_factors_fall_every_year_and_stay_positive(
    schedule: DiscountSchedule, horizon: int
) -> None:
    factors = discount_factors(schedule, horizon)
    assert all(later < earlier for earlier, later in pairwise(factors))
    assert factors[-1] > 0
