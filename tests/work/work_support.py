"""Records that put work in someone's list, made directly so each test says exactly what exists.

Everything is dated from TODAY (a Wednesday), never from the clock.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from typing import Any

from django.utils import timezone

from remit.core.models import Board
from remit.core.models import Organisation
from remit.core.models import User
from remit.funding.models import Bid
from remit.funding.models import Criterion
from remit.funding.models import Determination
from remit.funding.models import Fund
from remit.funding.models import Grant
from remit.funding.models import Instalment
from remit.funding.models import MonitoringReturn
from remit.funding.models import Recommendation
from remit.funding.models import Round
from remit.meetings.models import AgendaItem
from remit.meetings.models import ForwardPlanEntry
from remit.meetings.models import Meeting
from remit.meetings.models import Minutes
from remit.meetings.models import Paper

TODAY = date(2026, 3, 4)


def at(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


NOW = at(TODAY)


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


def meeting(board: Board, day: date, **kwargs: Any) -> Meeting:
    return Meeting.objects.create(
        board=board, date=day, start_time=time(10), location="Lloyd House", **kwargs
    )


def item(meeting: Meeting, title: str, **kwargs: Any) -> AgendaItem:
    kwargs.setdefault("kind", AgendaItem.Kind.REPORT)
    return AgendaItem.objects.create(
        meeting=meeting, title=title, position=meeting.items.count() + 1, **kwargs
    )


def paper(item: AgendaItem, *, published: bool = False) -> Paper:
    return Paper.objects.create(
        item=item,
        title=item.title,
        purpose="To inform the board.",
        status=Paper.Status.MEMBERS if published else Paper.Status.DRAFT,
        members_published_at=at(item.meeting.date - timedelta(days=10)) if published else None,
    )


def minutes(meeting: Meeting) -> Minutes:
    return Minutes.objects.create(meeting=meeting, body="The board met.")


def plan_entry(board: Board, title: str, expected: date, **kwargs: Any) -> ForwardPlanEntry:
    return ForwardPlanEntry.objects.create(
        board=board, title=title, expected_date=expected, **kwargs
    )


def fund(region: Any, *, decision_maker: Any = None, board: Board | None = None) -> Fund:
    return Fund.objects.create(
        region=region,
        slug="csf",
        name="Community Safety Fund",
        financial_year="2026/27",
        budget_pence=10_000_000,
        owner=region.organisations.get(slug="opcc"),
        decision_maker=decision_maker,
        recommending_board=board,
    )


def round(fund: Fund, slug: str, opens: date, closes: date, *, criteria: int = 2) -> Round:
    made = Round.objects.create(
        fund=fund,
        slug=slug,
        title=slug.replace("-", " ").capitalize(),
        opens_at=at(opens),
        closes_at=at(closes),
    )
    for position in range(1, criteria + 1):
        Criterion.objects.create(round=made, position=position, title=f"Criterion {position}")
    return made


def bid(
    round: Round,
    organisation: Organisation,
    title: str,
    by: User,
    *,
    submitted: date | None = None,
) -> Bid:
    return Bid.all_objects.create(
        round=round,
        organisation=organisation,
        title=title,
        created_by=by,
        status="draft" if submitted is None else "submitted",
        submitted_at=at(submitted) if submitted else None,
    )


def recommend(bid: Bid, by: User, on: date, *, amount: int = 500_000, board: Any = None) -> Any:
    made = Recommendation.objects.create(
        bid=bid,
        outcome="fund_in_full",
        amount_pence=amount,
        reasons="Strong bid.",
        board=board,
        recommended_on=on,
        recorded_by=by,
    )
    Bid.all_objects.filter(pk=bid.pk).update(recommendation=made)
    return made


def determine(bid: Bid, by: User, on: date, *, amount: int = 500_000) -> Determination:
    made = Determination.objects.create(
        bid=bid,
        outcome="fund_in_full",
        amount_pence=amount,
        decided_by=by.person,
        decided_on=on,
        recorded_by=by,
        recommendation=bid.recommendation,
    )
    Bid.all_objects.filter(pk=bid.pk).update(determination=made, status="awarded")
    return made


def grant(bid: Bid, by: User, *, amount: int = 500_000) -> Grant:
    bid.refresh_from_db()
    if bid.determination_id is None:
        determine(bid, by, TODAY - timedelta(days=60), amount=amount)
        bid.refresh_from_db()
    return Grant.all_objects.create(bid=bid, determination=bid.determination, amount_pence=amount)


def instalment(grant: Grant, due: date, amount: int = 100_000) -> Instalment:
    return Instalment.objects.create(grant=grant, due_on=due, amount_pence=amount)


def monitoring_return(grant: Grant, due: date, *, submitted: bool = False) -> MonitoringReturn:
    start = due - timedelta(days=120)
    return MonitoringReturn.objects.create(
        grant=grant,
        period_start=start,
        period_end=start + timedelta(days=89),
        due_on=due,
        submitted_at=at(due) if submitted else None,
    )


def titles(section: Any) -> list[str]:
    return [i.title for i in section.items]


def section(sections: list[Any], title: str) -> Any:
    found = [s for s in sections if s.title.startswith(title)]
    assert found, f"no section {title!r} in {[s.title for s in sections]}"
    return found[0]
