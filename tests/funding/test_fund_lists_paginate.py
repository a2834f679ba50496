"""The grants list, a round's bids and moderation show 50 at a time, with totals over every
row from the database, and make as many queries with 60 rows as with 5; so do the API's
grants and bids."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Sum
from django.urls import reverse
from funding_support import awarded
from funding_support import clone_bids
from funding_support import clone_grants
from funding_support import ready

from remit.core.apikit.auth import token_create
from remit.core.models import Role
from remit.core.models import User
from remit.funding import selectors
from remit.funding.models import Bid
from remit.funding.models import BidAmount
from remit.funding.models import Grant
from remit.funding.models import MonitoringReturn
from remit.funding.models import Payment
from remit.funding.models import Round
from remit.funding.models import Score
from remit.ui.formatting import format_pence

SMALL, LARGE = 5, 60


@pytest.fixture
def grant(make_bid: Any, officer: User, commissioner: User) -> Grant:
    return ready(awarded(make_bid, officer, commissioner, title="Project first"), officer)


def _score(bids: list[Bid], round: Round, assessors: list[User]) -> None:
    """Two assessors score every bid; they disagree on every third."""
    criteria = list(round.criteria.all())
    Score.objects.bulk_create(
        Score(bid=bid, criterion=c, assessor=who, score=4 if who == assessors[0] or n % 3 else 1)
        for n, bid in enumerate(bids)
        for c in criteria
        for who in assessors
    )


def test_the_grants_list_has_a_second_page_and_totals_every_grant(
    client: Any, officer: User, grant: Grant
) -> None:
    clone_grants(grant, LARGE)
    client.force_login(officer)
    first = client.get(reverse("funding:grants")).content.decode()
    second = client.get(reverse("funding:grants"), {"page": 2}).content.decode()
    every = Grant.all_objects.all()
    assert every.count() == LARGE + 1
    award = every.aggregate(total=Sum("amount_pence"))["total"]
    paid = Payment.objects.aggregate(total=Sum("amount_pence"))["total"]
    late = sum(1 for r in MonitoringReturn.objects.all() if r.is_late())
    assert late >= LARGE
    totals = (
        f"{LARGE + 1} grants, awarded {format_pence(award)} in all, "
        f"of which {format_pence(paid)} has been paid."
    )
    assert totals in first
    assert totals in second
    assert f"<strong>{late}</strong> monitoring returns late" in first
    assert "51 to 61 shown" in second
    assert first.count('href="/funds/grants/') == 50
    assert "Clone 0055" in second
    assert "Clone 0055" not in first
    assert 'aria-label="Page 2"' in first


def test_the_bids_list_has_a_second_page_and_totals_every_bid(
    client: Any, officer: User, open_round: Round, make_bid: Any
) -> None:
    clone_bids(make_bid(title="Bid first"), LARGE)
    client.force_login(officer)
    url = reverse("funding:bids", args=[open_round.pk])
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    asked = BidAmount.objects.aggregate(total=Sum("amount_pence"))["total"]
    caption = f"{LARGE + 1} bids, asking for {format_pence(asked)} in all"
    assert caption in first
    assert caption in second
    assert "51 to 61 shown" in second
    assert "Clone 0059" in second
    assert "Clone 0059" not in first


def test_moderation_has_a_second_page_and_counts_every_flag(
    client: Any, moderator: User, officer: User, open_round: Round, make_bid: Any, make_user: Any
) -> None:
    bids = [make_bid(title="Bid first"), *clone_bids(make_bid(title="Bid second"), LARGE)]
    _score(bids, open_round, [officer, make_user(Role.OFFICER)])
    client.force_login(moderator)
    url = reverse("funding:moderation", args=[open_round.pk])
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    flagged = len(set(Score.objects.filter(score=1).values_list("bid_id", flat=True)))
    assert flagged == 21
    summary = f"<strong>{flagged}</strong> of {LARGE + 2} bids flagged."
    assert summary in first
    assert summary in second
    assert "Bids 51 to 62 are shown below." in second
    assert "Clone 0059" in second
    assert "Clone 0059" not in first
    board = selectors.moderation_page(open_round, moderator, 2)
    assert len(board.rows) == 12
    assert board.flagged == flagged


def test_moderation_counts_no_flag_on_a_bid_withheld_from_the_viewer(
    moderator: User, officer: User, open_round: Round, make_bid: Any, make_user: Any
) -> None:
    bids = [make_bid(title="Bid first"), *clone_bids(make_bid(title="Bid second"), SMALL)]
    _score(bids, open_round, [officer, make_user(Role.OFFICER)])
    colleague = make_user(Role.ADMIN, organisation=bids[0].organisation)
    assert selectors.moderation_page(open_round, moderator).flagged == 2
    assert selectors.moderation_page(open_round, colleague).flagged == 0


def _bearer(user: User) -> dict[str, str]:
    _, key = token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.mark.parametrize("page", ["grants", "bids", "moderation", "api_grants", "api_bids"])
def test_a_paged_list_makes_as_many_queries_with_60_rows_as_with_5(
    client: Any,
    moderator: User,
    officer: User,
    grant: Grant,
    open_round: Round,
    make_user: Any,
    django_assert_max_num_queries: Any,
    page_queries: Any,
    page: str,
) -> None:

    assessors = [officer, make_user(Role.OFFICER)]

    def grow(start: int, how_many: int) -> None:
        clone_grants(grant, how_many, start=start)
        _score(list(Bid.all_objects.filter(title__startswith="Clone")), open_round, assessors)

    headers: dict[str, str] = {}
    if page.startswith("api"):
        headers = _bearer(moderator)
    else:
        client.force_login(moderator)
    url = {
        "grants": reverse("funding:grants"),
        "bids": reverse("funding:bids", args=[open_round.pk]),
        "moderation": reverse("funding:moderation", args=[open_round.pk]),
        "api_grants": "/api/grants",
        "api_bids": "/api/bids",
    }[page]
    grow(0, SMALL)
    small = page_queries(url, **headers)
    Score.objects.all().delete()
    grow(SMALL, LARGE - SMALL)
    with django_assert_max_num_queries(small):
        response = client.get(url, **headers)
    assert response.status_code == 200
    body = response.content.decode()
    if page.startswith("api"):
        assert response.json()["count"] == LARGE + 1
        assert len(response.json()["items"]) == 50
    else:
        assert 'aria-label="Page 2"' in body
