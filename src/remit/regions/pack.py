"""Read a region pack: parse the YAML, validate it, check it hangs together, return dataclasses.

Pure on purpose (no Django): the loader, the CLI and the tests all need the same verdict on a
pack, and every problem in a pack is reported at once, each at its path and line, so that a
person editing a long file can fix them in one pass.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from jsonschema import Draft202012Validator

try:  # libyaml parses long packs several times faster; both report lines the same way
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]
from jsonschema.exceptions import ValidationError

from remit.regions import forces as police_forces
from remit.regions import versions

PACK_DIR = Path(__file__).resolve().parent
SCHEMA_PATH = PACK_DIR / "schema.json"
SCHEMA_ID = "https://remit.example/schemas/region-pack.json"
PACK_VERSION = versions.CURRENT

AREA_KINDS = (
    "metropolitan_district",
    "unitary",
    "non_metropolitan_district",
    "county",
    "combined_authority_area",
    "police_force_area",
    "community_safety_partnership_area",
    "other",
)
ORGANISATION_KINDS = (
    "combined_authority",
    "local_authority",
    "police_force",
    "pcc_office",
    "fire_and_rescue",
    "violence_reduction_unit",
    "health",
    "probation",
    "youth_justice",
    "voluntary_sector",
    "business",
    "government_department",
    "other",
)
BOARD_KINDS = ("board", "committee", "forum", "officer_group", "partnership", "negotiating_team")
MEETING_FREQUENCIES = (
    "weekly",
    "fortnightly",
    "monthly",
    "bimonthly",
    "quarterly",
    "biannual",
    "annual",
    "ad_hoc",
)
MEMBERSHIP_ROLES = ("chair", "vice_chair", "member", "adviser", "secretariat")
VOTING_ROLES = frozenset({"chair", "vice_chair", "member"})

# ONS entity codes (the first three characters of a GSS code) that each kind of area carries.
AREA_CODE_PREFIXES: Mapping[str, tuple[str, ...]] = {
    "metropolitan_district": ("E08",),
    "unitary": ("E06", "W06", "S12", "N09"),
    "non_metropolitan_district": ("E07",),
    "county": ("E10",),
    "combined_authority_area": ("E47",),
    "police_force_area": ("E23", "W15"),
}

# Areas that must name their police forces (from pack version 2): the districts and unitaries
# of England and Wales, where police.uk publishes crimes.
FORCE_AREA_KINDS = frozenset({"metropolitan_district", "unitary", "non_metropolitan_district"})
FORCE_COUNTRIES = ("E", "W")

DOCUMENT = "(document)"
GSS_CODE = re.compile(r"[EWSN]\d{8}")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
FINANCIAL_YEAR = re.compile(r"(\d{4})/(\d{2})")
AMOUNT = re.compile(r"\d+(?:\.(\d+))?")
PENNY = Decimal("0.01")
_MAX_NODE_VISITS = 1_000_000

PathParts = tuple[str | int, ...]
DocumentCheck = Callable[[Any, Callable[[PathParts, str], None]], None]
"""A check of how a document hangs together: given its data and a way to report a problem."""


# --- problems ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PackIssue:
    """One problem in a pack, located by its path (``boards[3].memberships[2].organisation``)."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = ""
        if self.line is not None:
            where = f" (line {self.line}" + (f", column {self.column})" if self.column else ")")
        return f"{self.path}: {self.message}{where}"


class PackError(ValueError):
    """A pack that cannot be used; ``errors`` holds every problem found, in document order."""

    def __init__(self, errors: Sequence[PackIssue], source: str = "<pack>") -> None:
        self.errors = list(errors)
        self.source = source
        super().__init__(str(self))

    @property
    def path(self) -> str:
        return self.errors[0].path if self.errors else DOCUMENT

    def __str__(self) -> str:
        return "\n".join(str(issue) for issue in self.errors)


# --- the pack ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Region:
    slug: str
    name: str
    description: str
    as_of: date
    population_source: str | None = None


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    kind: str
    population: int | None = None
    population_year: int | None = None
    constituent: bool | None = None
    forces: tuple[str, ...] = ()
    context: bool = False


