"""Minutes are drafted after the meeting, approved as an item of the next one, then frozen."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from meetings_support import hold

from remit.core.apikit.auth import token_create
from remit.core.errors import DomainError
from remit.core.transitions import TransitionRefused
from remit.meetings import services
from remit.meetings import workflow
from remit.meetings.models import AgendaItem
from remit.meetings.models import ImmutableRecord
from remit.meetings.models import Meeting
from remit.meetings.models import Minutes


def test_minutes_wait_for_the_meeting(meeting: Meeting, officer: Any) -> None:
    with pytest.raises(DomainError, match="once the meeting has been held"):
        services.minutes_draft(by=officer, meeting=meeting, body="Too early.")


def test_minutes_are_approved_at_the_next_meeting_and_then_frozen(
    past: list[Meeting], officer: Any, chair: Any, rep: Any
) -> None:
    first, second = past
    hold(first, officer, present=[chair, rep])
    minutes = services.minutes_draft(by=officer, meeting=first, body="The partnership met.")
    services.minutes_draft(by=officer, meeting=first, body="The partnership met in shadow form.")
    approval = second.items.get(kind=AgendaItem.Kind.MINUTES)
    assert approval.minutes_of == first
    hold(second, officer, present=[chair, rep])

    services.minutes_approve(by=officer, item=approval)

    minutes.refresh_from_db()
    first.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED
    assert minutes.approved_at_item == approval
    assert minutes.approved_on == second.date
    assert first.status == Meeting.Status.MINUTES_APPROVED
    assert minutes.history.latest().history_change_reason.startswith("Approved at")
    with pytest.raises(DomainError, match="cannot be changed") as caught:
        services.minutes_draft(by=officer, meeting=first, body="Rewritten.")
    assert caught.value.field in ("body", "status")
    minutes.body = "Rewritten."
    with pytest.raises(ImmutableRecord):
        minutes.save()
    with pytest.raises(ImmutableRecord):
        Minutes.objects.get(pk=minutes.pk).delete()
    assert Minutes.objects.get(pk=minutes.pk).body == "The partnership met in shadow form."


def test_minutes_cannot_be_approved_before_the_next_meeting_is_held(
    past: list[Meeting], officer: Any, chair: Any, rep: Any
) -> None:
    first, second = past
    hold(first, officer, present=[chair, rep])
    services.minutes_draft(by=officer, meeting=first, body="Met.")
    with pytest.raises(DomainError, match="quorate meeting once it has been held"):
        services.minutes_approve(by=officer, item=second.items.get(kind=AgendaItem.Kind.MINUTES))


def test_minutes_need_a_draft_to_approve(
    past: list[Meeting], officer: Any, chair: Any, rep: Any
) -> None:
    first, second = past
    hold(first, officer, present=[chair, rep])
    hold(second, officer, present=[chair, rep])
    with pytest.raises(DomainError, match="No minutes have been drafted"):
        services.minutes_approve(by=officer, item=second.items.get(kind=AgendaItem.Kind.MINUTES))


def test_an_inquorate_meeting_carries_the_approval_of_minutes_forward(
    past: list[Meeting], schedule: Any, officer: Any, chair: Any, rep: Any
) -> None:
    first, second = past
    third = schedule(date(2018, 10, 24))
    hold(first, officer, present=[chair, rep])
    services.minutes_draft(by=officer, meeting=first, body="Met.")
    hold(second, officer, present=[chair], absent=[rep])
    carried = third.items.get(kind=AgendaItem.Kind.MINUTES, minutes_of=first)
    assert carried.rolled_from.meeting == second
    minutes_items = third.items.filter(kind=AgendaItem.Kind.MINUTES)
    assert set(minutes_items.values_list("minutes_of", flat=True)) == {first.pk, second.pk}
    with pytest.raises(DomainError):
        services.minutes_approve(by=officer, item=second.items.get(kind=AgendaItem.Kind.MINUTES))
    hold(third, officer, present=[chair, rep])
    services.minutes_approve(by=officer, item=carried)
    assert Minutes.objects.get(meeting=first).approved_at_item == carried


def test_two_minutes_editors_read_at_the_same_version_the_second_save_is_refused(
    client: Any, past: list[Meeting], officer: Any, make_user: Any, chair: Any, rep: Any
) -> None:
    first = past[0]
    hold(first, officer, present=[chair, rep])
    services.minutes_draft(by=officer, meeting=first, body="The partnership met.")
    other = make_user(organisation=officer.organisation)
    url = reverse("meetings:minutes_edit", args=[first.pk])
    client.force_login(officer)
    mine = client.get(url).context["form"]["version"].value()
    client.force_login(other)
    theirs = client.get(url).context["form"]["version"].value()
    assert client.post(url, {"body": "The board met.", "version": theirs}).status_code == 302

    client.force_login(officer)
    second = client.post(url, {"body": "The partnership met twice.", "version": mine})

    assert second.status_code == 200
    body = second.content.decode()
    assert "Someone else changed these minutes while you were editing it." in body
    assert "The partnership met. → The board met." in body
    assert "The partnership met twice." in body
    assert Minutes.objects.get(meeting=first).body == "The board met."


def test_minutes_put_on_the_api_with_a_stale_etag_is_refused(
    client: Any, past: list[Meeting], officer: Any, chair: Any, rep: Any
) -> None:
    first = past[0]
    hold(first, officer, present=[chair, rep])
    _, key = token_create(user=officer, name="test")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}", "HTTP_IF_MATCH": '"0"'}
    url = f"/api/meetings/{first.pk}/minutes"
    created = client.put(
        url, {"body": "The board met."}, content_type="application/json", **headers
    )
    assert created.status_code == 200, created.content

    again = client.put(url, {"body": "Nobody met."}, content_type="application/json", **headers)

    assert again.status_code == 412
    assert again["ETag"] == created["ETag"]
    assert Minutes.objects.get(meeting=first).body == "The board met."


def test_minutes_are_approved_only_by_a_move_their_table_allows(
    past: list[Meeting], officer: Any, chair: Any, rep: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = past
    hold(first, officer, present=[chair, rep])
    minutes = services.minutes_draft(by=officer, meeting=first, body="The partnership met.")
    hold(second, officer, present=[chair, rep])
    monkeypatch.setitem(workflow.MINUTES_TRANSITIONS, Minutes.Status.DRAFT, set())
    with pytest.raises(TransitionRefused, match="draft cannot become approved") as caught:
        services.minutes_approve(by=officer, item=second.items.get(kind=AgendaItem.Kind.MINUTES))
    assert caught.value.field == "item"
    minutes.refresh_from_db()
    first.refresh_from_db()
    assert minutes.status == Minutes.Status.DRAFT
    assert first.status == Meeting.Status.HELD
