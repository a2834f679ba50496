"""Rules of the region pack format, proven on the fictional Northshire pack and broken variants."""

from __future__ import annotations

import copy
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from property_examples import examples
from remit.regions.pack import AREA_KINDS
from remit.regions.pack import BOARD_KINDS
from remit.regions.pack import MEETING_FREQUENCIES
from remit.regions.pack import MEMBERSHIP_ROLES
from remit.regions.pack import ORGANISATION_KINDS
from remit.regions.pack import SCHEMA_ID
from remit.regions.pack import SCHEMA_PATH
from remit.regions.pack import PackError
from remit.regions.pack import PackIssue
from remit.regions.pack import RegionPack
from remit.regions.pack import format_path
from remit.regions.pack import load_pack
from remit.regions.pack import load_pack_file
from remit.regions.pack import load_schema
from remit.regions.pack import validate_pack

FIXTURES = Path(__file__).parent / "fixtures"
NORTHSHIRE = FIXTURES / "northshire.yaml"

Data = dict[str, Any]


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_NORTHSHIRE: Data = yaml.load(NORTHSHIRE.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506


def northshire() -> Data:
    """A fresh copy of the fictional pack's data, to break one rule at a time."""
    return copy.deepcopy(_NORTHSHIRE)


def dump(data: Data) -> str:
    return yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True)


def problems(data: Data) -> list[str]:
    return [f"{issue.path}: {issue.message}" for issue in validate_pack(dump(data))]


# --- the valid pack ---------------------------------------------------------------------------


def test_northshire_loads_into_frozen_dataclasses() -> None:
    pack = load_pack_file(NORTHSHIRE)

    assert isinstance(pack, RegionPack)
    assert pack.region.slug == "northshire"
    assert pack.region.as_of == date(2024, 4, 1)
    assert [area.code for area in pack.areas] == [
        "E06099901",
        "E06099902",
        "E06099903",
        "E06099904",
        "E47099901",
    ]
    assert pack.area("E06099903").constituent is False
    assert pack.organisation("nca").area == "E47099901"
    assert pack.person("policy-officer").email == "robin.ferncastle@npcc.example"
    assert [mission.number for mission in pack.missions] == [11, 12]
    assert [ws.slug for ws in pack.workstreams] == ["community-safety", "youth-diversion"]
    assert pack.workstreams[1].beyond_deal is True
    assert pack.workstreams[1].lead is None
    with pytest.raises(AttributeError):
        pack.region.slug = "elsewhere"  # type: ignore[misc]


def test_membership_dates_are_dates_and_open_ended_when_to_is_missing_or_null() -> None:
    partnership = load_pack_file(NORTHSHIRE).board("community-safety-partnership")

    mayor, secretariat = partnership.memberships[3], partnership.memberships[4]
    assert mayor.from_date == date(2022, 1, 1)
    assert mayor.to_date == date(2023, 12, 31)
    assert secretariat.to_date is None
    assert partnership.memberships[0].to_date is None
    assert mayor.current_on(date(2023, 12, 31))
    assert not mayor.current_on(date(2024, 1, 1))


def test_an_independent_member_represents_no_organisation() -> None:
    pack = load_pack_file(NORTHSHIRE)
    seat = pack.board("community-safety-partnership").memberships[5]

    assert (seat.person, seat.organisation, seat.role) == ("independent-member", None, "member")
    assert pack.person("independent-member").organisation is None


def test_an_organisation_may_serve_several_areas() -> None:
    pack = load_pack_file(NORTHSHIRE)

    assert pack.organisation("northshire-fire").serves == ("E06099901", "E06099902", "E06099903")
    assert pack.organisation("northshire-vru").kind == "violence_reduction_unit"
    assert pack.organisation("npcc").serves == ()


def test_budget_is_a_decimal_in_pounds_and_pence() -> None:
    fund = load_pack_file(NORTHSHIRE).funds[0]

    assert fund.budget == Decimal("250000.00")
    assert isinstance(fund.budget, Decimal)
    assert fund.financial_year == "2024/25"


def test_a_budget_in_whole_pounds_is_held_to_the_penny() -> None:
    data = northshire()
    data["funds"][0]["budget"] = "1200"

    assert str(load_pack(dump(data)).funds[0].budget) == "1200.00"


