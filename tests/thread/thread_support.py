"""A mission's golden thread built directly: published records, and one unpublished record
of every kind, so tests can check what each audience sees."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone

from remit.appraisal import greenbook
from remit.appraisal.case_file import load_case
from remit.appraisal.greenbook import appraisal_to_json
from remit.appraisal.models import AppraisalRun
from remit.appraisal.models import ApprovalDecision
from remit.appraisal.models import BusinessCase
from remit.appraisal.selectors import summary_snapshot
from remit.core.models import Board
from remit.core.models import GovernanceRoute
from remit.core.models import Mission
from remit.core.models import Region
from remit.core.models import Theme
from remit.core.models import User
from remit.core.models import Workstream
from remit.funding import selectors as funding_selectors
from remit.funding.models import Bid
from remit.funding.models import Determination
from remit.funding.models import Fund
from remit.funding.models import Grant
from remit.funding.models import GrantPublication
from remit.funding.models import MonitoringReturn
from remit.funding.models import Round
from remit.indicators.models import Indicator
from remit.indicators.models import IndicatorValue
from remit.indicators.models import Result
from remit.indicators.models import ResultMilestone
from remit.meetings.models import AgendaItem
from remit.meetings.models import Decision
from remit.meetings.models import Meeting
from remit.proposals.models import Deal
from remit.proposals.models import ForumDecision
from remit.proposals.models import MissionAlignment
from remit.proposals.models import Proposal
from remit.proposals.models import Routing

TODAY = date(2025, 6, 2)
CASE_FILE = Path(__file__).resolve().parents[2] / "examples" / "cases" / "violence-reduction.yaml"
PREFERRED = "Regional violence reduction unit"


def appraisal_result() -> dict[str, Any]:
    """The shipped example case's appraisal, as a stored run holds it."""
    case = load_case(CASE_FILE.read_text(encoding="utf-8"))
    return dict(json.loads(json.dumps(appraisal_to_json(greenbook.appraise(case)))))


@dataclass
class Seeded:
    mission: Mission
    proposals: list[Proposal]
    draft_proposal: Proposal
    public_decision: Decision
    hidden_decision: Decision
    cases: list[BusinessCase]
    draft_case: BusinessCase
    grant: Grant
    unpublished_grant: Grant
    submitted_bid: Bid
    indicator: Indicator
    draft_indicator: Indicator
    results: list[Result]
    unpublished_result: Result


def _deal(region: Region) -> Deal:
    board = Board.objects.create(
        region=region, slug="ca-board", name="Combined Authority Board", kind="board"
    )
    route = GovernanceRoute.objects.create(
        region=region, slug="route", name="Deal route", final_board=board
    )
    theme = Theme.objects.create(region=region, slug="safety", name="Safer places", position=1)
    Workstream.objects.create(theme=theme, slug="crime", name="Crime and safety")
    return Deal.objects.create(region=region, slug="deal", name="Testshire Deal", route=route)


def make_proposal(
    deal: Deal, mission: Mission, title: str, *, published: bool = True, strength: str = "primary"
) -> Proposal:
    proposal = Proposal.all_objects.create(
        deal=deal,
        workstream=Workstream.objects.get(theme__region=deal.region, slug="crime"),
        title=title,
        summary="What it does.",
        ask_type="funding",
        amount_pence=150_000_000,
        years_from="2023/24",
        years_to="2025/26",
        form_of_devolution="single",
        is_published=published,
        published_at=timezone.now() if published else None,
    )
    MissionAlignment.objects.create(
        proposal=proposal, mission=mission, strength=strength, rationale=f"{title} cuts crime."
    )
    return proposal


def _meeting(board: Board, day: date, *, public: bool) -> Meeting:
    return Meeting.objects.create(
        board=board,
        date=day,
        start_time=time(10),
        location="Lloyd House",
        status="held",
        public_at=timezone.make_aware(datetime.combine(day, time(9))) if public else None,
    )


