"""The meetings app answers what proposals ask about meetings (ADR 12): which agendas a
proposal is on, with links for the reader, and nothing once a meeting is cancelled."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from remit.core.errors import DomainError
from remit.core.models import Board
from remit.meetings import services
from remit.meetings.for_proposals import MeetingsForProposals
from remit.meetings.models import AgendaItem
from remit.meetings.models import Meeting
from remit.proposals import services as proposal_services
from remit.proposals.at_meetings import AgendaEntry
from remit.proposals.at_meetings import meetings
from remit.proposals.models import Proposal


def _on_agenda(meeting: Meeting, proposal: Proposal, officer: Any) -> AgendaItem:
    return services.item_add(
        by=officer,
        meeting=meeting,
        data={"kind": "decision", "title": "Violence reduction partnership", "proposal": proposal},
    )


def test_proposals_ask_the_meetings_app() -> None:
    assert isinstance(meetings(), MeetingsForProposals)


def test_an_agenda_item_about_the_proposal_links_to_its_place_on_the_meeting_page(
    meeting: Meeting, proposal: Proposal, officer: Any, board: Board
) -> None:
    item = _on_agenda(meeting, proposal, officer)

    assert meetings().agenda(proposal, officer) == [
        AgendaEntry(
            title="Violence reduction partnership",
            board=board,
            meeting_on=meeting.date,
            url=reverse("meetings:meeting", args=[meeting.pk]) + f"#item-{item.pk}",
        )
    ]


def test_a_decision_due_at_a_meeting_is_recorded_by_hand_once_the_meeting_is_cancelled(
    meeting: Meeting, proposal: Proposal, officer: Any, board: Board
) -> None:
    _on_agenda(meeting, proposal, officer)
    routing = proposal.routings.get()

    with pytest.raises(DomainError) as refused:
        proposal_services.forum_decision_record(
            by=officer, routing=routing, position=1, outcome="endorsed", decided_on=date(2023, 1, 5)
        )
    assert refused.value.message.startswith(
        f"It is on the agenda of the {board} meeting of {meeting.date:%-d %B %Y}: "
    )
    assert refused.value.field == "position"

    services.meeting_cancel(by=officer, meeting=meeting, reason="The chair is unwell.")

    assert meetings().agenda(proposal, officer) == []
    decision = proposal_services.forum_decision_record(
        by=officer, routing=routing, position=1, outcome="endorsed", decided_on=date(2023, 1, 5)
    )
    assert decision.meeting_decision_id is None
