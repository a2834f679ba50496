"""A forum decision taken at a board's meeting, seen from the proposal: its pages and API link to
the meeting's decision, and the proposals' own forms leave that decision to the meeting."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from remit.core.models import Membership
from remit.meetings import services as meetings
from remit.meetings.models import AgendaItem
from remit.meetings.models import Decision
from remit.meetings.models import Meeting
from remit.meetings.services import OutcomeInput
from remit.proposals.models import ForumDecision
from remit.proposals.models import Proposal
from remit.proposals.services import proposal_route

MEETING_DAY = date(2022, 7, 1)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9)))


@pytest.fixture
def on_agenda(deal: Any, make_proposal: Any, officer: Any, region: Any) -> AgendaItem:
    """A published proposal waiting for the first forum, on the agenda of its next meeting."""
    forum = deal.route.steps.get(position=1).board
    chair = region.people.get(slug="commissioner")
    Membership.objects.create(
        board=forum, person=chair, organisation=chair.organisation, role="chair"
    )
    proposal = make_proposal(published=True)
    proposal_route(by=officer, proposal=proposal)
    (meeting,) = meetings.meeting_schedule(
        by=officer,
        board=forum,
        first_date=MEETING_DAY,
        start_time=time(10),
        location="16 Summer Lane, Birmingham",
    )
    return meetings.item_add(
        by=officer,
        meeting=meeting,
        data={"kind": "decision", "title": proposal.title, "proposal": proposal},
    )


def _hold(meeting: Meeting, officer: Any, chair: Any) -> None:
    meetings.agenda_publish(by=officer, meeting=meeting, at=_at(date(2022, 6, 20)))
    meetings.meeting_publish_public(
        by=officer, meeting=meeting, at=_at(date(2022, 6, 20)), build_pack=False
    )
    meetings.attendance_record(by=officer, meeting=meeting, statuses={chair.pk: "present"})
    meetings.meeting_mark_held(by=officer, meeting=meeting)


@pytest.fixture
def decided(on_agenda: AgendaItem, officer: Any, region: Any) -> Decision:
    _hold(on_agenda.meeting, officer, region.people.get(slug="commissioner"))
    return meetings.decision_record(
        by=officer,
        item=AgendaItem.objects.get(pk=on_agenda.pk),
        summary="The group endorsed the proposal.",
        outcomes=[OutcomeInput(None, "agreed")],
        published_on=date(2022, 7, 2),
    )


def test_the_proposal_page_links_to_the_meeting_and_its_decision(
    client: Any, officer: Any, decided: Decision
) -> None:
    proposal = decided.item.proposal
    client.force_login(officer)
    page = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert "Decided at" in page
    assert reverse("meetings:meeting", args=[decided.item.meeting_id]) in page
    assert reverse("meetings:decision", args=[decided.pk]) in page
    assert f">{decided.reference}</a>" in page
    forum = ForumDecision.objects.get()
    assert reverse("proposals:decision_correct", args=[forum.pk]) not in page
    assert f"record a correction of {decided.reference} at the meeting" in page
    assert f"Decided at its meeting: {decided.reference}." in page


def test_the_public_page_links_to_the_published_decision(client: Any, decided: Decision) -> None:
    proposal = decided.item.proposal
    page = client.get(reverse("published_proposals:detail", args=[proposal.pk])).content.decode()
    assert reverse("meetings_public:decision", args=[decided.pk]) in page
    assert reverse("meetings_public:meeting", args=[decided.item.meeting_id]) in page
    assert f'href="{reverse("meetings:decision", args=[decided.pk])}"' not in page


def test_the_page_says_the_decision_will_be_taken_at_the_meeting(
    client: Any, officer: Any, on_agenda: AgendaItem
) -> None:
    client.force_login(officer)
    page = client.get(reverse("proposals:detail", args=[on_agenda.proposal_id])).content.decode()
    assert "On the agenda of the" in page
    assert reverse("meetings:meeting", args=[on_agenda.meeting_id]) in page
    assert reverse("proposals:decision_new", args=[on_agenda.proposal_id]) not in page


def test_the_record_form_refuses_a_decision_due_at_a_meeting(
    client: Any, officer: Any, on_agenda: AgendaItem
) -> None:
    client.force_login(officer)
    response = client.post(
        reverse("proposals:decision_new", args=[on_agenda.proposal_id]),
        {"position": 1, "outcome": "endorsed", "decided_on": "2022-07-01"},
    )
    assert response.status_code == 200
    assert "It is on the agenda of the Senior Officers Group meeting of 1 July 2022" in (
        response.content.decode()
    )
    assert not ForumDecision.objects.exists()


def test_the_correction_form_sends_the_correction_to_the_meeting(
    client: Any, officer: Any, decided: Decision
) -> None:
    forum = ForumDecision.objects.get()
    client.force_login(officer)
    response = client.post(
        reverse("proposals:decision_correct", args=[forum.pk]),
        {"outcome": "rejected", "decided_on": "2022-07-01", "note": "Recorded wrongly."},
    )
    assert response.status_code == 200
    assert f"in decision {decided.reference}: record the correction" in response.content.decode()
    assert ForumDecision.objects.count() == 1


def test_the_api_decision_points_at_the_meeting_decision(client: Any, decided: Decision) -> None:
    proposal: Proposal = decided.item.proposal
    (body,) = client.get(f"/api/proposals/{proposal.pk}/decisions").json()
    assert body["meeting_reference"] == ""
    assert body["decided_on"] == "2022-07-01"
    assert body["meeting_decision"] == {
        "id": decided.pk,
        "reference": decided.reference,
        "meeting": decided.item.meeting_id,
        "url": reverse("meetings_public:decision", args=[decided.pk]),
        "api_url": reverse("api:meeting_decision", args=[decided.pk]),
    }
    assert client.get(body["meeting_decision"]["api_url"]).json()["reference"] == (
        decided.reference
    )


def test_a_decision_recorded_by_hand_has_no_meeting_decision(
    client: Any, officer: Any, make_proposal: Any, decide: Any
) -> None:
    proposal = make_proposal(published=True)
    decide(proposal_route(by=officer, proposal=proposal), meeting_reference="SLOG 7")
    (body,) = client.get(f"/api/proposals/{proposal.pk}/decisions").json()
    assert (body["meeting_reference"], body["meeting_decision"]) == ("SLOG 7", None)
