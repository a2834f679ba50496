"""A region pack may let a board allow substitutes and name them per seat; mistakes are
reported at their path."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from remit.core.models import Board
from remit.core.models import Membership
from remit.core.models import Substitute
from remit.core.services import region_load
from remit.regions.pack import load_pack
from remit.regions.pack import validate_pack

NORTHSHIRE = Path(__file__).parents[1] / "regions" / "fixtures" / "northshire.yaml"
_DATA: dict[str, Any] = yaml.safe_load(NORTHSHIRE.read_text(encoding="utf-8"))

PACK = """
pack_version: 1
region: {slug: riverside, name: Riverside, description: A small test region., as_of: 2022-07-01,
  population_source: test figures}
areas:
  - {code: E06099901, name: Riverton, kind: unitary, population: 100000, population_year: 2019,
     constituent: true}
organisations:
  - {slug: rca, name: Riverside Combined Authority, kind: combined_authority}
  - {slug: riverton, name: Riverton Council, kind: local_authority, area: E06099901,
     constituent: true}
people:
  - {slug: mayor, name: Mo Mayor, job_title: Mayor, organisation: rca}
  - {slug: leader, name: Cllr Lee Leader, job_title: Leader, organisation: riverton}
  - {slug: deputy, name: Cllr Dee Deputy, job_title: Deputy leader,
     organisation: riverton}
boards:
  - slug: rca-board
    name: Riverside Combined Authority Board
    kind: board
    organisation: rca
    meeting_frequency: monthly
    paper_deadline_days: 5
    quorum: 2
    substitutes_allowed: true
    substitutes_count_towards_quorum: true
    memberships:
      - {person: mayor, organisation: rca, role: chair, from: 2018-01-01}
      - {person: leader, organisation: riverton, role: member, from: 2018-01-01,
         substitutes: [deputy]}
"""


def _problems(change: Any) -> list[str]:
    data = copy.deepcopy(_DATA)
    change(data)
    text = yaml.safe_dump(data, sort_keys=False)
    return [f"{issue.path}: {issue.message}" for issue in validate_pack(text)]


def _allow(data: dict[str, Any]) -> None:
    data["boards"][0]["substitutes_allowed"] = True


def _name(*slugs: object) -> Any:
    def change(data: dict[str, Any]) -> None:
        data["boards"][0]["memberships"][1]["substitutes"] = list(slugs)

    return change


def test_a_pack_names_substitutes_for_a_seat_on_a_board_that_allows_them() -> None:
    pack = load_pack(PACK)
    (board,) = pack.boards
    assert board.substitutes_allowed
    assert board.memberships[1].substitutes == ("deputy",)


def test_substitutes_named_on_a_board_that_allows_none_are_reported_at_their_path() -> None:
    assert _problems(_name("policy-officer")) == [
        "boards[0].memberships[1].substitutes: the board does not allow substitutes: set "
        "substitutes_allowed: true on the board, or remove these"
    ]


@pytest.mark.parametrize(
    ("slugs", "expected"),
    [
        (("nobody",), "boards[0].memberships[1].substitutes[0]: unknown person 'nobody'"),
        (
            ("policy-officer", "chief-constable"),
            "boards[0].memberships[1].substitutes[1]: 'chief-constable' cannot be their own "
            "substitute",
        ),
        (
            ("commissioner",),
            "boards[0].memberships[1].substitutes[0]: 'commissioner' sits on this board in "
            "their own right",
        ),
    ],
    ids=["unknown person", "the member themself", "another member"],
)
def test_a_wrong_substitute_in_a_pack_is_reported_at_its_path(
    slugs: tuple[str, ...], expected: str
) -> None:
    def change(data: dict[str, Any]) -> None:
        _allow(data)
        _name(*slugs)(data)

    assert _problems(change) == [expected]


def test_a_substitutes_rule_that_is_not_yes_or_no_is_reported_at_its_path() -> None:
    def change(data: dict[str, Any]) -> None:
        data["boards"][0]["substitutes_count_towards_quorum"] = "sometimes"

    (problem,) = _problems(change)
    assert problem.startswith("boards[0].substitutes_count_towards_quorum:")


@pytest.mark.django_db
def test_loading_a_pack_records_the_board_rule_and_its_named_substitutes() -> None:
    region_load(by=None, text=PACK)
    board = Board.objects.get(slug="rca-board")
    assert board.substitutes_allowed
    assert board.substitutes_count_towards_quorum
    seat = Membership.objects.get(board=board, person__slug="leader")
    assert [s.person.slug for s in seat.substitutes.all()] == ["deputy"]
    region_load(by=None, text=PACK.replace("substitutes: [deputy]", "substitutes: []"))
    assert not Substitute.objects.exists()
