"""What meetings tell proposals: the agendas a proposal is on, and where a decision taken
at a meeting is recorded. Registered with proposals in `MeetingsConfig.ready` (ADR 12)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from remit.meetings.models import AgendaItem
from remit.meetings.models import Meeting
from remit.meetings.permissions import can_view_meeting
from remit.meetings.workflow import MeetingStatus
from remit.proposals.at_meetings import AgendaEntry
from remit.proposals.at_meetings import MeetingLink
from remit.proposals.models import ForumDecision
from remit.proposals.models import Proposal


def _meeting_url(meeting: Meeting, user: Any) -> str:
    """The meeting's page for those who may open it, its published page for others once it
    is public, otherwise nothing."""
    if user is None or can_view_meeting(user, meeting):
        return reverse("meetings:meeting", args=[meeting.pk])
    if meeting.public_at is not None:
        return reverse("meetings_public:meeting", args=[meeting.pk])
    return ""


class MeetingsForProposals:
    def agenda(self, proposal: Proposal, user: Any = None) -> list[AgendaEntry]:
        items = (
            AgendaItem.objects.filter(proposal=proposal, state=AgendaItem.State.OPEN)
            .exclude(meeting__status=MeetingStatus.CANCELLED)
            .select_related("meeting__board")
            .order_by("meeting__date", "pk")
        )
        entries = []
        for item in items:
            url = _meeting_url(item.meeting, user)
            entries.append(
                AgendaEntry(
                    title=item.title,
                    board=item.meeting.board,
                    meeting_on=item.meeting.date,
                    url=f"{url}#item-{item.pk}" if url else "",
                )
            )
        return entries

    def link(
        self, decision: ForumDecision, *, public: bool = False, user: Any = None
    ) -> MeetingLink | None:
        """Those who may open the meeting get its signed-in pages; the public, and anyone
        the meeting's board keeps out, get its published pages once those are public."""
        taken = decision.meeting_decision
        if taken is None:
            return None
        meeting = taken.item.meeting
        if not public and (user is None or can_view_meeting(user, meeting)):
            return MeetingLink(
                taken.reference,
                meeting.pk,
                meeting.date,
                reverse("meetings:meeting", args=[meeting.pk]),
                reverse("meetings:decision", args=[taken.pk]),
            )
        shown = meeting.public_at is not None
        open_ = shown and not taken.item.private and taken.published_on <= timezone.localdate()
        return MeetingLink(
            taken.reference,
            meeting.pk,
            meeting.date,
            reverse("meetings_public:meeting", args=[meeting.pk]) if shown else "",
            reverse("meetings_public:decision", args=[taken.pk]) if open_ else "",
        )

    def with_links(self, decisions: QuerySet[ForumDecision]) -> QuerySet[ForumDecision]:
        return decisions.select_related("meeting_decision__item__meeting__board")
