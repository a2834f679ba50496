"""Deals and milestones: the timeline of the deal as a whole."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import GovernanceRoute
from remit.core.models import Region
from remit.proposals.models import Deal
from remit.proposals.services import deal_create
from remit.proposals.services import deal_update
from remit.proposals.services import milestone_create
from remit.proposals.services import milestone_update
from remit.proposals.services import proposal_route


def test_an_officer_creates_a_deal_on_a_route_of_the_region(
    officer: Any, region: Region, deal: Deal
) -> None:
    created = deal_create(
        by=officer,
        region=region,
        data={"slug": "second", "name": "Second deal", "route": deal.route},
    )
    assert created.history.get().history_user == officer


def test_a_deal_cannot_use_another_regions_route(officer: Any, region: Region, deal: Deal) -> None:
    other = Region.objects.create(slug="other", name="Other")
    route = GovernanceRoute.objects.create(
        region=other, slug="r", name="R", final_board=deal.route.final_board
    )
    with pytest.raises(DomainError) as refused:
        deal_create(by=officer, region=region, data={"slug": "x", "name": "X", "route": route})
    assert refused.value.field == "route"


def test_the_route_is_fixed_while_proposals_are_on_it(
    officer: Any, deal: Deal, make_proposal: Any, region: Region
) -> None:
    proposal_route(by=officer, proposal=make_proposal())
    other = GovernanceRoute.objects.create(
        region=region, slug="other", name="Other", final_board=deal.route.final_board
    )
    with pytest.raises(DomainError) as refused:
        deal_update(by=officer, deal=deal, data={"route": other})
    assert refused.value.field == "route"


def test_a_milestone_has_a_planned_or_actual_date(officer: Any, deal: Deal) -> None:
    with pytest.raises(DomainError) as refused:
        milestone_create(by=officer, deal=deal, data={"kind": "submission", "title": "Submission"})
    assert refused.value.field == "planned_on"


def test_recording_when_a_milestone_happened_keeps_the_plan(officer: Any, deal: Deal) -> None:
    milestone = milestone_create(
        by=officer,
        deal=deal,
        data={
            "kind": "proposition_to_board",
            "title": "Proposition to the board",
            "planned_on": date(2022, 6, 10),
        },
    )
    milestone_update(by=officer, milestone=milestone, data={"actual_on": date(2022, 6, 17)})
    milestone.refresh_from_db()
    assert (milestone.planned_on, milestone.actual_on) == (date(2022, 6, 10), date(2022, 6, 17))
    assert milestone.history.latest().history_change_reason == "Edited: actual_on"


def test_only_officers_manage_deals(lead_user: Any, deal: Deal) -> None:
    with pytest.raises(NotPermitted):
        milestone_create(
            by=lead_user,
            deal=deal,
            data={"kind": "other", "title": "X", "planned_on": date(2022, 1, 1)},
        )