@dataclass(frozen=True)
class Organisation:
    slug: str
    name: str
    kind: str
    area: str | None = None
    serves: tuple[str, ...] = ()
    constituent: bool | None = None
    org_id: str | None = None
    website: str | None = None


@dataclass(frozen=True)
class Person:
    slug: str
    name: str
    job_title: str
    organisation: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Mission:
    number: int
    short_title: str
    target: str


@dataclass(frozen=True)
class Workstream:
    slug: str
    name: str
    lead: str | None = None
    sponsor: str | None = None
    beyond_deal: bool = False


@dataclass(frozen=True)
class Theme:
    slug: str
    name: str
    workstreams: tuple[Workstream, ...]


@dataclass(frozen=True)
class Membership:
    """A seat on a board; ``organisation`` is None for an independent member."""

    person: str
    organisation: str | None
    role: str
    from_date: date
    to_date: date | None = None
    substitutes: tuple[str, ...] = ()

    def current_on(self, day: date) -> bool:
        return self.from_date <= day and (self.to_date is None or day <= self.to_date)


@dataclass(frozen=True)
class Board:
    slug: str
    name: str
    kind: str
    organisation: str
    meeting_frequency: str
    paper_deadline_days: int
    quorum: int
    parent: str | None = None
    decision_reference_prefix: str | None = None
    description: str | None = None
    substitutes_allowed: bool = False
    substitutes_count_towards_quorum: bool = True
    memberships: tuple[Membership, ...] = ()


@dataclass(frozen=True)
class GovernanceRoute:
    slug: str
    name: str
    steps: tuple[str, ...]
    final_board: str | None = None
    final_decision_maker: str | None = None  # a person's slug, when one person decides alone


@dataclass(frozen=True)
class Fund:
    slug: str
    name: str
    financial_year: str
    budget: Decimal
    owner: str
    decision_maker: str
    recommending_board: str | None = None
    joint_owners: tuple[str, ...] = ()
    joint_decision_makers: tuple[str, ...] = ()
    decision_rule: str = "all"
    areas: tuple[str, ...] = ()
    notice_reference_prefix: str | None = None


@dataclass(frozen=True)
class Indicator:
    """An indicator's definition; its figures are loaded by the indicators' own demo or upload."""

    slug: str
    name: str
    kind: str
    origin: str
    source: str
    description: str = ""
    crime_types: tuple[str, ...] = ()
    unit_label: str = ""
    polarity: str = "lower_is_better"
    decimal_places: int | None = None
    missions: tuple[int, ...] = ()


