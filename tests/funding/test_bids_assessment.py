"""Assessment: scores with comments, conflicts refused with the reason, moderation, and pages
whose query counts stay the same however many bids there are."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from funding_support import complete_data

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import Organisation
from remit.core.models import Role
from remit.core.models import User
from remit.funding import selectors
from remit.funding import services
from remit.funding.models import Bid
from remit.funding.models import Round
from remit.funding.models import Score

DAY = date(2018, 1, 18)


def _criteria(round: Round) -> list[Any]:
    return list(round.criteria.order_by("position"))


def test_an_officer_scores_each_criterion_with_comments(
    open_round: Round, make_bid: Any, officer: User
) -> None:
    bid = make_bid()
    fit, value = _criteria(open_round)
    services.scores_record(
        by=officer, bid=bid, scores={fit.pk: (4, "Clear fit."), value.pk: (3, "")}
    )
    services.scores_record(
        by=officer, bid=bid, scores={fit.pk: (5, "Clearer now."), value.pk: (3, "")}
    )
    scores = {s.criterion_id: (s.score, s.comment) for s in Score.objects.filter(bid=bid)}
    assert scores == {fit.pk: (5, "Clearer now."), value.pk: (3, "")}
    assert Score.history.filter(id=Score.objects.get(criterion=fit).pk).count() == 2


def test_a_score_beyond_the_criterions_scale_is_refused(
    open_round: Round, make_bid: Any, officer: User
) -> None:
    fit, _ = _criteria(open_round)
    with pytest.raises(DomainError) as error:
        services.scores_record(by=officer, bid=make_bid(), scores={fit.pk: (6, "")})
    assert error.value.field == f"score_{fit.pk}"
    assert not Score.objects.exists()


def test_an_assessor_from_the_bidding_organisation_cannot_score_it(
    open_round: Round, make_bid: Any, make_user: Any
) -> None:
    bid = make_bid()
    colleague = make_user(Role.OFFICER, organisation=bid.organisation)
    fit, _ = _criteria(open_round)
    with pytest.raises(NotPermitted) as error:
        services.scores_record(by=colleague, bid=bid, scores={fit.pk: (4, "")})
    assert "you belong to Safe Streets Trust, which made it" in error.value.message


def test_an_assessor_who_declared_an_interest_cannot_score_and_loses_their_scores(
    client: Any, open_round: Round, make_bid: Any, officer: User
) -> None:
    bid = make_bid()
    fit, _ = _criteria(open_round)
    services.scores_record(by=officer, bid=bid, scores={fit.pk: (4, "")})
    services.interest_declare(by=officer, bid=bid, nature="My partner is a trustee.")
    assert not Score.objects.exists()
    client.force_login(officer)
    refused = client.get(reverse("funding:bid_score", args=[bid.pk]))
    assert refused.status_code == 403
    assert "you declared an interest in it (My partner is a trustee.)" in refused.content.decode()


def test_drafts_are_not_assessed(open_round: Round, make_bid: Any, officer: User) -> None:
    fit, _ = _criteria(open_round)
    with pytest.raises(DomainError, match="draft"):
        services.scores_record(by=officer, bid=make_bid(submit=False), scores={fit.pk: (3, "")})


def test_moderation_shows_mean_spread_and_flags_disagreement(
    open_round: Round, make_bid: Any, officer: User, make_user: Any
) -> None:
    bid = make_bid()
    fit, value = _criteria(open_round)
    second = make_user(Role.OFFICER)
    services.scores_record(by=officer, bid=bid, scores={fit.pk: (5, ""), value.pk: (3, "")})
    services.scores_record(by=second, bid=bid, scores={fit.pk: (3, ""), value.pk: (4, "")})
    board = selectors.moderation(open_round)
    row = board.rows[0]
    assert [(c.mean, c.spread, c.disagreement) for c in row.cells] == [
        (Decimal("4.00"), 2, True),
        (Decimal("3.50"), 1, False),
    ]
    assert row.weighted == Decimal("76.00")  # (3 × 4/5 + 2 × 3.5/5) / 5
    assert board.flagged == 1
    assert row.assessors == 2


def _bids(round: Round, count: int, officer: User, region: Any, make_user: Any) -> None:
    criteria = _criteria(round)
    for index in range(count):
        organisation = Organisation.objects.create(
            region=region, slug=f"org-{round.pk}-{index}", name=f"Org {index}", kind="other"
        )
        partner = make_user(Role.PARTNER, organisation=organisation)
        bid = services.bid_create(by=partner, round=round, data=complete_data(round))
        services.outcome_add(by=partner, bid=bid, data={"outcome": "o", "measure": "m"})
        services.match_funding_add(
            by=partner, bid=bid, data={"source": "s", "amount_pence": 100, "confirmed": True}
        )
        services.bid_submit(by=partner, bid=bid)
        services.scores_record(by=officer, bid=bid, scores={c.pk: (3, "") for c in criteria})
        services.recommendation_record(
            by=officer,
            bid=bid,
            outcome="fund_in_full",
            reasons="Good.",
            recommended_on=round.opens_at.date(),
        )


@pytest.mark.parametrize("page", ["funding:bids", "funding:moderation", "funding:package"])
def test_page_queries_stay_the_same_with_5_or_50_bids(
    client: Any,
    page: str,
    make_round: Any,
    officer: User,
    region: Any,
    make_user: Any,
    page_queries: Any,
) -> None:
    small, large = make_round(), make_round()
    _bids(small, 5, officer, region, make_user)
    _bids(large, 50, officer, region, make_user)
    client.force_login(officer)
    assert page_queries(reverse(page, args=[small.pk])) == page_queries(
        reverse(page, args=[large.pk])
    )
    assert Bid.objects.filter(round=large).count() == 50


def test_the_suggested_package_keeps_within_envelopes_and_says_what_it_leaves_out(
    open_round: Round, make_bid: Any, officer: User, other_partner: User
) -> None:
    yaml_text = (
        "budget: 100000.00\nweights: {population: 1}\nareas:\n"
        "  - {code: E08000901, name: Northton, population: 1}\n"
        "  - {code: E08000902, name: Southby, population: 1}\n"
    )
    scenario = services.scenario_create(
        by=officer, fund=open_round.fund, name="Even", yaml_text=yaml_text
    )
    services.scenario_adopt(by=officer, scenario=scenario, reasons="Even.", decided_on=DAY)
    strong = make_bid(amount=4_000_000, title="Strong")
    weaker = make_bid(by=other_partner, amount=2_000_000, title="Weaker")
    make_bid(by=other_partner, amount=100, lead="E08000902", title="Unscored")
    fit, value = _criteria(open_round)
    services.scores_record(by=officer, bid=strong, scores={fit.pk: (5, ""), value.pk: (5, "")})
    services.scores_record(by=officer, bid=weaker, scores={fit.pk: (2, ""), value.pk: (2, "")})
    open_round.fund.refresh_from_db()
    view = selectors.suggested_package(Round.objects.select_related("fund").get(pk=open_round.pk))
    assert [line.bid.title for line in view.chosen] == ["Strong"]
    reasons = {line.bid.title: line.reason for line in view.left_out}
    assert "area envelope E08000901 would be exceeded by £10,000.00" in reasons["Weaker"]
    assert reasons["Unscored"] == "not yet scored on every criterion"