def test_board_parent_and_route_are_kept_in_order() -> None:
    pack = load_pack_file(NORTHSHIRE)

    assert pack.board("community-safety-partnership").parent == "police-and-crime-board"
    assert pack.governance_routes[0].steps == (
        "community-safety-partnership",
        "police-and-crime-board",
    )


def test_a_route_may_end_at_a_person_who_decides_alone() -> None:
    pack = load_pack_file(NORTHSHIRE)

    board_route, person_route = pack.governance_routes
    assert (board_route.final_board, board_route.final_decision_maker) == (
        "police-and-crime-board",
        None,
    )
    assert person_route.steps == ("community-safety-partnership",)
    assert (person_route.final_board, person_route.final_decision_maker) == (None, "commissioner")


def test_lists_other_than_areas_and_organisations_may_be_left_out() -> None:
    data = northshire()
    for key in (
        "people",
        "missions",
        "themes",
        "boards",
        "governance_routes",
        "funds",
        "indicators",
    ):
        del data[key]
    for organisation in data["organisations"]:
        organisation.pop("area", None)

    pack = load_pack(dump(data))

    assert pack.people == ()
    assert pack.boards == ()
    assert pack.funds == ()


def test_the_pack_module_imports_nothing_from_django() -> None:
    script = (
        "import sys, remit.regions.pack\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


# --- one rule, one located message ------------------------------------------------------------

Mutation = Callable[[Data], None]


def _set(path: str, value: object) -> Mutation:
    def mutate(data: Data) -> None:
        *parents, last = _parts(path)
        target: Any = data
        for part in parents:
            target = target[part]
        target[last] = value

    return mutate


def _delete(path: str) -> Mutation:
    def mutate(data: Data) -> None:
        *parents, last = _parts(path)
        target: Any = data
        for part in parents:
            target = target[part]
        del target[last]

    return mutate


def _append_copy(collection: str, index: int, **changes: object) -> Mutation:
    def mutate(data: Data) -> None:
        entry = copy.deepcopy(data[collection][index])
        entry.update(changes)
        data[collection].append(entry)

    return mutate


def _add_membership(board: int, **membership: object) -> Mutation:
    def mutate(data: Data) -> None:
        data["boards"][board]["memberships"].append(membership)

    return mutate


def _parts(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for piece in path.replace("]", "").split("."):
        name, *indices = piece.split("[")
        parts.append(name)
        parts.extend(int(index) for index in indices)
    return parts


RULES: list[tuple[str, Mutation, str]] = [
    (
        "unknown organisation in a membership",
        _set("boards[1].memberships[1].organisation", "ashby-vale"),
        "boards[1].memberships[1].organisation: unknown organisation 'ashby-vale'",
    ),
    (
        "unknown organisation for a person",
        _set("people[0].organisation", "wmfs"),
        "people[0].organisation: unknown organisation 'wmfs'",
    ),
    (
        "unknown person leading a workstream",
        _set("themes[0].workstreams[0].lead", "someone-else"),
        "themes[0].workstreams[0].lead: unknown person 'someone-else'",
    ),
    (
        "unknown person in a membership",
        _set("boards[0].memberships[1].person", "chief-constabl"),
        "boards[0].memberships[1].person: unknown person 'chief-constabl' "
        "(did you mean 'chief-constable'?)",
    ),
    (
        "unknown area for an organisation",
        _set("organisations[0].area", "E47099999"),
        "organisations[0].area: unknown area 'E47099999'",
    ),
    (
        "unknown parent board",
        _set("boards[1].parent", "strategic-board"),
        "boards[1].parent: unknown board 'strategic-board'",
    ),
    (
        "route step that is not a board",
        _set("governance_routes[0].steps[0]", "cabinet"),
        "governance_routes[0].steps[0]: unknown board 'cabinet'",
    ),
    (
        "final board that is not a board",
        _set("governance_routes[0].final_board", "full-council"),
        "governance_routes[0].final_board: unknown board 'full-council'",
    ),
    (
        "final decision maker who is not a person",
        _set("governance_routes[1].final_decision_maker", "comissioner"),
        "governance_routes[1].final_decision_maker: unknown person 'comissioner' "
        "(did you mean 'commissioner'?)",
    ),
    (
        "route ending at both a board and a person",
        _set("governance_routes[1].final_board", "police-and-crime-board"),
        "governance_routes[1].final_decision_maker: a route ends at a board or at a person, not "
        "both: remove final_board, or remove final_decision_maker",
    ),
    (
        "route ending at no one",
        _delete("governance_routes[0].final_board"),
        "governance_routes[0]: say who takes the final decision: give final_board (a board's "
        "slug), or final_decision_maker (the slug of a person who decides alone, such as a "
        "police and crime commissioner)",
    ),
    (
        "route step given twice",
        _set("governance_routes[0].steps", ["police-and-crime-board", "police-and-crime-board"]),
        "governance_routes[0].steps[1]: 'police-and-crime-board' is already a step of this route "
        "(governance_routes[0].steps[0])",
    ),
    (
        "fund recommending board unknown",
        _set("funds[0].recommending_board", "csp"),
        "funds[0].recommending_board: unknown board 'csp'",
    ),
    (
        "fund decision maker unknown",
        _set("funds[0].decision_maker", "treasurer"),
        "funds[0].decision_maker: unknown person 'treasurer'",
    ),
    (
        "duplicate organisation slug",
        _append_copy("organisations", 1),
        "organisations[9].slug: duplicate organisation slug 'npcc' "
        "(first used at organisations[1])",
    ),
    (
        "duplicate person slug",
        _append_copy("people", 0),
        "people[8].slug: duplicate person slug 'commissioner' (first used at people[0])",
    ),
    (
        "duplicate board slug",
        _append_copy("boards", 0, decision_reference_prefix="OTHER"),
        "boards[2].slug: duplicate board slug 'police-and-crime-board' (first used at boards[0])",
    ),
    (
        "duplicate decision reference prefix",
        _set("boards[1].decision_reference_prefix", "NPCB"),
        "boards[1].decision_reference_prefix: duplicate decision reference prefix 'NPCB' "
        "(first used at boards[0])",
    ),
    (
        "duplicate area code",
        _append_copy("areas", 0, name="Ashby Vale again"),
        "areas[5].code: duplicate area code 'E06099901' (first used at areas[0])",
    ),
    (
        "duplicate workstream slug across themes",
        lambda data: data["themes"].append(
            {
                "slug": "second-theme",
                "name": "Second theme",
                "workstreams": [{"slug": "community-safety", "name": "Again"}],
            }
        ),
        "themes[1].workstreams[0].slug: duplicate workstream slug 'community-safety' "
        "(first used at themes[0].workstreams[0])",
    ),
    (
        "duplicate mission number",
        _set("missions[1].number", 11),
        "missions[1].number: duplicate mission number 11 (first used at missions[0])",
    ),
    (
        "board parent loop",
        _set("boards[0].parent", "community-safety-partnership"),
        "boards[0].parent: the parent chain loops back to this board: "
        "police-and-crime-board → community-safety-partnership → police-and-crime-board",
    ),
    (
        "board that is its own parent",
        _set("boards[0].parent", "police-and-crime-board"),
        "boards[0].parent: the parent chain loops back to this board: "
        "police-and-crime-board → police-and-crime-board",
    ),
    (
        "membership ending before it starts",
        _set("boards[1].memberships[3].to", "2021-12-31"),
        "boards[1].memberships[3].to: ends (2021-12-31) before it starts (2022-01-01)",
    ),
    (
        "same person twice on a board at once",
        _add_membership(
            0,
            person="chief-constable",
            organisation="northshire-police",
            role="member",
            **{"from": "2023-01-01"},
        ),
        "boards[0].memberships[2].person: 'chief-constable' already sits on this board then "
        "(boards[0].memberships[1])",
    ),
    (
        "two chairs at once",
        _add_membership(
            0, person="mayor", organisation="nca", role="chair", **{"from": "2024-01-01"}
        ),
        "boards[0].memberships[2].role: the board already has a chair then "
        "(boards[0].memberships[0])",
    ),
    (
        "quorum larger than the voting members",
        _set("boards[0].quorum", 3),
        "boards[0].quorum: a quorum of 3 is more than the 2 voting members on 2024-04-01 "
        "(the pack's as_of date)",
    ),
    (
        "malformed GSS code",
        _set("areas[0].code", "E6099901"),
        "areas[0].code: 'E6099901' is not valid; expected an ONS GSS code",
    ),
    (
        "GSS code of another kind of area",
        _set("areas[0].kind", "metropolitan_district"),
        "areas[0].code: 'E06099901' is not a metropolitan district code (those begin E08)",
    ),
    (
        "financial year written wrongly",
        _set("funds[0].financial_year", "2024-2025"),
        "funds[0].financial_year: '2024-2025' is not valid; "
        "expected a financial year written YYYY/YY",
    ),
    (
        "financial year not consecutive",
        _set("funds[0].financial_year", "2024/26"),
        "funds[0].financial_year: '2024/26' does not span consecutive years",
    ),
    (
        "budget with more than two decimals",
        _set("funds[0].budget", "250000.001"),
        "funds[0].budget: '250000.001' has more than 2 decimal places (pounds and pence)",
    ),
    (
        "budget written as a number",
        _set("funds[0].budget", 250000.5),
        "funds[0].budget: expected text, not the number 250000.5",
    ),
    (
        "required field missing",
        _delete("boards[1].quorum"),
        "boards[1].quorum: is required",
    ),
    (
        "field that is not in the format",
        _set("boards[1].frequency", "monthly"),
        "boards[1].frequency: is not a field of the pack format",
    ),
    (
        "value outside its list",
        _set("boards[1].meeting_frequency", "termly"),
        "boards[1].meeting_frequency: 'termly' is not one of: weekly, fortnightly",
    ),
    (
        "impossible date",
        _set("region.as_of", "2024-02-30"),
        "region.as_of: '2024-02-30' is not valid; expected a date written YYYY-MM-DD",
    ),
    (
        "population without its year",
        _delete("areas[1].population_year"),
        "areas[1].population_year: is required when population is given",
    ),
    (
        "blank name",
        _set("people[1].name", "   "),
        "people[1].name: must not be blank",
    ),
    (
        "slug with capitals",
        _set("organisations[2].slug", "Northshire-Police"),
        "organisations[2].slug: 'Northshire-Police' is not valid; expected a slug",
    ),
    (
        "organisation serving an unknown area",
        _set("organisations[7].serves", ["E06099901", "E06099909"]),
        "organisations[7].serves[1]: unknown area 'E06099909'",
    ),
    (
        "member who represents no one and is not marked independent",
        _delete("boards[1].memberships[1].organisation"),
        "boards[1].memberships[1]: say whom the member represents: give organisation, or "
        "independent: true",
    ),
    (
        "independent member who also represents an organisation",
        _set("boards[1].memberships[5].organisation", "npcc"),
        "boards[1].memberships[5].independent: an independent member represents no "
        "organisation: remove organisation, or remove independent",
    ),
    (
        "pack format version unknown",
        _set("pack_version", 3),
        "pack_version: 3 is not one of: 1, 2",
    ),
    (
        "empty list of organisations",
        lambda data: data.update(organisations=[], people=[], boards=[], funds=[]),
        "organisations: must list at least 1",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "expected"), [rule[1:] for rule in RULES], ids=[r[0] for r in RULES]
)
def test_each_broken_rule_is_reported_at_its_path(mutate: Mutation, expected: str) -> None:
    data = northshire()
    mutate(data)

    found = problems(data)

    assert any(problem.startswith(expected) for problem in found), found


def test_a_sound_pack_has_no_problems() -> None:
    assert validate_pack(NORTHSHIRE.read_text(encoding="utf-8")) == []


# --- reporting --------------------------------------------------------------------------------

MANY_PROBLEMS = [
    "region.slug: 'Many-Problems' is not valid; expected a slug",
    "region.as_of: '2024-13-01' is not valid; expected a date",
    "areas[0].code: 'E0609990' is not valid; expected an ONS GSS code",
    "areas[1].code: 'E07099901' is not a unitary code",
    "areas[1].population_year: is required when population is given",
    "areas[2].code: duplicate area code 'E07099901'",
    "organisations[0].area: unknown area 'E06099999'",
    "organisations[1].slug: duplicate organisation slug 'council'",
    "organisations[1].kind: 'parish' is not one of",
    "people[0].organisation: unknown organisation 'councill' (did you mean 'council'?)",
    "people[1].phone: is not a field of the pack format",
    "missions[1].number: duplicate mission number 11",
    "themes[0].workstreams[0].lead: unknown person 'nobody'",
    "boards[0].parent: the parent chain loops back to this board: board-a → board-b → board-a",
    "boards[0].memberships[0].organisation: unknown organisation 'wmfs'",
    "boards[0].memberships[0].to: ends (2019-12-31) before it starts (2020-01-01)",
    "boards[1].meeting_frequency: 'monthy' is not one of",
    "governance_routes[0].steps[1]: unknown board 'board-c'",
    "governance_routes[0].final_board: unknown board 'board-d'",
    "funds[0].financial_year: '2024/26' does not span consecutive years",
    "funds[0].budget: '1000.005' has more than 2 decimal places",
    "funds[1].financial_year: '2024-25' is not valid",
    "funds[1].budget: expected text, not the number 1000.5",
    "funds[1].decision_maker: unknown person 'someone'",
]


def test_every_problem_in_a_pack_is_reported_at_once_in_document_order() -> None:
    with pytest.raises(PackError) as caught:
        load_pack_file(FIXTURES / "broken-many.yaml")

    lines = str(caught.value).splitlines()
    assert len(lines) == len(MANY_PROBLEMS)
    for line, expected in zip(lines, MANY_PROBLEMS, strict=True):
        assert line.startswith(expected), (line, expected)
    assert [issue.line for issue in caught.value.errors] == sorted(
        issue.line or 0 for issue in caught.value.errors
    )


def test_each_problem_carries_the_line_it_sits_on() -> None:
    with pytest.raises(PackError) as caught:
        load_pack_file(FIXTURES / "broken-many.yaml")

    wmfs = next(issue for issue in caught.value.errors if "'wmfs'" in issue.message)
    assert wmfs.line == 62
    assert str(wmfs) == (
        "boards[0].memberships[0].organisation: unknown organisation 'wmfs' (line 62)"
    )


def test_pack_error_names_its_source_and_first_path() -> None:
    with pytest.raises(PackError) as caught:
        load_pack_file(FIXTURES / "broken-many.yaml")

    assert caught.value.source.endswith("broken-many.yaml")
    assert caught.value.path == "region.slug"
    assert all(isinstance(issue, PackIssue) for issue in caught.value.errors)


def test_yaml_syntax_error_gives_line_and_column() -> None:
    with pytest.raises(PackError) as caught:
        load_pack_file(FIXTURES / "broken-syntax.yaml")

    [issue] = caught.value.errors
    assert issue.path == "(document)"
    assert issue.message.startswith("invalid YAML: ")
    assert "flow sequence that starts on line 11" in issue.message
    assert issue.line == 12
    assert issue.column is not None
    assert str(caught.value).endswith(f"(line 12, column {issue.column})")


def test_control_characters_are_reported_with_their_line() -> None:
    [issue] = validate_pack("pack_version: 1\n# café\nregion: \x1f\n")

    assert str(issue) == "(document): invalid YAML: the character U+001F is not allowed (line 3)"


def test_a_key_given_twice_is_reported_not_silently_overwritten() -> None:
    text = NORTHSHIRE.read_text(encoding="utf-8").replace(
        "    quorum: 2\n", "    quorum: 2\n    quorum: 2\n", 1
    )
    first = text.splitlines().index("    quorum: 2") + 1

    found = [str(issue) for issue in validate_pack(text)]

    assert found == [
        f"boards[0].quorum: 'quorum' is given twice (first on line {first}); keep one "
        f"(line {first + 1})"
    ]


def test_an_empty_document_is_a_problem_not_a_crash() -> None:
    assert [str(issue) for issue in validate_pack("# nothing here\n")] == [
        "(document): the pack is empty"
    ]


def test_a_document_that_is_not_a_mapping_is_reported() -> None:
    [issue] = validate_pack("- just\n- a list\n")

    assert issue.path == "(document)"
    assert issue.message.startswith("expected a mapping of fields, not a list")


def test_aliases_that_loop_back_are_refused() -> None:
    [issue] = validate_pack("region: &loop\n  again: *loop\n")

    assert issue.message.startswith("the document refers to itself")
    assert issue.line == 1


def test_unsafe_yaml_tags_are_refused() -> None:
    [issue] = validate_pack("region: !!python/object/apply:os.system ['true']\n")

    assert issue.message.startswith("invalid YAML: could not determine a constructor")


def test_a_missing_file_is_a_pack_error() -> None:
    with pytest.raises(PackError) as caught:
        load_pack_file(FIXTURES / "no-such-pack.yaml")

    assert caught.value.errors[0].message.startswith("cannot read")


def test_a_file_that_is_not_utf8_is_a_pack_error(tmp_path: Path) -> None:
    pack = tmp_path / "latin1.yaml"
    pack.write_bytes("name: Caf\xe9\n".encode("latin-1"))

    with pytest.raises(PackError, match="not UTF-8"):
        load_pack_file(pack)


def test_format_path_writes_indices_in_brackets() -> None:
    assert format_path(("boards", 3, "memberships", 2, "organisation")) == (
        "boards[3].memberships[2].organisation"
    )
    assert format_path(()) == "(document)"


# --- the schema -------------------------------------------------------------------------------


def test_schema_is_published_as_draft_2020_12() -> None:
    schema = load_schema()

    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID
    assert SCHEMA_PATH.name == "schema.json"


def test_schema_lists_match_the_module_constants() -> None:
    defs = load_schema()["$defs"]

    assert tuple(defs["area"]["properties"]["kind"]["enum"]) == AREA_KINDS
    assert tuple(defs["organisation"]["properties"]["kind"]["enum"]) == ORGANISATION_KINDS
    assert tuple(defs["board"]["properties"]["kind"]["enum"]) == BOARD_KINDS
    assert tuple(defs["board"]["properties"]["meeting_frequency"]["enum"]) == MEETING_FREQUENCIES
    assert tuple(defs["membership"]["properties"]["role"]["enum"]) == MEMBERSHIP_ROLES


def test_every_field_of_the_schema_reaches_the_dataclasses() -> None:
    pack = load_pack_file(NORTHSHIRE)
    board_fields = set(load_schema()["$defs"]["board"]["properties"]) - {"memberships"}

    assert board_fields <= set(vars(pack.boards[0]))


# --- properties -------------------------------------------------------------------------------


def _with_fund(**changes: object) -> str:
    data = northshire()
    data["funds"][0].update(changes)
    return dump(data)


@examples(40)
@given(st.integers(min_value=1990, max_value=2200))
def test_consecutive_financial_years_are_accepted(start: int) -> None:
    year = f"{start}/{(start + 1) % 100:02d}"

    assert load_pack(_with_fund(financial_year=year)).funds[0].financial_year == year


@examples(40)
@given(st.integers(min_value=1990, max_value=2200), st.integers(min_value=0, max_value=99))
def test_financial_years_that_skip_or_go_back_are_refused(start: int, end: int) -> None:
    if (start + 1) % 100 == end:
        end = (end + 1) % 100
    year = f"{start}/{end:02d}"

    found = [issue.message for issue in validate_pack(_with_fund(financial_year=year))]

    assert found == [
        f"'{year}' does not span consecutive years (April to March: "
        f"{start}/{(start + 1) % 100:02d})"
    ]


@examples(60)
@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_budgets_keep_their_exact_pence(amount: Decimal) -> None:
    assert load_pack(_with_fund(budget=f"{amount:.2f}")).funds[0].budget == amount


@examples(40)
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=3, max_value=6))
def test_budgets_with_fractions_of_a_penny_are_refused(pounds: int, places: int) -> None:
    budget = f"{pounds}.{'1' * places}"

    found = [issue.message for issue in validate_pack(_with_fund(budget=budget))]

    assert found == [f"'{budget}' has more than 2 decimal places (pounds and pence)"]


