"""The suggested package of bids: optimal within the budget and every area envelope."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from property_examples import examples
from remit.funding.package import Bid
from remit.funding.package import Package
from remit.funding.package import PackageError
from remit.funding.package import greedy_package
from remit.funding.package import pounds
from remit.funding.package import suggest_package

AREAS = ("E08000025", "E08000026", "E08000027")
SETTINGS = examples(60)


@st.composite
def instances(draw: st.DrawFn, max_bids: int = 10) -> tuple[list[Bid], int, dict[str, int]]:
    count = draw(st.integers(0, max_bids))
    bids = [
        Bid(
            id=f"B{index:03d}",
            area=draw(st.sampled_from(AREAS)),
            amount=draw(st.integers(1, 5_000)) * 100,
            score=Decimal(draw(st.integers(0, 1_000))).scaleb(-1),
        )
        for index in range(count)
    ]
    budget = draw(st.integers(0, 20_000)) * 100
    envelopes = {
        area: draw(st.integers(0, 10_000)) * 100
        for area in draw(st.lists(st.sampled_from(AREAS), unique=True))
    }
    return bids, budget, envelopes


def within_limits(package: Package, budget: int, envelopes: dict[str, int]) -> bool:
    over = any(package.area_spend[area] > limit for area, limit in envelopes.items())
    return package.total_amount <= budget and not over


def best_by_exhaustive_search(bids: list[Bid], budget: int, envelopes: dict[str, int]) -> Decimal:
    best = Decimal(0)
    for size in range(len(bids) + 1):
        for subset in itertools.combinations(bids, size):
            spend: dict[str, int] = {}
            for bid in subset:
                spend[bid.area] = spend.get(bid.area, 0) + bid.amount
            fits = all(spend.get(area, 0) <= limit for area, limit in envelopes.items())
            if fits and sum(bid.amount for bid in subset) <= budget:
                best = max(best, sum((Decimal(bid.score) for bid in subset), Decimal(0)))
    return best


@SETTINGS
@given(instances())
def test_optimal_package_scores_at_least_as_much_as_greedy(
    instance: tuple[list[Bid], int, dict[str, int]],
) -> None:
    bids, budget, envelopes = instance
    optimal = suggest_package(bids, budget, envelopes)
    greedy = greedy_package(bids, budget, envelopes)
    assert optimal.total_score >= greedy.total_score


@SETTINGS
@given(instances(max_bids=8))
def test_optimal_package_matches_exhaustive_search(
    instance: tuple[list[Bid], int, dict[str, int]],
) -> None:
    bids, budget, envelopes = instance
    assert suggest_package(bids, budget, envelopes).total_score == best_by_exhaustive_search(
        bids, budget, envelopes
    )


@SETTINGS
@given(instances())
def test_both_packages_keep_within_the_budget_and_every_envelope(
    instance: tuple[list[Bid], int, dict[str, int]],
) -> None:
    bids, budget, envelopes = instance
    for package in (
        suggest_package(bids, budget, envelopes),
        greedy_package(bids, budget, envelopes),
    ):
        assert within_limits(package, budget, envelopes)
        chosen = [bid for bid in bids if bid.id in package.chosen]
        assert package.total_amount == sum(bid.amount for bid in chosen)
        assert set(package.chosen) | set(package.excluded) == {bid.id for bid in bids}
        assert not set(package.chosen) & set(package.excluded)


def test_greedy_is_beaten_where_the_best_value_bid_blocks_two_good_ones() -> None:
    bids = [
        Bid("A", "E08000025", amount=6_000_00, score=61),
        Bid("B", "E08000025", amount=5_000_00, score=50),
        Bid("C", "E08000026", amount=5_000_00, score=50),
    ]
    greedy = greedy_package(bids, budget=10_000_00)
    optimal = suggest_package(bids, budget=10_000_00)
    assert greedy.chosen == ("A",)
    assert greedy.total_score == 61
    assert optimal.chosen == ("B", "C")
    assert optimal.total_score == 100
    assert optimal.total_amount == 10_000_00
    assert optimal.excluded == {
        "A": "lower score than the chosen alternatives; "
        "budget exhausted: £0.00 left, it needs £6,000.00"
    }


def test_envelope_shortfall_is_named_in_pounds() -> None:
    bids = [
        Bid("A", "E08000025", amount=50_000_00, score=90),
        Bid("B", "E08000025", amount=20_345_00, score=10),
    ]
    package = suggest_package(bids, budget=100_000_00, envelopes={"E08000025": 58_000_00})
    assert package.chosen == ("A",)
    assert package.excluded["B"] == (
        "lower score than the chosen alternatives; "
        "area envelope E08000025 would be exceeded by £12,345.00"
    )
    assert package.area_spend == {"E08000025": 50_000_00}


def test_bid_larger_than_its_whole_envelope_or_budget_is_never_funded() -> None:
    bids = [
        Bid("A", "E08000025", amount=700_00, score=99),
        Bid("B", "E08000026", amount=2_000_00, score=99),
        Bid("C", "E08000027", amount=100_00, score=1),
    ]
    for package in (
        suggest_package(bids, 1_000_00, {"E08000025": 500_00}),
        greedy_package(bids, 1_000_00, {"E08000025": 500_00}),
    ):
        assert package.chosen == ("C",)
        assert package.excluded == {
            "A": "costs £700.00, more than the whole area envelope E08000025 (£500.00)",
            "B": "costs £2,000.00, more than the whole budget (£1,000.00)",
        }


def test_zero_score_bids_are_not_funded_even_when_money_is_left() -> None:
    bids = [Bid("A", "E08000025", 100, Decimal(0)), Bid("B", "E08000025", 100, Decimal(1))]
    for package in (suggest_package(bids, 10_000), greedy_package(bids, 10_000)):
        assert package.chosen == ("B",)
        assert package.excluded == {"A": "scores zero, so funding it adds nothing"}


def test_area_without_an_envelope_is_held_by_the_budget_alone() -> None:
    bids = [Bid("A", "E08000025", 600, 5), Bid("B", "E08000026", 600, 4)]
    package = suggest_package(bids, 1_200, envelopes={"E08000025": 600})
    assert package.chosen == ("A", "B")
    assert package.area_spend == {"E08000025": 600, "E08000026": 600}


def test_empty_input_gives_an_empty_package() -> None:
    for package in (suggest_package([], 1_000, {"E08000025": 500}), greedy_package([], 0)):
        assert package.chosen == ()
        assert package.total_score == 0
        assert package.total_amount == 0
        assert package.excluded == {}
    assert suggest_package([], 1_000, {"E08000025": 500}).area_spend == {"E08000025": 0}


def test_the_order_bids_arrive_in_does_not_change_the_package() -> None:
    bids = [
        Bid(f"B{index}", AREAS[index % 3], 100 * (index % 4 + 1), index % 5) for index in range(12)
    ]
    first = suggest_package(bids, 1_000, {"E08000025": 300})
    second = suggest_package(list(reversed(bids)), 1_000, {"E08000025": 300})
    assert first == second


def test_greedy_ties_go_to_the_lower_bid_id() -> None:
    bids = [Bid("B", "E08000025", 100, 1), Bid("A", "E08000025", 100, 1)]
    assert greedy_package(bids, 100).chosen == ("A",)
    assert greedy_package(bids, 100).excluded == {
        "B": "lower score per pound than the bids chosen before it; "
        "budget exhausted: £0.00 left, it needs £1.00"
    }


@pytest.mark.parametrize(
    ("bids", "budget", "envelopes", "path", "message"),
    [
        pytest.param([], -1, {}, "budget", "must be whole pence, not negative", id="budget"),
        pytest.param(
            [], 100, {"E1": 1.5}, "envelopes.E1", "must be whole pence, not negative", id="envelope"
        ),
        pytest.param(
            [Bid("A", "E1", 0, 1)],
            100,
            {},
            "bids[0].amount",
            "must be whole pence, more than zero",
            id="zero amount",
        ),
        pytest.param(
            [Bid("A", "E1", 1, 1), Bid("A", "E1", 1, 1)],
            100,
            {},
            "bids[1].id",
            "duplicate bid id A (also bids[0])",
            id="duplicate id",
        ),
        pytest.param(
            [Bid("A", "E1", 1, Decimal(-1))],
            100,
            {},
            "bids[0].score",
            "must be a finite number, not negative",
            id="negative score",
        ),
        pytest.param(
            [Bid("A", "E1", 1, 0.5)],  # type: ignore[arg-type]
            100,
            {},
            "bids[0].score",
            "must be a Decimal or an integer",
            id="float score",
        ),
    ],
)
def test_bad_bids_raise_a_located_error(
    bids: list[Bid], budget: int, envelopes: dict[str, int], path: str, message: str
) -> None:
    for solve in (suggest_package, greedy_package):
        with pytest.raises(PackageError) as caught:
            solve(bids, budget, envelopes)
        assert (caught.value.path, caught.value.message) == (path, message)


def test_pounds_are_written_with_thousands_and_pence() -> None:
    assert pounds(1_234_500) == "£12,345.00"
    assert pounds(-5) == "-£0.05"
