"""Helpers shared by the fund's tests."""

from __future__ import annotations

from typing import Any

from remit.core.models import User
from remit.funding import services
from remit.funding.models import Bid, Round

PRIORITIES = ["Safer streets", "Support for victims", "Less reoffending"]


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


def awarded(make_bid: Any, officer: User, commissioner: User, **kw: Any) -> Any:
    """A bid recommended and funded in full; returns its grant."""
    from datetime import date

    from remit.funding.models import Grant

    bid = make_bid(**kw)
    services.recommendation_record(
        by=officer,
        bid=bid,
        outcome="fund_in_full",
        reasons="Good.",
        recommended_on=date(2018, 3, 8),
    )
    services.determination_record(
        by=commissioner,
        bid=bid,
        outcome="fund_in_full",
        reasons="",
        decided_on=date(2018, 3, 20),
        reference="PCC 2018/001",
    )
    return Grant.all_grants.get(bid=bid)


def ready(grant: Any, officer: User) -> Any:
    """Agreement and a schedule in two halves, then published."""
    from datetime import date

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