@examples(150)
@given(st.text(max_size=200))
def test_any_text_gives_a_pack_or_a_pack_error(text: str) -> None:
    issues = validate_pack(text)

    if issues:
        with pytest.raises(PackError) as caught:
            load_pack(text)
        assert [str(issue) for issue in caught.value.errors] == [str(i) for i in issues]
    else:
        assert isinstance(load_pack(text), RegionPack)


def test_removing_a_person_reports_every_reference_to_them() -> None:
    data = northshire()
    data["people"] = [person for person in data["people"] if person["slug"] != "commissioner"]

    found = problems(data)

    assert found == [
        "themes[0].workstreams[0].sponsor: unknown person 'commissioner'",
        "boards[0].memberships[0].person: unknown person 'commissioner'",
        "boards[1].memberships[0].person: unknown person 'commissioner'",
        "governance_routes[1].final_decision_maker: unknown person 'commissioner'",
        "funds[0].decision_maker: unknown person 'commissioner'",
    ]


def test_the_documented_example_pack_loads() -> None:
    guide = Path(__file__).parents[2] / "docs" / "region-packs.md"
    example = guide.read_text(encoding="utf-8").split("```yaml\n")[-1].split("```")[0]

    pack = load_pack(example, source="docs/region-packs.md")

    assert pack.region.slug == "northshire"
    assert pack.funds[0].budget == Decimal("250000.00")
