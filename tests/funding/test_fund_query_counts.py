"""Fund pages make as many queries with many bids and grants as with a few."""

from __future__ import annotations

from itertools import count
from typing import Any

import pytest
from django.urls import reverse
from funding_support import awarded
from funding_support import ready

from remit.core.models import User
from remit.funding import services
from remit.funding.models import Fund
from remit.funding.models import Round

MORE = 5


@pytest.fixture
def grow(make_bid: Any, officer: User, commissioner: User) -> Any:
    """One published grant first; ``grow()`` adds more, each from a bid funded in full."""
    numbers = count()

    def add(how_many: int) -> None:
        for _ in range(how_many):
            ready(
                awarded(make_bid, officer, commissioner, title=f"Project {next(numbers)}"), officer
            )

    add(1)
    return lambda: add(MORE)


def _urls(fund: Fund, open_round: Round) -> dict[str, str]:
    return {
        "home": reverse("funding:home"),
        "fund": reverse("funding:fund", args=[fund.slug]),
        "round": reverse("funding:round", args=[open_round.pk]),
        "bids": reverse("funding:bids", args=[open_round.pk]),
        "grants": reverse("funding:grants"),
        "scenarios": reverse("funding:scenarios", args=[fund.slug]),
    }


@pytest.mark.parametrize("page", ["home", "fund", "round", "bids", "grants", "scenarios"])
def test_a_fund_page_makes_no_more_queries_with_more_grants(
    client: Any,
    officer: User,
    fund: Fund,
    open_round: Round,
    grow: Any,
    page_queries_stay_flat: Any,
    page: str,
) -> None:
    client.force_login(officer)
    html = page_queries_stay_flat(_urls(fund, open_round)[page], grow)
    if page in {"bids", "grants"}:
        assert f"Project {MORE}" in html


def test_the_published_grants_make_no_more_queries_with_more_grants(
    grow: Any, page_queries_stay_flat: Any
) -> None:
    html = page_queries_stay_flat(reverse("funding_public:list"), grow)
    assert f"Project {MORE}" in html


def test_a_bid_page_makes_no_more_queries_with_more_outcomes(
    client: Any, partner: User, make_bid: Any, page_queries_stay_flat: Any
) -> None:
    bid = make_bid(submit=False)
    client.force_login(partner)

    def grow() -> None:
        for n in range(MORE):
            services.outcome_add(
                by=partner, bid=bid, data={"outcome": f"Outcome {n}", "measure": "Recorded crime"}
            )

    html = page_queries_stay_flat(reverse("funding:bid", args=[bid.pk]), grow)
    assert f"Outcome {MORE - 1}" in html


@pytest.fixture
def held_figures(fund: Fund, officer: User) -> Any:
    """One indicator with figures and one scenario built from them; ``grow()`` adds more of
    both, each indicator with figures for several years."""
    from decimal import Decimal

    from remit.funding.builder import Choices
    from remit.indicators.models import Indicator
    from remit.indicators.models import IndicatorValue

    numbers = count()
    areas = list(fund.region.areas.order_by("code"))

    def add(how_many: int) -> None:
        for _ in range(how_many):
            number = next(numbers)
            indicator = Indicator.all_objects.create(
                region=fund.region, slug=f"need-{number}", name=f"Need {number}", source="Test"
            )
            IndicatorValue.objects.bulk_create(
                IndicatorValue(
                    indicator=indicator, area=area, period=str(2015 + year), value=10 + year
                )
                for area in areas
                for year in range(3)
            )
            services.scenario_build(
                by=officer,
                fund=fund,
                choices=Choices(
                    name=f"Scenario {number}",
                    areas=tuple(a.code for a in areas),
                    weights={"population": Decimal(1), f"need-{number}": Decimal(2)},
                    periods={f"need-{number}": "2016"},
                ),
            )

    add(1)
    return lambda: add(MORE)


@pytest.mark.parametrize("page", ["build", "scenario", "compare"])
def test_a_scenario_page_makes_no_more_queries_with_more_indicators_and_scenarios(
    client: Any,
    officer: User,
    fund: Fund,
    held_figures: Any,
    page_queries_stay_flat: Any,
    page: str,
) -> None:
    client.force_login(officer)
    first = fund.scenarios.get()
    url = {
        "build": reverse("funding:scenario_build", args=[fund.slug]),
        "scenario": reverse("funding:scenario", args=[fund.slug, first.pk]),
        "compare": reverse("funding:scenarios", args=[fund.slug]),
    }[page]
    html = page_queries_stay_flat(url, held_figures)
    if page == "build":
        assert f"Need {MORE}" in html
    if page == "compare":
        assert f"Scenario {MORE}" in html
