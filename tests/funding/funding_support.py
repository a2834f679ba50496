"""Helpers shared by the fund's tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from itertools import count
from typing import Any

from remit.core.models import User
from remit.funding import services
from remit.funding.models import Bid
from remit.funding.models import Round

PRIORITIES = ["Safer streets", "Support for victims", "Less reoffending"]
MONTHS = 9


def complete_data(
    round: Round, *, amount: int = 2_000_000, lead: str = "E08000901"
) -> dict[str, Any]:
    """Everything a bid needs to be submitted, for the test region's round."""
    region = round.fund.region
    area = region.areas.get(code=lead)
    return {
        "title": "Safer routes home",
        "summary": "Volunteers walk people home from the town centre at night.",
        "lead_area": area,
        "areas": [area],
        "priorities": [PRIORITIES[0]],
        "amounts": {round.years[0]: amount},
        "answers": {q.pk: "The evidence shows it." for q in round.questions.all()},
    }


def draft(round: Round, by: User, **data: Any) -> Bid:
    return services.bid_create(by=by, round=round, data={"title": "A draft", **data})


def recommended(bid: Bid, officer: User) -> Bid:
    """The bid recommended for funding in full."""
    services.recommendation_record(
        by=officer,
        bid=bid,
        outcome="fund_in_full",
        reasons="Good.",
        recommended_on=date(2018, 3, 8),
    )
    return bid


def awarded(make_bid: Any, officer: User, commissioner: User, **kw: Any) -> Any:
    """A bid recommended and funded in full; returns its grant."""
    from remit.funding.models import Grant

    bid = recommended(make_bid(**kw), officer)
    services.determination_record(
        by=commissioner,
        bid=bid,
        outcome="fund_in_full",
        reasons="",
        decided_on=date(2018, 3, 20),
        reference="PCC 2018/001",
    )
    return Grant.all_objects.get(bid=bid)


def ready(grant: Any, officer: User) -> Any:
    """Agreement and a schedule in two halves, then published."""
    services.grant_agreement_set(
        by=officer,
        grant=grant,
        data={"agreement_start": date(2018, 4, 1), "agreement_end": date(2019, 3, 31)},
    )
    half, rest = divmod(grant.amount_pence, 2)
    services.grant_schedule_set(
        by=officer,
        grant=grant,
        text=f"2018-04-30, {(half + rest) / 100:.2f}\n2018-10-31, {half / 100:.2f}",
    )
    return services.grant_publish(by=officer, grant=grant)


def monthly_schedule(grant: Any, officer: User) -> tuple[list[Any], Callable[[int], None]]:
    """Replace the grant's schedule with MONTHS equal monthly instalments; the instalments,
    and ``pay(n)``, which pays the next n of them in full."""
    share, rest = divmod(grant.amount_pence, MONTHS)
    lines = [
        f"2018-{4 + n:02d}-28, {(share + (rest if n == 0 else 0)) / 100:.2f}" for n in range(MONTHS)
    ]
    grant.refresh_from_db()
    instalments = services.grant_schedule_set(by=officer, grant=grant, text="\n".join(lines))
    unpaid = iter(instalments)
    references = count()

    def pay(how_many: int) -> None:
        for _ in range(how_many):
            instalment = next(unpaid)
            services.payment_record(
                by=officer,
                instalment=instalment,
                paid_on=instalment.due_on,
                amount_pence=instalment.amount_pence,
                reference=f"PAY-{next(references):03d}",
                today=date(2019, 12, 31),
            )

    return instalments, pay


