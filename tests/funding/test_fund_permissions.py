"""The fund's permissions matrix: role × action × own/other organisation, from one literal table.

Every signed-in user here belongs to Northton Council. "Own" is a bid (or grant) made by
Northton Council, "other" one made by the Safe Streets Trust. Removing or loosening any rule in
`remit.funding.permissions` makes a row fail.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Role
from remit.funding import permissions as p
from remit.funding.models import Bid
from remit.funding.models import Fund
from remit.funding.models import Grant
from remit.funding.models import Round
from remit.funding.workflow import BidStatus

Y, OWN, OTHER, N = "both", "own only", "other only", "neither"


def _bid(round: Round, organisation: Organisation, status: str) -> Bid:
    return Bid(round=round, organisation=organisation, title="A bid", status=status)


ACTIONS: dict[str, Callable[[Any, Fund, Round, Organisation], p.Verdict]] = {
    "view_fund": lambda u, f, r, o: p.can_view_fund(u, f),
    "edit_fund": lambda u, f, r, o: p.can_edit_fund(u, f),
    "create_next_years_fund": lambda u, f, r, o: p.can_create_fund(u, f),
    "write_scenarios": lambda u, f, r, o: p.can_manage_scenarios(u, f),
    "adopt_scenario": lambda u, f, r, o: p.can_adopt_scenario(u, f),
    "build_scenario_from_held_figures": lambda u, f, r, o: p.can_build_scenario(u, f),
    "download_scenario_yaml": lambda u, f, r, o: p.can_export_scenario(u, f),
    "manage_round": lambda u, f, r, o: p.can_manage_round(u, f),
    "create_bid": lambda u, f, r, o: p.can_create_bid(u, r),
    "view_draft_bid": lambda u, f, r, o: p.can_view_bid(u, _bid(r, o, BidStatus.DRAFT)),
    "view_submitted_bid": lambda u, f, r, o: p.can_view_bid(u, _bid(r, o, BidStatus.SUBMITTED)),
    "edit_draft_bid": lambda u, f, r, o: p.can_edit_bid(u, _bid(r, o, BidStatus.DRAFT)),
    "edit_submitted_bid": lambda u, f, r, o: p.can_edit_bid(u, _bid(r, o, BidStatus.SUBMITTED)),
    "submit_bid": lambda u, f, r, o: p.can_submit_bid(u, _bid(r, o, BidStatus.DRAFT)),
    "withdraw_bid": lambda u, f, r, o: p.can_withdraw_bid(u, _bid(r, o, BidStatus.SUBMITTED)),
    "declare_interest": lambda u, f, r, o: p.can_declare_interest(u, _bid(r, o, "submitted")),
    "score": lambda u, f, r, o: p.can_score(u, _bid(r, o, BidStatus.SUBMITTED)),
    "score_with_interest": lambda u, f, r, o: p.can_score(
        u, _bid(r, o, BidStatus.SUBMITTED), declared="a trustee"
    ),
    "view_scores": lambda u, f, r, o: p.can_view_scores(u, f),
    "view_assessment": lambda u, f, r, o: p.can_view_assessment(
        u, _bid(r, o, BidStatus.SUBMITTED), scored=True
    ),
    "view_assessment_with_interest": lambda u, f, r, o: p.can_view_assessment(
        u, _bid(r, o, BidStatus.SUBMITTED), declared="a trustee", scored=True
    ),
    "view_assessment_sealed": lambda u, f, r, o: p.can_view_assessment(
        u, _bid(r, o, BidStatus.SUBMITTED)
    ),
    "view_assessment_once_moderation_opens": lambda u, f, r, o: p.can_view_assessment(
        u, _bid(r, o, BidStatus.SUBMITTED), moderation_open=True
    ),
    "open_moderation": lambda u, f, r, o: p.can_open_moderation(u, r),
    "recommend": lambda u, f, r, o: p.can_recommend(u, _bid(r, o, BidStatus.SUBMITTED)),
    "recommend_with_interest": lambda u, f, r, o: p.can_recommend(
        u, _bid(r, o, BidStatus.SUBMITTED), declared="a trustee"
    ),
    "view_recommendation": lambda u, f, r, o: p.can_view_recommendation(
        u, _bid(r, o, BidStatus.SUBMITTED)
    ),
    "determine": lambda u, f, r, o: p.can_determine(u, _bid(r, o, BidStatus.SUBMITTED)),
    "view_determination": lambda u, f, r, o: p.can_view_determination(
        u, _bid(r, o, BidStatus.AWARDED)
    ),
    "manage_grant": lambda u, f, r, o: p.can_manage_grant(u, Grant(bid=_bid(r, o, "awarded"))),
    "view_grant": lambda u, f, r, o: p.can_view_grant(u, Grant(bid=_bid(r, o, "awarded"))),
    "submit_return": lambda u, f, r, o: p.can_submit_return(u, Grant(bid=_bid(r, o, "awarded"))),
    "record_payment": lambda u, f, r, o: p.can_record_payment(u, Grant(bid=_bid(r, o, "awarded"))),
    "publish_grant": lambda u, f, r, o: p.can_publish_grant(u, Grant(bid=_bid(r, o, "awarded"))),
    "view_published_grant": lambda u, f, r, o: p.can_view_published_grant(
        u, Grant(bid=_bid(r, o, "awarded"), is_published=True)
    ),
    "view_unpublished_grant_publicly": lambda u, f, r, o: p.can_view_published_grant(
        u, Grant(bid=_bid(r, o, "awarded"), is_published=False)
    ),
    "record_recommendation_at_meeting": lambda u, f, r, o: p.can_record_recommendation_at_meeting(
        u, r
    ),
    "sign_decision_notice": lambda u, f, r, o: p.can_issue_notice(u, f),
    "publish_decision_notice": lambda u, f, r, o: p.can_publish_notice(u, f),
    "view_unpublished_decision_notice": lambda u, f, r, o: p.can_view_notice(u, False),
    "view_published_decision_notice": lambda u, f, r, o: p.can_view_notice(u, True),
    "view_bids_by_area": lambda u, f, r, o: p.can_view_bids_by_area(u, r),
}

READ = {
    "view_fund": Y,
    "download_scenario_yaml": Y,
    "view_submitted_bid": Y,
    "view_recommendation": Y,
    "view_determination": Y,
    "view_grant": Y,
    "view_published_grant": Y,
    "view_unpublished_decision_notice": Y,
    "view_published_decision_notice": Y,
    "view_bids_by_area": Y,
}
OFFICE = {
    **dict.fromkeys(ACTIONS, Y),
    "create_bid": N,
    "edit_draft_bid": N,
    "edit_submitted_bid": N,
    "submit_bid": N,
    "withdraw_bid": N,
    "score": OTHER,
    "score_with_interest": N,
    "view_assessment": OTHER,
    "view_assessment_with_interest": N,
    "view_assessment_sealed": N,
    "view_assessment_once_moderation_opens": OTHER,
    "open_moderation": N,
    "recommend": OTHER,
    "recommend_with_interest": N,
    "determine": N,
    "view_unpublished_grant_publicly": N,
    "sign_decision_notice": N,
}
MATRIX: dict[str, dict[str, str]] = {
    "anonymous": {
        **dict.fromkeys(ACTIONS, N),
        "view_published_grant": Y,
        "view_published_decision_notice": Y,
    },
    Role.ADMIN: {**OFFICE, "view_assessment_sealed": OTHER, "open_moderation": Y},
    Role.OFFICER: OFFICE,
    Role.BOARD_MEMBER: {**dict.fromkeys(ACTIONS, N), **READ},
    Role.ANALYST: {**dict.fromkeys(ACTIONS, N), **READ},
    Role.DECISION_MAKER: {
        **dict.fromkeys(ACTIONS, N),
        **READ,
        "adopt_scenario": Y,
        "determine": Y,
        "sign_decision_notice": Y,
        "publish_decision_notice": Y,
    },
    "decision_maker_of_another_fund": {**dict.fromkeys(ACTIONS, N), **READ},
    Role.PARTNER: {
        **dict.fromkeys(ACTIONS, N),
        "view_fund": Y,
        "create_bid": Y,
        "view_draft_bid": OWN,
        "view_submitted_bid": OWN,
        "edit_draft_bid": OWN,
        "submit_bid": OWN,
        "withdraw_bid": OWN,
        "view_determination": OWN,
        "view_grant": OWN,
        "submit_return": OWN,
        "view_published_grant": Y,
        "view_published_decision_notice": Y,
    },
}


def test_matrix_covers_every_role_and_action() -> None:
    assert {"anonymous", *Role.values} <= set(MATRIX)
    assert all(set(row) == set(ACTIONS) for row in MATRIX.values())


@pytest.fixture
def round(fund: Fund) -> Round:
    return Round(fund=fund, slug="r", title="Round")


def _user(role: str, region: Region, make_user: Any) -> Any:
    own = region.organisations.get(slug="northton-council")
    if role == "anonymous":
        return AnonymousUser()
    if role == "decision_maker_of_another_fund":
        return make_user(
            Role.DECISION_MAKER, organisation=own, person=Person.objects.get(slug="trust-lead")
        )
    person = region.people.get(slug="commissioner") if role == Role.DECISION_MAKER else None
    return make_user(role, organisation=own, person=person)


@pytest.mark.parametrize("role", list(MATRIX))
def test_permissions_of(
    role: str, region: Region, fund: Fund, round: Round, make_user: Any
) -> None:
    """Each (action, side) of the role's row; a failure lists every cell that differs."""
    user = _user(role, region, make_user)
    sides = {
        "own": region.organisations.get(slug="northton-council"),
        "other": region.organisations.get(slug="safe-streets"),
    }
    wrong = []
    for action, check in ACTIONS.items():
        expected = MATRIX[role][action]
        for side, organisation in sides.items():
            verdict = check(user, fund, round, organisation)
            should = expected == Y or expected == (OWN if side == "own" else OTHER)
            if verdict.allowed != should or (not verdict.allowed and not verdict.reason):
                wrong.append(f"{action} on {side}: allowed={verdict.allowed} ({verdict.reason})")
    assert not wrong, "\n".join(wrong)
