"""Officer and member pages: status, content, refusals, immutability and constant query counts."""

from __future__ import annotations

from datetime import date
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from meetings_support import at
from meetings_support import pdf_bytes
from meetings_support import upload

from remit.meetings import services
from remit.meetings.models import Decision
from remit.meetings.models import Meeting
from remit.meetings.models import Minutes
from remit.meetings.models import PackBuild
from remit.meetings.models import Paper


def test_meetings_need_sign_in(client: Any, region: Any) -> None:
    response = client.get(reverse("meetings:home"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_partners_are_sent_to_the_published_site(client: Any, partner: Any) -> None:
    client.force_login(partner)
    response = client.get(reverse("meetings:home"))
    assert response.status_code == 403
    assert "sees meetings on the published site" in response.content.decode()


def test_an_officer_schedules_a_quarterly_series(client: Any, officer: Any, board: Any) -> None:
    client.force_login(officer)
    response = client.post(
        reverse("meetings:schedule"),
        {
            "board": board.pk,
            "first_date": "2018-04-24",
            "start_time": "10:00",
            "location": "Lloyd House",
            "repeat": "quarterly",
            "count": "4",
        },
    )
    assert response.status_code == 302
    assert Meeting.objects.filter(board=board).count() == 4
    page = client.get(response["Location"])
    assert "Apologies for absence" in page.content.decode()


def test_a_bad_schedule_shows_the_field_error(client: Any, officer: Any, board: Any) -> None:
    client.force_login(officer)
    response = client.post(
        reverse("meetings:schedule"),
        {
            "board": board.pk,
            "first_date": "2018-04-24",
            "start_time": "10:00",
            "repeat": "none",
            "count": "1",
        },
    )
    assert response.status_code == 200
    assert "Give a place, an online meeting link, or both." in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_paper_editor_saves_recommendations_and_sections(
    client: Any, officer: Any, meeting: Meeting, rep: Any
) -> None:
    client.force_login(officer)
    item = services.item_add(
        by=officer, meeting=meeting, data={"kind": "report", "title": "Fund update"}
    )
    response = client.post(
        reverse("meetings:paper_create", args=[item.pk]),
        {
            "title": "Fund update",
            "purpose": "To update the board on the fund.",
            "recommendations": "Note the report.\nAgree the allocations.",
            "author": rep.pk,
            "contact_officer": rep.pk,
            "financial_implications": "£3,863,308 in 2018/19.",
            "sections-TOTAL_FORMS": "2",
            "sections-INITIAL_FORMS": "0",
            "sections-MIN_NUM_FORMS": "0",
            "sections-MAX_NUM_FORMS": "1000",
            "sections-0-heading": "Background",
            "sections-0-body": "The fund was split seven ways.",
            "sections-1-heading": "",
            "sections-1-body": "",
        },
    )
    assert response.status_code == 302
    paper = Paper.objects.get(item=item)
    assert [r.text for r in paper.recommendations.all()] == [
        "Note the report.",
        "Agree the allocations.",
    ]
    body = client.get(response["Location"]).content.decode()
    assert "2.2" in body
    assert "3. Background" in body


def test_an_upload_that_is_not_a_pdf_says_which_file(
    client: Any, officer: Any, meeting: Meeting, write_paper: Any
) -> None:
    client.force_login(officer)
    paper = write_paper(meeting)
    response = client.post(
        reverse("meetings:appendix_add", args=[paper.pk]),
        {"title": "Budget", "file": upload("budget.pdf", b"name,amount\n")},
    )
    assert response.status_code == 200
    assert "budget.pdf is not a PDF or Word" in response.content.decode()


def test_the_meeting_page_shows_a_late_paper_and_its_reason(
    client: Any, officer: Any, meeting: Meeting, write_paper: Any
) -> None:
    services.agenda_publish(by=officer, meeting=meeting, at=at(meeting.date - timedelta(days=20)))
    paper = write_paper(meeting, title="Budget revision")
    services.paper_publish(
        by=officer,
        paper=paper,
        at=at(meeting.date - timedelta(days=2)),
        urgency_reason="Grant letter arrived late.",
    )
    client.force_login(officer)
    body = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert "Late papers" in body
    assert "Grant letter arrived late." in body


def test_members_read_papers_sent_to_them_but_not_drafts(
    client: Any, officer: Any, member_user: Any, meeting: Meeting, write_paper: Any
) -> None:
    sent = write_paper(meeting, title="Sent")
    services.agenda_publish(by=officer, meeting=meeting)
    draft = write_paper(meeting, title="Draft")
    client.force_login(member_user)
    assert client.get(reverse("meetings:paper", args=[sent.pk])).status_code == 200
    assert client.get(reverse("meetings:paper", args=[draft.pk])).status_code == 404
    page = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert "Sent" in page
    assert "Write the paper" not in page


def _meeting_with_papers(
    count: int, schedule: Any, write_paper: Any, officer: Any, day: date
) -> Meeting:
    meeting = schedule(day)
    for i in range(count):
        paper = write_paper(meeting, title=f"Paper {i}")
        if i % 3 == 0:
            services.appendix_add(by=officer, paper=paper, upload=upload(f"a{i}.pdf", pdf_bytes(1)))
    services.agenda_publish(by=officer, meeting=meeting, at=at(day - timedelta(days=20)))
    return meeting


def test_the_meeting_page_makes_the_same_queries_for_3_or_30_papers(
    client: Any, officer: Any, schedule: Any, write_paper: Any, page_queries: Any
) -> None:
    small = _meeting_with_papers(3, schedule, write_paper, officer, date(2030, 4, 23))
    large = _meeting_with_papers(30, schedule, write_paper, officer, date(2030, 7, 23))
    client.force_login(officer)
    counts = [page_queries(reverse("meetings:meeting", args=[m.pk])) for m in (small, large)]
    assert "Paper 29" in client.get(reverse("meetings:meeting", args=[large.pk])).content.decode()
    assert counts[0] == counts[1]


def test_a_recorded_decision_cannot_be_changed_through_the_pages(
    client: Any, officer: Any, recorded: dict[str, Any]
) -> None:
    decision = recorded["decision"]
    client.force_login(officer)
    detail = reverse("meetings:decision", args=[decision.pk])
    assert client.post(detail, {"summary": "Changed."}).status_code == 405
    response = client.post(
        reverse("meetings:decision_record", args=[decision.item_id]),
        {
            "summary": "A second go.",
            **{f"outcome_{o.recommendation_id}": "agreed" for o in decision.outcomes.all()},
        },
    )
    assert response.status_code == 200
    assert "record a correction" in response.content.decode()
    assert Decision.objects.get(pk=decision.pk).summary == "The board noted the progress made."
    assert Decision.objects.filter(item=decision.item).count() == 1


def test_a_correction_through_the_pages_supersedes(
    client: Any, officer: Any, recorded: dict[str, Any]
) -> None:
    decision = recorded["decision"]
    client.force_login(officer)
    url = (
        reverse("meetings:decision_record", args=[decision.item_id]) + f"?supersedes={decision.pk}"
    )
    response = client.post(
        url,
        {
            "summary": "The board noted the progress and the transition year.",
            "correction_reason": "The transition year was left out.",
            **{f"outcome_{o.recommendation_id}": "noted" for o in decision.outcomes.all()},
        },
    )
    assert response.status_code == 302
    correction = Decision.objects.get(supersedes=decision)
    assert correction.reference == "CSP/D/2018/03"


def test_approved_minutes_cannot_be_changed_through_the_pages(
    client: Any, officer: Any, recorded: dict[str, Any]
) -> None:
    client.force_login(officer)
    url = reverse("meetings:minutes_edit", args=[recorded["first"].pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"body": "Rewritten."})
    assert response.status_code == 403
    assert Minutes.objects.get(pk=recorded["minutes"].pk).body == "The board met at Lloyd House."


def test_building_the_pack_shows_its_progress(
    client: Any,
    officer: Any,
    meeting: Meeting,
    write_paper: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    write_paper(meeting)
    services.agenda_publish(by=officer, meeting=meeting)
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:pack_build", args=[meeting.pk]))
    assert response.status_code == 302
    pack = PackBuild.objects.get(meeting=meeting)
    status = client.get(reverse("meetings:pack_status", args=[pack.pk])).json()
    assert status["status"] == "done"
    assert status["progress"] == 100
    assert status["download"].endswith("pack.pdf")
    download = client.get(status["download"])
    assert download["Content-Type"] == "application/pdf"
    page = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert "Download the pack (PDF, 4 pages)" in page


def test_the_dashboard_lists_missing_papers_and_on_time_rates(
    client: Any, officer: Any, meeting: Meeting, recorded: dict[str, Any]
) -> None:
    services.item_add(
        by=officer, meeting=meeting, data={"kind": "report", "title": "Performance report"}
    )
    client.force_login(officer)
    body = client.get(reverse("meetings:compliance")).content.decode()
    assert "Performance report" in body
    assert "2018/19 Q1" in body
    assert "100%" in body


@pytest.mark.parametrize(
    "name", ["meetings:compliance", "meetings:forward_plan", "meetings:schedule"]
)
def test_officer_only_pages_refuse_members(client: Any, member_user: Any, name: str) -> None:
    client.force_login(member_user)
    assert client.get(reverse(name)).status_code == 403


def test_agenda_items_move_up_and_down(client: Any, officer: Any, meeting: Meeting) -> None:
    from remit.meetings.models import AgendaItem

    item = services.item_add(by=officer, meeting=meeting, data={"kind": "report", "title": "Fund"})
    client.force_login(officer)
    response = client.post(reverse("meetings:item_move", args=[item.pk, "up"]))
    assert response.status_code == 302
    order = list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("position")
        .values_list("title", flat=True)
    )
    assert order == ["Apologies for absence", "Fund", "Declarations of interest"]
    assert client.post(reverse("meetings:item_move", args=[item.pk, "sideways"])).status_code == 404


def test_a_member_declares_their_own_interest_through_the_page(
    client: Any, member_user: Any, meeting: Meeting, write_paper: Any, rep: Any
) -> None:
    paper = write_paper(meeting)
    client.force_login(member_user)
    url = reverse("meetings:declaration_add", args=[meeting.pk])
    form = client.get(url).content.decode()
    assert "Nia North" in form
    assert "Chris Chair" not in form
    response = client.post(
        url,
        {
            "person": rep.pk,
            "item": paper.item_id,
            "kind": "other_prejudicial",
            "description": "Employer bids.",
        },
    )
    assert response.status_code == 302
    assert meeting.declarations.get().person == rep


def test_publishing_the_forward_plan_is_for_officers(
    client: Any, member_user: Any, officer: Any, board: Any
) -> None:
    from datetime import date as day

    entry = services.forward_plan_add(
        by=officer, board=board, data={"title": "Allocations", "expected_date": day(2030, 1, 1)}
    )
    client.force_login(member_user)
    assert client.post(reverse("meetings:forward_plan_publish", args=[entry.pk])).status_code == 403
    entry.refresh_from_db()
    assert entry.published_at is None
