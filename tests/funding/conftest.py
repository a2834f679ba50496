"""Fixtures for the fund: a fund in the test region, an open round, users for every part."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from funding_support import complete_data

from remit.core.models import Organisation
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User
from remit.funding import services
from remit.funding.models import Bid
from remit.funding.models import Fund
from remit.funding.models import Round

PRIORITIES = ["Safer streets", "Support for victims", "Less reoffending"]


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    """Uploads go to a temporary folder; passwords hash quickly."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fund(region: Region) -> Fund:
    return Fund.objects.create(
        region=region,
        slug="community-safety-fund",
        name="Community Safety Fund 2018/19",
        financial_year="2018/19",
        budget_pence=10_000_000,
        owner=region.organisations.get(slug="opcc"),
        decision_maker=region.people.get(slug="commissioner"),
        recommending_board=region.boards.get(slug="csp"),
        priorities=PRIORITIES,
    )


@pytest.fixture
def moderator(make_user: Callable[..., User]) -> User:
    """Someone who may open moderation: an administrator."""
    return make_user(Role.ADMIN)


@pytest.fixture
def commissioner(make_user: Callable[..., User], region: Region) -> User:
    return make_user(
        Role.DECISION_MAKER,
        person=region.people.get(slug="commissioner"),
        first_name="Chris",
        last_name="Chair",
    )


@pytest.fixture
def council_partner(make_user: Callable[..., User], region: Region) -> User:
    return make_user(Role.PARTNER, organisation=region.organisations.get(slug="northton-council"))


@pytest.fixture
def make_round(fund: Fund, officer: User) -> Callable[..., Round]:
    counter = iter(range(1, 1000))

    def make(**overrides: Any) -> Round:
        now = timezone.now()
        data = {
            "slug": f"round-{next(counter)}",
            "title": "Main round",
            "opens_at": now - timedelta(days=1),
            "closes_at": now + timedelta(days=30),
            "max_years": 2,
            **overrides,
        }
        round = services.round_create(by=officer, fund=fund, data=data)
        services.question_add(by=officer, round=round, data={"text": "What is the need?"})
        services.criterion_add(
            by=officer, round=round, data={"title": "Fit with the plan", "weight": 3}
        )
        services.criterion_add(by=officer, round=round, data={"title": "Value", "weight": 2})
        return round

    return make


@pytest.fixture
def open_round(make_round: Callable[..., Round]) -> Round:
    return make_round()


@pytest.fixture
def make_bid(open_round: Round, partner: User) -> Callable[..., Bid]:
    """A bid by `by` (the charity's partner by default), submitted unless told otherwise."""

    def make(
        *,
        by: User | None = None,
        round: Round | None = None,
        submit: bool = True,
        amount: int = 2_000_000,
        lead: str = "E08000901",
        title: str = "Safer routes home",
    ) -> Bid:
        who = by or partner
        target = round or open_round
        data = {**complete_data(target, amount=amount, lead=lead), "title": title}
        bid = services.bid_create(by=who, round=target, data=data)
        services.outcome_add(
            by=who, bid=bid, data={"outcome": "Fewer assaults", "measure": "Recorded crime"}
        )
        if submit:
            services.bid_submit(by=who, bid=bid)
        return Bid.all_objects.get(pk=bid.pk)

    return make


@pytest.fixture
def other_partner(make_user: Callable[..., User], region: Region) -> User:
    org = Organisation.objects.create(
        region=region, slug="youth-trust", name="Youth Trust", kind="voluntary_sector"
    )
    return make_user(Role.PARTNER, organisation=org)
