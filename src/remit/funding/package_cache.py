"""The suggested package, solved once per change of what it is solved from.

Solving the integer programme for a round of two thousand bids takes about a second, and the
bids, scores and envelopes it is solved from change far less often than the page is viewed.
The solution is kept in the open data file cache under the problem's own key (every bid's
area, amount and score, the budget and the envelopes), so a changed score, bid or envelope
is a new key and is solved afresh; nothing has to remember to clear it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from collections.abc import Sequence
from typing import BinaryIO

from remit.core import open_data
from remit.funding import package


def suggest(
    name: str, bids: Sequence[package.Bid], budget: int, envelopes: Mapping[str, int]
) -> package.Package:
    """``package.suggest_package`` for these bids, solved only if not solved before."""

    def solve(out: BinaryIO) -> None:
        found = package.suggest_package(bids, budget, envelopes)
        out.write(json.dumps(package.package_json(found)).encode())

    kept = open_data.fetch(
        f"package-{name}.json", package.problem_key(bids, budget, envelopes), solve
    )
    try:
        text = kept.path.read_bytes()
    except FileNotFoundError:  # replaced by a newer solution since: solve this one here
        return package.suggest_package(bids, budget, envelopes)
    return package.package_from_json(json.loads(text))
