"""A business case started from a proposal serves the missions the proposal is aligned to."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from remit.appraisal.models import BusinessCase
from remit.appraisal.services import business_case_create
from remit.core.models import Board
from remit.core.models import GovernanceRoute
from remit.core.models import Mission
from remit.core.models import Region
from remit.core.models import Theme
from remit.core.models import Workstream
from remit.proposals.models import Deal
from remit.proposals.models import MissionAlignment
from remit.proposals.models import Proposal


@pytest.fixture
def proposal(region: Region) -> Proposal:
    route = GovernanceRoute.objects.create(
        region=region, slug="r", name="Route", final_board=Board.objects.get(slug="csp")
    )
    deal = Deal.objects.create(region=region, slug="deal", name="Deal", route=route)
    theme = Theme.objects.create(region=region, slug="t", name="Theme")
    workstream = Workstream.objects.create(theme=theme, slug="w", name="Safety")
    proposal = Proposal.all_objects.create(
        deal=deal,
        workstream=workstream,
        title="Violence reduction unit",
        summary="A regional unit.",
        ask_type="funding",
        form_of_devolution="single",
        status="agreed",
    )
    for number, title in [(3, "Transport"), (7, "Health")]:
        mission = Mission.objects.create(
            region=region, number=number, short_title=title, target="…"
        )
        MissionAlignment.objects.create(
            proposal=proposal, mission=mission, strength="primary", rationale="It serves it."
        )
    Mission.objects.create(region=region, number=12, short_title="Not aligned", target="…")
    return proposal


def test_a_case_developing_a_proposal_inherits_its_missions(
    officer: Any, region: Region, proposal: Proposal
) -> None:
    case = business_case_create(
        by=officer, region=region, data={"title": "Violence reduction unit", "proposal": proposal}
    )
    assert sorted(case.missions.values_list("number", flat=True)) == [3, 7]


def test_missions_named_when_the_case_is_created_are_kept(
    officer: Any, region: Region, proposal: Proposal
) -> None:
    case = business_case_create(
        by=officer,
        region=region,
        data={"title": "Violence reduction unit", "proposal": proposal},
        missions=Mission.objects.filter(region=region, number=12),
    )
    assert list(case.missions.values_list("number", flat=True)) == [12]


def test_a_case_started_from_the_proposal_page_shows_and_takes_its_missions(
    client: Any, officer: Any, proposal: Proposal
) -> None:
    client.force_login(officer)
    url = reverse("appraisal:create") + f"?proposal={proposal.pk}"

    form = client.get(url).content.decode()
    assert "It will serve the missions the proposal is aligned to" in form
    assert "Mission 3: Transport" in form
    assert (
        f'href="{reverse("proposals:detail", args=[proposal.pk])}" class="govuk-back-link"' in form
    )

    response = client.post(
        url,
        {
            "title": "Violence reduction unit",
            "summary": "",
            "stage": "outline",
            "owner": "",
            "proposal": proposal.pk,
        },
    )
    case = BusinessCase.all_objects.get(proposal=proposal)
    assert response.status_code == 302
    assert sorted(case.missions.values_list("number", flat=True)) == [3, 7]
