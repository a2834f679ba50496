"""The page at /: who sees it, what it says, when it was last looked at, and its query count."""

from __future__ import annotations

from datetime import time
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
import work_support as w
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from remit.core.models import Region
from remit.core.models import User
from remit.funding.models import Bid
from remit.funding.models import Criterion
from remit.funding.models import MonitoringReturn
from remit.funding.models import Round
from remit.indicators.models import Indicator
from remit.indicators.models import Target
from remit.meetings.models import AgendaItem
from remit.meetings.models import ForwardPlanEntry
from remit.meetings.models import Meeting
from remit.notifications.models import Kind
from remit.notifications.models import Notification
from remit.work.models import LastLooked


def test_signed_out_people_get_the_public_home(client: Any, region: Region) -> None:
    page = client.get("/").content.decode()
    assert "Your work" not in page
    assert client.get(reverse("portal:public_home")).status_code == 200


def test_the_officer_s_page_lists_items_with_their_deadlines(
    client: Any, officer: User, region: Region, board: Any
) -> None:
    today = timezone.localdate()
    soon = w.meeting(board, today + timedelta(days=2))
    w.item(soon, "Budget report")
    client.force_login(officer)
    page = client.get("/").content.decode()
    assert '<h1 class="govuk-heading-xl">Your work</h1>' in page
    assert "Budget report: paper for" in page
    assert reverse("meetings:paper_create", args=[soon.items.get().pk]) in page
    assert "Overdue by" in page
    assert "Every meeting held has its decisions and minutes." in page
    assert reverse("portal:public_home") in page


def test_viewing_the_page_records_when_the_person_last_looked(
    client: Any, member: User, region: Region, board: Any
) -> None:
    client.force_login(member)
    assert not LastLooked.objects.filter(user=member).exists()
    client.get("/")
    first = LastLooked.objects.get(user=member).at
    client.get("/")
    assert LastLooked.objects.get(user=member).at >= first
    assert "Decisions of your boards since" in client.get("/").content.decode()


def test_a_role_with_nothing_here_is_told_so(client: Any, make_user: Any, region: Region) -> None:
    client.force_login(make_user("board_member"))
    assert "There is nothing for your role to do here." in client.get("/").content.decode()


def test_with_no_region_loaded_the_page_says_so(client: Any, make_user: Any, db: Any) -> None:
    client.force_login(make_user("officer"))
    assert "No region has been loaded yet" in client.get("/").content.decode()


def test_your_work_shows_the_unread_count_and_the_latest_three_unread_notifications(
    client: Any, officer: User, region: Region
) -> None:
    now = timezone.now()
    for n, read in ((1, None), (2, now), (3, None), (4, None), (5, None)):
        Notification.objects.create(
            recipient=officer,
            kind=Kind.BID_SUBMITTED,
            event_key=f"bid-submitted:{n}",
            title=f"Bid to assess: bid {n}",
            link="/funds/",
            created=now - timedelta(hours=10 - n),
            delivery="immediately",
            read_at=read,
        )
    client.force_login(officer)
    page = client.get("/").content.decode()
    assert "You have 4 unread notifications. The latest 3:" in page
    shown = [f"Bid to assess: bid {n}" in page for n in range(1, 6)]
    assert shown == [False, False, True, True, True]
    assert page.index("bid 5") < page.index("bid 4") < page.index("bid 3")
    latest = Notification.objects.get(event_key="bid-submitted:5")
    assert reverse("notifications:open", args=[latest.pk]) in page
    assert f'href="{reverse("notifications:list")}">See all your notifications' in page


def test_with_nothing_unread_your_work_says_so(client: Any, officer: User, region: Region) -> None:
    client.force_login(officer)
    page = client.get("/").content.decode()
    assert "You have no unread notifications." in page
    assert "See all your notifications" in page


# Query counts: every kind of item, for every role, grows from 10 to 1,000.


