"""A paper, a decision, the forward plan and each history page make as many queries as the
record grows as they did when it was small."""

from __future__ import annotations

from datetime import date
from datetime import timedelta
from itertools import count
from typing import Any

from django.urls import reverse
from meetings_support import at
from meetings_support import hold

from remit.core.models import Board
from remit.core.models import Person
from remit.core.models import User
from remit.meetings import services
from remit.meetings.models import Meeting
from remit.meetings.models import Paper
from remit.meetings.services import OutcomeInput

MORE = 6


def test_the_forward_plan_makes_no_more_queries_with_more_entries(
    client: Any, officer: User, board: Board, rep: Person, page_queries_stay_flat: Any
) -> None:
    numbers = count()

    def add(how_many: int) -> None:
        for _ in range(how_many):
            n = next(numbers)
            entry = services.forward_plan_add(
                by=officer,
                board=board,
                data={
                    "title": f"Key decision {n}",
                    "decision_maker": "Police and Crime Commissioner",
                    "expected_date": date(2031, 1, 1) + timedelta(days=n),
                    "contact": rep,
                },
            )
            services.forward_plan_publish(by=officer, entry=entry, at=at(date(2030, 6, 1)))

    add(2)
    client.force_login(officer)
    html = page_queries_stay_flat(reverse("meetings:forward_plan"), lambda: add(MORE))
    assert f"Key decision {MORE + 1}" in html


def _edit_many_times(paper: Paper, officer: User, how_many: int) -> None:
    for _ in range(how_many):
        paper.refresh_from_db()
        recommendations = [r.text for r in paper.recommendations.all()]
        services.paper_update(
            by=officer,
            paper=paper,
            data={"purpose": f"{paper.purpose} Again."},
            recommendations=[*recommendations, f"Agree point {len(recommendations)}."],
        )


def test_a_paper_and_its_history_make_no_more_queries_as_it_is_edited(
    client: Any, officer: User, meeting: Meeting, write_paper: Any, page_queries_stay_flat: Any
) -> None:
    paper = write_paper(meeting, title="Serious violence duty")
    client.force_login(officer)
    for name in ("meetings:paper", "meetings:paper_history"):
        html = page_queries_stay_flat(
            reverse(name, args=[paper.pk]), lambda: _edit_many_times(paper, officer, MORE // 2)
        )
        assert "Again." in html


def test_a_meetings_history_makes_no_more_queries_as_it_is_edited(
    client: Any, officer: User, meeting: Meeting, page_queries_stay_flat: Any
) -> None:
    locations = count()

    def edit(how_many: int) -> None:
        for _ in range(how_many):
            meeting.refresh_from_db()
            services.meeting_update(
                by=officer,
                meeting=meeting,
                data={"location": f"Room {next(locations)}"},
            )

    edit(1)
    client.force_login(officer)
    html = page_queries_stay_flat(
        reverse("meetings:meeting_history", args=[meeting.pk]), lambda: edit(MORE)
    )
    assert f"Room {MORE}" in html


def test_a_decision_makes_no_more_queries_with_more_decisions_at_its_meeting(
    client: Any,
    officer: User,
    past: list[Meeting],
    chair: Person,
    rep: Person,
    write_paper: Any,
    page_queries_stay_flat: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """The decision page lists its outcomes and links; more decisions beside it change nothing."""
    meeting = past[0]
    papers = iter([write_paper(meeting, title=f"Report {n}") for n in range(MORE + 1)])
    hold(meeting, officer, present=[chair, rep])

    def decide(how_many: int) -> Any:
        with django_capture_on_commit_callbacks(execute=False):
            for _ in range(how_many):
                paper = next(papers)
                decision = services.decision_record(
                    by=officer,
                    item=paper.item,
                    summary=f"The board noted {paper.title}.",
                    outcomes=[OutcomeInput(r.pk, "noted") for r in paper.recommendations.all()],
                    published_on=date(2018, 4, 25),
                )
        return decision

    decision = decide(1)
    client.force_login(officer)
    html = page_queries_stay_flat(
        reverse("meetings:decision", args=[decision.pk]), lambda: decide(MORE)
    )
    assert "The board noted Report 0." in html
