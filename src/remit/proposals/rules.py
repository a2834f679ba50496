"""Plain rules over plain values: financial years, mission coverage, impact screening.

Nothing here imports Django, so the coverage matrix and the exports compute the same
numbers from the same code, and the rules are tested without a database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass

from remit.core.errors import DomainError

_FINANCIAL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]")

PRIMARY = "primary"
SECONDARY = "secondary"

# The nine protected characteristics of the Equality Act 2010, section 4.
PROTECTED_CHARACTERISTICS: tuple[tuple[str, str], ...] = (
    ("age", "Age"),
    ("disability", "Disability"),
    ("gender_reassignment", "Gender reassignment"),
    ("marriage_civil_partnership", "Marriage and civil partnership"),
    ("pregnancy_maternity", "Pregnancy and maternity"),
    ("race", "Race"),
    ("religion_belief", "Religion or belief"),
    ("sex", "Sex"),
    ("sexual_orientation", "Sexual orientation"),
)

# Groups a health impact assessment looks at beyond the protected characteristics.
HEALTH_GROUPS: tuple[tuple[str, str], ...] = (
    ("deprived_areas", "People living in the most deprived areas"),
    ("low_income", "People on low incomes"),
    ("long_term_conditions", "People with long-term health conditions"),
    ("mental_health", "People with mental ill health"),
    ("carers", "Carers"),
    ("homeless", "People experiencing homelessness"),
    ("justice_contact", "People in contact with the criminal justice system"),
    ("victims", "Victims and survivors of crime"),
)

EFFECTS: tuple[tuple[str, str], ...] = (
    ("positive", "Positive"),
    ("negative", "Negative"),
    ("neutral", "Neutral"),
)

GROUP_LABELS = dict(PROTECTED_CHARACTERISTICS + HEALTH_GROUPS)


def financial_year_start(text: str, *, field: str) -> int:
    """The calendar year a financial year such as 2023/24 starts in."""
    match = _FINANCIAL_YEAR.match(text.strip())
    if not match:
        raise DomainError("Write the financial year as 2023/24.", field=field)
    start, end = int(match.group(1)), int(match.group(2))
    if (start + 1) % 100 != end:
        raise DomainError(f"{text} is not a financial year: 2023/24 runs into 2024.", field=field)
    return start


def check_years(first: str, last: str) -> None:
    """Both years or neither; the first no later than the last."""
    if bool(first) != bool(last):
        missing = "years_to" if first else "years_from"
        raise DomainError("Give the first and the last financial year, or neither.", field=missing)
    if first and financial_year_start(first, field="years_from") > financial_year_start(
        last, field="years_to"
    ):
        raise DomainError("The last year cannot come before the first.", field="years_to")


def check_ready_for_forums(
    *, ask_type: str, amount_pence: int | None, years_from: str, powers_asked: str
) -> None:
    """A forum needs to see what is asked for: the money and its years, the powers, or both."""
    if ask_type in ("funding", "both"):
        if amount_pence is None:
            raise DomainError("Give the amount asked for before it goes to a forum.", "amount")
        if not years_from:
            raise DomainError("Give the years the funding covers.", field="years_from")
    if ask_type in ("powers", "both") and not powers_asked.strip():
        raise DomainError(
            "Describe the powers asked for before it goes to a forum.", "powers_asked"
        )


def check_rationale(text: str) -> None:
    """A rationale is one sentence: the alignment table reads as a list, not an essay."""
    if not text.strip():
        raise DomainError("Say in one sentence how it serves the mission.", field="rationale")
    if _SENTENCE_BREAK.search(text.strip()):
        raise DomainError("Keep the rationale to one sentence.", field="rationale")


@dataclass(frozen=True)
class Alignment:
    proposal: int
    mission: int
    strength: str


@dataclass(frozen=True)
class MissionCoverage:
    mission: int
    primary: int
    secondary: int

    @property
    def served(self) -> bool:
        return self.primary + self.secondary > 0


def coverage(missions: Sequence[int], alignments: Iterable[Alignment]) -> list[MissionCoverage]:
    """How many proposals serve each mission, primarily or secondarily, in mission order."""
    counts = {number: [0, 0] for number in missions}
    for a in alignments:
        if a.mission in counts:
            counts[a.mission][0 if a.strength == PRIMARY else 1] += 1
    return [MissionCoverage(n, p, s) for n, (p, s) in counts.items()]


def check_screening(ratings: Mapping[str, str], mitigations: str) -> None:
    """Every rated group is a known one with a known effect; a negative effect needs mitigation."""
    effects = {key for key, _ in EFFECTS}
    for group, effect in ratings.items():
        if group not in GROUP_LABELS:
            raise DomainError(f"Unknown group {group!r}.", field="ratings")
        if effect not in effects:
            raise DomainError(
                f"{GROUP_LABELS[group]}: choose positive, negative or neutral.", field=group
            )
    if "negative" in ratings.values() and not mitigations.strip():
        raise DomainError("Say how the negative effects will be mitigated.", field="mitigations")
