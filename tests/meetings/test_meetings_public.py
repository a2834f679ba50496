"""The published record, signed out: agendas, public papers, minutes, decisions, feeds, e-mail."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.urls import reverse

from remit.meetings.models import Meeting
from remit.meetings.models import Subscription


def test_the_public_meeting_page_lists_the_agenda_without_private_papers(
    client: Any, recorded: dict[str, Any]
) -> None:
    body = client.get(
        reverse("meetings_public:meeting", args=[recorded["first"].pk])
    ).content.decode()
    assert "WMCSP progress update" in body
    assert reverse("meetings_public:paper", args=[recorded["paper"].pk]) in body
    assert "Grant to a named provider" in body
    assert "To be considered in private" in body
    assert reverse("meetings_public:paper", args=[recorded["private_paper"].pk]) not in body
    assert recorded["decision"].reference in body
    assert recorded["private_decision"].reference not in body
    assert "Approved minutes" in body


def test_an_unpublished_agenda_is_not_shown(
    client: Any, meeting: Meeting, write_paper: Any, officer: Any
) -> None:
    from remit.meetings import services

    write_paper(meeting, title="Members only")
    services.agenda_publish(by=officer, meeting=meeting)
    body = client.get(reverse("meetings_public:meeting", args=[meeting.pk])).content.decode()
    assert "Members only" not in body
    assert "published at least five clear working days" in body


def test_papers_not_public_look_missing(
    client: Any, recorded: dict[str, Any], meeting: Meeting, write_paper: Any
) -> None:
    assert (
        client.get(reverse("meetings_public:paper", args=[recorded["paper"].pk])).status_code == 200
    )
    assert (
        client.get(
            reverse("meetings_public:paper", args=[recorded["private_paper"].pk])
        ).status_code
        == 404
    )
    draft = write_paper(meeting)
    assert client.get(reverse("meetings_public:paper", args=[draft.pk])).status_code == 404
    assert client.get(reverse("meetings_public:paper_pdf", args=[draft.pk])).status_code == 404


def test_a_public_paper_downloads_as_pdf_and_word(client: Any, recorded: dict[str, Any]) -> None:
    pdf = client.get(reverse("meetings_public:paper_pdf", args=[recorded["paper"].pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    docx = client.get(reverse("meetings_public:paper_docx", args=[recorded["paper"].pk]))
    assert docx.content.startswith(b"PK")


def test_approved_minutes_are_public_with_attendance_and_decisions(
    client: Any, recorded: dict[str, Any]
) -> None:
    body = client.get(
        reverse("meetings_public:minutes", args=[recorded["first"].pk])
    ).content.decode()
    assert "The board met at Lloyd House." in body
    assert "Chris Chair" in body
    assert recorded["decision"].reference in body
    assert recorded["private_decision"].reference not in body
    assert (
        client.get(reverse("meetings_public:minutes", args=[recorded["second"].pk])).status_code
        == 404
    )


def test_decisions_are_listed_and_found_by_reference(client: Any, recorded: dict[str, Any]) -> None:
    body = client.get(reverse("meetings_public:decisions")).content.decode()
    assert "CSP/D/2018/01" in body
    assert "CSP/D/2018/02" not in body
    found = client.get(reverse("meetings_public:decision_by_reference", args=["csp/d/2018/01"]))
    assert found["Location"] == reverse("meetings_public:decision", args=[recorded["decision"].pk])
    private = reverse("meetings_public:decision", args=[recorded["private_decision"].pk])
    assert client.get(private).status_code == 404


def test_the_atom_feed_carries_public_decisions(client: Any, recorded: dict[str, Any]) -> None:
    response = client.get(reverse("meetings_public:decisions_feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "<feed" in body
    assert "CSP/D/2018/01: WMCSP progress update" in body
    assert "The board noted the progress made." in body
    assert "Grant to a named provider" not in body


def test_the_board_calendar_is_icalendar(client: Any, recorded: dict[str, Any], board: Any) -> None:
    response = client.get(reverse("meetings_public:calendar", args=[board.slug]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 2
    assert "DTSTART:20180424T090000Z" in text
    assert re.search(r"LOCATION:Lloyd House\\, Birmingham", text)


def test_subscribing_takes_a_confirmation_then_a_link_to_stop(
    client: Any, board: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("meetings_public:subscribe", args=[board.slug]),
            {"email": "Resident@Example.org"},
        )
    assert "Check your e-mail" in response.content.decode()
    subscription = Subscription.objects.get()
    assert subscription.email == "resident@example.org"
    assert subscription.confirmed_at is None
    (message,) = mail.outbox
    confirm = re.search(
        r"http://\S+/published/meetings/subscriptions/confirm/\S+/", message.body
    ).group(0)
    path = confirm.split("8000", 1)[1]
    assert "Confirm" in client.get(path).content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None
    client.post(path)
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None


def test_a_tampered_link_is_refused(client: Any, board: Any) -> None:
    response = client.post(reverse("meetings_public:subscription_confirm", args=["nonsense:token"]))
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_a_bad_address_is_refused_on_the_field(client: Any, board: Any) -> None:
    response = client.post(
        reverse("meetings_public:subscribe", args=[board.slug]), {"email": "not an address"}
    )
    assert response.status_code == 200
    assert "Enter an email address in the correct format" in response.content.decode()
    assert not Subscription.objects.exists()


def test_the_public_meeting_page_makes_the_same_queries_for_3_or_30_papers(
    client: Any,
    officer: Any,
    schedule: Any,
    write_paper: Any,
    django_capture_on_commit_callbacks: Any,
    page_queries: Any,
) -> None:
    from datetime import date
    from datetime import timedelta

    from meetings_support import at

    from remit.meetings import services

    counts = []
    for count, day in ((3, date(2030, 4, 23)), (30, date(2030, 7, 23))):
        meeting = schedule(day)
        for i in range(count):
            write_paper(meeting, title=f"Paper {i}")
        services.agenda_publish(by=officer, meeting=meeting, at=at(day - timedelta(days=20)))
        with django_capture_on_commit_callbacks(execute=False):
            services.meeting_publish_public(
                by=officer, meeting=meeting, at=at(day - timedelta(days=20))
            )
        counts.append(page_queries(reverse("meetings_public:meeting", args=[meeting.pk])))
    assert counts[0] == counts[1]
