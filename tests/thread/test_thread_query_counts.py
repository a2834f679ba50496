"""The thread's pages, and the blocks records show, take as many queries with a lot of data as
with a little."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from thread_support import Seeded
from thread_support import make_case
from thread_support import make_grant
from thread_support import make_indicator
from thread_support import make_proposal
from thread_support import make_result

from remit.core.models import Region
from remit.core.models import User
from remit.funding.models import MonitoringReturn
from remit.proposals.models import ForumDecision
from remit.proposals.models import Routing

MORE = 6


def _grow(seeded: Seeded, region: Region, officer: User, partner: User) -> None:
    mission = seeded.mission
    deal = seeded.proposals[0].deal
    round = seeded.grant.bid.round
    board = region.boards.get(slug="ca-board")
    for n in range(MORE):
        proposal = make_proposal(deal, mission, f"Grown proposal {n}")
        routing = Routing.objects.create(route=deal.route, proposal=proposal, state="completed")
        ForumDecision.objects.create(
            routing=routing,
            position=1,
            board=board,
            outcome="endorsed",
            decided_on=seeded.public_decision.published_on,
            recorded_by=officer,
        )
        make_case(region, f"Grown case {n}", officer, proposal=proposal, missions=[mission])
        grant = make_grant(round, f"Grown grant {n}", officer, partner)
        MonitoringReturn.objects.create(
            grant=grant,
            period_start=seeded.grant.agreement_start,
            period_end=seeded.grant.agreement_end,
            due_on=seeded.grant.agreement_end,
        )
        indicator = make_indicator(region, mission, f"grown-{n}", f"Grown indicator {n}")
        make_result(region, grant, f"Grown grant result {n}", indicator=indicator)
        make_result(region, proposal, f"Grown proposal result {n}", indicator=indicator)


@pytest.mark.parametrize("public", [False, True], ids=["internal", "public"])
def test_the_thread_page_stays_flat(
    client: Any,
    page_queries_stay_flat: Any,
    seeded: Seeded,
    region: Region,
    officer: User,
    partner: User,
    public: bool,
) -> None:
    if not public:
        client.force_login(officer)
    url = reverse("thread_public:mission" if public else "thread:mission", args=[11])
    html = page_queries_stay_flat(url, lambda: _grow(seeded, region, officer, partner))
    for n in range(MORE):
        assert f"Grown proposal {n}" in html
        assert f"Grown case {n}" in html
        assert f"Grown grant {n}" in html
        assert f"Grown indicator {n}" in html


@pytest.mark.parametrize(
    "page", ["funding:grant", "indicators:detail", "funding_public:detail"], ids=str
)
def test_the_golden_thread_block_stays_flat(
    client: Any,
    page_queries_stay_flat: Any,
    seeded: Seeded,
    region: Region,
    officer: User,
    partner: User,
    page: str,
) -> None:
    client.force_login(officer)
    arg = seeded.indicator.slug if page == "indicators:detail" else seeded.grant.pk

    def grow() -> None:
        _grow(seeded, region, officer, partner)
        for n in range(MORE):
            make_result(region, seeded.grant, f"More {n}", indicator=seeded.indicator)
            proposal = make_proposal(seeded.proposals[0].deal, seeded.mission, f"Alongside {n}")
            make_result(region, proposal, f"Alongside result {n}", indicator=seeded.indicator)

    html = page_queries_stay_flat(reverse(page, args=[arg]), grow)
    assert "Alongside 5" in html
