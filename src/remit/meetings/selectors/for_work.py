"""What waits for someone, for "Your work" (remit.work): each a fixed number of queries."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING
from typing import Any
from typing import TypedDict
from typing import cast

from django.db.models import Q
from django.db.models import QuerySet

from remit.core.models import Region
from remit.core.permissions import person_of
from remit.meetings import permissions
from remit.meetings.models import AgendaItem
from remit.meetings.models import Decision
from remit.meetings.models import Declaration
from remit.meetings.models import ForwardPlanEntry
from remit.meetings.models import Meeting
from remit.meetings.models import Minutes
from remit.meetings.models import PackBuild
from remit.meetings.models import Paper
from remit.meetings.selectors.papers import PAPER_KINDS
from remit.meetings.selectors.papers import held_paper

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


def papers_due(region: Region, today: date) -> list[tuple[AgendaItem, Paper | None]]:
    """Items of upcoming meetings whose paper has not gone to members yet, and the draft if any."""
    items = (
        AgendaItem.objects.filter(
            meeting__board__region=region, meeting__date__gte=today, kind__in=PAPER_KINDS
        )
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .exclude(state=AgendaItem.State.WITHDRAWN)
        .select_related("meeting__board", "paper", "origin__paper")
        .order_by("meeting__date", "meeting__start_time", "position", "pk")
    )
    due = []
    for item in items:
        paper = held_paper(item)
        if paper is None or (
            paper.members_published_at is None and paper.status != Paper.Status.WITHDRAWN
        ):
            due.append((item, paper))
    return due


class WriteUpState(TypedDict):
    """What `meetings_to_write_up` adds to each meeting."""

    open_items: int
    has_minutes: bool


class GoneOut(TypedDict):
    """What `next_meetings_for` adds to each meeting."""

    papers_out: int
    pack_ready: bool
    declared: bool


def meetings_to_write_up(
    region: Region, today: date
) -> QuerySet[WithAnnotations[Meeting, WriteUpState]]:
    """Meetings held before today with items still undecided or no minutes yet.

    Each carries ``open_items`` (items that take a decision and have none) and
    ``has_minutes``.
    """
    from django.db.models import Count
    from django.db.models import Exists
    from django.db.models import OuterRef

    # MeetingQuerySet is not generic, so its annotate() cannot carry the added fields' types.
    return cast(
        "QuerySet[WithAnnotations[Meeting, WriteUpState]]",
        Meeting.objects.for_region(region)
        .filter(date__lt=today)
        .exclude(status__in=[Meeting.Status.CANCELLED, Meeting.Status.MINUTES_APPROVED])
        .annotate(
            open_items=Count(
                "items",
                filter=Q(items__state=AgendaItem.State.OPEN)
                & ~Q(items__kind__in=AgendaItem.STANDARD),
            ),
            has_minutes=Exists(Minutes.objects.filter(meeting=OuterRef("pk"))),
        )
        .filter(Q(open_items__gt=0) | Q(has_minutes=False))
        .select_related("board")
        .order_by("date", "start_time", "pk"),
    )


def forward_plan_unpublished(region: Region) -> QuerySet[ForwardPlanEntry]:
    """Key decisions planned but not yet on the published forward plan."""
    return (
        ForwardPlanEntry.objects.filter(
            board__region=region,
            published_at__isnull=True,
            status__in=[ForwardPlanEntry.Status.PLANNED, ForwardPlanEntry.Status.ON_AGENDA],
        )
        .select_related("board")
        .order_by("expected_date", "pk")
    )


def next_meeting_dates(board_ids: Iterable[int], today: date) -> dict[int, date]:
    """Each board's next meeting day (from today), for the boards that have one."""
    from django.db.models import Min

    return dict(
        Meeting.objects.filter(board_id__in=list(board_ids))
        .upcoming(today)
        .order_by()
        .values("board_id")
        .annotate(next=Min("date"))
        .values_list("board_id", "next")
    )


def next_meetings_for(
    user: Any, region: Region, today: date, limit: int
) -> list[WithAnnotations[Meeting, GoneOut]]:
    """The next meetings of the boards the user sits on, with what has gone out for them.

    Each carries ``papers_out`` (papers published to members), ``pack_ready`` (a members'
    pack has been built) and ``declared`` (the user has declared an interest at it).
    """
    from django.db.models import Count
    from django.db.models import Exists
    from django.db.models import OuterRef

    boards = permissions.member_board_ids(user)
    person_id = person_of(user)
    if person_id is None:
        return []  # only a person sits on a board
    # MeetingQuerySet is not generic, so its annotate() cannot carry the added fields' types.
    meetings = cast(
        "QuerySet[WithAnnotations[Meeting, GoneOut]]",
        Meeting.objects.for_region(region)
        .upcoming(today)
        .filter(board_id__in=boards)
        .annotate(
            papers_out=Count(
                "items__paper", filter=Q(items__paper__members_published_at__isnull=False)
            ),
            pack_ready=Exists(
                PackBuild.objects.filter(
                    meeting=OuterRef("pk"),
                    audience=PackBuild.Audience.MEMBERS,
                    status=PackBuild.Status.DONE,
                )
            ),
            declared=Exists(
                Declaration.objects.filter(meeting=OuterRef("pk"), person_id=person_id)
            ),
        )
        .select_related("board")
        .order_by("date", "start_time", "pk"),
    )
    return list(meetings[:limit])


def minutes_to_approve_for(user: Any, region: Region, today: date) -> QuerySet[AgendaItem]:
    """Items at upcoming meetings of the user's boards that approve an earlier meeting's minutes."""
    return (
        AgendaItem.objects.filter(
            kind=AgendaItem.Kind.MINUTES,
            state=AgendaItem.State.OPEN,
            meeting__board__region=region,
            meeting__board_id__in=permissions.member_board_ids(user),
            meeting__date__gte=today,
        )
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related("meeting__board", "minutes_of__board")
        .order_by("meeting__date", "pk")
    )


def decisions_since(user: Any, region: Region, since: Any) -> QuerySet[Decision]:
    """Decisions of the user's boards recorded after ``since``, newest first."""
    return (
        Decision.objects.filter(
            board__region=region,
            board_id__in=permissions.member_board_ids(user),
            recorded_at__gt=since,
        )
        .select_related("board", "item__meeting")
        .order_by("-recorded_at", "-pk")
    )