@dataclass(frozen=True)
class RegionPack:
    region: Region
    areas: tuple[Area, ...]
    organisations: tuple[Organisation, ...]
    people: tuple[Person, ...] = ()
    missions: tuple[Mission, ...] = ()
    themes: tuple[Theme, ...] = ()
    boards: tuple[Board, ...] = ()
    governance_routes: tuple[GovernanceRoute, ...] = ()
    funds: tuple[Fund, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    written_version: int = PACK_VERSION  # the version the file is written in (read as current)

    @property
    def region_areas(self) -> tuple[Area, ...]:
        """The areas that make up the region: every area not listed for comparison."""
        return tuple(area for area in self.areas if not area.context)

    @property
    def workstreams(self) -> tuple[Workstream, ...]:
        return tuple(ws for theme in self.themes for ws in theme.workstreams)

    def area(self, code: str) -> Area:
        return _find(self.areas, "code", code)

    def organisation(self, slug: str) -> Organisation:
        return _find(self.organisations, "slug", slug)

    def person(self, slug: str) -> Person:
        return _find(self.people, "slug", slug)

    def board(self, slug: str) -> Board:
        return _find(self.boards, "slug", slug)


_T = TypeVar("_T")


def _find(items: Iterable[_T], attribute: str, key: str) -> _T:
    for item in items:
        if getattr(item, attribute) == key:
            return item
    raise KeyError(key)


# --- public entry points ----------------------------------------------------------------------


def load_schema() -> dict[str, Any]:
    """The published JSON Schema of the pack format (a fresh copy each call)."""
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


def shipped_packs() -> dict[str, Path]:
    """The packs that ship with Remit, by region slug (each file is named after its slug)."""
    return {path.stem: path for path in sorted(PACK_DIR.glob("*.yaml"))}


def validate_pack(text: str) -> list[PackIssue]:
    """Every problem in the pack, in document order; empty when the pack is sound."""
    return _examine(text)[1]


def pack_version_of(text: str) -> int | None:
    """The format version a pack says it is written in (None if it names no known one)."""
    return versions.written_version(_parse(text).data)


def load_pack(text: str, source: str = "<pack>") -> RegionPack:
    """Parse and check a pack; raise ``PackError`` listing every problem if it is not sound."""
    data, issues, written = _examine(text)
    if issues:
        raise PackError(issues, source)
    return _build(data, written)


def read_pack_text(path: str | Path) -> str:
    """A pack file's text; a file that is not UTF-8 text, or cannot be read, is a ``PackError``."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        problem = exc.strerror or str(exc)
        raise PackError(
            [PackIssue(DOCUMENT, f"cannot read {path}: {problem}")], str(path)
        ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        message = (
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02X} cannot be read); "
            "a region pack is a YAML text file: save it as UTF-8 and load it again"
        )
        line = data.count(b"\n", 0, exc.start) + 1
        raise PackError([PackIssue(DOCUMENT, message, line)], str(path)) from None


def load_pack_file(path: str | Path) -> RegionPack:
    """Read a pack from disk; unreadable files are reported as a ``PackError`` too."""
    return load_pack(read_pack_text(path), source=str(path))


def format_path(parts: Iterable[str | int]) -> str:
    """``("boards", 3, "quorum")`` → ``boards[3].quorum``."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or DOCUMENT


# --- parsing ----------------------------------------------------------------------------------


class _PackLoader(_SafeLoader):
    """Safe YAML, but dates stay as written so the schema (not YAML 1.1) judges them."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


@dataclass
class _Document:
    data: object = None
    lines: dict[PathParts, int] = field(default_factory=dict)
    issues: list[PackIssue] = field(default_factory=list)
    readable: bool = True
    written_version: int | None = None

    def line(self, parts: PathParts) -> int | None:
        while parts not in self.lines and parts:
            parts = parts[:-1]
        return self.lines.get(parts)

    def add(self, parts: PathParts, message: str) -> None:
        self.issues.append(PackIssue(format_path(parts), message, self.line(parts)))


class _UnsafeStructure(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _parse(text: str) -> _Document:
    document = _Document()
    try:
        loader = _PackLoader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                _index(node, (), document, set(), [0])
                document.data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        document.issues = [_syntax_issue(exc)]
        document.readable = False
    except yaml.reader.ReaderError as exc:
        message = f"invalid YAML: the character U+{exc.character:04X} is not allowed"
        document.issues = [PackIssue(DOCUMENT, message, _line_of_character(text, exc.character))]
        document.readable = False
    except yaml.YAMLError as exc:
        document.issues = [PackIssue(DOCUMENT, f"invalid YAML: {exc}")]
        document.readable = False
    except _UnsafeStructure as exc:
        document.issues = [PackIssue(DOCUMENT, exc.message, exc.line)]
        document.readable = False
    return document


def _line_of_character(text: str, code: int) -> int:
    # libyaml counts bytes and PyYAML characters, so find the character itself.
    return text.count("\n", 0, max(text.find(chr(code)), 0)) + 1


def _syntax_issue(exc: yaml.MarkedYAMLError) -> PackIssue:
    mark = exc.problem_mark or exc.context_mark
    message = f"invalid YAML: {exc.problem or exc.context or 'unreadable'}"
    if exc.context and exc.problem and exc.context_mark is not None:
        message += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
    if mark is None:
        return PackIssue(DOCUMENT, message)
    return PackIssue(DOCUMENT, message, mark.line + 1, mark.column + 1)


def _index(
    node: yaml.Node, parts: PathParts, document: _Document, open_nodes: set[int], visits: list[int]
) -> None:
    """Record the line of every path, and catch what YAML forgives: repeated keys, loops."""
    visits[0] += 1
    line = node.start_mark.line + 1
    if id(node) in open_nodes or visits[0] > _MAX_NODE_VISITS:
        raise _UnsafeStructure(
            "the document refers to itself through aliases, or expands too far", line
        )
    document.lines.setdefault(parts, line)
    open_nodes.add(id(node))
    if isinstance(node, yaml.MappingNode):
        _index_mapping(node, parts, document, open_nodes, visits)
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            _index(item, (*parts, position), document, open_nodes, visits)
    open_nodes.discard(id(node))


def _index_mapping(
    node: yaml.MappingNode,
    parts: PathParts,
    document: _Document,
    open_nodes: set[int],
    visits: list[int],
) -> None:
    first_seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "<<":
            continue
        key = str(key_node.value)
        child = (*parts, key)
        key_line = key_node.start_mark.line + 1
        if key in first_seen:
            document.issues.append(
                PackIssue(
                    format_path(child),
                    f"'{key}' is given twice (first on line {first_seen[key]}); keep one",
                    key_line,
                )
            )
            continue
        first_seen[key] = key_line
        document.lines[child] = key_line
        _index(value_node, child, document, open_nodes, visits)


# --- schema -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    return _validator_at(SCHEMA_PATH)


@lru_cache(maxsize=8)
def _validator_at(path: Path) -> Draft202012Validator:
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


def _suggestion(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.7)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _schema_issues(
    document: _Document, validator: Draft202012Validator | None = None, noun: str = "pack format"
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
        ((*parts, str(key)), f"is not a field of the {noun}" + _suggestion(str(key), known))
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
        message += _suggestion(error.instance, choices)
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


# --- consistency ------------------------------------------------------------------------------


def _entries(data: object, *keys: str) -> list[tuple[PathParts, dict[str, Any]]]:
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


def _text(mapping: Mapping[str, Any], key: str) -> str | None:
    value = mapping.get(key)
    return value if isinstance(value, str) else None


def _day(mapping: Mapping[str, Any], key: str) -> date | None:
    value = mapping.get(key)
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _keys(data: object, key: str, *path: str) -> set[str]:
    return {value for _, entry in _entries(data, *path) if (value := _text(entry, key))}


def _consistency_issues(document: _Document) -> None:
    data = document.data
    _check_unique(document)
    _check_references(document)
    _check_area_codes(document)
    _check_area_forces(document)
    _check_context_areas(document)
    _check_board_parents(document)
    for parts, board in _entries(data, "boards"):
        _check_memberships(document, parts, board)
        _check_substitutes(document, parts, board)
    _check_quorums(document)
    _check_routes(document)
    _check_funds(document)
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


def _check_unique(document: _Document) -> None:
    for path, key, noun in _UNIQUE:
        first: dict[object, PathParts] = {}
        for parts, entry in _entries(document.data, *path):
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


def _known(data: object) -> dict[str, set[str]]:
    return {
        "area": _keys(data, "code", "areas"),
        "organisation": _keys(data, "slug", "organisations"),
        "person": _keys(data, "slug", "people"),
        "board": _keys(data, "slug", "boards"),
    }


def _check_references(document: _Document) -> None:
    known = _known(document.data)
    for path, key, noun in _REFERENCES:
        for parts, entry in _entries(document.data, *path):
            value = _text(entry, key)
            if value is not None and value not in known[noun]:
                document.add((*parts, key), _unknown(noun, value, known[noun]))
    for parts, organisation in _entries(document.data, "organisations"):
        served = organisation.get("serves")
        for position, code in enumerate(served if isinstance(served, list) else []):
            if isinstance(code, str) and code not in known["area"]:
                document.add((*parts, "serves", position), _unknown("area", code, known["area"]))
    _check_listed(document, known["area"], "organisations", "serves", "area")
    _check_listed(document, known["board"], "governance_routes", "steps", "board")
    _check_listed(document, known["organisation"], "funds", "joint_owners", "organisation")
    _check_listed(document, known["person"], "funds", "joint_decision_makers", "person")
    _check_listed(document, known["area"], "funds", "areas", "area")


def _check_listed(
    document: _Document, known: set[str], collection: str, key: str, noun: str
) -> None:
    """Each entry of a list of references (a route's steps, the areas served) must exist."""
    for parts, entry in _entries(document.data, collection):
        listed = entry.get(key)
        for position, value in enumerate(listed if isinstance(listed, list) else []):
            if isinstance(value, str) and value not in known:
                document.add((*parts, key, position), _unknown(noun, value, known))


def _unknown(noun: str, value: str, known: Iterable[str]) -> str:
    # A code one digit away from another is a different place, not a typing slip.
    hint = "" if noun == "area" else _suggestion(value, known)
    return f"unknown {noun} '{value}'{hint}"


def _check_area_codes(document: _Document) -> None:
    for parts, area in _entries(document.data, "areas"):
        code, kind = _text(area, "code"), _text(area, "kind")
        prefixes = AREA_CODE_PREFIXES.get(kind or "")
        if code and prefixes and GSS_CODE.fullmatch(code) and not code.startswith(prefixes):
            label = (kind or "").replace("_", " ")
            document.add(
                (*parts, "code"),
                f"'{code}' is not a {label} code (those begin {' or '.join(prefixes)})",
            )


def _check_area_forces(document: _Document) -> None:
    """Forces are police.uk slugs; from version 2 every district names its force."""
    required = (document.written_version or PACK_VERSION) >= 2
    for parts, area in _entries(document.data, "areas"):
        named = area.get("forces")
        for position, slug in enumerate(named if isinstance(named, list) else []):
            if isinstance(slug, str) and not police_forces.is_force(slug):
                document.add(
                    (*parts, "forces", position), police_forces.unknown_force_message(slug)
                )
        code, kind = _text(area, "code") or "", _text(area, "kind")
        if required and kind in FORCE_AREA_KINDS and code.startswith(FORCE_COUNTRIES) and not named:
            document.add(
                (*parts, "forces"),
                "is required for a district or unitary area: list the police.uk slugs of the "
                "forces whose files cover it, such as forces: [cumbria]",
            )


def _check_context_areas(document: _Document) -> None:
    areas = _entries(document.data, "areas")
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


def _check_board_parents(document: _Document) -> None:
    boards = _entries(document.data, "boards")
    parent_of = {
        slug: parent
        for _, board in boards
        if (slug := _text(board, "slug")) and (parent := _text(board, "parent"))
    }
    reported: set[str] = set()
    for parts, board in boards:
        slug = _text(board, "slug")
        if slug is None or slug in reported:
            continue
        chain = [slug]
        while (parent := parent_of.get(chain[-1])) is not None and parent not in chain:
            chain.append(parent)
        if parent == slug:
            reported.update(chain)
            loop = " → ".join([*chain, slug])
            document.add((*parts, "parent"), f"the parent chain loops back to this board: {loop}")


def _check_memberships(document: _Document, board_parts: PathParts, board: dict[str, Any]) -> None:
    periods: list[tuple[PathParts, Mapping[str, Any], date, date]] = []
    for relative, membership in _entries(board, "memberships"):
        parts = (*board_parts, *relative)
        _check_represents(document, parts, membership)
        start, end = _day(membership, "from"), _day(membership, "to")
        if start is None:
            continue
        if end is not None and end < start:
            document.add((*parts, "to"), f"ends ({end}) before it starts ({start})")
            continue
        for other_parts, other, other_start, other_end in periods:
            if start <= other_end and other_start <= (end or date.max):
                _check_overlap(document, parts, membership, other_parts, other)
        periods.append((parts, membership, start, end or date.max))


def _check_represents(document: _Document, parts: PathParts, membership: Mapping[str, Any]) -> None:
    """A member represents one organisation, or is marked independent: never both, never neither."""
    independent = membership.get("independent") is True
    named = "organisation" in membership
    if independent and named:
        document.add(
            (*parts, "independent"),
            "an independent member represents no organisation: remove organisation, "
            "or remove independent",
        )
    elif not independent and not named:
        document.add(
            parts,
            "say whom the member represents: give organisation, or independent: true for a "
            "member who represents no organisation (such as a co-opted independent member)",
        )


def _check_overlap(
    document: _Document,
    parts: PathParts,
    membership: Mapping[str, Any],
    other_parts: PathParts,
    other: Mapping[str, Any],
) -> None:
    person = _text(membership, "person")
    where = format_path(other_parts)
    if person is not None and person == _text(other, "person"):
        document.add((*parts, "person"), f"'{person}' already sits on this board then ({where})")
    elif _text(membership, "role") == "chair" and _text(other, "role") == "chair":
        document.add((*parts, "role"), f"the board already has a chair then ({where})")


def _check_substitutes(document: _Document, board_parts: PathParts, board: dict[str, Any]) -> None:
    """Substitutes are named only where the board allows them, and name known people who are
    not the member, nor another member sitting on the board in their own right."""
    people = _keys(document.data, "slug", "people")
    seated = {_text(m, "person") for _, m in _entries(board, "memberships")}
    allowed = board.get("substitutes_allowed") is True
    for relative, membership in _entries(board, "memberships"):
        named = membership.get("substitutes")
        if not isinstance(named, list) or not named:
            continue
        parts = (*board_parts, *relative, "substitutes")
        if not allowed:
            document.add(
                parts,
                "the board does not allow substitutes: set substitutes_allowed: true on the "
                "board, or remove these",
            )
            continue
        for position, slug in enumerate(named):
            if not isinstance(slug, str):
                continue
            where = (*parts, position)
            if slug not in people:
                document.add(where, f"unknown person {slug!r}")
            elif slug == _text(membership, "person"):
                document.add(where, f"'{slug}' cannot be their own substitute")
            elif slug in seated:
                document.add(where, f"'{slug}' sits on this board in their own right")


def _check_quorums(document: _Document) -> None:
    region = document.data.get("region") if isinstance(document.data, dict) else None
    as_of = _day(region, "as_of") if isinstance(region, dict) else None
    if as_of is None:
        return
    for parts, board in _entries(document.data, "boards"):
        quorum = board.get("quorum")
        memberships = _entries(board, "memberships")
        if not memberships or not isinstance(quorum, int) or isinstance(quorum, bool):
            continue
        voting = {
            _text(membership, "person")
            for _, membership in memberships
            if _text(membership, "role") in VOTING_ROLES and _current(membership, as_of)
        }
        if quorum > len(voting):
            document.add(
                (*parts, "quorum"),
                f"a quorum of {quorum} is more than the {len(voting)} voting members "
                f"on {as_of} (the pack's as_of date)",
            )


def _current(membership: Mapping[str, Any], day: date) -> bool:
    start, end = _day(membership, "from"), _day(membership, "to")
    return start is not None and start <= day and (end is None or day <= end)


def _check_routes(document: _Document) -> None:
    for parts, route in _entries(document.data, "governance_routes"):
        _check_route_end(document, parts, route)
        steps = route.get("steps")
        first: dict[str, int] = {}
        for position, step in enumerate(steps if isinstance(steps, list) else []):
            if not isinstance(step, str):
                continue
            if step in first:
                earlier = format_path((*parts, "steps", first[step]))
                document.add(
                    (*parts, "steps", position),
                    f"'{step}' is already a step of this route ({earlier})",
                )
            else:
                first[step] = position


def _check_route_end(document: _Document, parts: PathParts, route: Mapping[str, Any]) -> None:
    """A route ends at a board or at one person deciding alone: exactly one of the two."""
    board = route.get("final_board") is not None
    person = route.get("final_decision_maker") is not None
    if board and person:
        document.add(
            (*parts, "final_decision_maker"),
            "a route ends at a board or at a person, not both: remove final_board, or remove "
            "final_decision_maker",
        )
    elif not board and not person:
        document.add(
            parts,
            "say who takes the final decision: give final_board (a board's slug), or "
            "final_decision_maker (the slug of a person who decides alone, such as a police "
            "and crime commissioner)",
        )


def _check_funds(document: _Document) -> None:
    for parts, fund in _entries(document.data, "funds"):
        year = _text(fund, "financial_year")
        match = FINANCIAL_YEAR.fullmatch(year or "")
        if year and match and (int(match[1]) + 1) % 100 != int(match[2]):
            start = int(match[1])
            document.add(
                (*parts, "financial_year"),
                f"'{year}' does not span consecutive years (April to March: "
                f"{start}/{(start + 1) % 100:02d})",
            )
        budget = _text(fund, "budget")
        amount = AMOUNT.fullmatch(budget or "")
        if budget and amount and amount[1] is not None and len(amount[1]) > 2:
            document.add(
                (*parts, "budget"), f"'{budget}' has more than 2 decimal places (pounds and pence)"
            )
        _check_fund_governance(document, parts, fund)


def _check_fund_governance(document: _Document, parts: PathParts, fund: Mapping[str, Any]) -> None:
    """A fund's areas may be funded, and its lead is not listed again as joint."""
    areas = [area for _, area in _entries(document.data, "areas")]
    context = {area.get("code") for area in areas if area.get("context")}
    chosen = fund.get("areas")
    # A region of nothing but comparison areas is reported once, on its areas.
    if len(context) < len(areas):
        for position, code in enumerate(chosen if isinstance(chosen, list) else []):
            if code in context:
                document.add(
                    (*parts, "areas", position),
                    f"'{code}' is shown for comparison only, so a fund cannot fund it",
                )
    for key, lead in (("joint_owners", "owner"), ("joint_decision_makers", "decision_maker")):
        joint = fund.get(key)
        for position, value in enumerate(joint if isinstance(joint, list) else []):
            if value is not None and value == fund.get(lead):
                document.add(
                    (*parts, key, position),
                    f"'{value}' is already the fund's {lead.replace('_', ' ')}",
                )


# What a crime indicator can be: crimes counted, or counted per 1,000 people.
CRIME_KINDS = ("count", "rate")


def _check_indicators(document: _Document) -> None:
    missions = {m.get("number") for _, m in _entries(document.data, "missions")}
    for parts, indicator in _entries(document.data, "indicators"):
        kind, origin = _text(indicator, "kind"), _text(indicator, "origin")
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


# --- putting it together ----------------------------------------------------------------------


def _examine(text: str) -> tuple[object, list[PackIssue], int]:
    document = _parse(text)
    if document.readable:
        if document.data is None:
            document.add((), "the pack is empty")
        else:
            document.written_version = versions.written_version(document.data)
            document.data = versions.upgrade(document.data)
            _schema_issues(document)
            _consistency_issues(document)
    written = document.written_version or PACK_VERSION
    return document.data, _in_document_order(document.issues), written


def examine_document(
    text: str, schema_path: Path, noun: str, checks: Iterable[DocumentCheck] = ()
) -> tuple[object, list[PackIssue]]:
    """Read another YAML file that sits beside the packs as a pack is read.

    Each problem is located at its path and line. ``noun`` names the format in messages
    (``meetings story``). The ``checks`` (how parts of the file hang together) run only on a
    file that matches its schema, so they may trust its shape.
    """
    document = _parse(text)
    if document.readable:
        if document.data is None:
            document.add((), f"the {noun} is empty")
        else:
            _schema_issues(document, _validator_at(schema_path), noun)
            if not document.issues:
                for check in checks:
                    check(document.data, document.add)
    return document.data, _in_document_order(document.issues)


def read_document(
    path: str | Path, schema_path: Path, noun: str, checks: Iterable[DocumentCheck] = ()
) -> object:
    """The checked content of such a file; a ``PackError`` naming the file lists every problem."""
    data, issues = examine_document(read_pack_text(path), schema_path, noun, checks)
    if issues:
        raise PackError(issues, str(path))
    return data


def _in_document_order(issues: Iterable[PackIssue]) -> list[PackIssue]:
    unique = {(issue.path, issue.message): issue for issue in issues}
    return sorted(unique.values(), key=lambda issue: (issue.line or 0, issue.path, issue.message))


def _optional_text(mapping: Mapping[str, Any], key: str) -> str | None:
    value = mapping.get(key)
    return None if value is None else str(value)


def _build(data: object, written_version: int = PACK_VERSION) -> RegionPack:
    if not isinstance(data, dict):
        raise PackError([PackIssue(DOCUMENT, "expected a mapping of fields")])
    region = data["region"]
    return RegionPack(
        region=Region(
            slug=region["slug"],
            name=region["name"],
            description=region["description"],
            as_of=date.fromisoformat(region["as_of"]),
            population_source=region.get("population_source"),
        ),
        areas=tuple(_area(area) for area in data["areas"]),
        organisations=tuple(
            Organisation(**{**org, "serves": tuple(org.get("serves", ()))})
            for org in data["organisations"]
        ),
        people=tuple(Person(**person) for person in data.get("people", ())),
        missions=tuple(Mission(**mission) for mission in data.get("missions", ())),
        themes=tuple(_theme(theme) for theme in data.get("themes", ())),
        boards=tuple(_board(board) for board in data.get("boards", ())),
        governance_routes=tuple(
            GovernanceRoute(
                slug=route["slug"],
                name=route["name"],
                steps=tuple(route["steps"]),
                final_board=route.get("final_board"),
                final_decision_maker=route.get("final_decision_maker"),
            )
            for route in data.get("governance_routes", ())
        ),
        funds=tuple(_fund(fund) for fund in data.get("funds", ())),
        indicators=tuple(_indicator(entry) for entry in data.get("indicators", ())),
        written_version=written_version,
    )


def _area(area: Mapping[str, Any]) -> Area:
    fields = {key: value for key, value in area.items() if key not in ("forces", "context")}
    return Area(
        **fields, forces=tuple(area.get("forces") or ()), context=area.get("context") is True
    )


def _indicator(entry: Mapping[str, Any]) -> Indicator:
    fields = {key: value for key, value in entry.items() if key not in ("crime_types", "missions")}
    return Indicator(
        **fields,
        crime_types=tuple(entry.get("crime_types", ())),
        missions=tuple(entry.get("missions", ())),
    )


def _theme(theme: Mapping[str, Any]) -> Theme:
    return Theme(
        slug=theme["slug"],
        name=theme["name"],
        workstreams=tuple(Workstream(**workstream) for workstream in theme["workstreams"]),
    )


def _board(board: Mapping[str, Any]) -> Board:
    fields = {key: value for key, value in board.items() if key != "memberships"}
    memberships = tuple(
        Membership(
            person=membership["person"],
            organisation=membership.get("organisation"),
            role=membership["role"],
            from_date=date.fromisoformat(membership["from"]),
            to_date=date.fromisoformat(membership["to"]) if membership.get("to") else None,
            substitutes=tuple(membership.get("substitutes", ())),
        )
        for membership in board.get("memberships", ())
    )
    return Board(**fields, memberships=memberships)


def _fund(fund: Mapping[str, Any]) -> Fund:
    return Fund(
        slug=fund["slug"],
        name=fund["name"],
        financial_year=fund["financial_year"],
        budget=Decimal(fund["budget"]).quantize(PENNY),
        owner=fund["owner"],
        decision_maker=fund["decision_maker"],
        recommending_board=_optional_text(fund, "recommending_board"),
        joint_owners=tuple(fund.get("joint_owners", ())),
        joint_decision_makers=tuple(fund.get("joint_decision_makers", ())),
        decision_rule=fund.get("decision_rule", "all"),
        areas=tuple(fund.get("areas", ())),
        notice_reference_prefix=_optional_text(fund, "notice_reference_prefix"),
    )
