"""Checking a pack against its JSON Schema, each failure explained in plain words."""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from remit.regions.pack.parsing import Document
from remit.regions.pack.problems import PathParts
from remit.regions.pack.terms import SCHEMA_PATH


def load_schema() -> dict[str, Any]:
    """The published JSON Schema of the pack format (a fresh copy each call)."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return validator_at(SCHEMA_PATH)


@lru_cache(maxsize=8)
def validator_at(path: Path) -> Draft202012Validator:
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping of fields",
    "null": "null",
}


def _describe(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        # YAML 1.1 reads a bare yes, no, on or off as true or false.
        return f'{str(value).lower()} (put text such as "no" or "on" in quotes)'
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    return "a mapping of fields"


def suggestion(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.7)
    return f" (did you mean '{close[0]}'?)" if close else ""


def schema_issues(
    document: Document, validator: Draft202012Validator | None = None, noun: str = "pack format"
) -> None:
    for error in (validator or _validator()).iter_errors(document.data):
        for parts, message in _explain(error, noun):
            document.add(parts, message)


def _explain(error: ValidationError, noun: str = "pack format") -> list[tuple[PathParts, str]]:
    parts: PathParts = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "additionalProperties":
        return _explain_additional(parts, error, schema, noun)
    if error.validator == "anyOf":
        return _explain_any_of(parts, error, schema, noun)
    explain = _EXPLAINERS.get(str(error.validator))
    if explain is not None:
        return explain(parts, error, schema)
    return [(parts, error.message)]


def _with_hint(message: str, schema: Mapping[str, Any]) -> str:
    hint = schema.get("x-hint")
    return f"{message}; expected {hint}" if hint else message


def _explain_required(
    parts: PathParts, error: ValidationError, schema: Mapping[str, Any]
) -> list[tuple[PathParts, str]]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    return [
        ((*parts, name), "is required") for name in error.validator_value if name not in instance
    ]


def _explain_additional(
    parts: PathParts, error: ValidationError, schema: Mapping[str, Any], noun: str
) -> list[tuple[PathParts, str]]:
    known = list(schema.get("properties", {}))
    instance = error.instance if isinstance(error.instance, dict) else {}
    return [
        ((*parts, str(key)), f"is not a field of the {noun}" + suggestion(str(key), known))
        for key in instance
        if key not in known
    ]


def _explain_any_of(
    parts: PathParts, error: ValidationError, schema: Mapping[str, Any], noun: str
) -> list[tuple[PathParts, str]]:
    """Explain the choice written in the same shape as the value (a word, or a mapping)."""
    branches: dict[int, list[ValidationError]] = {}
    for inner in error.context or ():
        branches.setdefault(int(inner.schema_path[0]), []).append(inner)
    for inner_errors in branches.values():
        if not any(e.validator == "type" and not e.relative_path for e in inner_errors):
            return [found for inner in inner_errors for found in _explain(inner, noun)]
    expected = schema.get("x-hint", "another kind of value")
    return [(parts, f"expected {expected}, not {_describe(error.instance)}")]


def _explain_dependent(
    parts: PathParts, error: ValidationError, schema: Mapping[str, Any]
) -> list[tuple[PathParts, str]]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    return [
        ((*parts, needed), f"is required when {given} is given")
        for given, needs in error.validator_value.items()
        if given in instance
        for needed in needs
        if needed not in instance
    ]


def _explain_enum(
    parts: PathParts, error: ValidationError, schema: Mapping[str, Any]
) -> list[tuple[PathParts, str]]:
    choices = [str(choice) for choice in error.validator_value]
    message = f"{error.instance!r} is not one of: {', '.join(choices)}"
    if isinstance(error.instance, str):
        message += suggestion(error.instance, choices)
    return [(parts, message)]


def _explain_type(
    parts: PathParts, error: ValidationError, schema: Mapping[str, Any]
) -> list[tuple[PathParts, str]]:
    wanted = error.validator_value
    names = [wanted] if isinstance(wanted, str) else list(wanted)
    expected = " or ".join(_TYPE_WORDS.get(name, name) for name in names)
    message = f"expected {expected}, not {_describe(error.instance)}"
    hint = schema.get("x-hint")
    return [(parts, f"{message} ({hint})" if hint else message)]


def _explain_text(
    parts: PathParts, error: ValidationError, schema: Mapping[str, Any]
) -> list[tuple[PathParts, str]]:
    instance = error.instance
    if isinstance(instance, str) and not instance.strip():
        return [(parts, "must not be blank")]
    if error.validator == "maxLength":
        return [
            (
                parts,
                f"is too long ({len(str(instance))} characters; at most {error.validator_value})",
            )
        ]
    return [(parts, _with_hint(f"{instance!r} is not valid", schema))]


def _explain_bound(
    parts: PathParts, error: ValidationError, schema: Mapping[str, Any]
) -> list[tuple[PathParts, str]]:
    if error.validator == "minItems":
        return [(parts, f"must list at least {error.validator_value}; the list is too short")]
    words = {"minimum": "must be at least", "maximum": "must be at most", "const": "must be"}
    bound = words.get(str(error.validator), str(error.validator))
    return [(parts, f"{bound} {error.validator_value!r}, not {_describe(error.instance)}")]


def _explain_unique(
    parts: PathParts, error: ValidationError, schema: Mapping[str, Any]
) -> list[tuple[PathParts, str]]:
    items = error.instance if isinstance(error.instance, list) else []
    seen: list[object] = []
    for item in items:
        if item in seen:
            return [(parts, f"lists {item!r} more than once; keep one")]
        seen.append(item)
    return [(parts, "lists an entry more than once; keep one")]


_Explainer = Callable[[PathParts, ValidationError, Mapping[str, Any]], list[tuple[PathParts, str]]]
_EXPLAINERS: dict[str, _Explainer] = {
    "required": _explain_required,
    "dependentRequired": _explain_dependent,
    "enum": _explain_enum,
    "type": _explain_type,
    "pattern": _explain_text,
    "format": _explain_text,
    "minLength": _explain_text,
    "maxLength": _explain_text,
    "minimum": _explain_bound,
    "maximum": _explain_bound,
    "minItems": _explain_bound,
    "const": _explain_bound,
    "uniqueItems": _explain_unique,
}
