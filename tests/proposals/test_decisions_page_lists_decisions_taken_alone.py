"""The public decisions page lists the decisions a person took alone with the boards' decisions,
in date order, naming the person and their office; its filter offers the person too."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from itertools import count
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from remit.core.models import Board
from remit.core.models import GovernanceRoute
from remit.core.models import Person
from remit.core.models import Role
from remit.core.models import User
from remit.meetings.models import AgendaItem
from remit.meetings.models import Decision
from remit.meetings.models import Meeting
from remit.proposals.models import ForumDecision
from remit.proposals.services import forum_decision_record
from remit.proposals.services import proposal_route

SIGNED = "Chris Chair, Police and Crime Commissioner"
MORE = 3


@pytest.fixture
def chris(make_user: Any, deal: Any) -> User:
    person = Person.objects.get(region=deal.region, slug="commissioner")
    GovernanceRoute.objects.filter(pk=deal.route_id).update(
        final_board=None, final_decision_maker=person
    )
    return make_user(Role.DECISION_MAKER, person=person)  # type: ignore[no-any-return]


@pytest.fixture
def decided_alone(make_proposal: Any, decide: Any, officer: User, chris: User) -> Any:
    """``add(title, day)``: a published proposal through the route, decided by Chris alone."""

    def add(title: str, day: date, *, published: bool = True) -> ForumDecision:
        proposal = make_proposal(title=title, signed_off=True, published=published)
        routing = proposal_route(by=officer, proposal=proposal)
        for _ in range(3):
            decide(routing, "endorsed", decided_on=date(2022, 6, 1))
        routing.refresh_from_db()
        return forum_decision_record(
            by=chris, routing=routing, position=4, outcome="endorsed", decided_on=day
        )

    return add


@pytest.fixture
def board_decision(deal: Any, officer: User) -> Any:
    """``add(title, day)``: a board's decision at a public meeting, published on ``day``."""
    board = Board.objects.get(region=deal.region, slug="ca-board")
    numbers = count(1)

    def add(title: str, day: date) -> Decision:
        meeting = Meeting.objects.create(
            board=board,
            date=day,
            start_time=time(10),
            location="Lloyd House",
            status="held",
            public_at=timezone.make_aware(datetime.combine(day, time(9))),
        )
        item = AgendaItem.objects.create(meeting=meeting, kind="decision", title=title)
        sequence = next(numbers)
        return Decision.objects.create(  # type: ignore[no-any-return]
            board=board,
            item=item,
            year=day.year,
            sequence=sequence,
            reference=f"CA/D/{day.year}/{sequence:02d}",
            summary=f"Resolved: {title}.",
            published_on=day,
            effective_on=day,
            recorded_by=officer,
        )

    return add


def _rows(body: str) -> list[str]:
    table = body.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    return table.split('<tr class="govuk-table__row">')[1:]


def test_a_decision_taken_alone_is_listed_with_the_boards_in_date_order(
    client: Any, decided_alone: Any, board_decision: Any
) -> None:
    board_decision("Annual budget", date(2022, 7, 1))
    alone = decided_alone("Violence reduction", date(2022, 7, 5))
    board_decision("Transport plan", date(2022, 7, 10))

    body = client.get(reverse("meetings_public:decisions")).content.decode()

    rows = _rows(body)
    assert ["Transport plan" in rows[0], "Violence reduction" in rows[1]] == [True, True]
    assert "Annual budget" in rows[2]
    assert "“Violence reduction”: endorsed" in rows[1]
    assert SIGNED in rows[1]
    assert "5 Jul 2022" in rows[1]
    url = reverse("published_proposals:detail", args=[alone.effects.get().proposal_id])
    assert f'href="{url}#decision-{alone.pk}"' in rows[1]
    assert "Combined Authority Board" in rows[0]


def test_the_filter_offers_the_person_and_shows_only_their_decisions(
    client: Any, decided_alone: Any, board_decision: Any
) -> None:
    board_decision("Annual budget", date(2022, 7, 1))
    decided_alone("Violence reduction", date(2022, 7, 5))
    url = reverse("meetings_public:decisions")

    everyone = client.get(url).content.decode()
    person = client.get(url, {"decided_by": "person:commissioner"}).content.decode()
    board = client.get(url, {"decided_by": "board:ca-board"}).content.decode()
    old_link = client.get(url, {"board": "ca-board"}).content.decode()

    assert f'<option value="person:commissioner">{SIGNED}</option>' in everyone
    assert '<option value="board:ca-board">Combined Authority Board</option>' in everyone
    assert '<option value="person:commissioner" selected>' in person
    assert [len(_rows(person)), "Violence reduction" in person, "Annual budget" in person] == [
        1,
        True,
        False,
    ]
    for page in (board, old_link):
        assert [len(_rows(page)), "Annual budget" in page, SIGNED in _rows(page)[0]] == [
            1,
            True,
            False,
        ]


def test_a_decision_on_an_unpublished_proposal_is_not_listed(
    client: Any, decided_alone: Any
) -> None:
    decided_alone("Violence reduction", date(2022, 7, 5), published=False)

    body = client.get(reverse("meetings_public:decisions")).content.decode()

    assert "Violence reduction" not in body
    assert "No decisions published yet." in body
    assert "person:commissioner" not in body


def test_the_feed_and_the_page_list_the_same_decisions_in_the_same_order(
    client: Any, decided_alone: Any, board_decision: Any
) -> None:
    board_decision("Annual budget", date(2022, 7, 1))
    decided_alone("Violence reduction", date(2022, 7, 5))
    board_decision("Transport plan", date(2022, 7, 10))

    feed = client.get(reverse("meetings_public:decisions_feed")).content.decode()

    titles = ["Transport plan", "Violence reduction", "Annual budget"]
    assert sorted(titles, key=feed.index) == titles


def test_the_page_makes_no_more_queries_with_more_decisions_taken_alone(
    decided_alone: Any, board_decision: Any, page_queries_stay_flat: Any
) -> None:
    numbers = count()

    def add(how_many: int) -> None:
        for _ in range(how_many):
            n = next(numbers)
            decided_alone(f"Ask {n}", date(2022, 7, 1 + n))
            board_decision(f"Report {n}", date(2022, 8, 1 + n))

    add(1)
    body = page_queries_stay_flat(reverse("meetings_public:decisions"), lambda: add(MORE))

    assert f"“Ask {MORE}”: endorsed" in body
    assert f"Report {MORE}" in body
    assert body.count(SIGNED) >= MORE + 1
