"""Helpers shared by the notifications tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from remit.core.models import User
from remit.funding import services as funding
from remit.funding.models import Bid
from remit.notifications.models import Notification

DECIDED = date(2018, 3, 20)


def told(kind: str, key: str | None = None) -> set[str]:
    """Usernames told about ``kind`` (and the event ``key``, if given)."""
    rows = Notification.objects.filter(kind=kind)
    if key is not None:
        rows = rows.filter(event_key=key)
    return set(rows.values_list("recipient__username", flat=True))


def recommend(bid: Bid, officer: User) -> Any:
    return funding.recommendation_record(
        by=officer, bid=bid, outcome="fund_in_full", reasons="Good.", recommended_on=DECIDED
    )


def determine(bid: Bid, commissioner: User) -> Any:
    return funding.determination_record(
        by=commissioner,
        bid=bid,
        outcome="fund_in_full",
        reasons="",
        decided_on=DECIDED,
        reference="PCC 2018/001",
    )


def write_paper(meeting: Any, officer: User, title: str = "Progress update") -> Any:
    """A complete draft paper on a new report item of ``meeting``."""
    from remit.meetings import services as meetings

    rep = meeting.board.region.people.get(slug="northton-rep")
    item = meetings.item_add(
        by=officer, meeting=meeting, data={"kind": "report", "title": title, "private": False}
    )
    return meetings.paper_create(
        by=officer,
        item=item,
        data={
            "title": title,
            "purpose": "To update the board on progress.",
            "financial_implications": "None.",
            "legal_implications": "",
            "equality_implications": "None.",
            "author": rep,
            "contact_officer": rep,
            "presented_by": "Head of Policy",
        },
        recommendations=["Note the report."],
        sections=[("Background", "The partnership meets quarterly.")],
    )


def schedule(board: Any, officer: User, day: date) -> Any:
    from datetime import time

    from remit.meetings import services as meetings

    return meetings.meeting_schedule(
        by=officer, board=board, first_date=day, start_time=time(10), location="Lloyd House"
    )[0]
