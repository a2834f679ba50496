"""Fixtures for notifications: a fund with an open round, a board's members, people per role.

Writes here go through each part's own services, as a person's would, so the tests see the
notifications those writes announce.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from notifications_support import determine
from notifications_support import recommend

from remit.core.models import Organisation
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User
from remit.funding import services as funding
from remit.funding.models import Bid
from remit.funding.models import Fund
from remit.funding.models import Grant
from remit.funding.models import Round


@pytest.fixture(autouse=True)
def _quick(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.REMIT_SITE_URL = "https://remit.example.org"


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Callable[[], Any]:
    """``with committed():`` runs what the writes left for after their commit, as a real
    commit would: the background deliveries included."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def officer(make_user: Callable[..., User], region: Region) -> User:
    return make_user(
        Role.OFFICER, organisation=region.organisations.get(slug="opcc"), email="fo@example.org"
    )


@pytest.fixture
def partner(make_user: Callable[..., User], region: Region) -> User:
    return make_user(
        Role.PARTNER,
        organisation=region.organisations.get(slug="safe-streets"),
        email="bids@safe-streets.example.org",
    )


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
        priorities=["Safer streets"],
    )


@pytest.fixture
def commissioner(make_user: Callable[..., User], region: Region) -> User:
    return make_user(
        Role.DECISION_MAKER, person=region.people.get(slug="commissioner"), email="pcc@example.org"
    )


@pytest.fixture
def open_round(fund: Fund, officer: User) -> Round:
    now = timezone.now()
    round = funding.round_create(
        by=officer,
        fund=fund,
        data={
            "slug": "main",
            "title": "Main round",
            "opens_at": now - timedelta(days=1),
            "closes_at": now + timedelta(days=30),
            "max_years": 1,
        },
    )
    funding.question_add(by=officer, round=round, data={"text": "What is the need?"})
    funding.criterion_add(by=officer, round=round, data={"title": "Fit with the plan", "weight": 3})
    return round


@pytest.fixture
def draft_bid(open_round: Round, partner: User) -> Bid:
    """A complete draft by the Safe Streets Trust, ready to submit."""
    area = open_round.fund.region.areas.get(code="E08000901")
    bid = funding.bid_create(
        by=partner,
        round=open_round,
        data={
            "title": "Safer routes home",
            "summary": "Volunteers walk people home at night.",
            "lead_area": area,
            "areas": [area],
            "priorities": ["Safer streets"],
            "amounts": {open_round.years[0]: 2_000_000},
            "answers": {q.pk: "The evidence shows it." for q in open_round.questions.all()},
        },
    )
    funding.outcome_add(
        by=partner, bid=bid, data={"outcome": "Fewer assaults", "measure": "Recorded crime"}
    )
    return Bid.all_objects.get(pk=bid.pk)


@pytest.fixture
def submitted_bid(draft_bid: Bid, partner: User, committed: Callable[[], Any]) -> Bid:
    with committed():
        funding.bid_submit(by=partner, bid=draft_bid)
    return Bid.all_objects.get(pk=draft_bid.pk)


@pytest.fixture
def trust_officer(make_user: Callable[..., User], region: Region) -> User:
    """An officer employed by the bidding organisation: conflicted on its bids."""
    return make_user(Role.OFFICER, organisation=region.organisations.get(slug="safe-streets"))


@pytest.fixture
def other_partner(make_user: Callable[..., User], region: Region) -> User:
    org = Organisation.objects.create(
        region=region, slug="youth-trust", name="Youth Trust", kind="voluntary_sector"
    )
    return make_user(Role.PARTNER, organisation=org)


@pytest.fixture
def grant(
    submitted_bid: Bid, officer: User, commissioner: User, committed: Callable[[], Any]
) -> Grant:
    """The bid funded in full, its agreement from April 2018 to March 2019 (quarterly returns)."""
    with committed():
        recommend(submitted_bid, officer)
        determine(Bid.all_objects.get(pk=submitted_bid.pk), commissioner)
    made = Grant.all_objects.get(bid=submitted_bid)
    funding.grant_agreement_set(
        by=officer,
        grant=made,
        data={"agreement_start": date(2018, 4, 1), "agreement_end": date(2019, 3, 31)},
    )
    return Grant.all_objects.get(pk=made.pk)
