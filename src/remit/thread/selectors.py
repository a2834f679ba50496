"""The golden thread: one mission followed from the proposals aligned to it to the figures
that show whether it moved.

mission → the proposals aligned to it → the forums' and boards' decisions on them → the
business cases and their appraisal → the grants whose results claim the mission → those
results and the grants' monitoring returns → the mission's indicators and how they moved.

The whole chain is read in a fixed number of queries, whatever the size of the data.
With `public=True` only what is published is read; otherwise each part is what the viewer
may open (each app's own `visible_to` and permission functions), and each link goes to the
page they can open.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from remit.appraisal.models import AppraisalRun, BusinessCase
from remit.appraisal.permissions import can_view_case
from remit.core.models import Mission, Region
from remit.funding.models import Grant, MonitoringReturn
from remit.funding.permissions import can_view_grant
from remit.indicators import measures
from remit.indicators import selectors as indicator_selectors
from remit.indicators.models import Indicator, Result
from remit.indicators.selectors import ResultView, Summary
from remit.meetings.models import Decision
from remit.meetings.permissions import can_view_meeting
from remit.proposals.models import ForumDecision, MissionAlignment, PositionPaper, Proposal


@dataclass
class DecisionLine:
    """A forum's decision on a proposal, or a board's decision at a meeting about it."""

    board: str
    outcome: str
    decided_on: date
    note: str = ""
    reference: str = ""
    url: str = ""
    corrected: bool = False


@dataclass
class CaseLine:
    """A business case with the board's decision on it and its appraisal's headline."""

    case: BusinessCase
    title: str
    url: str
    stage: str
    decision: str
    proposal_id: int | None
    option: str = ""
    npsv: Decimal | None = None
    bcr: str | None = None
    run: int | None = None

    @property
    def anchor(self) -> str:
        return f"case-{self.case.pk}"


@dataclass
class ReturnLine:
    period_start: date
    period_end: date
    due_on: date
    submitted: bool
    late: bool
    rag: str


@dataclass
class GrantLine:
    grant: Grant
    title: str
    recipient: str
    fund: str
    amount_pence: int
    url: str
    results: list[ResultView] = field(default_factory=list)
    returns: list[ReturnLine] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"grant-{self.grant.pk}"


@dataclass
class ProposalLine:
    proposal: Proposal
    url: str
    strength: str
    rationale: str
    decisions: list[DecisionLine] = field(default_factory=list)
    cases: list[CaseLine] = field(default_factory=list)
    results: list[ResultView] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"proposal-{self.proposal.pk}"


@dataclass
class Claim:
    """A proposal or grant that says one of its results will move an indicator."""

    label: str
    url: str
    result: str


@dataclass
class IndicatorLine:
    summary: Summary
    url: str
    change: measures.Change | None
    direction: str
    claims: list[Claim] = field(default_factory=list)

    @property
    def indicator(self) -> Indicator:
        return self.summary.indicator

    @property
    def anchor(self) -> str:
        return f"indicator-{self.indicator.slug}"


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
    proposals = _proposals(mission, user, public=public)
    ids = [line.proposal.pk for line in proposals]
    decisions = _decisions(ids, user, public=public, today=today)
    cases = _cases(mission, ids, user, public=public)
    views = _results(mission, user, public=public, today=today)
    grants = _grants(views, user, public=public, today=today)
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
        indicators=_indicators(region, mission, views, user, public=public),
        other_results=others,
    )


# ---------------------------------------------------------------- proposals and decisions


def _proposals(mission: Mission, user: Any, *, public: bool) -> list[ProposalLine]:
    qs = Proposal.objects.published() if public else Proposal.all_objects.visible_to(user)
    found = (
        qs.filter(alignments__mission=mission)
        .select_related("workstream__theme")
        .prefetch_related(
            Prefetch(
                "alignments",
                queryset=MissionAlignment.objects.filter(mission=mission),
                to_attr="this_mission",
            )
        )
    )
    lines = []
    for proposal in found:
        alignment = proposal.this_mission[0]  # type: ignore[attr-defined]
        lines.append(
            ProposalLine(
                proposal=proposal,
                url=indicator_selectors.proposal_link(proposal, user, public=public),
                strength=alignment.get_strength_display(),
                rationale=alignment.rationale,
            )
        )
    return lines


def _meeting_decision_open(decision: Decision, user: Any, *, public: bool, today: date) -> str:
    """The link to a board's decision at a meeting for this viewer, or "" if they cannot see it."""
    meeting = decision.item.meeting
    if not public and can_view_meeting(user, meeting):
        return reverse("meetings:decision", args=[decision.pk])
    if (
        meeting.public_at is not None
        and not decision.item.private
        and decision.published_on <= today
    ):
        return reverse("meetings_public:decision", args=[decision.pk])
    return ""


