"""Indicator statistics: rules stated as tests, and their invariants under hypothesis."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from property_examples import examples
from remit.indicators import measures as m

LOWER, HIGHER = m.LOWER_IS_BETTER, m.HIGHER_IS_BETTER

values = st.decimals(min_value=-10_000, max_value=10_000, places=2, allow_nan=False)
area_values = st.dictionaries(
    st.from_regex(r"E0[6-8]\d{6}", fullmatch=True), values, min_size=1, max_size=30
)
polarities = st.sampled_from([LOWER, HIGHER])


def series(start: str, numbers: list[int]) -> list[m.Point]:
    return [m.Point(m.shift(start, i), Decimal(n)) for i, n in enumerate(numbers)]


def test_shift_crosses_the_year_end() -> None:
    assert m.shift("2018-11", 3) == "2019-02"
    assert m.shift("2019-01", -1) == "2018-12"
    assert m.shift("2019", -1) == "2018"


def test_a_period_must_be_a_month_or_a_year() -> None:
    with pytest.raises(m.MeasureError) as caught:
        m.period_index("2019-13")
    assert caught.value.field == "period"


def test_rolling_total_waits_for_twelve_whole_months() -> None:
    points = series("2018-01", list(range(1, 15)))
    rolled = m.rolling_total(points)
    assert [p.period for p in rolled] == ["2018-12", "2019-01", "2019-02"]
    assert rolled[0].value == sum(range(1, 13))
    assert rolled[-1].value == sum(range(3, 15))


def test_rolling_total_does_not_bridge_a_missing_month() -> None:
    points = [p for p in series("2018-01", [1] * 14) if p.period != "2018-06"]
    assert m.rolling_total(points) == []


def test_year_on_year_compares_the_same_month_a_year_before() -> None:
    points = series("2018-01", [10] * 12 + [15, 0])
    changes = m.year_on_year(points)
    assert [(c.period, c.absolute, c.percent) for c in changes] == [
        ("2019-01", Decimal(5), Decimal("50.0000")),
        ("2019-02", Decimal(-10), Decimal("-100.0000")),
    ]


def test_year_on_year_from_zero_has_no_percentage() -> None:
    change = m.year_on_year(series("2018", [0, 3]))[0]
    assert (change.absolute, change.percent) == (Decimal(3), None)


def test_rank_one_is_the_worst_given_polarity_and_ties_share() -> None:
    found = {"a": Decimal(5), "b": Decimal(9), "c": Decimal(9), "d": Decimal(1)}
    assert m.ranks(found, LOWER) == {"b": 1, "c": 1, "a": 3, "d": 4}
    assert m.ranks(found, HIGHER) == {"d": 1, "a": 2, "b": 3, "c": 3}


def test_gap_with_fewer_than_four_areas_is_the_worst_area_against_the_median() -> None:
    found = m.gap("2019", {"a": Decimal(10), "b": Decimal(4), "c": Decimal(1)}, LOWER)
    assert found is not None
    assert (found.worst_areas, found.worst_mean, found.median, found.size) == (
        ("a",),
        Decimal(10),
        Decimal(4),
        Decimal(6),
    )


def test_gap_uses_the_worst_quarter_rounded_up() -> None:
    eight = {f"a{i}": Decimal(i) for i in range(1, 9)}  # worst two: 8 and 7; median 4.5
    found = m.gap("2019", eight, LOWER)
    assert found is not None
    assert found.worst_areas == ("a8", "a7")
    assert found.size == Decimal("3")
    seven = {f"a{i}": Decimal(i) for i in range(1, 8)}  # seven areas: worst two (7/4 up)
    assert m.worst_group_size(7) == 2
    higher = m.gap("2019", seven, HIGHER)
    assert higher is not None
    assert higher.worst_areas == ("a1", "a2")
    assert higher.size == Decimal(4) - Decimal("1.5")


def test_a_falling_gap_is_narrowing() -> None:
    gaps = [
        m.Gap(str(2010 + i), Decimal(0), Decimal(0), Decimal(s), ())
        for i, s in enumerate([9, 8, 8, 6])
    ]
    trend = m.gap_trend(gaps)
    assert trend is not None
    assert trend.narrowing is True
    assert trend.verdict == "narrowing"
    assert (trend.first, trend.last) == (Decimal(9), Decimal(6))


def test_one_period_of_gap_is_too_early_to_say() -> None:
    trend = m.gap_trend([m.Gap("2019", Decimal(0), Decimal(0), Decimal(3), ())])
    assert trend is not None
    assert trend.verdict == "too early to say"


def test_rag_is_green_at_or_better_than_target_amber_within_five_percent_red_beyond() -> None:
    target = [m.Target(date(2019, 12, 31), Decimal(100))]

    def rag(value: str, polarity: str = LOWER) -> m.Rag:
        return m.assess(m.Point("2019-06", Decimal(value)), target, polarity).rag

    assert rag("100") == m.Rag.GREEN
    assert rag("105") == m.Rag.AMBER
    assert rag("105.01") == m.Rag.RED
    assert rag("95", HIGHER) == m.Rag.AMBER
    assert rag("94.9", HIGHER) == m.Rag.RED
    assert m.assess(m.Point("2019-06", Decimal(1)), [], LOWER).rag == m.Rag.GREY


def test_with_a_baseline_the_target_is_read_along_the_line_to_it() -> None:
    target = m.Target(date(2019, 12, 31), Decimal(80))
    # Baseline 100 in December 2018, target 80 in December 2019: 90 expected by June 2019.
    found = m.assess(m.Point("2019-06", Decimal(91)), [target], LOWER, ("2018-12", Decimal(100)))
    assert found.expected == Decimal("90.0000")
    assert found.rag == m.Rag.AMBER


def test_the_next_target_due_applies_and_the_last_once_all_have_passed() -> None:
    early, late = m.Target(date(2019, 3, 31), Decimal(1)), m.Target(date(2020, 3, 31), Decimal(2))
    assert m.applicable_target([late, early], m.period_end_month("2019-01")) == early
    assert m.applicable_target([late, early], m.period_end_month("2019-06")) == late
    assert m.applicable_target([early, late], m.period_end_month("2021-01")) == late


def test_delivery_is_red_when_a_milestone_is_overdue() -> None:
    today = date(2019, 6, 1)
    assert m.delivery_status([m.Milestone(date(2019, 5, 1), None)], today) == m.Rag.RED
    assert m.delivery_status([m.Milestone(date(2019, 6, 20), None)], today) == m.Rag.AMBER
    assert m.delivery_status([m.Milestone(date(2019, 5, 1), date(2019, 4, 30))], today) == (
        m.Rag.GREEN
    )
    assert m.delivery_status([], today) == m.Rag.GREY


@examples(200)
@given(area_values, polarities)
def test_the_gap_is_never_negative_and_names_the_worst_areas(
    found: dict[str, Decimal], polarity: str
) -> None:
    g = m.gap("2019", found, polarity)
    assert g is not None
    assert g.size >= 0
    assert len(g.worst_areas) == m.worst_group_size(len(found))
    ranked = m.ranks(found, polarity)
    worst_rank = max(ranked[a] for a in g.worst_areas)
    assert all(ranked[a] >= worst_rank or a in g.worst_areas for a in found)


@examples(200)
@given(area_values, polarities)
def test_ranks_run_from_one_and_the_worst_value_ranks_first(
    found: dict[str, Decimal], polarity: str
) -> None:
    ranked = m.ranks(found, polarity)
    assert min(ranked.values()) == 1
    assert max(ranked.values()) <= len(found)
    worst = max(found.values()) if polarity == LOWER else min(found.values())
    assert {a for a, r in ranked.items() if r == 1} == {a for a, v in found.items() if v == worst}


@examples(100)
@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=12, max_size=40))
def test_each_rolling_total_is_the_sum_of_its_twelve_months(numbers: list[int]) -> None:
    rolled = m.rolling_total(series("2015-01", numbers))
    assert len(rolled) == len(numbers) - 11
    for i, point in enumerate(rolled):
        assert point.value == sum(numbers[i : i + 12])


@examples(100)
@given(st.lists(values, min_size=2, max_size=20), values)
def test_a_constant_shift_leaves_the_gap_trend_unchanged(sizes: list[Decimal], by: Decimal) -> None:
    def trend(shift: Decimal) -> m.GapTrend | None:
        return m.gap_trend(
            [
                m.Gap(str(2000 + i), Decimal(0), Decimal(0), s + shift, ())
                for i, s in enumerate(sizes)
            ]
        )

    base, shifted = trend(Decimal(0)), trend(by)
    assert base is not None
    assert shifted is not None
    assert base.slope == shifted.slope
    assert base.narrowing == shifted.narrowing


@examples(100)
@given(
    st.decimals(min_value=1, max_value=10_000, places=2),
    st.decimals(min_value=0, max_value=20_000, places=2),
    polarities,
)
def test_moving_toward_the_good_side_never_worsens_rag(
    target: Decimal, value: Decimal, polarity: str
) -> None:
    order = {m.Rag.GREEN: 0, m.Rag.AMBER: 1, m.Rag.RED: 2}
    better = value - 1 if polarity == LOWER else value + 1
    assert (
        order[m.rag_status(better, target, polarity)]
        <= order[m.rag_status(value, target, polarity)]
    )