def _fill(
    region: Region,
    board: Any,
    users: dict[str, User],
    start: int,
    count: int,
) -> None:
    today = timezone.localdate()
    officer, partner, commissioner = users["officer"], users["partner"], users["commissioner"]
    charity = partner.organisation
    fund = region.funds.get()
    rounds = {r.slug: r for r in Round.objects.filter(fund=fund)}
    upcoming, held = [], []
    for n in range(start, start + count):
        slot = time(8 + n % 10)
        upcoming.append(
            Meeting(
                board=board,
                date=today + timedelta(days=1 + n // 10),
                start_time=slot,
                location="Lloyd House",
            )
        )
        held.append(
            Meeting(
                board=board,
                date=today - timedelta(days=1 + n // 10),
                start_time=slot,
                location="Lloyd House",
            )
        )
    Meeting.objects.bulk_create(upcoming + held)
    AgendaItem.objects.bulk_create(
        [AgendaItem(meeting=m, title=f"Report {m.pk}", position=1) for m in upcoming + held]
    )
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                meeting=m,
                title="Minutes",
                position=2,
                kind=AgendaItem.Kind.MINUTES,
                minutes_of=h,
            )
            for m, h in zip(upcoming, held, strict=True)
        ]
    )
    ForwardPlanEntry.objects.bulk_create(
        [
            ForwardPlanEntry(
                board=board, title=f"Decision {n}", expected_date=today + timedelta(days=n)
            )
            for n in range(start, start + count)
        ]
    )
    submitted = timezone.now() - timedelta(days=5)
    bids = Bid.all_objects.bulk_create(
        [
            Bid(
                round=rounds["open"],
                organisation=charity,
                title=f"Bid {n}",
                created_by=partner,
                status="submitted",
                submitted_at=submitted,
            )
            for n in range(start, start + 2 * count)
        ]
    )
    for bid in bids[:count]:
        w.recommend(bid, officer, today - timedelta(days=3))
    for bid in bids[count:]:
        grant = w.grant(bid, commissioner)
        MonitoringReturn.objects.create(
            grant=grant,
            period_start=today - timedelta(days=100),
            period_end=today - timedelta(days=10),
            due_on=today - timedelta(days=1),
        )
    indicators = Indicator.all_objects.bulk_create(
        [
            Indicator(region=region, slug=f"indicator-{n}", name=f"Indicator {n}")
            for n in range(start, start + count)
        ]
    )
    Target.objects.bulk_create(
        [Target(indicator=i, due=today, value=Decimal(1)) for i in indicators]
    )
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                kind=Kind.BID_SUBMITTED,
                event_key=f"fill:{n}",
                title=f"Notice {n} for {role}",
                link="/funds/",
                created=timezone.now() - timedelta(minutes=n),
                delivery="immediately",
            )
            for role, user in users.items()
            for n in range(start, start + count)
        ]
    )
    DBTaskResult.objects.bulk_create(
        [
            DBTaskResult(
                status=TaskResultStatus.FAILED,
                task_path="remit.meetings.tasks.build_pack",
                args_kwargs={"args": [], "kwargs": {}},
                backend_name="default",
                run_after=timezone.now(),
                finished_at=timezone.now() - timedelta(hours=1),
                exception_class_path="builtins.ValueError",
                traceback="ValueError: no papers",
            )
            for _ in range(count)
        ]
    )


@pytest.fixture
def everyone(
    officer: User,
    partner: User,
    commissioner: User,
    member: User,
    analyst: User,
    admin: User,
    region: Region,
    board: Any,
) -> dict[str, User]:
    fund = w.fund(region, decision_maker=commissioner.person, board=board)
    now = timezone.now()
    made = Round.objects.create(
        fund=fund,
        slug="open",
        title="Open round",
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=10),
    )
    Criterion.objects.create(round=made, position=1, title="Fit")
    return {
        "officer": officer,
        "partner": partner,
        "commissioner": commissioner,
        "member": member,
        "analyst": analyst,
        "admin": admin,
    }


@pytest.mark.parametrize(
    "role", ["officer", "partner", "commissioner", "member", "analyst", "admin"]
)
def test_the_page_makes_as_many_queries_for_1000_items_as_for_10(
    role: str,
    everyone: dict[str, User],
    region: Region,
    board: Any,
    client: Any,
    page_queries_stay_flat: Any,
) -> None:
    _fill(region, board, everyone, 0, 10)
    client.force_login(everyone[role])
    page = page_queries_stay_flat("/", lambda: _fill(region, board, everyone, 10, 990))
    assert "And " in page
    assert " more" in page
    assert "You have 1,000 unread notifications. The latest 3:" in page
    assert f"Notice 0 for {role}" in page
    assert f"Notice 3 for {role}" not in page


@pytest.mark.parametrize(
    "role", ["officer", "partner", "commissioner", "member", "analyst", "admin"]
)
def test_every_item_offered_opens_for_the_person_it_is_offered_to(
    role: str, everyone: dict[str, User], region: Region, board: Any, client: Any
) -> None:
    from remit.work import selectors

    _fill(region, board, everyone, 0, 3)
    user = everyone[role]
    client.force_login(user)
    sections = selectors.your_work(
        user, region, today=timezone.localdate(), now=timezone.now(), since=None
    )
    urls = {item.url for section in sections for item in section.items}
    assert urls, f"the {role} has work to open"
    for url in sorted(urls):
        assert client.get(url).status_code == 200, url
