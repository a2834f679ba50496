"""Deal pages make as many queries with many deals, proposals and milestones as with a few.

The register, coverage matrix, proposal page and published proposals are counted in
test_proposal_queries.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from remit.core.models import User
from remit.proposals import services
from remit.proposals.models import Deal
from remit.proposals.models import Milestone

MORE = 8


@pytest.fixture
def grow(deal: Deal, officer: User, make_proposal: Any) -> Any:
    """``grow()`` adds deals on the same route, proposals and milestones to the first deal."""

    def add() -> None:
        for n in range(MORE):
            services.deal_create(
                by=officer,
                region=deal.region,
                data={"slug": f"deal-{n}", "name": f"Deal {n}", "route": deal.route},
            )
            make_proposal(title=f"Proposal {n}")
            services.milestone_create(
                by=officer,
                deal=deal,
                data={
                    "kind": Milestone.Kind.OTHER,
                    "title": f"Milestone {n}",
                    "planned_on": date(2030, 1, 1 + n),
                },
            )

    return add


@pytest.mark.parametrize(("page", "shown"), [("deals", "Deal 7"), ("deal", "Milestone 7")])
def test_a_deal_page_makes_no_more_queries_with_more_rows(
    client: Any,
    officer: User,
    deal: Deal,
    grow: Any,
    page_queries_stay_flat: Any,
    page: str,
    shown: str,
) -> None:
    client.force_login(officer)
    url = (
        reverse("proposals:deal", args=[deal.slug])
        if page == "deal"
        else reverse("proposals:deals")
    )
    html = page_queries_stay_flat(url, grow)
    assert shown in html
