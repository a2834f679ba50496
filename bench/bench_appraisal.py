"""Green Book engine speed against plain numpy computing the same discounted sums.

1,000 options of 60 years each (seeded random flows, optimism bias and additionality) go
through `appraise`, and numpy computes the same present values in floats, the two in turns
(`turns.py`). Prints both times, their ratio and the largest difference, and exits non-zero
if any figure differs by a penny.

    .venv/bin/python bench/bench_appraisal.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from dataclasses import dataclass
from decimal import ROUND_HALF_UP
from decimal import Decimal

import numpy as np
from numpy.typing import NDArray
from turns import in_turns

from remit.appraisal.greenbook import STPR_SCHEDULES
from remit.appraisal.greenbook import Additionality
from remit.appraisal.greenbook import Appraisal
from remit.appraisal.greenbook import BenefitLine
from remit.appraisal.greenbook import Case
from remit.appraisal.greenbook import DiscountSchedule
from remit.appraisal.greenbook import OptimismBias
from remit.appraisal.greenbook import Option
from remit.appraisal.greenbook import appraise
from remit.appraisal.greenbook import discount_factors
from remit.appraisal.greenbook import round_money

OPTIONS = 1000
YEARS = 60
BENEFIT_LINES = 2
BASE_YEAR = 2025
SEED = 20250401
RUNS = 5
SCHEDULE = DiscountSchedule.STANDARD


@dataclass
class Inputs:
    """The same random case twice: as engine dataclasses and as float arrays."""

    case: Case
    capital: NDArray[np.float64]
    revenue: NDArray[np.float64]
    benefits: NDArray[np.float64]
    uplifts: NDArray[np.float64]
    shares: NDArray[np.float64]


def _pence(rng: random.Random, high_pounds: int, count: int) -> list[int]:
    return [rng.randrange(0, high_pounds * 100) for _ in range(count)]


def _percent(rng: random.Random, high: int) -> int:
    return rng.randrange(0, high + 1)


def build_inputs() -> Inputs:
    rng = random.Random(SEED)
    years = range(BASE_YEAR, BASE_YEAR + YEARS)
    capital = np.zeros((OPTIONS, YEARS))
    revenue = np.zeros((OPTIONS, YEARS))
    benefits = np.zeros((OPTIONS, BENEFIT_LINES, YEARS))
    uplifts = np.zeros((OPTIONS, 2))
    shares = np.zeros((OPTIONS, BENEFIT_LINES))
    options = []
    for index in range(OPTIONS):
        capital_pence = _pence(rng, 400_000, YEARS)
        revenue_pence = _pence(rng, 2_000_000, YEARS)
        capital[index] = np.array(capital_pence) / 100
        revenue[index] = np.array(revenue_pence) / 100
        bias_percent = (_percent(rng, 66), _percent(rng, 20))
        mitigation_percent = _percent(rng, 100)
        bias = OptimismBias(
            capital=Decimal(bias_percent[0]) / 100,
            revenue=Decimal(bias_percent[1]) / 100,
            mitigation=Decimal(mitigation_percent) / 100,
        )
        uplifts[index] = np.array(bias_percent) / 100 * (1 - mitigation_percent / 100)
        lines = []
        for line in range(BENEFIT_LINES):
            line_pence = _pence(rng, 3_000_000, YEARS)
            benefits[index, line] = np.array(line_pence) / 100
            adjust = [_percent(rng, 40) for _ in range(4)]
            additionality = Additionality(*(Decimal(percent) / 100 for percent in adjust))
            shares[index, line] = float(np.prod([1 - percent / 100 for percent in adjust]))
            flows = {year: Decimal(p) / 100 for year, p in zip(years, line_pence, strict=True)}
            lines.append(BenefitLine(f"benefit {line + 1}", flows, additionality))
        options.append(
            Option(
                name=f"Option {index}",
                counterfactual=index == 0,
                capital={y: Decimal(p) / 100 for y, p in zip(years, capital_pence, strict=True)},
                revenue={y: Decimal(p) / 100 for y, p in zip(years, revenue_pence, strict=True)},
                benefits=tuple(lines),
                optimism_bias=bias,
            )
        )
    case = Case(base_year=BASE_YEAR, options=tuple(options), discount=SCHEDULE)
    return Inputs(case, capital, revenue, benefits, uplifts, shares)


def numpy_present_values(inputs: Inputs) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    schedule = STPR_SCHEDULES[SCHEDULE]
    rates = np.array([float(schedule.rate(year)) for year in range(1, YEARS)])
    factors = np.concatenate(([1.0], np.cumprod(1.0 / (1.0 + rates))))
    costs = inputs.capital * (1 + inputs.uplifts[:, :1]) + inputs.revenue * (
        1 + inputs.uplifts[:, 1:]
    )
    net = (inputs.benefits * inputs.shares[:, :, None]).sum(axis=1)
    return costs @ factors, net @ factors


def engine_present_values(inputs: Inputs) -> Appraisal:
    discount_factors.cache_clear()
    return appraise(inputs.case)


def _penny(value: float) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def compare(appraisal: Appraisal, pvc: NDArray[np.float64], pvb: NDArray[np.float64]) -> int:
    """Print the largest difference; return how many figures differ once rounded to pence."""
    mismatches = 0
    largest = 0.0
    for option, costs, benefits in zip(appraisal.options, pvc, pvb, strict=True):
        pairs = (
            (option.pv_costs, float(costs)),
            (option.pv_benefits, float(benefits)),
            (option.npsv, float(benefits - costs)),
        )
        for exact, approximate in pairs:
            largest = max(largest, abs(float(exact) - approximate))
            mismatches += round_money(exact) != _penny(approximate)
    print(f"largest difference engine vs numpy: £{largest:.2e}; penny mismatches: {mismatches}")
    return mismatches


def main() -> int:
    build_start = time.perf_counter()
    inputs = build_inputs()
    print(f"built {OPTIONS} options x {YEARS} years in {time.perf_counter() - build_start:.2f} s")
    times, results = in_turns(
        {
            "engine": lambda: engine_present_values(inputs),
            "numpy": lambda: numpy_present_values(inputs),
        },
        RUNS,
    )
    engine_seconds, numpy_seconds = (statistics.median(times[n]) for n in ("engine", "numpy"))
    appraisal, arrays = results["engine"], results["numpy"]
    print(f"{'method':<28}{'median seconds':>16}{'runs':>6}")
    print(f"{'engine (Decimal, prec 40)':<28}{engine_seconds:>16.4f}{RUNS:>6}")
    print(f"{'numpy (float64)':<28}{numpy_seconds:>16.6f}{RUNS:>6}")
    print(f"ratio engine / numpy: {engine_seconds / numpy_seconds:,.0f}x")
    return 1 if compare(appraisal, *arrays) else 0


if __name__ == "__main__":
    sys.exit(main())
