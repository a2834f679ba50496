"""The forms for one bid make as many queries with four times the areas, criteria, questions,
lines, assessors' scores and other bids as with one of each, and offer or show them all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from funding_support import awarded
from funding_support import clone_grants
from funding_support import monthly_schedule
from funding_support import ready
from funding_support import recommended

from remit.core.models import Area
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User
from remit.funding import services
from remit.funding.models import Bid
from remit.funding.models import Round

MORE = 3


def _grow(
    region: Region,
    round: Round,
    bids: dict[str, Bid],
    officer: User,
    make_user: Any,
    make_bid: Any,
    numbers: range,
) -> None:
    """More areas to choose from, criteria to score, lines on the bids, assessors and bids."""
    for n in numbers:
        Area.objects.create(
            region=region,
            code=f"E0800{n:04d}",
            name=f"Townarea {n}",
            kind="metropolitan_district",
            constituent=True,
        )
        services.criterion_add(
            by=officer, round=round, data={"title": f"Criterion {n}", "weight": 1}
        )
        organisation = Organisation.objects.create(
            region=region, slug=f"bidder-{n}", name=f"Bidder {n}", kind="voluntary_sector"
        )
        make_bid(by=make_user(Role.PARTNER, organisation=organisation), title=f"Other bid {n}")
        services.outcome_add(
            by=bids["draft"].created_by,
            bid=bids["draft"],
            data={"outcome": f"Outcome {n}", "measure": "Recorded crime"},
        )
        services.match_funding_add(
            by=bids["draft"].created_by,
            bid=bids["draft"],
            data={"source": f"Source {n}", "amount_pence": 100, "confirmed": True},
        )
        assessor = make_user(Role.OFFICER, organisation=region.organisations.get(slug="opcc"))
        criteria = round.criteria.all()
        for key in ("submitted", "recommended", "determined"):
            services.scores_record(
                by=assessor, bid=bids[key], scores={c.pk: (3, f"Comment {n}") for c in criteria}
            )


@pytest.fixture
def bids(
    open_round: Round, make_bid: Any, partner: User, officer: User, commissioner: User
) -> dict[str, Bid]:
    recommended_bid = recommended(make_bid(title="Recommended bid"), officer)
    determined = awarded(make_bid, officer, commissioner, title="Determined bid").bid
    return {
        "draft": make_bid(title="Draft bid", submit=False),
        "submitted": make_bid(title="Submitted bid"),
        "recommended": recommended_bid,
        "determined": determined,
    }


def _recommendation(bid: Bid) -> int:
    return int(bid.recommendations.get().pk)


def _determination(bid: Bid) -> int:
    return int(bid.determinations.get().pk)


# page: (who, url, text the page shows, text a grown choice or row shows)
PAGES: dict[str, tuple[str, Callable[[Round, dict[str, Bid]], str], str, str]] = {
    "bid_create": (
        "partner",
        lambda r, b: reverse("funding:bid_create", args=[r.pk]),
        "What is the need?",
        "Townarea 2",
    ),
    "bid_edit": (
        "partner",
        lambda r, b: reverse("funding:bid_edit", args=[b["draft"].pk]),
        "Draft bid",
        "Townarea 2",
    ),
    "bid_submit": (
        "partner",
        lambda r, b: reverse("funding:bid_submit", args=[b["draft"].pk]),
        "Submit the bid",
        "Draft bid",
    ),
    "bid_withdraw": (
        "partner",
        lambda r, b: reverse("funding:bid_withdraw", args=[b["submitted"].pk]),
        "Withdraw the bid",
        "Submitted bid",
    ),
    "match_add": (
        "partner",
        lambda r, b: reverse("funding:match_add", args=[b["draft"].pk]),
        "Add match funding",
        "The money is confirmed",
    ),
    "outcome_add": (
        "partner",
        lambda r, b: reverse("funding:outcome_add", args=[b["draft"].pk]),
        "Add an outcome",
        "Draft bid",
    ),
    "attachment_add": (
        "partner",
        lambda r, b: reverse("funding:attachment_add", args=[b["draft"].pk]),
        "Attach a file",
        "Draft bid",
    ),
    "bid_interest": (
        "officer",
        lambda r, b: reverse("funding:bid_interest", args=[b["submitted"].pk]),
        "Declare an interest",
        "Submitted bid",
    ),
    "bid_score": (
        "officer",
        lambda r, b: reverse("funding:bid_score", args=[b["submitted"].pk]),
        "Score the bid",
        "Criterion 2",
    ),
    "recommend": (
        "officer",
        lambda r, b: reverse("funding:recommend", args=[b["submitted"].pk]),
        "Submitted bid",
        "Safe Streets Trust",
    ),
    "recommend_correct": (
        "officer",
        lambda r, b: reverse(
            "funding:recommend_correct",
            args=[b["recommended"].pk, _recommendation(b["recommended"])],
        ),
        "Recommended bid",
        "Safe Streets Trust",
    ),
    "determine": (
        "commissioner",
        lambda r, b: reverse("funding:determine", args=[b["recommended"].pk]),
        "Recommended bid",
        "Safe Streets Trust",
    ),
    "determine_correct": (
        "commissioner",
        lambda r, b: reverse(
            "funding:determine_correct",
            args=[b["determined"].pk, _determination(b["determined"])],
        ),
        "Determined bid",
        "Safe Streets Trust",
    ),
}


@pytest.mark.parametrize("page", PAGES)
def test_a_bid_form_makes_no_more_queries_with_more_to_choose_from(
    client: Any,
    region: Region,
    open_round: Round,
    bids: dict[str, Bid],
    partner: User,
    officer: User,
    commissioner: User,
    make_user: Any,
    make_bid: Any,
    page_queries_stay_flat: Any,
    page: str,
) -> None:
    who, url, shows, grown = PAGES[page]

    def grow(numbers: range) -> None:
        _grow(region, open_round, bids, officer, make_user, make_bid, numbers)

    grow(range(1))
    client.force_login({"partner": partner, "officer": officer, "commissioner": commissioner}[who])

    html = page_queries_stay_flat(url(open_round, bids), lambda: grow(range(1, 1 + MORE)))

    assert shows in html
    assert grown in html


@pytest.fixture
def grant(officer: User, commissioner: User, make_bid: Any) -> Any:
    """A published grant paid monthly; ``grant.pay(n)`` pays the next n instalments."""
    made = ready(awarded(make_bid, officer, commissioner, title="Awarded bid"), officer)
    instalments, made.pay = monthly_schedule(made, officer)
    made.last_instalment = instalments[-1]
    return made


@pytest.fixture
def scenario(open_round: Round, officer: User) -> Any:
    return services.scenario_create(
        by=officer,
        fund=open_round.fund,
        name="Even shares",
        yaml_text=(
            "budget: 100000.00\nweights: {population: 1}\nareas:\n"
            "  - {code: E08000901, name: Northton, population: 1}\n"
            "  - {code: E08000902, name: Southby, population: 1}\n"
        ),
    )


def _grow_fund(region: Region, round: Round, grant: Any, officer: User, numbers: range) -> None:
    """More areas, organisations and people a fund form offers, questions and criteria on the
    round, payments on the grant and other grants in the round."""
    for n in numbers:
        area = Area.objects.create(
            region=region,
            code=f"E0800{n:04d}",
            name=f"Townarea {n}",
            kind="metropolitan_district",
            constituent=True,
            population=1000 + n,
            population_year=2019,
        )
        Organisation.objects.create(
            region=region, slug=f"owner-{n}", name=f"Owner {n}", kind="local_authority", area=area
        )
        Person.objects.create(region=region, slug=f"maker-{n}", name=f"Maker {n}")
        services.question_add(by=officer, round=round, data={"text": f"Question {n}?"})
        services.criterion_add(
            by=officer, round=round, data={"title": f"Criterion {n}", "weight": 1}
        )
        grant.pay(1)
    clone_grants(grant, len(numbers), start=numbers.start)


def _payment(grant: Any) -> int:
    return int(grant.payments.order_by("pk").first().pk)


# page: (url, text the page shows, text a grown choice or row shows)
FUND_PAGES: dict[str, tuple[Callable[[Round, Any, Any], str], str, str]] = {
    "fund_edit": (
        lambda r, g, s: reverse("funding:fund_edit", args=[r.fund.slug]),
        "Fund details",
        "Maker 2",
    ),
    "fund_next_year": (
        lambda r, g, s: reverse("funding:fund_next_year", args=[r.fund.slug]),
        "Set up the fund for",
        "Community Safety Fund 2018/19",
    ),
    "round_create": (
        lambda r, g, s: reverse("funding:round_create", args=[r.fund.slug]),
        "Set up a round",
        "Community Safety Fund 2018/19",
    ),
    "round_edit": (
        lambda r, g, s: reverse("funding:round_edit", args=[r.pk]),
        "Change the round",
        "Main round",
    ),
    "moderation_open": (
        lambda r, g, s: reverse("funding:moderation_open", args=[r.pk]),
        "Open moderation",
        "Main round",
    ),
    "question_add": (
        lambda r, g, s: reverse("funding:question_add", args=[r.pk]),
        "Add a question",
        "Main round",
    ),
    "criterion_add": (
        lambda r, g, s: reverse("funding:criterion_add", args=[r.pk]),
        "Add an assessment criterion",
        "Main round",
    ),
    "scenario_create": (
        lambda r, g, s: reverse("funding:scenario_create", args=[r.fund.slug]),
        "New scenario",
        "Scenario (YAML)",
    ),
    "scenario_from_areas": (
        lambda r, g, s: reverse("funding:scenario_from_areas", args=[r.fund.slug]),
        "Community Safety Fund 2018/19",
        "Townarea 2",
    ),
    "scenario_edit": (
        lambda r, g, s: reverse("funding:scenario_edit", args=[r.fund.slug, s.pk]),
        "Even shares",
        "E08000902",
    ),
    "scenario_adopt": (
        lambda r, g, s: reverse("funding:scenario_adopt", args=[r.fund.slug, s.pk]),
        "Adopt Even shares",
        "Community Safety Fund 2018/19",
    ),
    "notice_create": (
        lambda r, g, s: reverse("funding:notice_create", args=[r.pk]),
        "Main round",
        "Awarded bid",
    ),
    "grant_agreement": (
        lambda r, g, s: reverse("funding:grant_agreement", args=[g.pk]),
        "The grant agreement",
        "Awarded bid",
    ),
    "payment_record": (
        lambda r, g, s: reverse("funding:payment_record", args=[g.pk, g.last_instalment.pk]),
        "Record a payment",
        "Instalment due on 28 December 2018",
    ),
    "payment_reverse": (
        lambda r, g, s: reverse("funding:payment_reverse", args=[g.pk, _payment(g)]),
        "Reverse a payment",
        "PAY-000",
    ),
    "grant_unpublish": (
        lambda r, g, s: reverse("funding:grant_unpublish", args=[g.pk]),
        "Take the grant off the register",
        "Awarded bid",
    ),
    "grant_correct": (
        lambda r, g, s: reverse("funding:grant_correct", args=[g.pk]),
        "Publish a correction",
        "Awarded bid",
    ),
}


@pytest.mark.parametrize("page", FUND_PAGES)
def test_a_fund_round_or_grant_form_makes_no_more_queries_with_more_to_choose_from(
    client: Any,
    region: Region,
    open_round: Round,
    grant: Any,
    scenario: Any,
    officer: User,
    commissioner: User,
    moderator: User,
    page_queries_stay_flat: Any,
    page: str,
) -> None:
    url, shows, grown = FUND_PAGES[page]
    _grow_fund(region, open_round, grant, officer, range(1))
    client.force_login(
        {"notice_create": commissioner, "moderation_open": moderator}.get(page, officer)
    )

    html = page_queries_stay_flat(
        url(open_round, grant, scenario),
        lambda: _grow_fund(region, open_round, grant, officer, range(1, 1 + MORE)),
    )

    assert shows in html
    assert grown in html


def test_correcting_a_decision_notice_makes_no_more_queries_with_more_grants(
    client: Any,
    region: Region,
    open_round: Round,
    grant: Any,
    officer: User,
    commissioner: User,
    page_queries_stay_flat: Any,
) -> None:
    notice = services.notice_record(
        by=commissioner,
        round=open_round,
        decision="To award grants from the community safety fund.",
        reasons="The bids best meet the Police and Crime Plan.",
        declarations="",
        decided_on=date(2018, 3, 20),
        signatory_role="Police and Crime Commissioner",
        signed_on=date(2018, 3, 20),
    )
    _grow_fund(region, open_round, grant, officer, range(1))
    client.force_login(commissioner)

    html = page_queries_stay_flat(
        reverse("funding:notice_correct", args=[open_round.pk, notice.pk]),
        lambda: _grow_fund(region, open_round, grant, officer, range(1, 1 + MORE)),
    )

    assert "Main round" in html
    assert "Awarded bid" in html
