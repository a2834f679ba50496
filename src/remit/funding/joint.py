"""When the decision makers of a joint fund have determined a bid, and what they determined.

Plain rules, no database: each decision maker records their own decision, and the fund's rule
says when those decisions make the determination.

- ``all``: every decision maker decides. If they all agree — the same outcome and the same
  amount in each year — that is the determination. If they do not, the bid is not funded and
  the determination is marked as not agreed: money is awarded only on a joint decision.
- ``any``: the first decision recorded is the determination.
- ``lead``: the lead decision maker's decision is the determination; the others may record
  theirs before it, for the record, but do not make it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field

ALL, ANY, LEAD = "all", "any", "lead"
NOT_FUNDED = "do_not_fund"


@dataclass(frozen=True)
class Said:
    """One decision maker's decision."""

    person: int
    outcome: str
    amount_pence: int | None = None
    amounts: dict[str, int] = field(default_factory=dict)

    def same_as(self, other: Said) -> bool:
        return (
            self.outcome == other.outcome
            and self.amount_pence == other.amount_pence
            and (self.amounts or {}) == (other.amounts or {})
        )


@dataclass(frozen=True)
class Made:
    """The determination the decisions make."""

    outcome: str
    amount_pence: int | None
    amounts: dict[str, int]
    agreed: bool
    decided_by: int


def _rule(rule: str, lead: int | None) -> str:
    """Without a lead decision maker the lead rule cannot be met: everyone must agree."""
    return ALL if rule == LEAD and lead is None else rule


def awaited(rule: str, lead: int | None, makers: Sequence[int], said: Sequence[Said]) -> list[int]:
    """The decision makers whose decision the rule still waits for, in the fund's order."""
    rule = _rule(rule, lead)
    decided = {s.person for s in said}
    if rule == ANY:
        return [] if decided & set(makers) else list(makers)
    if rule == LEAD and lead is not None:
        return [] if lead in decided else [lead]
    return [person for person in makers if person not in decided]


def determination(
    rule: str, lead: int | None, makers: Sequence[int], said: Sequence[Said]
) -> Made | None:
    """The determination, once the rule is satisfied; None while decisions are awaited."""
    rule = _rule(rule, lead)
    counted = [s for s in said if s.person in makers]
    if not makers or awaited(rule, lead, makers, counted):
        return None
    if rule == ANY:
        first = counted[0]
        return Made(first.outcome, first.amount_pence, dict(first.amounts), True, first.person)
    if rule == LEAD:
        chosen = next(s for s in counted if s.person == lead)
        return Made(chosen.outcome, chosen.amount_pence, dict(chosen.amounts), True, chosen.person)
    signer = lead if lead is not None and lead in makers else makers[0]
    first = counted[0]
    if all(s.same_as(first) for s in counted):
        return Made(first.outcome, first.amount_pence, dict(first.amounts), True, signer)
    return Made(NOT_FUNDED, None, {}, False, signer)