def board_item(
    officer: User, board_slug: str = "csp", *, day: Any = None, held: bool = True
) -> Any:
    """An item for decision on a meeting of the board, held (and quorate) unless told not."""
    from datetime import datetime
    from datetime import time
    from datetime import timedelta

    from django.utils import timezone

    from remit.core.models import Board
    from remit.core.models import Person
    from remit.meetings import services as meetings

    region = Board.objects.get(slug="csp").region
    board, _ = Board.objects.get_or_create(
        region=region,
        slug=board_slug,
        defaults={"name": "Devolution Strategy Group", "kind": "officer_group"},
    )
    day = day or date(2018, 3, 8)
    meeting = meetings.meeting_schedule(
        by=officer, board=board, first_date=day, start_time=time(10), location="Lloyd House"
    )[0]
    item = meetings.item_add(
        by=officer,
        meeting=meeting,
        data={"kind": "decision", "title": "Community safety fund: recommendations"},
    )
    if held:
        at = timezone.make_aware(datetime.combine(day - timedelta(days=14), time(9)))
        meetings.agenda_publish(by=officer, meeting=meeting, at=at)
        people = Person.objects.filter(memberships__board=board).distinct()
        meetings.attendance_record(
            by=officer, meeting=meeting, statuses={p.pk: "present" for p in people}
        )
        meetings.meeting_mark_held(by=officer, meeting=meeting)
    item.refresh_from_db()
    return item


def clone_bids(bid: Bid, how_many: int, *, start: int = 0) -> list[Bid]:
    """Copies of a bid with its amounts, made in bulk: ``Clone N`` for N from ``start``."""
    from remit.funding.models import BidAmount

    amounts = list(BidAmount.objects.filter(bid=bid))
    copies = []
    for n in range(start, start + how_many):
        copy = Bid.all_objects.get(pk=bid.pk)
        copy.pk = None
        copy.title = f"Clone {n:04d}"
        copies.append(copy)
    made = Bid.all_objects.bulk_create(copies)
    BidAmount.objects.bulk_create(
        BidAmount(bid=copy, financial_year=a.financial_year, amount_pence=a.amount_pence + n)
        for n, copy in enumerate(made)
        for a in amounts
    )
    return made


def clone_grants(grant: Any, how_many: int, *, start: int = 0) -> None:
    """Copies of a grant made in bulk, each with its own bid, its instalments, a payment on
    the first and a monitoring return that is late."""
    from remit.funding.models import Grant
    from remit.funding.models import Instalment
    from remit.funding.models import MonitoringReturn
    from remit.funding.models import Payment

    instalments = list(grant.instalments.order_by("due_on"))
    payer = grant.determination.recorded_by
    bids = clone_bids(grant.bid, how_many, start=start)
    grants = Grant.all_objects.bulk_create(
        Grant(
            bid=bid,
            determination_id=grant.determination_id,
            amount_pence=grant.amount_pence + n,
            agreement_start=grant.agreement_start,
            agreement_end=grant.agreement_end,
            is_published=grant.is_published,
            published_at=grant.published_at,
            publication_id=grant.publication_id,
        )
        for n, bid in enumerate(bids)
    )
    made = Instalment.objects.bulk_create(
        Instalment(grant=g, due_on=i.due_on, amount_pence=i.amount_pence)
        for g in grants
        for i in instalments
    )
    firsts = made[:: len(instalments)]
    Payment.objects.bulk_create(
        Payment(
            grant_id=first.grant_id,
            instalment=first,
            paid_on=first.due_on,
            amount_pence=first.amount_pence - n,
            reference=f"P{n}",
            recorded_by=payer,
        )
        for n, first in enumerate(firsts)
    )
    MonitoringReturn.objects.bulk_create(
        MonitoringReturn(
            grant=g,
            period_start=date(2018, 4, 1),
            period_end=date(2018, 6, 30),
            due_on=date(2018, 7, 31),
        )
        for g in grants
    )


def square_districts(codes: list[str]) -> dict[str, Any]:
    """A topology of one square district for each code, side by side."""
    return {
        "type": "Topology",
        "transform": {"scale": [0.00001, 0.00001], "translate": [-2.0, 52.0]},
        "objects": {
            "lad": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "id": code, "properties": {"LAD13NM": code}, "arcs": [[i]]}
                    for i, code in enumerate(codes)
                ],
            }
        },
        "arcs": [[[i * 100, 0], [90, 0], [0, 90], [-90, 0], [0, -90]] for i in range(len(codes))],
    }
