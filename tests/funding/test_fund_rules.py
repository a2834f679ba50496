"""The fund's arithmetic: years, scores, schedules, reporting periods and starting scenarios."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from property_examples import examples
from remit.funding import rules
from remit.funding.allocation import allocate
from remit.funding.rules import Criterion
from remit.funding.rules import Instalment
from remit.funding.rules import RuleError
from remit.funding.scenario import load_scenario


def test_a_round_funds_consecutive_financial_years() -> None:
    assert rules.financial_years("2018/19", 3) == ("2018/19", "2019/20", "2020/21")
    assert rules.financial_years("2099/00", 2) == ("2099/00", "2100/01")


@pytest.mark.parametrize(("first", "count"), [("2018/20", 1), ("18/19", 1), ("2018/19", 4)])
def test_a_bad_year_or_too_many_years_is_refused(first: str, count: int) -> None:
    with pytest.raises(RuleError):
        rules.financial_years(first, count)


def test_weighted_score_is_the_weighted_mean_as_a_share_of_each_scale() -> None:
    criteria = [Criterion(1, Decimal(3), 5), Criterion(2, Decimal(1), 10)]
    # criterion 1: mean 4 of 5 = 0.8; criterion 2: mean 5 of 10 = 0.5 -> (3*0.8 + 0.5) / 4
    assert rules.weighted_score({1: [3, 5], 2: [5]}, criteria) == Decimal("72.50")


def test_a_bid_is_not_scored_until_every_weighted_criterion_is() -> None:
    criteria = [Criterion(1, Decimal(1), 5), Criterion(2, Decimal(1), 5)]
    assert rules.weighted_score({1: [4]}, criteria) is None
    assert rules.weighted_score({1: [4]}, [*criteria[:1], Criterion(2, Decimal(0), 5)]) == Decimal(
        "80.00"
    )


@examples(60)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 10),
            st.decimals(min_value=0, max_value=100, places=2),
            st.lists(st.integers(0, 10), min_size=1, max_size=5),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_weighted_score_stays_between_0_and_100(rows: list[tuple[int, Decimal, list[int]]]) -> None:
    criteria = [Criterion(i, weight, scale) for i, (scale, weight, _) in enumerate(rows)]
    scores = {i: [min(v, scale) for v in values] for i, (scale, _, values) in enumerate(rows)}
    result = rules.weighted_score(scores, criteria)
    if all(c.weight == 0 for c in criteria):
        assert result is None
    else:
        assert result is not None
        assert Decimal(0) <= result <= Decimal(100)


def test_a_spread_of_two_is_a_disagreement() -> None:
    summary = rules.summarise([2, 4, 3])
    assert summary is not None
    assert (summary.mean, summary.spread, summary.disagreement) == (Decimal("3.00"), 2, True)
    agreed = rules.summarise([3, 4])
    assert agreed is not None
    assert not agreed.disagreement
    assert rules.summarise([]) is None


def test_schedule_lines_are_read_with_their_line_numbers() -> None:
    assert rules.parse_schedule("2018-04-30, 1,250.50\n\n2018-07-31, 100") == [
        Instalment(date(2018, 4, 30), 125_050),
        Instalment(date(2018, 7, 31), 10_000),
    ]
    with pytest.raises(RuleError) as error:
        rules.parse_schedule("2018-04-30, 10\n30/07/2018, 10")
    assert error.value.field == "line 2"


def test_a_schedule_must_add_up_to_the_award_to_the_penny() -> None:
    plan = [Instalment(date(2018, 5, 1), 50_000), Instalment(date(2018, 8, 1), 49_999)]
    with pytest.raises(RuleError) as error:
        rules.check_schedule(plan, 100_000, None, None)
    assert "£999.99" in error.value.message
    assert "£0.01 short" in error.value.message
    rules.check_schedule([*plan[:1], Instalment(date(2018, 8, 1), 50_000)], 100_000, None, None)


def test_an_instalment_outside_the_agreement_is_refused() -> None:
    with pytest.raises(RuleError) as error:
        rules.check_schedule(
            [Instalment(date(2019, 4, 1), 100)], 100, date(2018, 4, 1), date(2019, 3, 31)
        )
    assert error.value.field == "instalment 1"


@examples(60)
@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)),
    st.integers(0, 1200),
    st.sampled_from([3, 6, 12]),
)
def test_reporting_periods_cover_the_agreement_without_gaps(
    start: date, days: int, months: int
) -> None:
    end = date.fromordinal(start.toordinal() + days)
    periods = rules.return_periods(start, end, months)
    assert periods[0].start == start
    assert periods[-1].end == end
    for before, after in itertools.pairwise(periods):
        assert after.start.toordinal() == before.end.toordinal() + 1
    assert all(p.due_on > p.end for p in periods)


def test_a_starting_scenario_is_a_valid_scenario_over_the_whole_budget() -> None:
    text = rules.scenario_yaml(
        title='North "and" South',
        financial_year="2018/19",
        budget_pence=100_000_001,
        areas=[
            rules.ScenarioArea("E08000901", "Northton", 300_000),
            rules.ScenarioArea("E08000902", "Southby", 100_000),
        ],
    )
    allocation = allocate(load_scenario(text))
    assert allocation.budget == Decimal("1000000.01")
    assert [a.formula for a in allocation.areas] == [Decimal("750000.01"), Decimal("250000.00")]
    assert allocation.title == 'North "and" South'


def test_envelopes_are_each_areas_total_in_pence() -> None:
    result = {"areas": [{"code": "E1", "total": "12.34"}, {"code": "E2", "total": "0.00"}]}
    assert rules.envelopes(result) == {"E1": 1234, "E2": 0}


def test_match_funding_is_a_share_of_the_amount_asked() -> None:
    assert rules.match_percent(2_500, 10_000) == Decimal("25.00")
    assert rules.match_percent(1, 0) is None


@pytest.mark.parametrize("text", ["abc", "-5", "1.234"])
def test_bad_pounds_name_the_field(text: str) -> None:
    with pytest.raises(RuleError) as error:
        rules.parse_pounds(text, "amount")
    assert error.value.field == "amount"
