"""The allocation formula over every English district, with and without damping.

Districts and IMD 2019 average scores come from File 10 of the English Indices of
Deprivation 2019; mid-2019 populations are summed from LSOAs to districts with the
File 1 lookup and joined to File 10 on the district code. The budget is £100m,
weighted half population and half IMD average score. Last year's allocations are
the unconstrained ones moved by a deterministic -8%..+8%, and damping holds every
district within -5%..+5% of them. The baseline is the same formula without bounds; the
cases are timed in turns (`turns.py`).

Run: .venv/bin/python bench/bench_allocation.py
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import statistics
import sys
from collections import Counter
from decimal import ROUND_HALF_UP
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from turns import in_turns

from remit.funding.allocation import allocate
from remit.funding.scenario import load_scenario

DATA = Path("/work/shared/data")
FILE_10 = (
    DATA / "imd2019" / "File_10_-_IoD2019_Local_Authority_District_Summaries__lower-tier__.xlsx"
)
FILE_1 = DATA / "imd2019" / "File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz"
POPULATION = DATA / "ons-population" / "2019_population.csv"
BUDGET = Decimal("100000000.00")
PERTURBATION = Decimal("0.08")
DAMPING = {"floor": "-0.05", "ceiling": "0.05"}
RUNS = 15


def districts() -> list[tuple[str, str, Decimal]]:
    workbook = openpyxl.load_workbook(FILE_10, read_only=True, data_only=True)
    rows = workbook["IMD"].iter_rows(min_row=2, values_only=True)
    found = [(str(row[0]), str(row[1]), Decimal(str(row[4]))) for row in rows if row[0]]
    workbook.close()
    return found


def district_populations() -> dict[str, int]:
    with gzip.open(FILE_1, "rt", encoding="utf-8-sig", newline="") as handle:
        lookup = {
            row["LSOA code (2011)"]: row["Local Authority District code (2019)"]
            for row in csv.DictReader(handle)
        }
    populations: Counter[str] = Counter()
    with POPULATION.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            district = lookup.get(row["lsoa"])
            if district is not None:
                populations[district] += int(row["pop"].replace(",", ""))
    return dict(populations)


def nudge(code: str) -> Decimal:
    """A fixed move in -8%..+8% for each district, the same on every run."""
    digest = int.from_bytes(hashlib.sha256(code.encode()).digest()[:4], "big")
    return (Decimal(digest % 16_001) / 100_000 - PERTURBATION).quantize(Decimal("0.0001"))


def scenario_data(rows: list[dict[str, Any]], damped: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "budget": BUDGET,
        "weights": {"population": "0.5", "imd_score": "0.5"},
        "areas": rows,
    }
    if damped:
        data["damping"] = DAMPING
    return data


def main() -> int:
    listed = districts()
    populations = district_populations()
    matched = [(code, name, score) for code, name, score in listed if code in populations]
    print(
        f"IMD 2019 File 10 districts: {len(listed)}; matched to a mid-2019 population: "
        f"{len(matched)}; unmatched: {len(listed) - len(matched)}"
    )
    rows = [
        {"code": code, "name": name, "population": populations[code], "imd_score": score}
        for code, name, score in matched
    ]
    baseline_scenario = load_scenario(scenario_data(rows, damped=False))
    unconstrained = allocate(baseline_scenario)
    for row, area in zip(rows, unconstrained.areas, strict=True):
        moved = Decimal(area.formula) * (1 + nudge(row["code"]))
        row["previous"] = moved.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    damped_scenario = load_scenario(scenario_data(rows, damped=True))

    times, results = in_turns(
        {
            "baseline": lambda: allocate(baseline_scenario),
            "damped": lambda: allocate(damped_scenario),
            "loaded": lambda: allocate(load_scenario(scenario_data(rows, damped=True))),
        },
        RUNS,
    )
    baseline_times, damped_times, load_times = times["baseline"], times["damped"], times["loaded"]
    damped = results["damped"]

    bounds = Counter(area.bound.value for area in damped.areas)
    assert damped.formula == damped.pot == BUDGET
    baseline_median = statistics.median(baseline_times)
    print(
        f"budget £{BUDGET:,}; previous total £{sum(row['previous'] for row in rows):,}; "
        f"bounds applied: {dict(sorted(bounds.items()))}; scale {float(damped.scale):.6f}"
    )
    print()
    print(f"{'case':<38}{'runs':>6}{'median ms':>12}{'best ms':>10}{'ratio':>8}")
    for label, times in (
        ("baseline: formula without bounds", baseline_times),
        ("damped formula (-5%..+5%)", damped_times),
        ("damped, including load_scenario", load_times),
    ):
        median = statistics.median(times)
        print(
            f"{label:<38}{len(times):>6}{median * 1000:>12.2f}{min(times) * 1000:>10.2f}"
            f"{median / baseline_median:>8.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
