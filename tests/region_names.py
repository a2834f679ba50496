"""The names, codes and board names of the regions Remit ships, read from their packs, and a
pattern that finds them as whole words: what no page, template or module outside the packs
and the demo may say."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

import remit

SRC = Path(remit.__file__).parent

# Names that are also ordinary English words: matched only inside longer names (such as an
# organisation's), never on their own.
ORDINARY_WORDS = frozenset({"Rugby"})


@dataclass(frozen=True)
class Term:
    text: str
    what: str
    pack: str
    any_case: bool = False


@cache
def shipped_pack_data() -> tuple[tuple[str, dict], ...]:
    return tuple(
        (path.name, yaml.safe_load(path.read_text(encoding="utf-8")))
        for path in sorted((SRC / "regions").glob("*.yaml"))
    )


def _national(packs: tuple[tuple[str, dict], ...]) -> set[str]:
    """Organisations every pack lists (government departments, national services) belong to
    no one region, so naming them says nothing about a region."""
    slugs = [{o["slug"] for o in data.get("organisations") or ()} for _, data in packs]
    return set.intersection(*slugs) if len(slugs) > 1 else set()


def _pack_terms(name: str, data: dict, national: set[str]) -> list[Term]:
    region = data["region"]
    terms = [Term(region["name"], "region", name), Term(region["slug"], "region slug", name)]
    for area in data.get("areas") or ():
        short = re.sub(r"\s*\(.*\)$", "", area["name"])
        terms += [Term(short, "area", name), Term(area["code"], "area code", name)]
    for org in data.get("organisations") or ():
        if org["slug"] not in national:
            terms += [Term(org["name"], "organisation", name), _slug(org["slug"], name)]
    for board in data.get("boards") or ():
        terms += [Term(board["name"], "board", name), _slug(board["slug"], name)]
        if board.get("decision_reference_prefix"):
            terms.append(Term(board["decision_reference_prefix"], "board's prefix", name, True))
    return terms


def _slug(slug: str, pack: str) -> Term:
    # A one-word slug is an abbreviation (wmca), also written in capitals (WMCA).
    return Term(slug, "slug", pack, any_case="-" not in slug)


@cache
def region_terms() -> tuple[Term, ...]:
    packs = shipped_pack_data()
    national = _national(packs)
    found: dict[str, Term] = {}
    for name, data in packs:
        for term in _pack_terms(name, data, national):
            if len(term.text) >= 2 and term.text not in ORDINARY_WORDS:
                found.setdefault(term.text, term)
    return tuple(found.values())


def matcher(terms: tuple[Term, ...]) -> re.Pattern[str]:
    """Every term as a whole word: not inside a longer word, code or slug."""
    ordered = sorted(terms, key=lambda t: len(t.text), reverse=True)
    parts = [f"(?i:{re.escape(t.text)})" if t.any_case else re.escape(t.text) for t in ordered]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")
