"""The pages of the board's recommendation and the commissioner's decision notices make as
many queries with many bids and notices as with a few."""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

import pytest
from django.urls import reverse
from funding_support import board_item

from remit.core.models import User
from remit.funding import services
from remit.funding.models import Bid, Round

MORE = 4


def _determined(make_bid: Any, officer: User, commissioner: User, title: str) -> Bid:
    bid = make_bid(title=title)
    services.recommendation_record(
        by=officer,
        bid=bid,
        outcome="fund_in_full",
        reasons="Good.",
        recommended_on=date(2018, 3, 8),
    )
    services.determination_record(
        by=commissioner, bid=bid, outcome="fund_in_full", reasons="", decided_on=date(2018, 3, 20)
    )
    return bid


def _notice(round: Round, commissioner: User, supersedes: Any = None) -> Any:
    notice = services.notice_record(
        by=commissioner,
        round=round,
        decision="Award the grants.",
        reasons="They meet the plan.",
        declarations="",
        decided_on=date(2018, 3, 20),
        signatory_role="Police and Crime Commissioner",
        supersedes=supersedes,
        correction_note="Corrected." if supersedes else "",
    )
    return services.notice_publish(by=commissioner, notice=notice)


def test_the_board_recommendation_page_makes_no_more_queries_with_more_bids(
    client: Any, officer: User, open_round: Round, make_bid: Any, page_queries_stay_flat: Any
) -> None:
    board_item(officer)
    numbers = count()
    make_bid(title=f"Project {next(numbers)}")
    client.force_login(officer)

    html = page_queries_stay_flat(
        reverse("funding:round_recommend", args=[open_round.pk]),
        lambda: [make_bid(title=f"Project {next(numbers)}") for _ in range(MORE)],
    )

    assert f"Project {MORE}" in html


@pytest.mark.parametrize("page", ["round", "public_decisions", "notice", "public_notice"])
def test_the_decision_pages_make_no_more_queries_with_more_notices(
    client: Any,
    officer: User,
    commissioner: User,
    open_round: Round,
    make_bid: Any,
    page_queries_stay_flat: Any,
    page: str,
) -> None:
    _determined(make_bid, officer, commissioner, "Project first")
    chain = [_notice(open_round, commissioner)]
    services.round_on_agenda(
        by=officer,
        round=open_round,
        meeting=board_item(officer, day=date(2030, 2, 1), held=False).meeting,
    )

    def grow() -> None:
        for _ in range(MORE):
            chain.append(_notice(open_round, commissioner, chain[-1]))
            services.round_on_agenda(
                by=officer,
                round=open_round,
                meeting=board_item(officer, day=date(2030, 3, len(chain)), held=False).meeting,
            )

    first = chain[0]
    url = {
        "round": reverse("funding:round", args=[open_round.pk]),
        "public_decisions": reverse("meetings_public:decisions"),
        "notice": reverse("funding:notice", args=[first.pk]),
        "public_notice": reverse("funding_public:notice", args=[first.reference]),
    }[page]
    client.force_login(commissioner)

    html = page_queries_stay_flat(url, grow)

    if page in {"round", "public_decisions"}:
        assert chain[-1].reference in html
