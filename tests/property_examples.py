"""How many examples a property test tries, scaled by the hypothesis profile in use.

A test states its count for an ordinary run (the "dev" and "ci" profiles, 100 examples as
the base); the "explore" profile multiplies every count, so a wide local run widens them all.
"""

from __future__ import annotations

from hypothesis import settings

BASE = 100


def examples(count: int) -> settings:
    """Settings that try ``count`` examples in an ordinary run, more under "explore"."""
    return settings(max_examples=max(1, count * settings.default.max_examples // BASE))