def _superseded(record: Any) -> bool:
    try:
        return record.superseded_by is not None
    except record.__class__.DoesNotExist:
        return False


def _decisions(
    ids: list[int], user: Any, *, public: bool, today: date
) -> dict[int, list[DecisionLine]]:
    """Each proposal's forum decisions (its own routings and its papers') and the boards'
    decisions at meetings on items about it, oldest first.

    A forum decision taken at a meeting is shown only to those who may open the meeting's
    decision: to the public, once it is public.
    """
    through = PositionPaper.proposals.through
    by_paper: dict[int, set[int]] = defaultdict(set)
    for paper_id, proposal_id in through.objects.filter(proposal_id__in=ids).values_list(
        "positionpaper_id", "proposal_id"
    ):
        by_paper[paper_id].add(proposal_id)
    forum = (
        ForumDecision.objects.filter(
            Q(routing__proposal_id__in=ids) | Q(routing__paper_id__in=list(by_paper))
        )
        .select_related(
            "board",
            "decision_maker",
            "routing",
            "superseded_by",
            "meeting_decision__item__meeting__board",
        )
        .order_by("decided_on", "recorded_at", "pk")
    )
    found: dict[int, list[tuple[Any, DecisionLine]]] = defaultdict(list)
    for decision in forum:
        reference = url = ""
        if decision.meeting_decision_id:
            taken = decision.meeting_decision
            url = _meeting_decision_open(taken, user, public=public, today=today)
            if not url:
                continue
            reference = taken.reference
        line = DecisionLine(
            board=decision.decider_label,
            outcome=decision.get_outcome_display(),
            decided_on=decision.decided_on,
            note=decision.changes or decision.reasons,
            reference=reference or decision.meeting_reference,
            url=url,
            corrected=_superseded(decision),
        )
        routing = decision.routing
        owners = {routing.proposal_id} if routing.proposal_id else by_paper[routing.paper_id]
        for proposal_id in owners:
            found[proposal_id].append(((decision.decided_on, 0, decision.pk), line))
    at_meetings = (
        Decision.objects.filter(item__proposal_id__in=ids, forum_decision__isnull=True)
        .select_related("board", "item__meeting", "superseded_by")
        .order_by("published_on", "pk")
    )
    for taken in at_meetings:
        url = _meeting_decision_open(taken, user, public=public, today=today)
        if not url:
            continue
        line = DecisionLine(
            board=taken.board.name,
            outcome="Decided at its meeting",
            decided_on=taken.item.meeting.date,
            note=taken.summary,
            reference=taken.reference,
            url=url,
            corrected=_superseded(taken),
        )
        found[taken.item.proposal_id].append(((taken.item.meeting.date, 1, taken.pk), line))
    return {
        pk: [line for _, line in sorted(rows, key=lambda row: row[0])] for pk, rows in found.items()
    }


# ---------------------------------------------------------------- business cases


