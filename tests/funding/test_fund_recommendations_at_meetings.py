"""The partnership board's recommendation on a round's bids is taken at one of its meetings:
the meeting's decision on the item is the one record of it, and each bid's recommendation
points at that decision."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from funding_support import board_item

from remit.core.errors import DomainError
from remit.funding import services
from remit.funding.models import Bid
from remit.funding.models import Recommendation
from remit.funding.models import Round
from remit.meetings.models import AgendaItem
from remit.meetings.models import Decision


def verdicts(*bids: Bid, outcome: str = "fund_in_full", **kw: Any) -> list[services.BidVerdict]:
    return [services.BidVerdict(bid=b, outcome=outcome, reasons="Strong fit.", **kw) for b in bids]


def test_a_recommendation_is_recorded_at_a_meeting_of_the_recommending_board(
    make_bid: Any, open_round: Round, officer: Any
) -> None:
    first, second = make_bid(title="Safer routes home"), make_bid(title="Street pastors")
    item = board_item(officer)

    decision = services.round_recommendation_record(
        by=officer,
        round=open_round,
        item=item,
        resolution="The partnership agreed its recommendations on the round.",
        verdicts=[
            *verdicts(first),
            services.BidVerdict(
                bid=second,
                outcome="fund_in_part",
                reasons="Half of it.",
                amount_pence=1_000_000,
            ),
        ],
    )

    assert Decision.objects.get() == decision
    assert decision.item == item
    assert {r.meeting_decision for r in Recommendation.objects.all()} == {decision}
    first.refresh_from_db()
    assert first.recommendation.recommended_on == item.meeting.date
    assert first.recommendation.board == item.meeting.board
    item.refresh_from_db()
    assert item.state == AgendaItem.State.DECIDED


def test_the_meeting_decision_lists_each_bid_and_amount(
    make_bid: Any, open_round: Round, officer: Any
) -> None:
    bid = make_bid(title="Safer routes home", amount=1_500_000)

    decision = services.round_recommendation_record(
        by=officer,
        round=open_round,
        item=board_item(officer),
        resolution="Recommendations agreed.",
        verdicts=verdicts(bid),
    )

    assert "Recommendations agreed." in decision.summary
    assert f"{bid.reference} Safer routes home (Safe Streets Trust): fund in full, £15,000" in (
        decision.summary
    )


def test_a_recommendation_cannot_be_recorded_at_a_meeting_of_another_board(
    make_bid: Any, open_round: Round, officer: Any
) -> None:
    bid = make_bid()
    item = board_item(officer, "dsg", held=False)

    with pytest.raises(DomainError) as refused:
        services.round_recommendation_record(
            by=officer, round=open_round, item=item, resolution="Agreed.", verdicts=verdicts(bid)
        )

    assert refused.value.field == "item"
    assert "recommended by" in refused.value.message
    assert not Decision.objects.exists()
    assert not Recommendation.objects.exists()


def test_a_recommendation_cannot_be_recorded_at_a_meeting_not_yet_held(
    make_bid: Any, open_round: Round, officer: Any
) -> None:
    bid = make_bid()
    item = board_item(officer, day=date(2030, 3, 8), held=False)

    with pytest.raises(DomainError) as refused:
        services.round_recommendation_record(
            by=officer, round=open_round, item=item, resolution="Agreed.", verdicts=verdicts(bid)
        )

    assert refused.value.field == "item"
    assert "has not been held yet" in refused.value.message
    assert not Recommendation.objects.exists()


def test_a_refused_bid_saves_nothing_and_names_the_bid(
    make_bid: Any, open_round: Round, officer: Any
) -> None:
    good, bad = make_bid(title="Good"), make_bid(title="Bad", amount=1_000_000)

    with pytest.raises(DomainError) as refused:
        services.round_recommendation_record(
            by=officer,
            round=open_round,
            item=board_item(officer),
            resolution="Agreed.",
            verdicts=[
                *verdicts(good),
                services.BidVerdict(
                    bid=bad, outcome="fund_in_part", reasons="Part.", amount_pence=5_000_000
                ),
            ],
        )

    assert refused.value.field == f"bid{bad.pk}-amount_pence"
    assert refused.value.message.startswith(f"{bad.reference} Bad:")
    assert not Decision.objects.exists()
    assert not Recommendation.objects.exists()


def test_a_recommendation_recorded_before_meetings_still_stands(
    make_bid: Any, officer: Any
) -> None:
    bid = make_bid()
    recommendation = services.recommendation_record(
        by=officer,
        bid=bid,
        outcome="fund_in_full",
        reasons="Good.",
        recommended_on=date(2018, 3, 8),
    )

    assert recommendation.meeting_decision is None
    bid.refresh_from_db()
    assert bid.recommendation == recommendation


def test_the_rounds_recommendations_can_be_put_on_an_upcoming_agenda(
    open_round: Round, officer: Any
) -> None:
    meeting = board_item(officer, day=date(2030, 3, 8), held=False).meeting

    item = services.round_on_agenda(by=officer, round=open_round, meeting=meeting)

    assert item.meeting == meeting
    assert item.kind == AgendaItem.Kind.DECISION
    assert open_round.title in item.title


def test_only_the_recommending_boards_meetings_take_the_round(
    open_round: Round, officer: Any
) -> None:
    meeting = board_item(officer, "dsg", day=date(2030, 3, 8), held=False).meeting

    with pytest.raises(DomainError) as refused:
        services.round_on_agenda(by=officer, round=open_round, meeting=meeting)

    assert refused.value.field == "meeting"


def test_the_bid_page_shows_the_meeting_decision_and_older_recommendations_still_show(
    make_bid: Any, open_round: Round, officer: Any, client: Any
) -> None:
    at_meeting, earlier = make_bid(title="At the meeting"), make_bid(title="Before meetings")
    services.recommendation_record(
        by=officer,
        bid=earlier,
        outcome="do_not_fund",
        reasons="Weak evidence.",
        recommended_on=date(2018, 3, 1),
    )
    decision = services.round_recommendation_record(
        by=officer,
        round=open_round,
        item=board_item(officer),
        resolution="Agreed.",
        verdicts=verdicts(at_meeting),
    )
    client.force_login(officer)

    page = client.get(f"/funds/bids/{at_meeting.pk}/").content.decode()
    assert f"decision {decision.reference}" in page
    older = client.get(f"/funds/bids/{earlier.pk}/").content.decode()
    assert "Do not fund" in older
    assert "Weak evidence." in older
