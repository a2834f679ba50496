"""What proposals need to know about the meetings that decide them, asked without importing them.

Meetings stand above proposals (ADR 12): a meeting decides about a proposal. Proposals
still need three answers from it: which meetings have a proposal on their agenda (so a
decision due there is not recorded by hand as well), where a decision taken at a meeting
is recorded, and what to load with a forum decision so that costs no extra queries. The
meetings app gives them by registering a `MeetingSide` in `AppConfig.ready`; until one is
registered there are no meetings, so nothing is on an agenda and no decision links to one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from typing import Any
from typing import Protocol

from django.db.models import QuerySet

from remit.core.models import Board

if TYPE_CHECKING:
    from remit.proposals.models import ForumDecision
    from remit.proposals.models import Proposal


class DecisionAtMeeting(Protocol):
    """A board's decision taken at one of its meetings: what a forum decision refers to."""

    @property
    def pk(self) -> Any: ...

    @property
    def board(self) -> Board: ...

    @property
    def reference(self) -> str: ...


@dataclass(frozen=True)
class AgendaEntry:
    """An open item about a proposal on the agenda of a meeting that is going ahead.

    `url` opens the item on the meeting's page the reader may see, or is empty.
    """

    title: str
    board: Board
    meeting_on: date
    url: str


@dataclass(frozen=True)
class MeetingLink:
    """Where a forum decision taken at a meeting is recorded: the meeting's own decision."""

    reference: str
    meeting_id: int
    meeting_on: date
    meeting_url: str
    decision_url: str


class MeetingSide(Protocol):
    def agenda(self, proposal: Proposal, user: Any = None) -> list[AgendaEntry]:
        """Open items about the proposal, soonest meeting first, with links for `user`.

        With no `user` the links are to the signed-in meeting pages.
        """
        ...

    def link(
        self, decision: ForumDecision, *, public: bool = False, user: Any = None
    ) -> MeetingLink | None:
        """Links to the meeting and decision a forum decision was taken at, if it was."""
        ...

    def with_links(self, decisions: QuerySet[ForumDecision]) -> QuerySet[ForumDecision]:
        """The decisions, loading what `link` reads so it runs no query of its own."""
        ...


class NoMeetings:
    """The answers when no app holds meetings."""

    def agenda(self, proposal: Proposal, user: Any = None) -> list[AgendaEntry]:
        return []

    def link(
        self, decision: ForumDecision, *, public: bool = False, user: Any = None
    ) -> MeetingLink | None:
        return None

    def with_links(self, decisions: QuerySet[ForumDecision]) -> QuerySet[ForumDecision]:
        return decisions


_side: list[MeetingSide] = [NoMeetings()]


def register(side: MeetingSide) -> None:
    """Called by the meetings app when it is ready; the latest registration answers."""
    _side[0] = side


def meetings() -> MeetingSide:
    return _side[0]
