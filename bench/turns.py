"""Timing a benchmark's runs in turns, so a slow spell of the machine falls on every run
alike rather than on whichever happened to be running then.

Each run is made once untimed (imports, caches), then once a round, the order alternating
from one round to the next.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def in_turns(
    runs: dict[str, Callable[[], T]], rounds: int
) -> tuple[dict[str, list[float]], dict[str, T]]:
    """Seconds each run took in each round, and what each returned last."""
    results = {name: run() for name, run in runs.items()}
    times: dict[str, list[float]] = {name: [] for name in runs}
    names = list(runs)
    for number in range(rounds):
        for name in names if number % 2 == 0 else names[::-1]:
            start = time.perf_counter()
            results[name] = runs[name]()
            times[name].append(time.perf_counter() - start)
    return times, results
