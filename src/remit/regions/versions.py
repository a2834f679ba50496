"""Versions of the region pack format, and how an older pack is brought up to date.

A pack says which version of the format it is written in (``pack_version``). Remit reads
every version it has ever published: an older pack is migrated in memory, step by step, to
the current version before it is checked, so the file on disk is never changed and every
problem is still reported at its path and line in the file as written.

Version 1 to version 2 (the change documented in docs/region-packs.md):

- version 2 adds, on each area, ``forces`` (the police.uk slugs of the forces whose files
  cover it) and ``context`` (``true`` for an area shown for comparison only, outside the
  region's totals, ranks and figures);
- a version 1 pack has neither: its areas are read with no forces recorded and none for
  comparison, which is what version 1 meant. Every other field is unchanged;
- version 2 requires ``forces`` on every district and unitary area in England and Wales,
  so bringing a pack up to date means setting ``pack_version: 2`` and adding them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

CURRENT = 2
SUPPORTED = (1, 2)


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    areas = data.get("areas")
    if isinstance(areas, list):
        data["areas"] = [
            {**area, "context": area.get("context", False)} if isinstance(area, dict) else area
            for area in areas
        ]
    return {**data, "pack_version": 2}


# Each step takes a pack of version N (a fresh mapping) and returns it as version N + 1.
STEPS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def written_version(data: object) -> int | None:
    """The version a parsed pack says it is written in, if it names a supported one."""
    if not isinstance(data, dict):
        return None
    version = data.get("pack_version")
    if isinstance(version, bool) or version not in SUPPORTED:
        return None
    return int(version)


def upgrade(data: object) -> object:
    """The pack as the current version; anything unrecognised is returned as it is, for the
    schema to report."""
    version = written_version(data)
    if version is None or not isinstance(data, dict):
        return data
    upgraded = dict(data)
    while version < CURRENT:
        upgraded = STEPS[version](upgraded)
        version += 1
    return upgraded
