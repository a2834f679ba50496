"""A pack's fund may be joint: more owners and decision makers, a decision rule, and areas."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from remit.core.services import region_load
from remit.funding.models import Fund
from remit.regions.pack import load_pack
from remit.regions.pack import load_pack_file
from remit.regions.pack import validate_pack

NORTHSHIRE = Path(__file__).parent / "fixtures" / "northshire.yaml"
_DATA: dict[str, Any] = yaml.safe_load(NORTHSHIRE.read_text(encoding="utf-8"))
JOINT = 1  # the joint fund's place in Northshire's funds


def _problems(change: Any) -> list[str]:
    data = copy.deepcopy(_DATA)
    change(data["funds"][JOINT])
    text = yaml.safe_dump(data, sort_keys=False)
    return [f"{issue.path}: {issue.message}" for issue in validate_pack(text)]


def test_the_joint_fund_is_read_with_its_owners_decision_makers_rule_and_areas() -> None:
    single, joint = load_pack_file(NORTHSHIRE).funds

    assert joint.owner == "ashby-vale-council"
    assert joint.joint_owners == ("brackenford-council",)
    assert joint.decision_maker == "ashby-vale-rep"
    assert joint.joint_decision_makers == ("brackenford-rep",)
    assert joint.decision_rule == "all"
    assert joint.areas == ("E06099901", "E06099902")
    assert single.joint_owners == ()
    assert single.joint_decision_makers == ()
    assert single.decision_rule == "all"
    assert single.areas == ()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda f: f.update(joint_decision_makers=["treasurer"]),
            "funds[1].joint_decision_makers[0]: unknown person 'treasurer'",
        ),
        (
            lambda f: f.update(joint_owners=["brackenford-council", "southshire-pcc"]),
            "funds[1].joint_owners[1]: unknown organisation 'southshire-pcc'",
        ),
        (
            lambda f: f.update(areas=["E06099901", "E06099999"]),
            "funds[1].areas[1]: unknown area 'E06099999'",
        ),
        (
            lambda f: f.update(decision_rule="majority"),
            "funds[1].decision_rule: 'majority' is not one of: all, any, lead",
        ),
        (
            lambda f: f.update(joint_decision_makers=["ashby-vale-rep"]),
            "funds[1].joint_decision_makers[0]: 'ashby-vale-rep' is already the fund's decision "
            "maker",
        ),
        (
            lambda f: f.update(areas=["not a code"]),
            "funds[1].areas[0]:",
        ),
    ],
    ids=[
        "unknown joint decision maker",
        "unknown joint owner",
        "unknown area",
        "unknown rule",
        "lead listed again",
        "malformed area code",
    ],
)
def test_a_joint_funds_mistakes_are_reported_at_their_place(change: Any, expected: str) -> None:
    found = _problems(change)
    assert any(problem.startswith(expected) for problem in found), found


def test_an_area_shown_for_comparison_cannot_be_a_funds_area() -> None:
    data = copy.deepcopy(_DATA)
    data["areas"][2]["context"] = True
    data["funds"][JOINT]["areas"] = ["E06099903"]

    found = [f"{i.path}: {i.message}" for i in validate_pack(yaml.safe_dump(data, sort_keys=False))]

    expected = "funds[1].areas[0]: 'E06099903' is shown for comparison only"
    assert any(problem.startswith(expected) for problem in found), found


def test_a_pack_written_before_joint_funds_still_loads() -> None:
    data = copy.deepcopy(_DATA)
    data["pack_version"] = 1
    for area in data["areas"]:
        area.pop("forces", None)
    del data["funds"][JOINT]
    pack = load_pack(yaml.safe_dump(data, sort_keys=False))
    assert [f.decision_rule for f in pack.funds] == ["all"]


@pytest.mark.django_db
def test_loading_the_pack_records_the_joint_fund() -> None:
    region_load(by=None, text=NORTHSHIRE.read_text(encoding="utf-8"))

    fund = Fund.objects.get(slug="ashby-brackenford-joint-fund-2024-25")
    assert [o.slug for o in fund.owners] == ["ashby-vale-council", "brackenford-council"]
    assert [p.slug for p in fund.decision_makers] == ["ashby-vale-rep", "brackenford-rep"]
    assert fund.decision_rule == "all"
    assert fund.is_joint
    assert sorted(a.code for a in fund.areas.all()) == ["E06099901", "E06099902"]
    assert sorted(a.name for a in fund.fundable_areas()) == ["Ashby Vale", "Brackenford"]

    data = copy.deepcopy(_DATA)
    data["funds"][JOINT]["areas"] = ["E06099901"]
    data["funds"][JOINT]["joint_decision_makers"] = []
    region_load(by=None, text=yaml.safe_dump(data, sort_keys=False))
    fund = Fund.objects.get(pk=fund.pk)
    assert [a.code for a in fund.areas.all()] == ["E06099901"]
    assert not fund.is_joint
