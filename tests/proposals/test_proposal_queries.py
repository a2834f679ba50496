"""The register, coverage matrix and proposal pages run as many queries for 200 proposals
as for 10."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from remit.core.models import Mission
from remit.core.models import Organisation
from remit.core.models import Region
from remit.core.models import Workstream
from remit.proposals.models import MissionAlignment
from remit.proposals.models import Proposal
from remit.proposals.services import proposal_route


def _grow(region: Region, deal: Any, officer: Any, decide: Any, n: int, start: int) -> Proposal:
    """Add `n` published proposals with partners, alignments and some routes and decisions."""
    workstreams = list(Workstream.objects.filter(theme__region=region))
    missions = list(Mission.objects.filter(region=region))
    partner = Organisation.objects.get(slug="safe-streets")
    proposals = Proposal.all_objects.bulk_create(
        Proposal(
            deal=deal,
            workstream=workstreams[i % len(workstreams)],
            title=f"Proposal {start + i}",
            summary="…",
            ask_type="funding",
            amount_pence=100_000 * i,
            years_from="2023/24",
            years_to="2024/25",
            form_of_devolution="triple",
            status="draft",
        )
        for i in range(n)
    )
    MissionAlignment.objects.bulk_create(
        MissionAlignment(
            proposal=p,
            mission=missions[j % len(missions)],
            strength="primary" if j == 0 else "secondary",
            rationale="It helps.",
        )
        for p in proposals
        for j in range(2)
    )
    for p in proposals:
        p.partners.add(partner)
    for p in proposals[:3]:
        decide(proposal_route(by=officer, proposal=p), "endorsed")
    Proposal.all_objects.filter(pk__in=[p.pk for p in proposals]).update(
        is_published=True, published_at="2022-08-01T12:00:00Z"
    )
    return proposals[0]


URLS = [
    lambda p: reverse("proposals:register"),
    lambda p: reverse("proposals:register") + "?mission=11&page=2",
    lambda p: reverse("proposals:coverage"),
    lambda p: reverse("proposals:coverage") + "?format=csv",
    lambda p: reverse("proposals:export", args=["csv"]),
    lambda p: reverse("proposals:export", args=["xlsx"]),
    lambda p: reverse("proposals:detail", args=[p.pk]),
    lambda p: reverse("published_proposals:list"),
    lambda p: reverse("published_proposals:detail", args=[p.pk]),
    lambda p: "/api/proposals",
    lambda p: f"/api/proposals/{p.pk}/decisions",
]


@pytest.mark.parametrize("url_for", URLS)
def test_page_queries_do_not_grow_with_the_number_of_proposals(
    client: Any,
    officer: Any,
    region: Region,
    deal: Any,
    decide: Any,
    url_for: Any,
    page_queries: Any,
) -> None:
    first = _grow(region, deal, officer, decide, 10, 0)
    client.force_login(officer)
    small = page_queries(url_for(first))
    _grow(region, deal, officer, decide, 190, 10)
    large = page_queries(url_for(first))
    assert large == small


def test_the_coverage_matrix_shows_a_page_of_proposals_and_counts_them_all(
    client: Any, officer: Any, region: Region, deal: Any, decide: Any
) -> None:
    _grow(region, deal, officer, decide, 60, 0)
    client.force_login(officer)
    first = client.get(reverse("proposals:coverage")).content.decode()
    second = client.get(reverse("proposals:coverage"), {"page": 2}).content.decode()
    assert first.count('class="govuk-link" href="/proposals/') == 50
    assert second.count('class="govuk-link" href="/proposals/') == 10
    assert "60 proposals ×" in first
    assert "Showing 51 to 60. The counts cover all 60." in second
    # Each proposal serves two missions, once primarily: the totals cover both pages.
    totals = client.get(reverse("proposals:coverage"), {"format": "csv"}).content.decode()
    primary = totals.splitlines()[-2].split(",")[3:]
    assert sum(int(n) for n in primary) == 60
    assert len(totals.splitlines()) == 1 + 60 + 2
