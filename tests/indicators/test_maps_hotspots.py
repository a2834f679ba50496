"""The worst tenth of a district's neighbourhoods and their gap to the median: properties."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from remit.indicators import hotspots

MONTHS = ["2019-01", "2019-02", "2019-03"]

places = st.dictionaries(
    st.from_regex(r"E01\d{6}", fullmatch=True),
    st.tuples(
        st.integers(min_value=1, max_value=5000),
        st.lists(st.integers(min_value=0, max_value=300), min_size=3, max_size=3),
    ),
    min_size=1,
    max_size=60,
)


def split(data: dict) -> tuple[dict, dict]:
    counts = {code: dict(zip(MONTHS, monthly, strict=True)) for code, (_, monthly) in data.items()}
    population = {code: pop for code, (pop, _) in data.items()}
    return counts, population


@given(places)
def test_the_worst_tenth_is_a_tenth_rounded_up_and_never_empty(data: dict) -> None:
    result = hotspots.hotspots(*split(data), MONTHS)

    n = len(data)
    assert len(result.worst) == max(1, -(-n // 10))
    assert len(result.worst) <= n


@given(places)
def test_no_neighbourhood_left_out_has_a_higher_rate_than_one_in_the_worst_tenth(
    data: dict,
) -> None:
    counts, population = split(data)
    result = hotspots.hotspots(counts, population, MONTHS)

    chosen = {h.code for h in result.worst}
    lowest = min(h.rate for h in result.worst)
    for code in data:
        if code not in chosen:
            assert hotspots.rate(sum(counts[code].values()), population[code]) <= lowest


@given(places)
def test_over_the_whole_window_the_worst_tenth_is_never_below_the_median(data: dict) -> None:
    result = hotspots.hotspots(*split(data), MONTHS)

    assert result.window_gap is not None
    assert result.window_gap >= 0


@given(places, st.randoms())
def test_the_result_does_not_depend_on_the_order_neighbourhoods_are_given(
    data: dict, rnd: object
) -> None:
    items = list(data.items())
    rnd.shuffle(items)  # type: ignore[attr-defined]

    first = hotspots.hotspots(*split(data), MONTHS)
    again = hotspots.hotspots(*split(dict(items)), MONTHS)

    assert first == again


@given(places, st.integers(min_value=2, max_value=5))
def test_scaling_every_count_scales_every_months_gap(data: dict, k: int) -> None:
    counts, population = split(data)
    scaled = {c: {m: n * k for m, n in months.items()} for c, months in counts.items()}

    base = hotspots.hotspots(counts, population, MONTHS)
    bigger = hotspots.hotspots(scaled, population, MONTHS)

    # Rates are Decimals to 28 significant figures: equal to far below any figure shown.
    for a, b in zip(base.months, bigger.months, strict=True):
        assert abs(b.gap - a.gap * k) < Decimal("1e-18")


@given(places)
def test_the_same_neighbourhoods_are_followed_through_every_month(data: dict) -> None:
    counts, population = split(data)
    result = hotspots.hotspots(counts, population, MONTHS)

    worst = [h.code for h in result.worst]
    for gap in result.months:
        rates = [hotspots.rate(counts[c][gap.month], population[c]) for c in worst]
        assert gap.worst_mean == sum(rates, Decimal(0)) / len(rates)


def test_neighbourhoods_without_a_population_take_no_part() -> None:
    counts = {"E01000001": {"2019-01": 50}, "E01000002": {"2019-01": 1}}

    result = hotspots.hotspots(counts, {"E01000001": None, "E01000002": 1000}, ["2019-01"])

    assert [h.code for h in result.worst] == ["E01000002"]
    assert result.compared == 1


def test_a_gap_that_shrinks_from_first_to_last_month_is_narrowing() -> None:
    gaps = [
        hotspots.MonthGap("2019-01", Decimal(9), Decimal(1)),
        hotspots.MonthGap("2019-02", Decimal(5), Decimal(1)),
    ]

    assert hotspots.direction(gaps) == "narrowing"
    assert hotspots.direction(gaps[::-1]) == "widening"
    assert hotspots.direction(gaps[:1]) == "not yet measurable"
