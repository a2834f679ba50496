"""The indicators permissions matrix: role × action × published or draft, from one table,
and who may declare a result for a proposal or grant.

Loosening or removing a rule in `remit.indicators.permissions` makes a row here fail.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from remit.core.models import Role
from remit.core.permissions import Verdict
from remit.indicators import permissions as p
from remit.indicators.models import Indicator
from remit.indicators.models import Result

Y, PUB, N = "both", "published only", "neither"

ACTIONS: dict[str, Callable[[Any, Indicator, Result], Verdict]] = {
    "view_indicator": lambda u, i, r: p.can_view_indicator(u, i),
    "view_result": lambda u, i, r: p.can_view_result(u, r),
    "define_indicator": lambda u, i, r: p.can_define_indicator(u, i),
    "load_values": lambda u, i, r: p.can_load_values(u, i),
    "publish_indicator": lambda u, i, r: p.can_publish_indicator(u, i),
    "import_crime": lambda u, i, r: p.can_import_crime(u),
    "view_crime_data": lambda u, i, r: p.can_view_crime_data(u),
    "view_report": lambda u, i, r: p.can_view_report(u),
    "edit_result": lambda u, i, r: p.can_edit_result(u, r),
    "declare_result": lambda u, i, r: p.can_declare_result(u),
}
READS = {"view_indicator": Y, "view_result": Y, "view_crime_data": Y, "view_report": Y}
KEEPER = dict.fromkeys(ACTIONS, Y)
READER = {**dict.fromkeys(ACTIONS, N), **READS}

MATRIX: dict[str, dict[str, str]] = {
    "anonymous": {**dict.fromkeys(ACTIONS, N), "view_indicator": PUB, "view_result": PUB},
    Role.ADMIN: KEEPER,
    Role.OFFICER: KEEPER,
    Role.ANALYST: KEEPER,
    Role.BOARD_MEMBER: READER,
    Role.PARTNER: READER,
    Role.DECISION_MAKER: READER,
}

CASES = [(who, action) for who in MATRIX for action in ACTIONS]


def _user(who: str, make_user: Callable[..., Any], region: Any) -> Any:
    if who == "anonymous":
        return AnonymousUser()
    if who == Role.PARTNER:
        return make_user(who, organisation=region.organisations.get(slug="safe-streets"))
    return make_user(who)


@pytest.mark.parametrize(("who", "action"), CASES)
def test_permission_matrix(who: str, action: str, make_user: Any, region: Any) -> None:
    user = _user(who, make_user, region)
    outcomes = []
    for published in (True, False):
        indicator = Indicator(region=region, slug="x", name="X", is_published=published)
        result = Result(region=region, title="R", is_published=published)
        outcomes.append(bool(ACTIONS[action](user, indicator, result)))
    expected = {Y: [True, True], PUB: [True, False], N: [False, False]}[MATRIX[who][action]]
    assert outcomes == expected


def test_a_refusal_says_why(make_user: Any, region: Any) -> None:
    verdict = p.can_import_crime(make_user(Role.BOARD_MEMBER))
    assert verdict.reason == "Your role (board member) cannot import crime data."
    assert p.can_define_indicator(AnonymousUser()).reason == "Sign in to continue."


def test_an_inactive_analyst_can_do_nothing(make_user: Any, region: Any) -> None:
    analyst = make_user(Role.ANALYST, is_active=False)
    assert not p.can_define_indicator(analyst)


def _grant(region: Any, *, bid_status: str) -> Any:
    """An unsaved grant to Safe Streets Trust; visibility turns on the bid alone."""
    from remit.funding.models import Bid
    from remit.funding.models import Grant

    bid = Bid(organisation=region.organisations.get(slug="safe-streets"), status=bid_status)
    return Grant(bid=bid, amount_pence=1)


@pytest.mark.parametrize(
    ("who", "owner", "allowed"),
    [
        (Role.ANALYST, "draft proposal", True),
        (Role.OFFICER, "draft proposal", True),
        (Role.ANALYST, "grant", True),
        (Role.OFFICER, "grant", True),
        (Role.ANALYST, "grant on a draft bid", False),
        (Role.OFFICER, "grant on a draft bid", True),
        (Role.PARTNER, "grant", False),
        (Role.BOARD_MEMBER, "draft proposal", False),
        ("anonymous", "grant", False),
    ],
)
def test_declaring_for_a_record_needs_a_keeper_who_can_see_it(
    who: str, owner: str, allowed: bool, make_user: Callable[..., Any], region: Any
) -> None:
    from remit.proposals.models import Proposal

    record = {
        "draft proposal": Proposal(title="P", is_published=False),
        "grant": _grant(region, bid_status="awarded"),
        "grant on a draft bid": _grant(region, bid_status="draft"),
    }[owner]
    assert bool(p.can_declare_result(_user(who, make_user, region), record)) is allowed


def test_a_keeper_who_cannot_see_the_grant_is_told_so(make_user: Any, region: Any) -> None:
    verdict = p.can_declare_result(make_user(Role.ANALYST), _grant(region, bid_status="draft"))
    assert verdict.reason == "There is no such grant, or you cannot see it."
