"""A mission's golden thread, put together from each link of the chain."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from typing import Any

from django.http import Http404
from django.utils import timezone

from remit.core.models import Mission
from remit.core.models import Region
from remit.funding.models import Grant
from remit.indicators.selectors import ResultView
from remit.proposals.models import Proposal
from remit.thread.selectors.cases import CaseLine
from remit.thread.selectors.cases import case_lines
from remit.thread.selectors.grants import GrantLine
from remit.thread.selectors.grants import grant_lines
from remit.thread.selectors.grants import mission_result_views
from remit.thread.selectors.indicators import IndicatorLine
from remit.thread.selectors.indicators import indicator_lines
from remit.thread.selectors.proposals import ProposalLine
from remit.thread.selectors.proposals import decision_lines
from remit.thread.selectors.proposals import proposal_lines


@dataclass
class Thread:
    mission: Mission
    public: bool
    proposals: list[ProposalLine]
    cases: list[CaseLine]
    grants: list[GrantLine]
    indicators: list[IndicatorLine]
    other_results: list[ResultView] = field(default_factory=list)

    @property
    def indicator_slugs(self) -> set[str]:
        """The indicators on this thread, which a result's indicator links to in the page."""
        return {line.indicator.slug for line in self.indicators}


def mission_for(region: Region, number: int) -> Mission:
    mission = Mission.objects.filter(region=region, number=number).first()
    if mission is None:
        raise Http404("No such mission.")
    return mission


def thread(
    region: Region, number: int, user: Any, *, public: bool = False, today: date | None = None
) -> Thread:
    """The mission's golden thread as the viewer may see it (the public: published parts)."""
    today = today or timezone.localdate()
    mission = mission_for(region, number)
    proposals = proposal_lines(mission, user, public=public)
    ids = [line.proposal.pk for line in proposals]
    decisions = decision_lines(ids, user, public=public, today=today)
    cases = case_lines(mission, ids, user, public=public)
    views = mission_result_views(mission, user, public=public, today=today)
    grants = grant_lines(views, user, public=public, today=today)
    by_proposal: dict[int, list[ResultView]] = defaultdict(list)
    grant_ids = {line.grant.pk for line in grants}
    others = []
    for view in views:
        owner = view.result.owner if view.result.owner_type_id else None
        if isinstance(owner, Proposal) and owner.pk in ids:
            by_proposal[owner.pk].append(view)
        elif not (isinstance(owner, Grant) and owner.pk in grant_ids):
            others.append(view)
    for line in proposals:
        line.decisions = decisions.get(line.proposal.pk, [])
        line.cases = [c for c in cases if c.proposal_id == line.proposal.pk]
        line.results = by_proposal.get(line.proposal.pk, [])
    return Thread(
        mission=mission,
        public=public,
        proposals=proposals,
        cases=cases,
        grants=grants,
        indicators=indicator_lines(region, mission, views, user, public=public),
        other_results=others,
    )
