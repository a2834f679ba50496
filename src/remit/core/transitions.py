"""One guard over every app's literal transition table.

Each app's `workflow.py` keeps its states and a table `{state: states it may become}`; a
service asks `check` before it changes a status, views ask `targets` which moves to offer,
and the transition-matrix tests read the same tables. Plain Python, so every rule is tested
without a database.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Collection
from collections.abc import Mapping
from typing import Any

from remit.core.errors import DomainError

Table = Mapping[Any, Collection[str]]
REFUSAL = "A {what} that is {current} cannot become {target}."


class TransitionRefused(DomainError):
    """A move the table does not allow."""


def allowed(table: Table, current: str, target: str) -> bool:
    return target in table.get(current, ())


def targets(table: Table, current: str) -> list[str]:
    """The states `current` may become, in the order the states are declared."""
    moves = table.get(current, ())
    return [state for state in table if state in moves]


def label(labels: Callable[[str], Any] | Mapping[str, str], value: str) -> str:
    """The state's name as a page shows it, in lower case; an unknown value is shown as given."""
    try:
        named = labels[value] if isinstance(labels, Mapping) else labels(value)
    except (KeyError, ValueError):
        return str(value)
    return str(getattr(named, "label", named)).lower()


def check(
    table: Table,
    current: str,
    target: str,
    labels: Callable[[str], Any] | Mapping[str, str],
    what: str,
    *,
    field: str = "status",
    refusal: str = REFUSAL,
) -> None:
    """Refuse a move the table does not allow, naming the record and both states."""
    if not allowed(table, current, target):
        message = refusal.format(
            what=what, current=label(labels, current), target=label(labels, target)
        )
        raise TransitionRefused(message, field=field)
