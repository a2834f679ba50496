"""Atom feed summaries keep their line breaks; a heading is printed only with something under it
(minutes, papers, packs and pages)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from xml.etree import ElementTree

from django.urls import reverse
from meetings_support import at
from meetings_support import hold

from remit.core.models import Person
from remit.core.models import User
from remit.meetings import services
from remit.meetings.models import AgendaItem
from remit.meetings.models import Meeting
from remit.meetings.models import Paper
from remit.meetings.report import ReportContent
from remit.meetings.report import layout_report

ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_summaries_keep_their_line_breaks(
    client: Any,
    past: list[Meeting],
    write_paper: Callable[..., Paper],
    officer: User,
    chair: Person,
    rep: Person,
    django_capture_on_commit_callbacks: Any,
) -> None:
    first = past[0]
    paper = write_paper(first, title="Community safety plan")
    services.agenda_publish(by=officer, meeting=first, at=at(date(2018, 4, 10)))
    with django_capture_on_commit_callbacks(execute=False):
        services.meeting_publish_public(
            by=officer, meeting=first, at=at(date(2018, 4, 10)), build_pack=False
        )
    hold(first, officer, present=[chair, rep])
    services.decision_record(
        by=officer,
        item=paper.item,
        summary="The board agreed the plan.\nIt asked for a report in July.",
        outcomes=[services.OutcomeInput(r.pk, "agreed") for r in paper.recommendations.all()],
        published_on=date(2018, 4, 25),
    )
    response = client.get(reverse("meetings_public:decisions_feed"))
    feed = ElementTree.fromstring(response.content)  # noqa: S314 - the feed served just above
    summary = feed.find(f"{ATOM}entry/{ATOM}summary")
    assert summary is not None
    assert summary.get("type") == "html"
    text = summary.text or ""
    assert "The board agreed the plan.<br>It asked for a report in July.<br>" in text
    assert "Agreed<br>" in text
    assert text.strip().endswith("Takes effect 25 April 2018.")


def test_minutes_print_no_heading_with_nothing_under_it(
    client: Any, recorded: dict[str, Any]
) -> None:
    body = client.get(
        reverse("meetings_public:minutes", args=[recorded["first"].pk])
    ).content.decode()
    assert '<h2 class="govuk-heading-m">Present</h2>' in body
    assert '<h2 class="govuk-heading-m">Decisions</h2>' in body
    assert "Apologies" not in body, "nobody sent apologies"
    assert "Declarations of interest" not in body, "nobody declared an interest"
    assert "Withdrawn items" not in body


def test_minutes_print_apologies_when_someone_sent_them(
    client: Any,
    past: list[Meeting],
    officer: User,
    chair: Person,
    rep: Person,
) -> None:
    first, second = past
    hold(first, officer, present=[chair], absent=[rep])
    services.minutes_draft(by=officer, meeting=first, body="The board was inquorate.")
    hold(second, officer, present=[chair, rep])
    services.minutes_approve(by=officer, item=second.items.get(kind=AgendaItem.Kind.MINUTES))
    body = client.get(reverse("meetings_public:minutes", args=[first.pk])).content.decode()
    assert (
        f'<h2 class="govuk-heading-m">Apologies</h2>\n<ul class="govuk-list"><li>{rep.name}</li>'
        in body
    )
    assert "Decisions" not in body, "an inquorate meeting decides nothing"


def test_a_paper_prints_no_recommendations_heading_until_it_has_one() -> None:
    content = ReportContent(
        purpose="To update the board.",
        recommendations=[],
        sections=[("Background", "The partnership met.")],
        financial="",
        legal="",
        equality="",
    )
    headings = [s.heading for s in layout_report(content)]
    assert headings == [
        "Purpose of the report",
        "Background",
        "Financial implications",
        "Legal implications",
        "Equality implications",
    ]
    assert [s.number for s in layout_report(content)] == [1, 2, 3, 4, 5]


def test_a_draft_without_a_purpose_prints_no_purpose_heading() -> None:
    content = ReportContent(
        purpose="  ",
        recommendations=["Note the report."],
        sections=[],
        financial="",
        legal="",
        equality="",
    )
    assert [s.heading for s in layout_report(content)][:1] == ["Recommendations"]
