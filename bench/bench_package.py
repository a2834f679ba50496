"""The suggested package: the exact integer programme against the greedy baseline.

1,000 seeded random bids across the seven West Midlands districts, each district
with its own envelope, under the 2018/19 community safety budget of £3,863,308. The two
are timed in turns (`turns.py`).

Run: .venv/bin/python bench/bench_package.py
"""

from __future__ import annotations

import random
import statistics
import sys
from decimal import Decimal

from turns import in_turns

from remit.funding.package import Bid
from remit.funding.package import greedy_package
from remit.funding.package import pounds
from remit.funding.package import suggest_package

SEED = 2018
BIDS = 1_000
BUDGET = 3_863_308_00
DISTRICT_POPULATIONS = {
    "E08000025": 1_141_816,
    "E08000026": 371_521,
    "E08000027": 321_596,
    "E08000028": 328_450,
    "E08000029": 216_374,
    "E08000030": 285_478,
    "E08000031": 263_357,
}
ENVELOPE_MARGIN = Decimal("1.15")
RUNS = 5


def envelopes() -> dict[str, int]:
    """Each district's population share of the budget, plus a margin for local flexibility."""
    total = sum(DISTRICT_POPULATIONS.values())
    return {
        code: int(BUDGET * ENVELOPE_MARGIN * population / total)
        for code, population in DISTRICT_POPULATIONS.items()
    }


def bids() -> list[Bid]:
    rng = random.Random(SEED)
    codes = list(DISTRICT_POPULATIONS)
    weights = list(DISTRICT_POPULATIONS.values())
    return [
        Bid(
            id=f"CSF-{index:04d}",
            area=rng.choices(codes, weights)[0],
            amount=rng.randrange(5_000, 150_001) * 100,
            score=Decimal(rng.randrange(0, 1_001)).scaleb(-1),
        )
        for index in range(BIDS)
    ]


def main() -> int:
    all_bids = bids()
    limits = envelopes()
    asked = sum(bid.amount for bid in all_bids)
    print(
        f"{len(all_bids)} bids asking {pounds(asked)} in total; budget {pounds(BUDGET)}; "
        f"envelopes {pounds(sum(limits.values()))} across {len(limits)} districts"
    )
    times, packages = in_turns(
        {
            "greedy": lambda: greedy_package(all_bids, BUDGET, limits),
            "optimal": lambda: suggest_package(all_bids, BUDGET, limits),
        },
        RUNS,
    )
    (greedy_times, greedy), (optimal_times, optimal) = (
        (times[name], packages[name]) for name in ("greedy", "optimal")
    )
    greedy_median = statistics.median(greedy_times)
    print()
    print(
        f"{'method':<28}{'runs':>5}{'median ms':>11}{'best ms':>10}{'ratio':>8}"
        f"{'bids':>6}{'score':>10}{'spent':>16}"
    )
    for label, times, package in (
        ("greedy (score per pound)", greedy_times, greedy),
        ("optimal (scipy milp)", optimal_times, optimal),
    ):
        median = statistics.median(times)
        print(
            f"{label:<28}{len(times):>5}{median * 1000:>11.1f}{min(times) * 1000:>10.1f}"
            f"{median / greedy_median:>8.1f}{len(package.chosen):>6}"
            f"{package.total_score:>10}{pounds(package.total_amount):>16}"
        )
    gain = optimal.total_score - greedy.total_score
    print()
    print(
        f"optimal scores {gain} more than greedy "
        f"({gain / greedy.total_score * 100:.2f}%); time ratio optimal/greedy "
        f"{statistics.median(optimal_times) / greedy_median:.1f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
