"""A grant, its public page and each history page make as many queries as the record grows
as they did when it was small."""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

import pytest
from django.urls import reverse
from funding_support import MONTHS
from funding_support import awarded
from funding_support import monthly_schedule
from funding_support import ready

from remit.core.models import User
from remit.funding import services
from remit.funding.forms import pounds_text
from remit.funding.models import Fund

FEW_INSTALMENTS, MANY_INSTALMENTS = 2, 12
SCHEDULE_MOST_QUERIES = 11


@pytest.mark.parametrize("name", ["funding:grant", "funding:grant_history"])
def test_a_grant_and_its_history_make_no_more_queries_with_more_payments(
    client: Any,
    officer: User,
    commissioner: User,
    make_bid: Any,
    page_queries_stay_flat: Any,
    name: str,
) -> None:
    grant = ready(awarded(make_bid, officer, commissioner), officer)
    _, pay = monthly_schedule(grant, officer)
    pay(2)
    client.force_login(officer)
    html = page_queries_stay_flat(reverse(name, args=[grant.pk]), lambda: pay(MONTHS - 2))
    assert f"PAY-{MONTHS - 1:03d}" in html


def test_a_published_grant_makes_no_more_queries_with_more_payments(
    officer: User, commissioner: User, make_bid: Any, page_queries_stay_flat: Any
) -> None:
    grant = ready(awarded(make_bid, officer, commissioner), officer)
    _, pay = monthly_schedule(grant, officer)
    pay(2)
    page_queries_stay_flat(
        reverse("funding_public:detail", args=[grant.pk]), lambda: pay(MONTHS - 2)
    )


def test_a_bids_history_makes_no_more_queries_as_it_is_edited(
    client: Any, partner: User, make_bid: Any, page_queries_stay_flat: Any
) -> None:
    bid = make_bid(submit=False)
    numbers = count()

    def edit(how_many: int) -> None:
        for _ in range(how_many):
            bid.refresh_from_db()
            services.bid_update(
                by=partner, bid=bid, data={"title": f"Safer routes {next(numbers)}"}
            )

    edit(1)
    client.force_login(partner)
    html = page_queries_stay_flat(reverse("funding:bid_history", args=[bid.pk]), lambda: edit(6))
    assert "Safer routes 6" in html


def test_a_funds_history_makes_no_more_queries_as_it_is_edited(
    client: Any, officer: User, fund: Fund, page_queries_stay_flat: Any
) -> None:
    numbers = count()

    def edit(how_many: int) -> None:
        for _ in range(how_many):
            fund.refresh_from_db()
            services.fund_update(
                by=officer,
                fund=fund,
                data={"description": f"Grants for safer streets, version {next(numbers)}."},
            )

    edit(1)
    client.force_login(officer)
    html = page_queries_stay_flat(
        reverse("funding:fund_history", args=[fund.slug]), lambda: edit(6)
    )
    assert "safer streets, version 6." in html


def _schedule_lines(grant: Any, instalments: int) -> list[str]:
    """The award in ``instalments`` monthly parts from April 2018, the first taking the pennies
    left over."""
    share, rest = divmod(grant.amount_pence, instalments)
    return [
        f"{date(2018 + (3 + n) // 12, (3 + n) % 12 + 1, 28).isoformat()}, "
        f"{pounds_text(share + (rest if n == 0 else 0))}"
        for n in range(instalments)
    ]


def test_a_grants_payment_schedule_makes_no_more_queries_with_more_instalments(
    client: Any,
    officer: User,
    commissioner: User,
    make_bid: Any,
    page_queries_stay_flat: Any,
    django_assert_max_num_queries: Any,
) -> None:
    grant = ready(awarded(make_bid, officer, commissioner), officer)

    def schedule(instalments: int) -> None:
        grant.refresh_from_db()
        lines = _schedule_lines(grant, instalments)
        services.grant_schedule_set(by=officer, grant=grant, text="\n".join(lines))

    schedule(FEW_INSTALMENTS)
    client.force_login(officer)
    url = reverse("funding:grant_schedule", args=[grant.pk])
    html = page_queries_stay_flat(url, lambda: schedule(MANY_INSTALMENTS))
    lines = _schedule_lines(grant, MANY_INSTALMENTS)
    assert len(lines) == MANY_INSTALMENTS
    for line in lines:
        assert line in html
    with django_assert_max_num_queries(SCHEDULE_MOST_QUERIES):
        client.get(url)
