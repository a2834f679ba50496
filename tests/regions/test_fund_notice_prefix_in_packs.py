"""A pack may give a fund the prefix of its decision notices' references; a prefix it leaves out
is left as the fund has it."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from remit.core.services import region_load
from remit.funding.models import Fund
from remit.regions.pack import load_pack_file
from remit.regions.pack import validate_pack

NORTHSHIRE = Path(__file__).parent / "fixtures" / "northshire.yaml"
_DATA: dict[str, Any] = yaml.safe_load(NORTHSHIRE.read_text(encoding="utf-8"))
SINGLE, JOINT = 0, 1  # the funds' places in Northshire's funds


def _text(change: Any = None) -> str:
    data = copy.deepcopy(_DATA)
    if change is not None:
        change(data["funds"])
    return yaml.safe_dump(data, sort_keys=False)


def test_a_funds_notice_prefix_is_read_and_may_be_left_out() -> None:
    single, joint = load_pack_file(NORTHSHIRE).funds

    assert single.notice_reference_prefix == "NPCC"
    assert joint.notice_reference_prefix is None


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        *(
            (
                typed,
                f"{typed!r} is not valid; expected capital letters and digits, starting with a "
                "letter, at most 16, e.g. DN",
            )
            for typed in ("npcc", "N-PCC", "1PCC", "NORTHSHIREPCCFUND")
        ),
        ("", "must not be blank"),
    ],
    ids=["small letters", "hyphen", "digit first", "too long", "blank"],
)
def test_a_bad_notice_prefix_is_reported_at_its_place(prefix: str, expected: str) -> None:
    text = _text(lambda funds: funds[JOINT].update(notice_reference_prefix=prefix))

    found = [f"{issue.path}: {issue.message}" for issue in validate_pack(text)]

    assert found == [f"funds[1].notice_reference_prefix: {expected}"]


def test_a_bad_notice_prefix_is_reported_at_its_line_in_the_file() -> None:
    text = NORTHSHIRE.read_text(encoding="utf-8")
    line = text.splitlines().index("    notice_reference_prefix: NPCC") + 1

    (issue,) = validate_pack(
        text.replace("notice_reference_prefix: NPCC", "notice_reference_prefix: Npcc")
    )

    assert str(issue).startswith("funds[0].notice_reference_prefix: 'Npcc' is not valid")
    assert issue.line == line


def test_two_funds_may_share_a_notice_prefix() -> None:
    text = _text(lambda funds: funds[JOINT].update(notice_reference_prefix="NPCC"))

    assert validate_pack(text) == []


@pytest.mark.django_db
def test_loading_gives_the_fund_its_prefix_and_keeps_one_the_pack_leaves_out() -> None:
    region_load(by=None, text=_text())
    single = Fund.objects.get(slug=_DATA["funds"][SINGLE]["slug"])
    joint = Fund.objects.get(slug=_DATA["funds"][JOINT]["slug"])
    assert (single.notice_reference_prefix, joint.notice_reference_prefix) == ("NPCC", "DN")

    Fund.objects.filter(pk=joint.pk).update(notice_reference_prefix="ABJSF")
    region_load(by=None, text=_text(lambda funds: funds[SINGLE].pop("notice_reference_prefix")))

    single.refresh_from_db()
    joint.refresh_from_db()
    assert (single.notice_reference_prefix, joint.notice_reference_prefix) == ("NPCC", "ABJSF")
