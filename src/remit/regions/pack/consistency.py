"""Whether a pack hangs together: unique keys, references that name something, and
areas, crime indicators and the rest that make sense.
"""

from __future__ import annotations

from remit.regions import forces as police_forces
from remit.regions.pack.fields import check_listed
from remit.regions.pack.fields import entries
from remit.regions.pack.fields import known_keys
from remit.regions.pack.fields import text_field
from remit.regions.pack.fields import unknown_reference
from remit.regions.pack.governance import check_board_parents
from remit.regions.pack.governance import check_funds
from remit.regions.pack.governance import check_memberships
from remit.regions.pack.governance import check_quorums
from remit.regions.pack.governance import check_routes
from remit.regions.pack.governance import check_substitutes
from remit.regions.pack.parsing import Document
from remit.regions.pack.problems import PathParts
from remit.regions.pack.problems import format_path
from remit.regions.pack.terms import AREA_CODE_PREFIXES
from remit.regions.pack.terms import FORCE_AREA_KINDS
from remit.regions.pack.terms import FORCE_COUNTRIES
from remit.regions.pack.terms import GSS_CODE
from remit.regions.pack.terms import PACK_VERSION


def consistency_issues(document: Document) -> None:
    data = document.data
    _check_unique(document)
    _check_references(document)
    _check_area_codes(document)
    _check_area_forces(document)
    _check_context_areas(document)
    check_board_parents(document)
    for parts, board in entries(data, "boards"):
        check_memberships(document, parts, board)
        check_substitutes(document, parts, board)
    check_quorums(document)
    check_routes(document)
    check_funds(document)
    _check_indicators(document)


_UNIQUE: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("areas",), "code", "area code"),
    (("organisations",), "slug", "organisation slug"),
    (("people",), "slug", "person slug"),
    (("missions",), "number", "mission number"),
    (("themes",), "slug", "theme slug"),
    (("themes", "workstreams"), "slug", "workstream slug"),
    (("boards",), "slug", "board slug"),
    (("boards",), "decision_reference_prefix", "decision reference prefix"),
    (("governance_routes",), "slug", "route slug"),
    (("funds",), "slug", "fund slug"),
    (("indicators",), "slug", "indicator slug"),
)


def _check_unique(document: Document) -> None:
    for path, key, noun in _UNIQUE:
        first: dict[object, PathParts] = {}
        for parts, entry in entries(document.data, *path):
            value = entry.get(key)
            if not isinstance(value, str | int) or isinstance(value, bool):
                continue
            if value in first:
                where = format_path(first[value])
                document.add((*parts, key), f"duplicate {noun} {value!r} (first used at {where})")
            else:
                first[value] = parts


# Where each reference sits, its field, and what it must name.
_REFERENCES: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("organisations",), "area", "area"),
    (("people",), "organisation", "organisation"),
    (("themes", "workstreams"), "lead", "person"),
    (("themes", "workstreams"), "sponsor", "person"),
    (("boards",), "organisation", "organisation"),
    (("boards",), "parent", "board"),
    (("boards", "memberships"), "person", "person"),
    (("boards", "memberships"), "organisation", "organisation"),
    (("governance_routes",), "final_decision_maker", "person"),
    (("governance_routes",), "final_board", "board"),
    (("funds",), "owner", "organisation"),
    (("funds",), "decision_maker", "person"),
    (("funds",), "recommending_board", "board"),
)


def _check_references(document: Document) -> None:
    known = known_keys(document.data)
    for path, key, noun in _REFERENCES:
        for parts, entry in entries(document.data, *path):
            value = text_field(entry, key)
            if value is not None and value not in known[noun]:
                document.add((*parts, key), unknown_reference(noun, value, known[noun]))
    for parts, organisation in entries(document.data, "organisations"):
        served = organisation.get("serves")
        for position, code in enumerate(served if isinstance(served, list) else []):
            if isinstance(code, str) and code not in known["area"]:
                document.add(
                    (*parts, "serves", position), unknown_reference("area", code, known["area"])
                )
    check_listed(document, known["area"], "organisations", "serves", "area")
    check_listed(document, known["board"], "governance_routes", "steps", "board")
    check_listed(document, known["organisation"], "funds", "joint_owners", "organisation")
    check_listed(document, known["person"], "funds", "joint_decision_makers", "person")
    check_listed(document, known["area"], "funds", "areas", "area")


def _check_area_codes(document: Document) -> None:
    for parts, area in entries(document.data, "areas"):
        code, kind = text_field(area, "code"), text_field(area, "kind")
        prefixes = AREA_CODE_PREFIXES.get(kind or "")
        if code and prefixes and GSS_CODE.fullmatch(code) and not code.startswith(prefixes):
            label = (kind or "").replace("_", " ")
            document.add(
                (*parts, "code"),
                f"'{code}' is not a {label} code (those begin {' or '.join(prefixes)})",
            )


def _check_area_forces(document: Document) -> None:
    """Forces are police.uk slugs; from version 2 every district names its force."""
    required = (document.written_version or PACK_VERSION) >= 2
    for parts, area in entries(document.data, "areas"):
        named = area.get("forces")
        for position, slug in enumerate(named if isinstance(named, list) else []):
            if isinstance(slug, str) and not police_forces.is_force(slug):
                document.add(
                    (*parts, "forces", position), police_forces.unknown_force_message(slug)
                )
        code, kind = text_field(area, "code") or "", text_field(area, "kind")
        if required and kind in FORCE_AREA_KINDS and code.startswith(FORCE_COUNTRIES) and not named:
            document.add(
                (*parts, "forces"),
                "is required for a district or unitary area: list the police.uk slugs of the "
                "forces whose files cover it, such as forces: [cumbria]",
            )


def _check_context_areas(document: Document) -> None:
    areas = entries(document.data, "areas")
    for parts, area in areas:
        if area.get("context") is True and area.get("constituent") is True:
            document.add(
                (*parts, "context"),
                "a constituent member is part of the region, not shown for comparison: remove "
                "context: true, or set constituent: false",
            )
    if areas and all(area.get("context") is True for _, area in areas):
        document.add(
            ("areas",),
            "every area is for comparison (context: true); at least one must be part of the region",
        )


# What a crime indicator can be: crimes counted, or counted per 1,000 people.
CRIME_KINDS = ("count", "rate")


def _check_indicators(document: Document) -> None:
    missions = {m.get("number") for _, m in entries(document.data, "missions")}
    for parts, indicator in entries(document.data, "indicators"):
        kind, origin = text_field(indicator, "kind"), text_field(indicator, "origin")
        if origin == "crime" and kind and kind not in CRIME_KINDS:
            document.add(
                (*parts, "kind"),
                f"'{kind}' cannot be counted from crimes: a crime indicator is a count or a rate",
            )
        if origin == "crime" and not indicator.get("crime_types"):
            document.add(
                (*parts, "crime_types"), "a crime indicator names the crime types it counts"
            )
        if origin == "uploaded" and indicator.get("crime_types"):
            document.add((*parts, "crime_types"), "only a crime indicator counts crime types")
        numbers = indicator.get("missions")
        for position, number in enumerate(numbers if isinstance(numbers, list) else []):
            if isinstance(number, int) and number not in missions:
                document.add((*parts, "missions", position), f"unknown mission {number}")
