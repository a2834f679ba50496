"""A board member's sections: their next meetings, declarations, minutes and decisions."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from typing import Any

from django.urls import reverse

from remit.core.models import Region
from remit.meetings import permissions as meeting_permissions
from remit.meetings import selectors as meetings
from remit.work.items import Item
from remit.work.items import Section
from remit.work.selectors.dates import local_day
from remit.work.selectors.dates import long_date

NEXT_MEETINGS = 10


def member_sections(region: Region, user: Any, today: date, since: datetime) -> list[Section]:
    upcoming = meetings.next_meetings_for(user, region, today, NEXT_MEETINGS)
    next_items = []
    declare_items = []
    for meeting in upcoming:
        name = f"{meeting.name}, {long_date(meeting.date)}"
        papers = f"{meeting.papers_out} paper{'s' if meeting.papers_out != 1 else ''} out"
        pack = "; the members' pack is ready" if meeting.pack_ready else ""
        next_items.append(
            Item(
                title=name,
                url=reverse("meetings:meeting", args=[meeting.pk]),
                due=meeting.date,
                due_label="Meeting",
                detail=f"{papers}{pack}.",
            )
        )
        if not meeting.declared and meeting_permissions.can_record_declaration(user, meeting, None):
            declare_items.append(
                Item(
                    title=f"Declare any interests for {name}",
                    url=reverse("meetings:declaration_add", args=[meeting.pk]),
                    due=meeting.date,
                    due_label="Meeting",
                    detail="You have not declared an interest for this meeting.",
                )
            )
    minutes_items = [
        Item(
            title=f"Minutes of {item.minutes_of.name}, {long_date(item.minutes_of.date)}",
            url=reverse("meetings:meeting", args=[item.meeting_id]),
            due=item.meeting.date,
            due_label="Meeting",
            detail=f"To approve at {item.meeting.name}, {long_date(item.meeting.date)}.",
        )
        for item in meetings.minutes_to_approve_for(user, region, today)
        if item.minutes_of is not None
    ]
    decision_items = [
        Item(
            title=f"{decision.reference}: {decision.board.name}",
            url=reverse("meetings:decision", args=[decision.pk]),
            detail=f"Published on {long_date(decision.published_on)}. {_short(decision.summary)}",
        )
        for decision in meetings.decisions_since(user, region, since)
    ]
    since_text = long_date(local_day(since))
    return [
        Section("Your next meetings", "No meetings of your boards are coming up.", next_items),
        Section(
            "Declarations of interest to make",
            "You have declared for every meeting coming up.",
            declare_items,
        ),
        Section("Minutes to approve", "No minutes are waiting for your approval.", minutes_items),
        Section(
            f"Decisions of your boards since {since_text}",
            f"Your boards have made no decisions since {since_text}.",
            decision_items,
            ordered=False,
        ),
    ]


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
