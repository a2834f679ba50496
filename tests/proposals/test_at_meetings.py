"""Where no app holds meetings, proposals are on no agenda and no decision links to one."""

from __future__ import annotations

from remit.proposals.at_meetings import NoMeetings
from remit.proposals.models import ForumDecision
from remit.proposals.models import Proposal


def test_without_meetings_nothing_is_on_an_agenda_and_no_decision_links_to_one() -> None:
    none = NoMeetings()
    decisions = ForumDecision.objects.all()

    assert none.agenda(Proposal()) == []
    assert none.link(ForumDecision()) is None
    assert none.with_links(decisions) is decisions
