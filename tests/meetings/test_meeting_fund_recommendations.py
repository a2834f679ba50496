"""An item about a fund's round is where the partnership board recommends on the round's bids:
the decision recorded under it lists each bid and amount, and the meeting page, the minutes and
the public decisions show it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from meetings_support import at
from meetings_support import hold

from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User
from remit.funding import services as funding
from remit.funding.models import Bid
from remit.funding.models import Fund
from remit.funding.models import Round
from remit.meetings import services
from remit.meetings.models import AgendaItem
from remit.meetings.models import Decision
from remit.meetings.models import Meeting


@pytest.fixture
def round(region: Region, officer: User) -> Round:
    fund = Fund.objects.create(
        region=region,
        slug="community-safety-fund",
        name="Community Safety Fund 2018/19",
        financial_year="2018/19",
        budget_pence=10_000_000,
        owner=region.organisations.get(slug="opcc"),
        decision_maker=region.people.get(slug="commissioner"),
        recommending_board=region.boards.get(slug="csp"),
        priorities=["Safer streets"],
    )
    now = timezone.now()
    return funding.round_create(
        by=officer,
        fund=fund,
        data={
            "slug": "main",
            "title": "Main round",
            "opens_at": now - timedelta(days=1),
            "closes_at": now + timedelta(days=30),
        },
    )


@pytest.fixture
def bid(round: Round, make_user: Callable[..., User], region: Region) -> Bid:
    partner = make_user(Role.PARTNER, organisation=region.organisations.get(slug="safe-streets"))
    area = region.areas.get(code="E08000901")
    made = funding.bid_create(
        by=partner,
        round=round,
        data={
            "title": "Safer routes home",
            "summary": "Volunteers walk people home.",
            "lead_area": area,
            "areas": [area],
            "priorities": ["Safer streets"],
            "amounts": {round.years[0]: 2_000_000},
        },
    )
    funding.outcome_add(by=partner, bid=made, data={"outcome": "Fewer", "measure": "Crime"})
    funding.bid_submit(by=partner, bid=made)
    return Bid.all_objects.get(pk=made.pk)


@pytest.fixture
def round_item(past: list[Meeting], round: Round, officer: User) -> AgendaItem:
    """The round on the agenda of the board's meeting of 24 April 2018, which was held."""
    item = services.item_add(
        by=officer, meeting=past[0], data={"kind": "decision", "title": "Fund recommendations"}
    )
    services.agenda_publish(by=officer, meeting=past[0], at=at(date(2018, 4, 10)))
    services.meeting_publish_public(
        by=officer, meeting=past[0], at=at(date(2018, 4, 10)), build_pack=False
    )
    hold(past[0], officer, present=list(Person.objects.filter(memberships__board=past[0].board)))
    item.refresh_from_db()
    return item


def recommend(round: Round, item: AgendaItem, bid: Bid, officer: User) -> Decision:
    return funding.round_recommendation_record(
        by=officer,
        round=round,
        item=item,
        resolution="The partnership agreed its recommendations.",
        verdicts=[funding.BidVerdict(bid=bid, outcome="fund_in_full", reasons="Good.")],
    )


def test_the_decision_on_an_item_about_a_round_is_the_boards_recommendation(
    round: Round, round_item: AgendaItem, bid: Bid, officer: User
) -> None:
    decision = recommend(round, round_item, bid, officer)

    round_item.refresh_from_db()
    assert round_item.fund_round == round
    assert list(decision.fund_recommendations.all()) == [Bid.objects.get(pk=bid.pk).recommendation]


def test_an_item_about_a_round_takes_no_other_rounds_recommendation(
    round: Round, round_item: AgendaItem, bid: Bid, officer: User
) -> None:
    other = funding.round_create(
        by=officer,
        fund=round.fund,
        data={
            "slug": "other",
            "title": "Other round",
            "opens_at": round.opens_at,
            "closes_at": round.closes_at,
        },
    )
    round_item.fund_round = round
    round_item.save()

    from remit.core.errors import DomainError

    with pytest.raises(DomainError) as refused:
        funding.round_recommendation_record(
            by=officer, round=other, item=round_item, resolution="Agreed.", verdicts=[]
        )
    assert refused.value.field == "item"


def test_the_meeting_page_offers_the_boards_recommendation_on_an_item_about_a_round(
    client: Any, round: Round, round_item: AgendaItem, bid: Bid, officer: User
) -> None:
    round_item.fund_round = round
    round_item.save()
    client.force_login(officer)
    meeting_url = reverse("meetings:meeting", args=[round_item.meeting_id])
    recommend_url = reverse("funding:round_recommend", args=[round.pk]) + f"?item={round_item.pk}"

    assert recommend_url in client.get(meeting_url).content.decode()
    generic = client.get(reverse("meetings:decision_record", args=[round_item.pk]))
    assert generic["Location"] == recommend_url

    recommend(round, round_item, bid, officer)
    page = client.get(meeting_url).content.decode()
    assert "Safer routes home (Safe Streets Trust): fund in full, £20,000" in page


def test_the_minutes_and_public_decisions_list_the_recommended_bids_and_amounts(
    client: Any,
    round: Round,
    round_item: AgendaItem,
    bid: Bid,
    officer: User,
    past: list[Meeting],
) -> None:
    decision = recommend(round, round_item, bid, officer)
    line = "Safer routes home (Safe Streets Trust): fund in full, £20,000"

    listing = client.get(reverse("meetings_public:decisions")).content.decode()
    assert decision.reference in listing
    public = client.get(reverse("meetings_public:decision", args=[decision.pk])).content.decode()
    assert line in public
    services.minutes_draft(by=officer, meeting=past[0], body="The board met.")
    hold(past[1], officer, present=list(Person.objects.filter(memberships__board=past[1].board)))
    services.minutes_approve(by=officer, item=past[1].items.get(kind="minutes"))
    minutes = client.get(reverse("meetings_public:minutes", args=[past[0].pk]))
    assert line in minutes.content.decode()


def test_a_recommendation_page_names_the_agenda_item_field_when_the_meeting_is_not_held(
    client: Any, round: Round, bid: Bid, officer: User, schedule: Callable[..., Meeting]
) -> None:
    upcoming = schedule()
    item = funding.round_on_agenda(by=officer, round=round, meeting=upcoming)
    client.force_login(officer)

    response = client.post(
        reverse("funding:round_recommend", args=[round.pk]),
        {
            "item": item.pk,
            "resolution": "Agreed.",
            f"bid{bid.pk}-outcome": "fund_in_full",
            f"bid{bid.pk}-reasons": "Good.",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "has not been held yet" in html
    assert 'href="#id_item"' in html
    assert not Decision.objects.exists()