def _headline(
    result: dict[str, Any] | None, preferred: str
) -> tuple[str, Decimal | None, str | None]:
    """The preferred option's net present social value and benefit–cost ratio."""
    if not result:
        return "", None, None
    options = [o for o in result.get("options", []) if not o.get("counterfactual")]
    chosen = next((o for o in options if o.get("name") == preferred), None)
    chosen = chosen or (options[0] if options else None)
    if chosen is None:
        return "", None, None
    return str(chosen["name"]), Decimal(chosen["npsv"]), chosen.get("bcr")


def _cases(mission: Mission, ids: list[int], user: Any, *, public: bool) -> list[CaseLine]:
    """Cases serving the mission or developing one of its proposals.

    The public sees approved cases as the board approved them (the decision's snapshot);
    others see the cases they may open as they stand, with their latest appraisal.
    """
    if public:
        approved = BusinessCase.objects.filter(region=mission.region).select_related(
            "approved_decision__board", "proposal"
        )
        return [line for case in approved if (line := _public_case(case, mission, ids))]
    qs = (
        BusinessCase.all_objects.visible_to(user)
        .filter(region=mission.region)
        .filter(Q(missions=mission) | Q(proposal_id__in=ids))
        .distinct()
        .select_related("approved_decision__board", "proposal")
        .prefetch_related(
            Prefetch(
                "appraisal_runs",
                queryset=AppraisalRun.objects.only(
                    "pk", "business_case_id", "number", "result"
                ).order_by("-number"),
                to_attr="newest_runs",
            )
        )
        .order_by("title", "pk")
    )
    lines = []
    for case in qs:
        run = case.newest_runs[0] if case.newest_runs else None  # type: ignore[attr-defined]
        option, npsv, bcr = _headline(run.result if run else None, case.preferred_option)
        if can_view_case(user, case):
            url = reverse("appraisal:detail", args=[case.pk])
        else:
            url = reverse("appraisal_public:detail", args=[case.pk])
        lines.append(
            CaseLine(
                case=case,
                title=case.title,
                url=url,
                stage=case.get_stage_display(),
                decision=_approval(case),
                proposal_id=case.proposal_id if case.proposal_id in ids else None,
                option=option,
                npsv=npsv,
                bcr=bcr,
                run=run.number if run else None,
            )
        )
    return lines


def _approval(case: BusinessCase) -> str:
    decision = case.approved_decision
    if decision is None:
        return "Not yet approved"
    return (
        f"{decision.get_outcome_display()} by {decision.board.name} "
        f"on {decision.decided_on:%-d %B %Y}"
    )


def _public_case(case: BusinessCase, mission: Mission, ids: list[int]) -> CaseLine | None:
    snapshot = case.approved_decision.snapshot if case.approved_decision else {}
    numbers = {m.get("number") for m in snapshot.get("missions", [])}
    develops = case.proposal_id in ids and bool(snapshot.get("proposal"))
    if mission.number not in numbers and not develops:
        return None
    option, npsv, bcr = _headline(snapshot.get("appraisal"), snapshot.get("preferred_option", ""))
    return CaseLine(
        case=case,
        title=snapshot.get("title") or case.title,
        url=reverse("appraisal_public:detail", args=[case.pk]),
        stage=snapshot.get("stage_label", ""),
        decision=_approval(case),
        proposal_id=case.proposal_id if develops else None,
        option=option,
        npsv=npsv,
        bcr=bcr,
        run=snapshot.get("appraisal_run"),
    )


# ---------------------------------------------------------------- results and grants


def _results(mission: Mission, user: Any, *, public: bool, today: date) -> list[ResultView]:
    """Results serving the mission, or moving one of its indicators, whose declaring
    record the viewer may open (the public: published results of published records)."""
    qs = Result.objects.published() if public else Result.all_objects.visible_to(user)
    qs = qs.filter(region=mission.region).filter(
        Q(missions=mission) | Q(indicators__missions=mission)
    )
    views = indicator_selectors.result_views(qs, today, public=public, user=user)
    return [v for v in views if v.owner_url or not v.result.owner_type_id]


