"""Meeting pages make as many queries with many meetings and papers as with a few."""

from __future__ import annotations

from datetime import date
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from meetings_support import at

from remit.core.models import Board
from remit.core.models import User
from remit.meetings import services

MORE = 6
FEW_BOARDS, MANY_BOARDS = 2, 12
SCHEDULE_MOST_QUERIES = 8


def _published(schedule: Any, write_paper: Any, officer: User, day: date, papers: int) -> None:
    meeting = schedule(day)
    for n in range(papers):
        write_paper(meeting, title=f"Paper {day:%Y%m%d} {n}")
    services.agenda_publish(by=officer, meeting=meeting, at=at(day - timedelta(days=20)))
    services.meeting_publish_public(by=officer, meeting=meeting, at=at(day - timedelta(days=20)))


@pytest.fixture
def grow(
    schedule: Any, write_paper: Any, officer: User, django_capture_on_commit_callbacks: Any
) -> Any:
    """A few published meetings first; ``grow()`` adds more, each with two papers."""
    days = iter(date(2030, 1, 15) + timedelta(days=14 * n) for n in range(100))

    def add(count: int) -> None:
        with django_capture_on_commit_callbacks(execute=False):
            for _ in range(count):
                _published(schedule, write_paper, officer, next(days), papers=2)

    add(2)
    return lambda: add(MORE)


@pytest.mark.parametrize(
    "url",
    [reverse("meetings:home"), reverse("meetings:compliance")],
)
def test_a_meetings_list_makes_no_more_queries_with_more_meetings(
    client: Any, officer: User, page_queries_stay_flat: Any, grow: Any, url: str
) -> None:
    client.force_login(officer)
    page_queries_stay_flat(url, grow)


@pytest.mark.parametrize("name", ["meetings_public:home", "meetings_public:board"])
def test_a_public_meetings_page_makes_no_more_queries_with_more_meetings(
    board: Board, page_queries_stay_flat: Any, grow: Any, name: str
) -> None:
    url = reverse(name, args=[board.slug]) if name.endswith("board") else reverse(name)
    page_queries_stay_flat(url, grow)


def test_the_schedule_form_makes_no_more_queries_with_more_boards(
    client: Any,
    officer: User,
    board: Board,
    page_queries_stay_flat: Any,
    django_assert_max_num_queries: Any,
) -> None:
    def add(numbers: range) -> None:
        for n in numbers:
            Board.objects.create(
                region=board.region, slug=f"group-{n:02d}", name=f"Task group {n:02d}"
            )

    add(range(FEW_BOARDS))
    client.force_login(officer)
    url = reverse("meetings:schedule")
    html = page_queries_stay_flat(url, lambda: add(range(FEW_BOARDS, MANY_BOARDS)))
    for n in range(MANY_BOARDS):
        assert f">Task group {n:02d}</option>" in html
    with django_assert_max_num_queries(SCHEDULE_MOST_QUERIES):
        client.get(url)
