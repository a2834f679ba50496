"""The mission and area pages: their indicators' summaries, and the proposals that claim
to serve a mission.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.db.models import Q
from django.http import Http404

from remit.core.models import Area
from remit.core.models import Mission
from remit.core.models import Region
from remit.indicators.selectors.figures import Summary
from remit.indicators.selectors.figures import indicators_for
from remit.indicators.selectors.figures import summaries
from remit.indicators.selectors.figures import with_links
from remit.indicators.selectors.results import ResultView
from remit.indicators.selectors.results import mission_results
from remit.indicators.selectors.results import proposal_link
from remit.indicators.selectors.results import results_page
from remit.indicators.services.values import area_forces
from remit.regions import forces as police_forces


def mission_for(region: Region, number: int) -> Mission:
    mission = Mission.objects.filter(region=region, number=number).first()
    if mission is None:
        raise Http404("No such mission.")
    return mission


def missions_overview(region: Region, user: Any, *, public: bool = False) -> list[Mission]:
    """The region's missions with how many (visible) indicators evidence each."""
    visible = indicators_for(user, public=public).filter(region=region)
    return list(
        Mission.objects.filter(region=region)
        .annotate(
            indicator_count=Count(
                "indicators", filter=Q(indicators__in=visible.values("pk")), distinct=True
            )
        )
        .order_by("number")
    )


@dataclass
class ProposalClaim:
    title: str
    url: str
    strength: str
    rationale: str
    status: str


# The mission page shows the first of the proposals that claim it; the register lists them all.
MISSION_PROPOSALS = 20


@dataclass
class ProposalClaims:
    shown: list[ProposalClaim]
    total: int
    register_url: str

    @property
    def more(self) -> bool:
        return self.total > len(self.shown)


@dataclass
class MissionPage:
    mission: Mission
    summaries: list[Summary]
    proposals: ProposalClaims
    results: list[ResultView]
    results_page: Any = None


def mission_page(
    region: Region, number: int, user: Any, *, public: bool = False, results_page_number: Any = 1
) -> MissionPage:
    mission = mission_for(region, number)
    indicators = list(
        with_links(indicators_for(user, public=public).filter(region=region, missions=mission))
        .distinct()
        .order_by("name", "pk")
    )
    results = results_page(
        mission_results(region, mission, user, public=public),
        results_page_number,
        public=public,
        user=user,
    )
    return MissionPage(
        mission=mission,
        summaries=summaries(region, indicators),
        proposals=_proposal_claims(region, mission, user, public=public),
        results=results.views,
        results_page=results.page,
    )


def _proposal_claims(
    region: Region, mission: Mission, user: Any, *, public: bool
) -> ProposalClaims:
    """Proposals that say they serve the mission, through the proposals register: the first
    few on the page, however many there are, and the register filtered to the mission for
    the rest."""

    from django.urls import reverse

    from remit.proposals import selectors as proposal_selectors
    from remit.proposals.models import Proposal
    from remit.proposals.permissions import can_view_drafts

    qs = Proposal.objects.published() if public else Proposal.all_objects.visible_to(user)
    register = proposal_selectors.register(
        region, qs, proposal_selectors.RegisterFilters(mission=mission.number)
    )
    claims = []
    for proposal in register[:MISSION_PROPOSALS]:
        alignment = next((a for a in proposal.alignments.all() if a.mission_id == mission.pk), None)
        if alignment is None:
            continue
        claims.append(
            ProposalClaim(
                title=proposal.title,
                url=proposal_link(proposal, user, public=public),
                strength=alignment.get_strength_display(),
                rationale=alignment.rationale,
                status=proposal.get_status_display(),
            )
        )
    total = len(claims) if len(claims) < MISSION_PROPOSALS else register.count()
    onward = "proposals:register" if not public and can_view_drafts(user) else None
    listing = reverse(onward or "published_proposals:list")
    return ProposalClaims(claims, total, f"{listing}?mission={mission.number}")


@dataclass
class AreaPage:
    area: Area
    summaries: list[Summary]
    forces: tuple[str, ...] = ()

    @property
    def force_names(self) -> list[str]:
        """The names of the police forces whose files cover the area."""
        return police_forces.force_names(self.forces)


def area_for(region: Region, code: str) -> Area:
    area = region.areas.filter(code=code).first()
    if area is None:
        raise Http404("No such area.")
    return area


def area_page(region: Region, code: str, user: Any, *, public: bool = False) -> AreaPage:
    area = area_for(region, code)
    indicators = list(
        with_links(
            indicators_for(user, public=public).filter(region=region, values__area=area)
        ).distinct()
    )
    found = [s for s in summaries(region, indicators) if s.row(area) is not None]
    found.sort(
        key=lambda s: (
            min((m.number for m in s.indicator.missions.all()), default=99),
            s.indicator.name,
        )
    )
    return AreaPage(
        area=area,
        summaries=found,
        forces=area_forces([area])[area.pk],
    )