def _meeting_decision(
    board: Board, proposal: Proposal, day: date, reference: str, *, public: bool, by: User
) -> Decision:
    meeting = _meeting(board, day, public=public)
    item = AgendaItem.objects.create(
        meeting=meeting, kind="decision", title=f"{proposal.title}", proposal=proposal
    )
    sequence = Decision.objects.filter(board=board).count() + 1
    return Decision.objects.create(
        board=board,
        item=item,
        year=day.year,
        sequence=sequence,
        reference=reference,
        summary=f"Resolved: {reference}.",
        published_on=day,
        effective_on=day,
        recorded_by=by,
    )


def _forum(
    routing: Routing, board: Board, day: date, by: User, *, at: Decision | None = None
) -> ForumDecision:
    return ForumDecision.objects.create(
        routing=routing,
        position=1,
        board=board,
        outcome="endorsed",
        decided_on=day,
        meeting_decision=at,
        recorded_by=by,
    )


def make_case(
    region: Region,
    title: str,
    by: User,
    *,
    proposal: Proposal | None = None,
    missions: list[Mission] = (),  # type: ignore[assignment]
    approved: bool = True,
) -> BusinessCase:
    case = BusinessCase.all_objects.create(
        region=region, title=title, proposal=proposal, preferred_option=PREFERRED
    )
    case.missions.set(missions)
    run = AppraisalRun.objects.create(
        business_case=case,
        number=1,
        inputs_yaml="options: []\n",
        inputs_sha256="0" * 64,
        result=appraisal_result(),
        source="demo",
    )
    if approved:
        decision = ApprovalDecision.objects.create(
            business_case=case,
            board=region.boards.get(slug="ca-board"),
            stage=case.stage,
            outcome="approved",
            decided_on=date(2024, 3, 1),
            appraisal_run=run,
            snapshot=summary_snapshot(case, run),
            recorded_by=by,
        )
        BusinessCase.all_objects.filter(pk=case.pk).update(approved_decision=decision)
        case.refresh_from_db()
    return case


def _round(region: Region) -> Round:
    fund = Fund.objects.create(
        region=region,
        slug="csf",
        name="Community Safety Fund 2024/25",
        financial_year="2024/25",
        budget_pence=10_000_000,
        owner=region.organisations.get(slug="opcc"),
        decision_maker=region.people.get(slug="commissioner"),
    )
    now = timezone.now()
    return Round.objects.create(
        fund=fund,
        slug="main",
        title="Main round",
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=30),
    )


def make_grant(
    round: Round, title: str, officer: User, partner: User, *, published: bool = True
) -> Grant:
    region = round.fund.region
    bid = Bid.all_objects.create(
        round=round,
        organisation=region.organisations.get(slug="safe-streets"),
        title=title,
        status="awarded",
        created_by=partner,
        submitted_at=timezone.now() - timedelta(days=40),
    )
    determination = Determination.objects.create(
        bid=bid,
        outcome="fund_in_full",
        amount_pence=2_000_000,
        decided_by=region.people.get(slug="commissioner"),
        decided_on=date(2024, 3, 20),
        recorded_by=officer,
    )
    grant = Grant.all_objects.create(bid=bid, determination=determination, amount_pence=2_000_000)
    if published:
        Grant.all_objects.filter(pk=grant.pk).update(
            is_published=True,
            published_at=timezone.now(),
            agreement_start=date(2024, 4, 1),
            agreement_end=date(2025, 3, 31),
        )
        grant = Grant.all_objects.get(pk=grant.pk)
        snapshot = GrantPublication.objects.create(
            grant=grant, version=1, **funding_selectors.publication_figures(grant)
        )
        Grant.all_objects.filter(pk=grant.pk).update(publication=snapshot)
        grant = Grant.all_objects.get(pk=grant.pk)
    return grant


def make_indicator(
    region: Region, mission: Mission, slug: str, name: str, *, published: bool = True
) -> Indicator:
    indicator = Indicator.all_objects.create(
        region=region,
        slug=slug,
        name=name,
        origin="uploaded",
        unit="count",
        is_published=published,
        published_at=timezone.now() if published else None,
    )
    indicator.missions.set([mission])
    for area in region.areas.all():
        for period, value in (("2023", 120), ("2024", 100)):
            IndicatorValue.objects.create(
                indicator=indicator, area=area, period=period, value=Decimal(value)
            )
    return indicator


