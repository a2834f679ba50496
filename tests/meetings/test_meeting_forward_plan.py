"""The forward plan: key decisions published 28 clear days ahead, then moved onto an agenda."""

from __future__ import annotations

from datetime import date
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from meetings_support import at
from meetings_support import hold

from remit.core.errors import DomainError
from remit.meetings import services
from remit.meetings.models import AgendaItem
from remit.meetings.models import ForwardPlanEntry
from remit.meetings.models import Meeting
from remit.meetings.services import OutcomeInput


@pytest.fixture
def entry(officer: Any, board: Any, rep: Any) -> ForwardPlanEntry:
    return services.forward_plan_add(
        by=officer,
        board=board,
        data={
            "title": "Community safety fund allocations 2019/20",
            "decision_maker": "Police and Crime Commissioner",
            "expected_date": date(2018, 7, 24),
            "contact": rep,
        },
    )


def test_a_private_decision_names_its_exemption(officer: Any, board: Any) -> None:
    with pytest.raises(DomainError) as caught:
        services.forward_plan_add(
            by=officer,
            board=board,
            data={"title": "X", "expected_date": date(2018, 7, 24), "private": True},
        )
    assert caught.value.field == "exemption"


def test_a_decision_published_in_time_moves_onto_the_agenda(
    entry: ForwardPlanEntry, officer: Any, past: list[Meeting]
) -> None:
    services.forward_plan_publish(by=officer, entry=entry, at=at(date(2018, 6, 1)))
    entry.refresh_from_db()
    assert entry.notice_given is True
    item = services.forward_plan_place(by=officer, entry=entry, meeting=past[1])
    entry.refresh_from_db()
    assert item.meeting == past[1]
    assert item.kind == AgendaItem.Kind.DECISION
    assert entry.status == ForwardPlanEntry.Status.ON_AGENDA
    assert entry.item == item


def test_short_notice_needs_a_reason(
    entry: ForwardPlanEntry, officer: Any, past: list[Meeting]
) -> None:
    services.forward_plan_publish(by=officer, entry=entry, at=at(past[1].date - timedelta(days=20)))
    with pytest.raises(DomainError, match="Only 19 clear days' notice") as caught:
        services.forward_plan_place(by=officer, entry=entry, meeting=past[1])
    assert caught.value.field == "notice_exception"
    services.forward_plan_place(
        by=officer,
        entry=entry,
        meeting=past[1],
        notice_exception="The grant offer expires in August.",
        notice_exception_kind="general_exception",
    )
    entry.refresh_from_db()
    assert entry.notice_exception == "The grant offer expires in August."


def test_an_unpublished_entry_cannot_go_on_an_agenda(
    entry: ForwardPlanEntry, officer: Any, past: list[Meeting]
) -> None:
    with pytest.raises(DomainError, match="Publish the entry"):
        services.forward_plan_place(by=officer, entry=entry, meeting=past[1])


def test_deciding_the_item_closes_the_entry(
    entry: ForwardPlanEntry, officer: Any, past: list[Meeting], chair: Any, rep: Any
) -> None:
    services.forward_plan_publish(by=officer, entry=entry, at=at(date(2018, 6, 1)))
    item = services.forward_plan_place(by=officer, entry=entry, meeting=past[1])
    hold(past[1], officer, present=[chair, rep])
    services.decision_record(
        by=officer,
        item=item,
        summary="Allocations agreed.",
        outcomes=[OutcomeInput(None, "agreed")],
    )
    entry.refresh_from_db()
    assert entry.status == ForwardPlanEntry.Status.DECIDED


def test_the_public_forward_plan_shows_only_published_entries(
    client: Any, entry: ForwardPlanEntry, officer: Any, board: Any
) -> None:
    unpublished = services.forward_plan_add(
        by=officer,
        board=board,
        data={"title": "Not yet announced", "expected_date": date(2018, 9, 1)},
    )
    services.forward_plan_publish(by=officer, entry=entry)
    body = client.get(reverse("meetings_public:forward_plan")).content.decode()
    assert entry.title in body
    assert "Police and Crime Commissioner" in body
    assert unpublished.title not in body
