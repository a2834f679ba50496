"""The published forward plan and minutes, and a paper or decision on either side, make as many
queries with three times the entries, recommendations and decisions as with few, and show the
new rows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from meetings_support import at
from meetings_support import hold

from remit.core.models import Board
from remit.core.models import Person
from remit.core.models import User
from remit.meetings import services
from remit.meetings.models import AgendaItem
from remit.meetings.models import Decision
from remit.meetings.models import Meeting
from remit.meetings.models import Paper

MORE = 3


def test_the_published_forward_plan_makes_no_more_queries_with_more_entries(
    officer: User, board: Board, page_queries_stay_flat: Any
) -> None:
    def add(start: int, how_many: int) -> None:
        for n in range(start, start + how_many):
            entry = services.forward_plan_add(
                by=officer,
                board=board,
                data={"title": f"Key decision {n}", "expected_date": date(2031, 1, 10 + n)},
            )
            services.forward_plan_publish(by=officer, entry=entry)

    add(0, 1)
    body = page_queries_stay_flat(reverse("meetings_public:forward_plan"), lambda: add(1, MORE))
    for n in range(MORE + 1):
        assert f"Key decision {n}" in body


@pytest.fixture
def decided_paper(
    schedule: Callable[..., Meeting],
    write_paper: Callable[..., Paper],
    officer: User,
    chair: Person,
    rep: Person,
    django_capture_on_commit_callbacks: Any,
) -> Callable[[int, int], Paper]:
    """``make(day, n)``: a public paper with ``n`` recommendations and sections, decided."""

    def make(day: int, how_many: int) -> Paper:
        held = schedule(date(2018, 1, 10) + timedelta(days=14 * day))
        paper = write_paper(
            held,
            title=f"Report with {how_many}",
            recommendations=[f"Recommendation {how_many}-{k}" for k in range(how_many)],
            sections=[(f"Section {how_many}-{k}", "Text.") for k in range(how_many)],
        )
        services.agenda_publish(by=officer, meeting=held, at=at(held.date - timedelta(20)))
        with django_capture_on_commit_callbacks(execute=False):
            services.meeting_publish_public(
                by=officer, meeting=held, at=at(held.date - timedelta(20)), build_pack=False
            )
        hold(held, officer, present=[chair, rep])
        services.decision_record(
            by=officer,
            item=paper.item,
            summary=f"The board agreed report {how_many}.",
            outcomes=[services.OutcomeInput(r.pk, "agreed") for r in paper.recommendations.all()],
            published_on=held.date + timedelta(days=1),
        )
        paper.refresh_from_db()
        return paper

    return make


def _queries(client: Any, url: str) -> tuple[int, str]:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


PAGES: dict[str, Callable[[Paper], str]] = {
    "paper": lambda p: reverse("meetings:paper", args=[p.pk]),
    "decision": lambda p: reverse("meetings:decision", args=[Decision.objects.get(item=p.item).pk]),
    "public paper": lambda p: reverse("meetings_public:paper", args=[p.pk]),
    "public decision": lambda p: reverse(
        "meetings_public:decision", args=[Decision.objects.get(item=p.item).pk]
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_a_paper_or_decision_makes_no_more_queries_with_more_recommendations(
    client: Any,
    officer: User,
    decided_paper: Callable[[int, int], Paper],
    settings: Any,
    page: str,
) -> None:
    settings.REMIT_PUBLIC_PAGE_CACHE = False
    small, large = decided_paper(0, 1), decided_paper(1, 3 * MORE)
    client.force_login(officer)
    few, _ = _queries(client, PAGES[page](small))
    many, body = _queries(client, PAGES[page](large))
    assert many == few
    for k in range(3 * MORE):
        assert f"Recommendation {3 * MORE}-{k}" in body


@pytest.fixture
def minuted(
    schedule: Callable[..., Meeting],
    write_paper: Callable[..., Paper],
    officer: User,
    chair: Person,
    rep: Person,
    django_capture_on_commit_callbacks: Any,
) -> Callable[[int, int], Meeting]:
    """``make(day, n)``: a public meeting with ``n`` papers decided, its minutes approved at the
    board's next meeting."""

    def make(day: int, how_many: int) -> Meeting:
        first = schedule(date(2018, 1, 10) + timedelta(days=56 * day))
        second = schedule(first.date + timedelta(days=28))
        papers = [write_paper(first, title=f"Minuted {how_many}-{k}") for k in range(how_many)]
        services.agenda_publish(by=officer, meeting=first, at=at(first.date - timedelta(20)))
        with django_capture_on_commit_callbacks(execute=False):
            services.meeting_publish_public(
                by=officer, meeting=first, at=at(first.date - timedelta(20)), build_pack=False
            )
        hold(first, officer, present=[chair, rep])
        for paper in papers:
            services.decision_record(
                by=officer,
                item=paper.item,
                summary=f"The board noted {paper.title}.",
                outcomes=[
                    services.OutcomeInput(r.pk, "noted") for r in paper.recommendations.all()
                ],
                published_on=first.date + timedelta(days=1),
            )
        services.minutes_draft(by=officer, meeting=first, body="The board met.")
        hold(second, officer, present=[chair, rep])
        services.minutes_approve(by=officer, item=second.items.get(kind=AgendaItem.Kind.MINUTES))
        return first

    return make


def test_the_published_minutes_make_no_more_queries_with_more_decisions(
    client: Any, minuted: Callable[[int, int], Meeting], settings: Any
) -> None:
    settings.REMIT_PUBLIC_PAGE_CACHE = False
    small, large = minuted(0, 1), minuted(1, 3 * MORE)
    few, _ = _queries(client, reverse("meetings_public:minutes", args=[small.pk]))
    many, body = _queries(client, reverse("meetings_public:minutes", args=[large.pk]))
    assert many == few
    for k in range(3 * MORE):
        assert f"The board noted Minuted {3 * MORE}-{k}." in body
