"""The decisions feed, a board's calendar and the public meetings pages make as many queries
with more meetings, papers and decisions as with few: the region is looked up once a request,
not once for each entry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from datetime import timedelta
from itertools import count
from typing import Any

import pytest
from django.urls import reverse
from meetings_support import at
from meetings_support import hold

from remit.core.models import Board
from remit.core.models import Person
from remit.core.models import User
from remit.meetings import services
from remit.meetings.models import Meeting
from remit.meetings.models import Paper

MORE = 3


@pytest.fixture
def add_decided_meetings(
    schedule: Callable[..., Meeting],
    write_paper: Callable[..., Paper],
    officer: User,
    chair: Person,
    rep: Person,
    django_capture_on_commit_callbacks: Any,
) -> Callable[[int], None]:
    """``add(n)``: ``n`` more held meetings, each with two public papers decided and published,
    and ``n`` more meetings to come."""
    numbers = count()

    def add(how_many: int) -> None:
        for _ in range(how_many):
            n = next(numbers)
            held = schedule(date(2018, 1, 10) + timedelta(days=14 * n))
            schedule(date(2031, 1, 10) + timedelta(days=14 * n))
            papers = [write_paper(held, title=f"Report {n}-{k}") for k in range(2)]
            services.agenda_publish(by=officer, meeting=held, at=at(held.date - timedelta(20)))
            with django_capture_on_commit_callbacks(execute=False):
                services.meeting_publish_public(
                    by=officer, meeting=held, at=at(held.date - timedelta(20)), build_pack=False
                )
            hold(held, officer, present=[chair, rep])
            for paper in papers:
                services.decision_record(
                    by=officer,
                    item=paper.item,
                    summary=f"The board agreed {paper.title}.",
                    outcomes=[
                        services.OutcomeInput(r.pk, "agreed") for r in paper.recommendations.all()
                    ],
                    published_on=held.date + timedelta(days=1),
                )

    return add


@pytest.mark.parametrize(
    "name",
    [
        "meetings_public:decisions_feed",
        "meetings_public:calendar",
        "meetings_public:home",
        "meetings_public:board",
        "meetings_public:decisions",
    ],
)
def test_the_public_meetings_pages_make_no_more_queries_with_more_decisions(
    board: Board,
    add_decided_meetings: Callable[[int], None],
    page_queries_stay_flat: Any,
    name: str,
) -> None:
    add_decided_meetings(1)
    args = [board.slug] if name in {"meetings_public:calendar", "meetings_public:board"} else []
    body = page_queries_stay_flat(reverse(name, args=args), lambda: add_decided_meetings(MORE))
    assert f"{MORE}-1" in body or name == "meetings_public:calendar"


def test_the_feed_looks_the_region_up_once(
    client: Any,
    add_decided_meetings: Callable[[int], None],
    django_assert_max_num_queries: Any,
) -> None:
    add_decided_meetings(MORE)
    with django_assert_max_num_queries(8) as captured:
        response = client.get(reverse("meetings_public:decisions_feed"))
    assert response.content.count(b"<entry>") == 2 * MORE
    assert sum('"core_region"' in q["sql"] for q in captured.captured_queries) == 1
