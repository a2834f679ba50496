"""The written message of a database rule, for the form field it is about.

Every ``CheckConstraint`` and ``UniqueConstraint`` in Remit carries a
``violation_error_message`` written for the person filling in the form. A
model form shows it on the field the rule is about; a service that breaks a rule
the form could not check (the database refuses the save) gets the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Iterator
from functools import cache

from django.apps import apps
from django.db import models
from django.db.models import BaseConstraint
from django.db.models import F
from django.db.models import Q

# When the database refuses a save and no rule can be named, the person is told this.
UNKNOWN_CONFLICT = (
    "The change could not be saved because it conflicts with what is already recorded. "
    "Check the details and try again."
)

_NAMED = re.compile(r'constraint failed: (\w+)|constraint "(\w+)"', re.IGNORECASE)
_SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: (.+)$")


def remit_constraints() -> Iterator[tuple[type[models.Model], BaseConstraint]]:
    """Every database rule on a Remit model, with its model."""
    for model in apps.get_models():
        if model.__module__.startswith("remit."):
            for constraint in model._meta.constraints:
                yield model, constraint


def has_written_message(constraint: BaseConstraint) -> bool:
    return constraint.violation_error_message != constraint.default_violation_error_message


@cache
def _by_name() -> dict[str, BaseConstraint]:
    return {constraint.name: constraint for _, constraint in remit_constraints()}


@cache
def _by_columns() -> dict[tuple[str, frozenset[str]], BaseConstraint]:
    found = {}
    for model, constraint in remit_constraints():
        fields = getattr(constraint, "fields", ())
        if fields:
            columns = frozenset(model._meta.get_field(name).column for name in fields)
            found[(model._meta.db_table, columns)] = constraint
    return found


def refused_save_message(error: Exception) -> str:
    """What to tell the person when the database refused a save: the rule's own message."""
    text = str(error).strip()
    for line in text.splitlines():
        unique = _SQLITE_UNIQUE.search(line)
        if unique:
            pairs = [part.strip().split(".", 1) for part in unique.group(1).split(",")]
            if all(len(pair) == 2 for pair in pairs):
                key = (pairs[0][0], frozenset(column for _, column in pairs))
                if key in _by_columns():
                    return str(_by_columns()[key].get_violation_error_message())
        for match in _NAMED.finditer(line):
            constraint = _by_name().get(match.group(1) or match.group(2) or "")
            if constraint is not None:
                return str(constraint.get_violation_error_message())
    return UNKNOWN_CONFLICT


def referenced_fields(condition: Q) -> list[str]:
    """The model fields a rule's condition names, in the order it names them."""
    names: list[str] = []
    for child in condition.children:
        if isinstance(child, Q):
            names += referenced_fields(child)
            continue
        lookup, value = child
        names.append(lookup.split("__")[0])
        if isinstance(value, F):
            names.append(value.name.split("__")[0])
    return list(dict.fromkeys(names))


def field_of(constraint: BaseConstraint, form_fields: Iterable[str], switches: set[str]) -> str:
    """The one form field a rule is about, or "" when it is about several (then its message
    goes at the top of the form). Yes/no boxes (`switches`) only turn a rule on."""
    names = list(getattr(constraint, "fields", ()))
    condition = getattr(constraint, "condition", None)
    if not names and condition is not None:
        names = referenced_fields(condition)
    shown = [name for name in names if name in set(form_fields) and name not in switches]
    return shown[0] if len(shown) == 1 else ""
