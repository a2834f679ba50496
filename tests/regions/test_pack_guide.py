"""The guide to region packs documents every field of the format, and each of its examples is
taken from the Northshire test pack, which uses every field: so the guide cannot drift from
what Remit reads."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from remit.regions.pack import validate_pack

REPO = Path(__file__).resolve().parents[2]
GUIDE = REPO / "docs" / "region-packs.md"
SCHEMA = REPO / "src" / "remit" / "regions" / "schema.json"
NORTHSHIRE = Path(__file__).parent / "fixtures" / "northshire.yaml"

YAML_BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.MULTILINE | re.DOTALL)


def schema_fields(node: Any) -> set[str]:
    """Every property name the schema declares, at any depth."""
    found: set[str] = set()
    if isinstance(node, dict):
        found.update(node.get("properties", {}))
        for value in node.values():
            found |= schema_fields(value)
    elif isinstance(node, list):
        for value in node:
            found |= schema_fields(value)
    return found


def keys_used(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        found.update(node)
        for value in node.values():
            found |= keys_used(value)
    elif isinstance(node, list):
        for value in node:
            found |= keys_used(value)
    return found


def within(example: Any, pack: Any) -> bool:
    """The example says nothing the pack does not: each of its keys has the pack's value, and
    each item of a list is within an item of the pack's list."""
    if isinstance(example, dict):
        return isinstance(pack, dict) and all(
            key in pack and within(value, pack[key]) for key, value in example.items()
        )
    if isinstance(example, list):
        return isinstance(pack, list) and all(
            any(within(item, candidate) for candidate in pack) for item in example
        )
    return bool(example == pack)


def anywhere(example: Any, pack: Any) -> bool:
    """Within the pack or within some part of it (an example may quote one membership)."""
    if within(example, pack):
        return True
    parts = pack.values() if isinstance(pack, dict) else pack if isinstance(pack, list) else []
    return any(anywhere(example, part) for part in parts)


FIELDS = sorted(schema_fields(json.loads(SCHEMA.read_text(encoding="utf-8"))))
PACK = yaml.safe_load(NORTHSHIRE.read_text(encoding="utf-8"))
GUIDE_TEXT = GUIDE.read_text(encoding="utf-8")
EXAMPLES = [block for block in YAML_BLOCK.findall(GUIDE_TEXT) if yaml.safe_load(block) is not None]


@pytest.mark.parametrize("field", FIELDS)
def test_the_guide_documents_every_field_of_the_format(field: str) -> None:
    assert f"`{field}`" in GUIDE_TEXT, f"docs/region-packs.md does not document `{field}`"


@pytest.mark.parametrize("field", FIELDS)
def test_the_northshire_pack_uses_every_field_of_the_format(field: str) -> None:
    assert field in keys_used(PACK), f"northshire.yaml has no example of `{field}`"


def test_the_guide_has_an_example_for_each_section_of_the_pack() -> None:
    quoted = set().union(*(keys_used(yaml.safe_load(block)) for block in EXAMPLES))
    assert set(PACK) - {"pack_version"} <= quoted


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda block: block.split("\n", 1)[0])
def test_every_example_in_the_guide_is_taken_from_the_northshire_pack(example: str) -> None:
    assert anywhere(yaml.safe_load(example), PACK), example


def test_the_guides_whole_example_is_a_sound_pack() -> None:
    whole = next(block for block in EXAMPLES if block.startswith("pack_version:"))
    assert validate_pack(whole) == []
