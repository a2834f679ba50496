"""The policy officer's sections: papers, meetings to write up, forums, screenings,
bids, grants and the forward plan.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import timedelta
from typing import Any

from django.urls import reverse

from remit.core.models import Region
from remit.funding import permissions as funding_permissions
from remit.funding import selectors as funding
from remit.meetings import selectors as meetings
from remit.meetings.deadlines import forward_plan_deadline
from remit.proposals import selectors as proposals
from remit.ui.formatting import format_pence
from remit.work.items import Item
from remit.work.items import Section
from remit.work.selectors.dates import local_day
from remit.work.selectors.dates import long_date

WRITE_UP_DAYS = 7
"""Decisions and draft minutes are due within a week of the meeting."""
PAYMENTS_AHEAD_DAYS = 30


def papers_section(region: Region, today: date) -> Section:
    items = []
    for item, paper in meetings.papers_due(region, today):
        meeting = item.meeting
        deadline = meeting.deadline()
        if paper is not None:
            url = reverse("meetings:paper", args=[paper.pk])
            state = "Draft written, not yet published to members"
        else:
            url = reverse("meetings:paper_create", args=[item.paper_holder.pk])
            state = "No paper written yet"
        items.append(
            Item(
                title=f"{item.title}: paper for {meeting.name}, {long_date(meeting.date)}",
                url=url,
                due=deadline.effective,
                detail=f"{state}. The deadline is set by {deadline.binding_rule}.",
                due_label="Publish by",
            )
        )
    return Section(
        "Papers to publish",
        "No papers are due for upcoming meetings.",
        items,
        more_url=reverse("meetings:compliance"),
        more_label="See the publication dashboard",
    )


def write_up_section(region: Region, today: date) -> Section:
    items = []
    for meeting in meetings.meetings_to_write_up(region, today):
        due = meeting.date + timedelta(days=WRITE_UP_DAYS)
        held = f"{meeting.name}, {long_date(meeting.date)}"
        if meeting.status != meeting.Status.HELD:
            items.append(
                Item(
                    title=f"Record that {held} was held",
                    url=reverse("meetings:meeting", args=[meeting.pk]),
                    due=due,
                    detail="Record who attended; then its decisions and minutes.",
                )
            )
            continue
        if meeting.open_items:
            count = meeting.open_items
            items.append(
                Item(
                    title=f"Record the decisions of {held}",
                    url=reverse("meetings:meeting", args=[meeting.pk]),
                    due=due,
                    detail=f"{count} item{'s' if count != 1 else ''} with no decision recorded.",
                )
            )
        if not meeting.has_minutes:
            items.append(
                Item(
                    title=f"Write the minutes of {held}",
                    url=reverse("meetings:minutes_edit", args=[meeting.pk]),
                    due=due,
                    detail="No minutes recorded yet.",
                )
            )
    return Section(
        "Meetings to write up", "Every meeting held has its decisions and minutes.", items
    )


def forums_section(region: Region, today: date) -> Section:
    # The selector returns only proposals' routings that are at a board.
    waiting = [
        (routing.proposal, routing.current_board)
        for routing in proposals.waiting_at_forums(region)
        if routing.proposal is not None and routing.current_board is not None
    ]
    next_dates = meetings.next_meeting_dates({board.pk for _, board in waiting}, today)
    items = []
    for proposal, board in waiting:
        next_date = next_dates.get(board.pk)
        items.append(
            Item(
                title=f"{proposal.title}, waiting for {board.name}",
                url=reverse("proposals:detail", args=[proposal.pk]),
                due=next_date,
                detail="" if next_date else "No meeting of the board is scheduled.",
                due_label="Next meeting",
            )
        )
    return Section("Proposals waiting at a forum", "No proposals are waiting at a forum.", items)


def screenings_section(region: Region) -> Section:
    items = [
        Item(
            title=f"Impact screening of {screening.proposal.title}",
            url=reverse("proposals:screening", args=[screening.proposal.pk]),
            detail="A full impact assessment is needed."
            if screening.full_assessment_needed
            else "Screened; waiting to be signed off.",
        )
        for screening in proposals.screenings_to_sign_off(region)
    ]
    return Section("Impact screenings to sign off", "No impact screenings to sign off.", items)


def assessment_section(region: Region, user: Any, now: datetime) -> Section:
    items = []
    if funding_permissions.can_open_moderation(user):
        for round in funding.rounds_to_moderate(region, now):
            items.append(
                Item(
                    title=f"Open moderation of {round.title} ({round.fund.name})",
                    url=reverse("funding:moderation", args=[round.pk]),
                    detail=f"Closed on {long_date(local_day(round.closes_at))}; "
                    f"{round.waiting} bid{'s' if round.waiting != 1 else ''} submitted.",
                )
            )
    if funding_permissions.can_recommend(user):
        for round in funding.rounds_in_moderation(region):
            items.append(
                Item(
                    title=f"Record recommendations for {round.title} ({round.fund.name})",
                    url=reverse("funding:moderation", args=[round.pk]),
                    detail=f"{round.waiting} bid{'s' if round.waiting != 1 else ''} "
                    "with no recommendation.",
                )
            )
    for bid in funding.bids_to_assess(region, user):
        scored = f"you have scored {bid.my_scores} of {bid.criteria_count} criteria"
        items.append(
            Item(
                title=f"Score {bid.title} ({bid.organisation.name})",
                url=reverse("funding:bid_score", args=[bid.pk]),
                due=local_day(bid.round.closes_at),
                due_label="Round closes",
                detail=f"{bid.reference}, {bid.round.title}: {scored}.",
            )
        )
    return Section(
        "Bids to assess or moderate", "No bids are waiting for assessment.", items, ordered=False
    )


def grants_section(region: Region, user: Any, today: date) -> Section:
    items = [
        Item(
            title=f"Pay {format_pence(instalment.amount_pence)} to "
            f"{instalment.grant.bid.organisation.name}",
            url=reverse("funding:grant", args=[instalment.grant_id]),
            due=instalment.due_on,
            detail=f"An instalment of the grant for {instalment.grant.bid.title}.",
        )
        for instalment in funding.instalments_due(region, today, PAYMENTS_AHEAD_DAYS)
    ]
    items += [
        Item(
            title=f"Monitoring return from {ret.grant.bid.organisation.name}",
            url=reverse("funding:grant_return", args=[ret.grant_id, ret.pk]),
            due=ret.due_on,
            detail=f"For {ret.grant.bid.title}, {long_date(ret.period_start)} to "
            f"{long_date(ret.period_end)}; not yet received.",
        )
        for ret in funding.returns_outstanding(region, user, due_by=today - timedelta(days=1))
    ]
    return Section(
        "Grant payments and overdue returns",
        f"No instalments fall due in the next {PAYMENTS_AHEAD_DAYS} days and no returns are "
        "overdue.",
        items,
        more_url=reverse("funding:grants"),
        more_label="See all grants",
    )


def forward_plan_section(region: Region) -> Section:
    items = [
        Item(
            title=f"Put {entry.title} ({entry.maker}) on the forward plan",
            url=reverse("meetings:forward_plan_edit", args=[entry.pk]),
            due=forward_plan_deadline(entry.expected_date),
            due_label="Publish by",
            detail=f"Decision expected on {long_date(entry.expected_date)}; 28 clear days' notice.",
        )
        for entry in meetings.forward_plan_unpublished(region)
    ]
    return Section(
        "Key decisions for the forward plan",
        "Every planned key decision is on the published forward plan.",
        items,
        more_url=reverse("meetings:forward_plan"),
        more_label="See the forward plan",
    )