def make_result(
    region: Region,
    owner: Any,
    title: str,
    *,
    indicator: Indicator | None = None,
    mission: Mission | None = None,
    published: bool = True,
    progress: int = 40,
) -> Result:
    result = Result.all_objects.create(
        region=region,
        title=title,
        owner_label=str(owner),
        owner=owner,
        progress_percent=progress,
        is_published=published,
    )
    if indicator is not None:
        result.indicators.set([indicator])
    if mission is not None:
        result.missions.set([mission])
    ResultMilestone.objects.create(result=result, title="Begin", due=date(2030, 1, 1))
    return result


def seed(region: Region, officer: User, partner: User) -> Seeded:
    """Mission 11 with two published proposals, a draft one, their decisions (one at a meeting
    not yet public), an approved case for each proposal and a draft case, a published grant
    with a return and an unpublished one, two indicators (one a draft) and results."""
    mission = region.missions.get(number=11)
    deal = _deal(region)
    ca_board = region.boards.get(slug="ca-board")
    csp = region.boards.get(slug="csp")
    first = make_proposal(deal, mission, "Violence reduction unit")
    second = make_proposal(deal, mission, "Safer night-time economy", strength="secondary")
    draft = make_proposal(deal, mission, "Secret draft proposal", published=False)

    routing = Routing.objects.create(route=deal.route, proposal=first, state="completed")
    _forum(routing, ca_board, date(2024, 1, 10), officer)
    public_decision = _meeting_decision(
        csp, first, date(2024, 2, 5), "CSP/2024/1", public=True, by=officer
    )
    _forum(routing, csp, date(2024, 2, 5), officer, at=public_decision)
    hidden_decision = _meeting_decision(
        csp, second, date(2024, 4, 5), "CSP/2024/9", public=False, by=officer
    )
    other = Routing.objects.create(route=deal.route, proposal=second, state="completed")
    _forum(other, csp, date(2024, 4, 5), officer, at=hidden_decision)
    draft_routing = Routing.objects.create(route=deal.route, proposal=draft, state="completed")
    _forum(draft_routing, ca_board, date(2024, 5, 1), officer)

    first_case = make_case(region, "Violence unit business case", officer, proposal=first)
    mission_case = make_case(region, "Street lighting case", officer, missions=[mission])
    draft_case = make_case(
        region, "Draft case for the mission", officer, missions=[mission], approved=False
    )

    round = _round(region)
    grant = make_grant(round, "Safer routes home", officer, partner)
    MonitoringReturn.objects.create(
        grant=grant,
        period_start=date(2024, 4, 1),
        period_end=date(2024, 6, 30),
        due_on=date(2024, 7, 31),
        submitted_at=timezone.make_aware(datetime.combine(date(2024, 7, 20), time(12))),
        rag="green",
        outcomes_report="Two hundred walks home.",
    )
    unpublished_grant = make_grant(
        round, "Unpublished grant project", officer, partner, published=False
    )
    submitted_bid = Bid.all_objects.create(
        round=round,
        organisation=region.organisations.get(slug="safe-streets"),
        title="Bid still being assessed",
        status="submitted",
        created_by=partner,
        submitted_at=timezone.now() - timedelta(days=35),
    )

    indicator = make_indicator(region, mission, "violent-crime", "Violent crime")
    draft_indicator = make_indicator(
        region, mission, "draft-measure", "Draft measure of harm", published=False
    )
    results = [
        make_result(region, first, "Fewer assaults", indicator=indicator),
        make_result(region, grant, "Walks home completed", indicator=indicator, mission=mission),
    ]
    make_result(region, unpublished_grant, "Result of the unpublished grant", mission=mission)
    make_result(region, draft, "Result of the draft proposal", mission=mission)
    unpublished_result = make_result(
        region, first, "Result not yet published", mission=mission, published=False
    )
    return Seeded(
        mission=mission,
        proposals=[first, second],
        draft_proposal=draft,
        public_decision=public_decision,
        hidden_decision=hidden_decision,
        cases=[mission_case, first_case],
        draft_case=draft_case,
        grant=grant,
        unpublished_grant=unpublished_grant,
        submitted_bid=submitted_bid,
        indicator=indicator,
        draft_indicator=draft_indicator,
        results=results,
        unpublished_result=unpublished_result,
    )