def _grants(views: list[ResultView], user: Any, *, public: bool, today: date) -> list[GrantLine]:
    """The grants whose results claim the mission, with those results and their returns.

    Returns are the grantee's reports to the fund and stay off the public thread.
    """
    claimed: dict[int, list[ResultView]] = defaultdict(list)
    for view in views:
        owner = view.result.owner if view.result.owner_type_id else None
        if isinstance(owner, Grant):
            claimed[owner.pk].append(view)
    if public:
        qs = Grant.objects.all()
    else:  # their own view of the fund's grants, and the published register
        qs = Grant.all_objects.visible_to(user) | Grant.all_objects.published()
    prefetch = (
        []
        if public
        else [Prefetch("returns", queryset=MonitoringReturn.objects.order_by("period_start"))]
    )
    grants = (
        qs.filter(pk__in=list(claimed))
        .select_related("bid__organisation", "bid__round__fund", "publication")
        .prefetch_related(*prefetch)
    )
    lines = []
    for grant in grants:
        published = grant.publication if public else None
        listed = grant.is_published and grant.withdrawn_at is None
        if public:
            url = reverse("funding_public:detail", args=[grant.pk])
        elif can_view_grant(user, grant):
            url = reverse("funding:grant", args=[grant.pk])
        else:
            url = reverse("funding_public:detail", args=[grant.pk]) if listed else ""
        lines.append(
            GrantLine(
                grant=grant,
                title=published.title if published else grant.bid.title,
                recipient=published.recipient_name if published else grant.bid.organisation.name,
                fund=published.fund_name if published else grant.bid.round.fund.name,
                amount_pence=published.amount_pence if published else grant.amount_pence,
                url=url,
                results=claimed[grant.pk],
                returns=[] if public else [_return(r, today) for r in grant.returns.all()],
            )
        )
    return lines


def _return(item: MonitoringReturn, today: date) -> ReturnLine:
    return ReturnLine(
        period_start=item.period_start,
        period_end=item.period_end,
        due_on=item.due_on,
        submitted=item.is_submitted,
        late=item.is_late(today),
        rag=item.get_rag_display() if item.rag else "",
    )


# ---------------------------------------------------------------- indicators


DIRECTIONS = {
    (measures.LOWER_IS_BETTER, -1): "Better",
    (measures.LOWER_IS_BETTER, 1): "Worse",
    (measures.HIGHER_IS_BETTER, 1): "Better",
    (measures.HIGHER_IS_BETTER, -1): "Worse",
}


def direction(polarity: str, change: measures.Change | None) -> str:
    """Whether the region's latest year-on-year change is for the better."""
    if change is None:
        return "Not enough figures to say"
    sign = (change.absolute > 0) - (change.absolute < 0)
    return DIRECTIONS.get((polarity, sign), "No change")


def _indicators(
    region: Region, mission: Mission, views: list[ResultView], user: Any, *, public: bool
) -> list[IndicatorLine]:
    indicators = list(
        indicator_selectors.indicators_for(user, public=public)
        .filter(region=region, missions=mission)
        .prefetch_related("targets")
        .distinct()
        .order_by("name", "pk")
    )
    ns = "indicators_public" if public else "indicators"
    lines = []
    for summary in indicator_selectors.summaries(region, indicators):
        indicator = summary.indicator
        changes = measures.year_on_year(summary.region_points)
        latest = summary.region_latest
        change = changes[-1] if changes and latest and changes[-1].period == latest.period else None
        claims = [
            Claim(label=v.owner_label, url=v.owner_url, result=v.result.title)
            for v in views
            if any(i.pk == indicator.pk for i in v.indicators)
        ]
        lines.append(
            IndicatorLine(
                summary=summary,
                url=reverse(f"{ns}:detail", args=[indicator.slug]),
                change=change,
                direction=direction(indicator.polarity, change),
                claims=claims,
            )
        )
    return lines


# ---------------------------------------------------------------- from a record to its thread


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
