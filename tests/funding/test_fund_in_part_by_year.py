"""Funding a multi-year bid in part takes an amount for each year it asks for.

Each year's amount is no more than was asked that year; a total, if given, must be what the
years add up to; an error names the year. The recommendation and the determination both keep
the split, and a determination that splits the years differently departs from the
recommendation.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from funding_support import complete_data

from remit.core.errors import DomainError
from remit.core.models import User
from remit.funding import services
from remit.funding.models import Bid
from remit.funding.models import Grant
from remit.funding.models import Recommendation
from remit.funding.models import Round


@pytest.fixture
def two_year_bid(open_round: Round, partner: User) -> Bid:
    """£20,000 in 2018/19 and £10,000 in 2019/20."""
    first, second = open_round.years[:2]
    data = {**complete_data(open_round), "amounts": {first: 2_000_000, second: 1_000_000}}
    bid = services.bid_create(by=partner, round=open_round, data=data)
    services.outcome_add(
        by=partner, bid=bid, data={"outcome": "Fewer assaults", "measure": "Recorded crime"}
    )
    services.bid_submit(by=partner, bid=bid)
    return Bid.all_objects.get(pk=bid.pk)


def _recommend(bid: Bid, officer: User, **kw: Any) -> Recommendation:
    return services.recommendation_record(
        by=officer,
        bid=bid,
        outcome="fund_in_part",
        reasons="Strong, but the second year is not yet evidenced.",
        recommended_on=date(2018, 3, 8),
        **kw,
    )


def test_funding_a_multi_year_bid_in_part_takes_an_amount_for_each_year(
    two_year_bid: Bid, officer: User
) -> None:
    with pytest.raises(DomainError) as error:
        _recommend(two_year_bid, officer, amount_pence=1_500_000)
    assert error.value.field == "amounts_pence.2018/19"
    assert "Enter the amount to fund in 2018/19" in error.value.message
    recommendation = _recommend(
        two_year_bid, officer, amounts_pence={"2018/19": 2_000_000, "2019/20": 500_000}
    )
    assert recommendation.amount_pence == 2_500_000
    assert recommendation.amounts == {"2018/19": 2_000_000, "2019/20": 500_000}


def test_a_years_amount_cannot_be_more_than_was_asked_for_that_year(
    two_year_bid: Bid, officer: User
) -> None:
    with pytest.raises(DomainError) as error:
        _recommend(two_year_bid, officer, amounts_pence={"2018/19": 100, "2019/20": 1_000_001})
    assert error.value.field == "amounts_pence.2019/20"
    assert error.value.message == (
        "The amount for 2019/20 (£10,000.01) is more than the £10,000.00 asked for that year."
    )
    assert not Recommendation.objects.exists()


def test_the_years_must_add_up_to_the_total_and_the_error_names_each_year(
    two_year_bid: Bid, officer: User
) -> None:
    with pytest.raises(DomainError) as error:
        _recommend(
            two_year_bid,
            officer,
            amount_pence=2_600_000,
            amounts_pence={"2018/19": 2_000_000, "2019/20": 500_000},
        )
    assert error.value.field == "amount_pence"
    assert error.value.message == (
        "The years add up to £25,000.00 (2018/19 £20,000.00, 2019/20 £5,000.00), "
        "not the total of £26,000.00."
    )
    with pytest.raises(DomainError, match="choose fund in full otherwise"):
        _recommend(
            two_year_bid, officer, amounts_pence={"2018/19": 2_000_000, "2019/20": 1_000_000}
        )
    assert not Recommendation.objects.exists()


def test_a_determination_splitting_the_years_differently_departs_from_the_recommendation(
    two_year_bid: Bid, officer: User, commissioner: User
) -> None:
    _recommend(two_year_bid, officer, amounts_pence={"2018/19": 2_000_000, "2019/20": 500_000})
    split = {"2018/19": 1_500_000, "2019/20": 1_000_000}
    with pytest.raises(DomainError) as error:
        services.determination_record(
            by=commissioner,
            bid=two_year_bid,
            outcome="fund_in_part",
            amounts_pence=split,
            reasons="",
            decided_on=date(2018, 3, 20),
        )
    assert error.value.field == "reasons"
    determination = services.determination_record(
        by=commissioner,
        bid=two_year_bid,
        outcome="fund_in_part",
        amounts_pence=split,
        reasons="The second year is where the need is.",
        decided_on=date(2018, 3, 20),
    )
    assert (determination.amounts, determination.differs_from_recommendation) == (split, True)
    assert Grant.all_objects.get(bid=two_year_bid).amount_pence == 2_500_000


def test_funding_in_full_records_what_was_asked_each_year(two_year_bid: Bid, officer: User) -> None:
    recommendation = services.recommendation_record(
        by=officer,
        bid=two_year_bid,
        outcome="fund_in_full",
        reasons="Good.",
        recommended_on=date(2018, 3, 8),
    )
    assert recommendation.amounts == {"2018/19": 2_000_000, "2019/20": 1_000_000}


def test_the_recommendation_page_asks_for_each_years_amount_and_names_the_year_in_error(
    client: Any, two_year_bid: Bid, officer: User
) -> None:
    client.force_login(officer)
    url = reverse("funding:recommend", args=[two_year_bid.pk])
    form = client.get(url).content.decode()
    assert "Amount to fund in 2018/19 (£)" in form
    assert "Amount to fund in 2019/20 (£)" in form
    sent = {
        "outcome": "fund_in_part",
        "amount_2018_19": "20,000",
        "amount_2019_20": "£12,000",
        "recommended_on": "2018-03-08",
        "reasons": "Second year trimmed.",
    }
    refused = client.post(url, sent)
    assert refused.status_code == 200
    assert "is more than the £10,000.00 asked for that year" in refused.content.decode()
    assert refused.context["form"].errors["amount_2019_20"]
    client.post(url, {**sent, "amount_2019_20": "5000"})
    page = client.get(reverse("funding:bid", args=[two_year_bid.pk])).content.decode()
    assert "Fund in part: £25,000.00 (2018/19 £20,000.00, 2019/20 £5,000.00)" in page
