"""Reading a pack's fields before it is built, where its shape may still be wrong."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from datetime import date
from typing import Any

from remit.regions.pack.parsing import Document
from remit.regions.pack.problems import PathParts
from remit.regions.pack.schema import suggestion
from remit.regions.pack.terms import ISO_DATE


def entries(data: object, *keys: str) -> list[tuple[PathParts, dict[str, Any]]]:
    """The mapping entries of a list in the pack (``themes`` → ``workstreams`` walks both)."""
    found: list[tuple[PathParts, dict[str, Any]]] = [((), data)] if isinstance(data, dict) else []
    for key in keys:
        deeper: list[tuple[PathParts, dict[str, Any]]] = []
        for parts, mapping in found:
            items = mapping.get(key)
            if isinstance(items, list):
                deeper.extend(
                    ((*parts, key, i), item)
                    for i, item in enumerate(items)
                    if isinstance(item, dict)
                )
        found = deeper
    return found


def text_field(mapping: Mapping[str, Any], key: str) -> str | None:
    value = mapping.get(key)
    return value if isinstance(value, str) else None


def day_field(mapping: Mapping[str, Any], key: str) -> date | None:
    value = mapping.get(key)
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def keys_of(data: object, key: str, *path: str) -> set[str]:
    return {value for _, entry in entries(data, *path) if (value := text_field(entry, key))}


def known_keys(data: object) -> dict[str, set[str]]:
    return {
        "area": keys_of(data, "code", "areas"),
        "organisation": keys_of(data, "slug", "organisations"),
        "person": keys_of(data, "slug", "people"),
        "board": keys_of(data, "slug", "boards"),
    }


def check_listed(document: Document, known: set[str], collection: str, key: str, noun: str) -> None:
    """Each entry of a list of references (a route's steps, the areas served) must exist."""
    for parts, entry in entries(document.data, collection):
        listed = entry.get(key)
        for position, value in enumerate(listed if isinstance(listed, list) else []):
            if isinstance(value, str) and value not in known:
                document.add((*parts, key, position), unknown_reference(noun, value, known))


def unknown_reference(noun: str, value: str, known: Iterable[str]) -> str:
    # A code one digit away from another is a different place, not a typing slip.
    hint = "" if noun == "area" else suggestion(value, known)
    return f"unknown {noun} '{value}'{hint}"
