"""No shipped region is named in the code or templates: a region's specifics are its pack's data.

The names are read from the shipped packs themselves, so a new pack is covered without
changing this test. Only the packs, the demo modules that load them, migrations and files
that are not ours may name a region.
"""

from __future__ import annotations

import re
from fnmatch import fnmatch

from region_names import SRC
from region_names import Term
from region_names import matcher
from region_names import region_terms
from region_names import shipped_pack_data

SCANNED = (".py", ".html", ".txt", ".json", ".js")

# Paths under src/remit where a shipped region may be named, and why.
ALLOWED = (
    # The demo: it loads a shipped pack and writes that region's demo records.
    "demo.py",
    "core/services/demo.py",
    "proposals/demo.py",
    "meetings/demo.py",
    "appraisal/demo.py",
    "indicators/demo.py",
    "indicators/map_demo.py",
    # Migrations are history: they keep what the models said when they were written.
    "*/migrations/*.py",
    # The official 360Giving schemas, copied as published.
    "funding/schemas/*.json",
)


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
    for name, data in shipped_pack_data():
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
