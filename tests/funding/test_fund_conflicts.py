"""A conflict of interest covers the whole assessment: scores, comments, moderation, the
suggested package and the partnership's recommendation."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from remit.core.errors import NotPermitted
from remit.core.models import Role
from remit.core.models import User
from remit.funding import services
from remit.funding.models import Bid
from remit.funding.models import Round

DAY = date(2018, 3, 8)
COMMENT = "Strong evidence of need in the town centre."


@pytest.fixture
def scored(open_round: Round, make_bid: Any, officer: User) -> Bid:
    """A bid fully scored, with a comment, by the fund's officer: weighted score 84.00."""
    bid = make_bid()
    fit, value = open_round.criteria.order_by("position")
    services.scores_record(by=officer, bid=bid, scores={fit.pk: (5, COMMENT), value.pk: (3, "")})
    return bid


def _conflicted(kind: str, bid: Bid, make_user: Any) -> User:
    if kind == "declared":
        user = make_user(Role.OFFICER)
        services.interest_declare(by=user, bid=bid, nature="My partner is a trustee.")
        return user
    return make_user(Role.OFFICER, organisation=bid.organisation)


WHY = {
    "declared": "you declared an interest in it (My partner is a trustee.)",
    "colleague": "you belong to Safe Streets Trust, which made it",
}


@pytest.mark.parametrize("kind", ["declared", "colleague"])
def test_a_conflicted_officer_sees_none_of_the_bids_assessment(
    client: Any, kind: str, scored: Bid, open_round: Round, officer: User, make_user: Any
) -> None:
    client.force_login(officer)
    assert COMMENT in client.get(reverse("funding:bid", args=[scored.pk])).content.decode()
    assert (
        "84.00" in client.get(reverse("funding:moderation", args=[open_round.pk])).content.decode()
    )
    assert "84.00" in client.get(reverse("funding:package", args=[open_round.pk])).content.decode()

    client.force_login(_conflicted(kind, scored, make_user))
    page = client.get(reverse("funding:bid", args=[scored.pk])).content.decode()
    assert COMMENT not in page
    assert f"You have a conflict of interest in this bid: {WHY[kind]}" in page
    moderation = client.get(reverse("funding:moderation", args=[open_round.pk])).content.decode()
    assert "84.00" not in moderation
    assert f"Not shown to you. You cannot see this bid&#x27;s assessment: {WHY[kind]}" in moderation
    package = client.get(reverse("funding:package", args=[open_round.pk])).content.decode()
    assert "84.00" not in package
    assert "Not shown to you" in package
    assert "£20,000.00" not in package


@pytest.mark.parametrize("kind", ["declared", "colleague"])
def test_a_conflicted_officer_takes_no_part_in_the_recommendation(
    client: Any, kind: str, scored: Bid, officer: User, make_user: Any
) -> None:
    conflicted = _conflicted(kind, scored, make_user)
    with pytest.raises(NotPermitted, match="recommendation on this bid"):
        services.recommendation_record(
            by=conflicted, bid=scored, outcome="fund_in_full", reasons="Good.", recommended_on=DAY
        )
    first = services.recommendation_record(
        by=officer, bid=scored, outcome="fund_in_full", reasons="Good.", recommended_on=DAY
    )
    scored.refresh_from_db()
    with pytest.raises(NotPermitted, match="recommendation on this bid"):
        services.recommendation_record(
            by=conflicted,
            bid=scored,
            outcome="do_not_fund",
            reasons="No.",
            recommended_on=DAY,
            supersedes=first,
            correction_note="Changed our minds.",
        )
    client.force_login(conflicted)
    refused = client.get(reverse("funding:recommend_correct", args=[scored.pk, first.pk]))
    assert refused.status_code == 403
    assert WHY[kind] in refused.content.decode()
    page = client.get(reverse("funding:bid", args=[scored.pk])).content.decode()
    assert "Correct this recommendation" not in page
    assert f"You cannot take part in the recommendation on this bid: {WHY[kind]}" in page
