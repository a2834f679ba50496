"""The pages of the board's recommendation and the commissioner's decision notices make as
many queries with many bids and notices as with a few."""

from __future__ import annotations

from datetime import date
from datetime import time
from datetime import timedelta
from itertools import count
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from funding_support import board_item

from remit.core.models import User
from remit.funding import services
from remit.funding.models import Bid
from remit.funding.models import Round
from remit.meetings import services as meetings

MORE = 4
FEW_MEETINGS, MANY_MEETINGS = 2, 12
AGENDA_MOST_QUERIES = 8


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


def test_the_page_putting_bids_on_an_agenda_makes_no_more_queries_with_more_meetings(
    client: Any,
    officer: User,
    open_round: Round,
    page_queries_stay_flat: Any,
    django_assert_max_num_queries: Any,
) -> None:
    board = open_round.fund.recommending_board
    first = timezone.localdate() + timedelta(days=7)
    days = [first + timedelta(days=7 * n) for n in range(MANY_MEETINGS)]

    def schedule(chosen: list[date]) -> None:
        for day in chosen:
            meetings.meeting_schedule(
                by=officer, board=board, first_date=day, start_time=time(10), location="Lloyd House"
            )

    schedule(days[:FEW_MEETINGS])
    client.force_login(officer)
    url = reverse("funding:round_agenda", args=[open_round.pk])
    html = page_queries_stay_flat(url, lambda: schedule(days[FEW_MEETINGS:]))
    for day in days:
        assert f">{board.name}, {day.day} {day:%B %Y}</option>" in html
    with django_assert_max_num_queries(AGENDA_MOST_QUERIES):
        client.get(url)
