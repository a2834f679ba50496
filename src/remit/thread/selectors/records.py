"""From a record to its thread: where a mission, proposal, business case, grant or
indicator sits on the golden thread, for the block on its own page.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.urls import reverse

from remit.appraisal.models import BusinessCase
from remit.core.models import Mission
from remit.funding.models import Grant
from remit.indicators import selectors as indicator_selectors
from remit.indicators.models import Indicator
from remit.indicators.models import Result
from remit.indicators.selectors import ResultView
from remit.proposals.models import MissionAlignment
from remit.proposals.models import Proposal


@dataclass
class Link:
    label: str
    url: str


@dataclass
class RecordThread:
    """Where a record sits on the golden thread: the missions it serves (each a link to its
    place on that mission's thread) and the records on the other side of the chain."""

    missions: list[Link] = field(default_factory=list)
    proposals: list[Link] = field(default_factory=list)
    grants: list[Link] = field(default_factory=list)
    proposals_heading: str = "Proposals"
    grants_heading: str = "Grants"


def _thread_link(mission: Mission, anchor: str, *, public: bool) -> Link:
    name = "thread_public:mission" if public else "thread:mission"
    url = reverse(name, args=[mission.number]) + (f"#{anchor}" if anchor else "")
    return Link(f"Mission {mission.number}: {mission.short_title}", url)


def _missions_links(missions: Any, anchor: str, *, public: bool) -> list[Link]:
    unique = {m.pk: m for m in missions}
    ordered = sorted(unique.values(), key=lambda m: m.number)
    return [_thread_link(m, anchor, public=public) for m in ordered]


def _visible_results(user: Any, *, public: bool) -> Any:
    return Result.objects.published() if public else Result.all_objects.visible_to(user)


def _owners(views: list[ResultView], kind: type, *, exclude: Any = None) -> list[Link]:
    seen: dict[str, Link] = {}
    for view in views:
        owner = view.result.owner if view.result.owner_type_id else None
        if isinstance(owner, kind) and owner != exclude and view.owner_url:
            seen.setdefault(view.owner_url, Link(view.owner_label, view.owner_url))
    return sorted(seen.values(), key=lambda link: link.label)


def mission_thread_link(mission: Mission, *, public: bool) -> RecordThread:
    return RecordThread(missions=[_thread_link(mission, "", public=public)])


def proposal_thread(proposal: Proposal, *, public: bool) -> RecordThread:
    missions = [a.mission for a in proposal.alignments.select_related("mission")]
    return RecordThread(
        missions=_missions_links(missions, f"proposal-{proposal.pk}", public=public)
    )


def case_thread(case: BusinessCase, user: Any, *, public: bool) -> RecordThread:
    """The missions a case serves, directly or through the proposal it develops."""
    if public:
        snapshot = case.approved_decision.snapshot if case.approved_decision else {}
        numbers = [m.get("number") for m in snapshot.get("missions", [])]
        missions = list(Mission.objects.filter(region_id=case.region_id, number__in=numbers))
        develops = bool(snapshot.get("proposal"))
    else:
        missions = list(case.missions.all())
        develops = True
    proposals = []
    if develops and case.proposal_id:
        qs = Proposal.objects.published() if public else Proposal.all_objects.visible_to(user)
        proposal = qs.filter(pk=case.proposal_id).prefetch_related("alignments__mission").first()
        if proposal is not None:
            missions += [a.mission for a in proposal.alignments.all()]
            url = indicator_selectors.proposal_link(proposal, user, public=public)
            proposals.append(Link(proposal.title, url))
    return RecordThread(
        missions=_missions_links(missions, f"case-{case.pk}", public=public),
        proposals=proposals,
        proposals_heading="The proposal it develops",
    )


def grant_thread(grant: Grant, user: Any, *, public: bool) -> RecordThread:
    """The missions a grant's results claim, and the proposals serving those missions whose
    results say they will move the same indicators."""
    views = indicator_selectors.owner_results(grant, user, public=public)
    missions = [m for view in views for m in view.missions]
    indicator_ids = {i.pk for view in views for i in view.indicators}
    mission_ids = {m.pk for m in missions}
    alongside = _visible_results(user, public=public).filter(
        indicators__in=indicator_ids,
        owner_type__app_label="proposals",
        owner_type__model="proposal",
    )
    found = indicator_selectors.result_views(alongside, public=public, user=user)
    aligned = set(
        MissionAlignment.objects.filter(
            proposal_id__in={v.result.owner_id for v in found}, mission_id__in=mission_ids
        ).values_list("proposal_id", flat=True)
    )
    proposals = _owners([v for v in found if v.result.owner_id in aligned], Proposal)
    return RecordThread(
        missions=_missions_links(missions, f"grant-{grant.pk}", public=public),
        proposals=proposals,
        proposals_heading="Proposals for the same mission that move the same indicators",
    )


def indicator_thread(indicator: Indicator, user: Any, *, public: bool) -> RecordThread:
    """The indicator's missions, and the proposals and grants that say they will move it."""
    views = [
        v
        for v in indicator_selectors.result_views(
            _visible_results(user, public=public).filter(indicators=indicator),
            public=public,
            user=user,
        )
        if v.owner_url
    ]
    return RecordThread(
        missions=_missions_links(
            indicator.missions.all(), f"indicator-{indicator.slug}", public=public
        ),
        proposals=_owners(views, Proposal),
        grants=_owners(views, Grant),
        proposals_heading="Proposals that say they will move it",
        grants_heading="Grants that say they will move it",
    )


def record_thread(record: Any, user: Any, *, public: bool) -> RecordThread:
    """The golden thread block for a mission, proposal, business case, grant or indicator."""
    if isinstance(record, Mission):
        return mission_thread_link(record, public=public)
    if isinstance(record, Proposal):
        return proposal_thread(record, public=public)
    if isinstance(record, BusinessCase):
        return case_thread(record, user, public=public)
    if isinstance(record, Grant):
        return grant_thread(record, user, public=public)
    if isinstance(record, Indicator):
        return indicator_thread(record, user, public=public)
    raise TypeError(f"No golden thread for {type(record).__name__}.")
