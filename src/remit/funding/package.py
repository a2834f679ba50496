"""The suggested package: which bids to fund, each in full or not at all.

The best package is a 0-1 knapsack with one row for the budget and one per
area envelope, solved exactly as an integer programme. The greedy package (best
score per pound first) is the baseline it is measured against.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any
from typing import Literal

import numpy as np
from scipy.optimize import Bounds  # type: ignore[import-untyped,unused-ignore]
from scipy.optimize import LinearConstraint  # type: ignore[import-untyped,unused-ignore]
from scipy.optimize import milp  # type: ignore[import-untyped,unused-ignore]

from remit.core.errors import PathError

SOLVER_ATTEMPTS = 3

Method = Literal["optimal", "greedy"]


class PackageError(PathError):
    """Bad bids, budget or envelopes, located by a path such as ``bids[2].amount``."""


class SolverError(RuntimeError):
    """The integer programme solver failed on input that was valid."""


@dataclass(frozen=True)
class Bid:
    """A bid as assessed: what it asks for, in pence, and what it scored."""

    id: str
    area: str
    amount: int
    score: Decimal | int


@dataclass(frozen=True)
class Package:
    """The bids to fund, what they cost, and why every other bid is left out."""

    method: Method
    chosen: tuple[str, ...]
    total_score: Decimal
    total_amount: int
    area_spend: Mapping[str, int]
    excluded: Mapping[str, str]


def pounds(pence: int) -> str:
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}£{whole:,}.{part:02d}"


def _is_pence(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check(bids: Sequence[Bid], budget: int, envelopes: Mapping[str, int]) -> None:
    if not _is_pence(budget) or budget < 0:
        raise PackageError("must be whole pence, not negative", "budget")
    for area, envelope in envelopes.items():
        if not _is_pence(envelope) or envelope < 0:
            raise PackageError("must be whole pence, not negative", f"envelopes.{area}")
    seen: dict[str, int] = {}
    for index, bid in enumerate(bids):
        path = f"bids[{index}]"
        if not isinstance(bid.id, str) or not bid.id:
            raise PackageError("must be text that is not empty", f"{path}.id")
        if bid.id in seen:
            raise PackageError(
                f"duplicate bid id {bid.id} (also bids[{seen[bid.id]}])", f"{path}.id"
            )
        seen[bid.id] = index
        if not _is_pence(bid.amount) or bid.amount <= 0:
            raise PackageError("must be whole pence, more than zero", f"{path}.amount")
        score = bid.score
        if isinstance(score, bool) or not isinstance(score, Decimal | int):
            raise PackageError("must be a Decimal or an integer", f"{path}.score")
        if not Decimal(score).is_finite() or score < 0:
            raise PackageError("must be a finite number, not negative", f"{path}.score")


def _fits_alone(bid: Bid, budget: int, envelopes: Mapping[str, int]) -> bool:
    envelope = envelopes.get(bid.area)
    return bid.amount <= budget and (envelope is None or bid.amount <= envelope)


def _spend(chosen: Sequence[Bid], envelopes: Mapping[str, int]) -> dict[str, int]:
    spend = dict.fromkeys(envelopes, 0)
    for bid in chosen:
        spend[bid.area] = spend.get(bid.area, 0) + bid.amount
    return dict(sorted(spend.items()))


def _reason(
    bid: Bid,
    method: Method,
    budget: int,
    envelopes: Mapping[str, int],
    spend: Mapping[str, int],
    spent: int,
) -> str:
    envelope = envelopes.get(bid.area)
    if bid.score == 0:
        return "scores zero, so funding it adds nothing"
    if envelope is not None and bid.amount > envelope:
        return (
            f"costs {pounds(bid.amount)}, more than the whole area envelope "
            f"{bid.area} ({pounds(envelope)})"
        )
    if bid.amount > budget:
        return f"costs {pounds(bid.amount)}, more than the whole budget ({pounds(budget)})"
    lost = (
        "lower score than the chosen alternatives"
        if method == "optimal"
        else "lower score per pound than the bids chosen before it"
    )
    parts = [lost]
    if envelope is not None and spend.get(bid.area, 0) + bid.amount > envelope:
        over = spend.get(bid.area, 0) + bid.amount - envelope
        parts.append(f"area envelope {bid.area} would be exceeded by {pounds(over)}")
    if spent + bid.amount > budget:
        parts.append(
            f"budget exhausted: {pounds(budget - spent)} left, it needs {pounds(bid.amount)}"
        )
    return "; ".join(parts)


def _package(
    method: Method,
    bids: Sequence[Bid],
    chosen: Sequence[Bid],
    budget: int,
    envelopes: Mapping[str, int],
) -> Package:
    chosen_ids = {bid.id for bid in chosen}
    spend = _spend(chosen, envelopes)
    spent = sum(bid.amount for bid in chosen)
    excluded = {
        bid.id: _reason(bid, method, budget, envelopes, spend, spent)
        for bid in sorted(bids, key=lambda bid: bid.id)
        if bid.id not in chosen_ids
    }
    return Package(
        method=method,
        chosen=tuple(sorted(chosen_ids)),
        total_score=sum((Decimal(bid.score) for bid in chosen), Decimal(0)),
        total_amount=spent,
        area_spend=spend,
        excluded=excluded,
    )


def _over_limits(chosen: Sequence[Bid], budget: int, envelopes: Mapping[str, int]) -> bool:
    spend = _spend(chosen, envelopes)
    over_envelope = any(spend[area] > limit for area, limit in envelopes.items())
    return over_envelope or sum(bid.amount for bid in chosen) > budget


def _solve(candidates: Sequence[Bid], budget: int, envelopes: Mapping[str, int]) -> list[Bid]:
    """Solve the integer programme; tighten a limit and solve again if rounding broke it."""
    areas = sorted({bid.area for bid in candidates if bid.area in envelopes})
    rows = np.zeros((1 + len(areas), len(candidates)))
    rows[0] = [bid.amount for bid in candidates]
    for row, area in enumerate(areas, start=1):
        rows[row] = [bid.amount if bid.area == area else 0 for bid in candidates]
    limits = np.array([budget] + [envelopes[area] for area in areas], dtype=float)
    scores = np.array([-float(bid.score) for bid in candidates])
    for _ in range(SOLVER_ATTEMPTS):
        result = milp(
            scores,
            constraints=LinearConstraint(rows, -np.inf, limits),
            integrality=np.ones(len(candidates)),
            bounds=Bounds(0, 1),
            options={"mip_rel_gap": 0.0},
        )
        if result.x is None:
            raise SolverError(f"the integer programme was not solved: {result.message}")
        picked = result.x > 0.5
        chosen = [bid for bid, take in zip(candidates, picked, strict=True) if take]
        if not _over_limits(chosen, budget, envelopes):
            return chosen
        overshoot = rows @ picked
        limits = np.where(overshoot > limits, 2 * limits - overshoot - 1, limits)
    raise SolverError("the integer programme kept breaking its limits by rounding")


def suggest_package(
    bids: Sequence[Bid], budget: int, envelopes: Mapping[str, int] | None = None
) -> Package:
    """The set of bids with the highest total score within the budget and every envelope.

    Areas without an envelope are held by the budget alone. Bids are taken in id
    order, so the same bids always give the same package.
    """
    envelopes = {} if envelopes is None else dict(envelopes)
    _check(bids, budget, envelopes)
    candidates = sorted(
        (bid for bid in bids if bid.score > 0 and _fits_alone(bid, budget, envelopes)),
        key=lambda bid: bid.id,
    )
    chosen = _solve(candidates, budget, envelopes) if candidates else []
    return _package("optimal", bids, chosen, budget, envelopes)


def greedy_package(
    bids: Sequence[Bid], budget: int, envelopes: Mapping[str, int] | None = None
) -> Package:
    """Best score per pound first, taking each bid that still fits; ties go by bid id."""
    envelopes = {} if envelopes is None else dict(envelopes)
    _check(bids, budget, envelopes)
    order = sorted(
        (bid for bid in bids if bid.score > 0),
        key=lambda bid: (-Fraction(bid.score) / bid.amount, bid.id),
    )
    spend: dict[str, int] = {}
    spent = 0
    chosen: list[Bid] = []
    for bid in order:
        area_spent = spend.get(bid.area, 0) + bid.amount
        envelope = envelopes.get(bid.area)
        if spent + bid.amount <= budget and (envelope is None or area_spent <= envelope):
            chosen.append(bid)
            spend[bid.area] = area_spent
            spent += bid.amount
    return _package("greedy", bids, chosen, budget, envelopes)


# A solution kept for later is written as JSON; the format's number is part of its key, so a
# change here never reads a solution written in an older shape.
SOLUTION_FORMAT = 1


def problem_key(
    bids: Sequence[Bid], budget: int, envelopes: Mapping[str, int] | None
) -> tuple[object, ...]:
    """Everything the solution depends on, in a stable order: equal keys, equal packages."""
    return (
        SOLUTION_FORMAT,
        budget,
        tuple(sorted((envelopes or {}).items())),
        tuple(sorted((bid.id, bid.area, bid.amount, str(bid.score)) for bid in bids)),
    )


def package_json(found: Package) -> dict[str, object]:
    return {
        "method": found.method,
        "chosen": list(found.chosen),
        "total_score": str(found.total_score),
        "total_amount": found.total_amount,
        "area_spend": dict(found.area_spend),
        "excluded": dict(found.excluded),
    }


def package_from_json(data: Mapping[str, Any]) -> Package:
    return Package(
        method=data["method"],
        chosen=tuple(data["chosen"]),
        total_score=Decimal(data["total_score"]),
        total_amount=int(data["total_amount"]),
        area_spend={str(k): int(v) for k, v in data["area_spend"].items()},
        excluded={str(k): str(v) for k, v in data["excluded"].items()},
    )
