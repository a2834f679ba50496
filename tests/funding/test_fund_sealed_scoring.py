"""Sealed scoring: an assessor sees the other assessors' scores and comments on a bid only once
they have scored it on every criterion, or once moderation opens; moderators see all."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import Role
from remit.core.models import User
from remit.funding import services
from remit.funding.models import Bid
from remit.funding.models import Round

COMMENT = "Strong evidence of need in the town centre."


@pytest.fixture
def scored(open_round: Round, make_bid: Any, officer: User) -> Bid:
    """A bid the fund's officer has scored in full, with a comment: weighted score 84.00."""
    bid = make_bid()
    fit, value = open_round.criteria.order_by("position")
    services.scores_record(by=officer, bid=bid, scores={fit.pk: (5, COMMENT), value.pk: (3, "")})
    return bid


def _pages(client: Any, bid: Bid) -> tuple[str, str, str]:
    return tuple(
        client.get(url).content.decode()
        for url in (
            reverse("funding:bid", args=[bid.pk]),
            reverse("funding:moderation", args=[bid.round_id]),
            reverse("funding:package", args=[bid.round_id]),
        )
    )  # type: ignore[return-value]


def test_an_assessor_sees_other_scores_only_after_scoring_every_criterion(
    client: Any, scored: Bid, open_round: Round, make_user: Any
) -> None:
    second = make_user(Role.OFFICER)
    client.force_login(second)
    page, moderation, package = _pages(client, scored)
    assert COMMENT not in page
    assert "stay sealed until you have scored it on every criterion" in page
    assert "84.00" not in moderation
    assert "84.00" not in package
    assert "Not shown to you" in moderation

    fit, value = open_round.criteria.order_by("position")
    services.scores_record(by=second, bid=scored, scores={fit.pk: (4, "Fair.")})
    page, moderation, _ = _pages(client, scored)
    assert COMMENT not in page
    assert "Fair." in page  # their own scores stay in view
    assert "84.00" not in moderation

    services.scores_record(by=second, bid=scored, scores={value.pk: (3, "")})
    page, moderation, package = _pages(client, scored)
    assert COMMENT in page
    assert "Not shown to you" not in moderation
    assert "Not shown to you" not in package


def test_every_assessor_sees_the_scores_once_moderation_opens(
    client: Any, scored: Bid, open_round: Round, make_user: Any
) -> None:
    second = make_user(Role.OFFICER)
    moderator = make_user(Role.ADMIN)
    with pytest.raises(NotPermitted):
        services.moderation_open(by=second, round=open_round)
    client.force_login(moderator)
    assert client.post(reverse("funding:moderation_open", args=[open_round.pk])).status_code == 302
    open_round.refresh_from_db()
    assert open_round.moderation_opened_by == moderator
    assert open_round.history.first().history_change_reason == "Moderation opened"
    with pytest.raises(DomainError, match="Moderation opened at"):
        services.moderation_open(by=moderator, round=open_round)

    client.force_login(second)
    page, moderation, package = _pages(client, scored)
    assert COMMENT in page
    assert "84.00" in moderation
    assert "84.00" in package
    round_page = client.get(reverse("funding:round", args=[open_round.pk])).content.decode()
    assert "Moderation opened" in round_page


def test_moderators_see_every_score(client: Any, scored: Bid, make_user: Any) -> None:
    client.force_login(make_user(Role.ADMIN))
    page, moderation, package = _pages(client, scored)
    assert COMMENT in page
    assert "84.00" in moderation
    assert "84.00" in package
