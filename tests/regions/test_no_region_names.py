"""No shipped region is named in the code or templates: a region's specifics are its pack's data.

The names are read from the shipped packs themselves, so a new pack is covered without
changing this test. Only the packs, the demo modules that load them, migrations and files
that are not ours may name a region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatch
from functools import cache
from pathlib import Path

import yaml

import remit

SRC = Path(remit.__file__).parent
SCANNED = (".py", ".html", ".txt", ".json", ".js")

# Paths under src/remit where a shipped region may be named, and why.
ALLOWED = (
    # The demo: it loads a shipped pack and writes that region's demo records.
    "demo.py",
    "core/services/demo.py",
    "proposals/demo.py",
    "meetings/demo.py",
    "appraisal/demo.py",
    "funding/demo.py",
    "indicators/demo.py",
    "indicators/map_demo.py",
    # Migrations are history: they keep what the models said when they were written.
    "*/migrations/*.py",
    # The official 360Giving schemas, copied as published.
    "funding/schemas/*.json",
)

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
def _packs() -> tuple[tuple[str, dict], ...]:
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
    packs = _packs()
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


def allowed(relative: str) -> bool:
    return any(fnmatch(relative, pattern) for pattern in ALLOWED)


def hits(text: str, pattern: re.Pattern[str]) -> list[tuple[int, str]]:
    return [
        (number, match.group(0))
        for number, line in enumerate(text.splitlines(), 1)
        for match in pattern.finditer(line)
    ]


def test_the_shipped_packs_give_names_to_look_for() -> None:
    texts = {t.text for t in region_terms()}
    for name, data in _packs():
        assert data["region"]["name"] in texts, name
        assert {b["name"] for b in data.get("boards") or ()} <= texts, name
        assert {a["code"] for a in data.get("areas") or ()} <= texts, name


def test_organisations_every_pack_shares_are_not_a_regions() -> None:
    texts = {t.text for t in region_terms()}
    assert "Home Office" not in texts
    assert "HM Treasury" not in texts


def test_names_match_as_whole_words_and_abbreviations_in_any_case() -> None:
    pattern = matcher(
        (
            Term("Dunmere", "area", "x.yaml"),
            Term("E06099904", "area code", "x.yaml"),
            Term("dunmere-council", "slug", "x.yaml"),
            Term("ncsp", "slug", "x.yaml", any_case=True),
        )
    )
    found = hits(
        "Dunmere\nDunmereshire\nE060999041\nxE06099904\ndunmere-council-2\n"
        "NCSP/D/2018/07\nncsp\nNcspx\ndunmere\n",
        pattern,
    )
    assert found == [(1, "Dunmere"), (6, "NCSP"), (7, "ncsp")]


def test_ordinary_words_are_matched_only_inside_longer_names() -> None:
    texts = {t.text for t in region_terms()}
    assert "Rugby" not in texts
    assert "Rugby Borough Council" in texts


def test_demo_modules_migrations_and_published_schemas_may_name_a_region() -> None:
    assert allowed("demo.py")
    assert allowed("proposals/demo.py")
    assert allowed("core/migrations/0001_initial.py")
    assert allowed("funding/schemas/360-giving-schema.json")
    assert not allowed("proposals/demo_helpers.py")
    assert not allowed("portal/templates/portal/missions.html")
    assert not allowed("regions/schema.json")


def test_no_shipped_region_is_named_outside_its_pack_and_the_demo() -> None:
    pattern = matcher(region_terms())
    by_text = {t.text.lower(): t for t in region_terms()}
    problems = []
    for path in sorted(SRC.rglob("*")):
        relative = path.relative_to(SRC).as_posix()
        if path.suffix not in SCANNED or not path.is_file() or allowed(relative):
            continue
        for number, found in hits(path.read_text(encoding="utf-8"), pattern):
            term = by_text[found.lower()]
            problems.append(f"src/remit/{relative}:{number}: {found} ({term.what}, {term.pack})")
    assert not problems, "Region names outside the packs and the demo:\n" + "\n".join(problems)
