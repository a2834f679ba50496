"""Fund pages make as many queries with many bids and grants as with a few."""

from __future__ import annotations

from itertools import count
from typing import Any

import pytest
from django.urls import reverse
from funding_support import awarded, ready

from remit.core.models import User
from remit.funding import services
from remit.funding.models import Fund, Round

MORE = 5


@pytest.fixture
def grow(make_bid: Any, officer: User, commissioner: User) -> Any:
    """One published grant first; ``grow()`` adds more, each from a bid funded in full."""
    numbers = count()

    def add(how_many: int) -> None:
        for _ in range(how_many):
            ready(
                awarded(make_bid, officer, commissioner, title=f"Project {next(numbers)}"), officer
            )

    add(1)
    return lambda: add(MORE)


def _urls(fund: Fund, open_round: Round) -> dict[str, str]:
    return {
        "home": reverse("funding:home"),
        "fund": reverse("funding:fund", args=[fund.slug]),
        "round": reverse("funding:round", args=[open_round.pk]),
        "bids": reverse("funding:bids", args=[open_round.pk]),
        "grants": reverse("funding:grants"),
        "scenarios": reverse("funding:scenarios", args=[fund.slug]),
    }


@pytest.mark.parametrize("page", ["home", "fund", "round", "bids", "grants", "scenarios"])
def test_a_fund_page_makes_no_more_queries_with_more_grants(
    client: Any,
    officer: User,
    fund: Fund,
    open_round: Round,
    grow: Any,
    page_queries_stay_flat: Any,
    page: str,
) -> None:
    client.force_login(officer)
    html = page_queries_stay_flat(_urls(fund, open_round)[page], grow)
    if page in {"bids", "grants"}:
        assert f"Project {MORE}" in html


def test_the_published_grants_make_no_more_queries_with_more_grants(
    grow: Any, page_queries_stay_flat: Any
) -> None:
    html = page_queries_stay_flat(reverse("funding_public:list"), grow)
    assert f"Project {MORE}" in html


def test_a_bid_page_makes_no_more_queries_with_more_outcomes(
    client: Any, partner: User, make_bid: Any, page_queries_stay_flat: Any
) -> None:
    bid = make_bid(submit=False)
    client.force_login(partner)

    def grow() -> None:
        for n in range(MORE):
            services.outcome_add(
                by=partner, bid=bid, data={"outcome": f"Outcome {n}", "measure": "Recorded crime"}
            )

    html = page_queries_stay_flat(reverse("funding:bid", args=[bid.pk]), grow)
    assert f"Outcome {MORE - 1}" in html
