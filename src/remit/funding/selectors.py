"""Reads of the fund for pages, exports and the API, with the joins done once.

Every listing costs the same number of queries whether a round has five bids or five hundred:
sums come from subqueries, related rows from one prefetch each, and scores are summarised in
Python from one flat query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone

from remit.core import selectors as core_selectors
from remit.core.models import Area, Region
from remit.funding import builder, charts, package, package_cache, permissions, rules, threesixty
from remit.funding.allocation import TopSlice, allocate, fixed
from remit.funding.models import (
    AllocationScenario,
    Answer,
    Attachment,
    Bid,
    BidAmount,
    BidOutcome,
    Criterion,
    DecisionNotice,
    Determination,
    Fund,
    Grant,
    GrantPublication,
    GrantQuerySet,
    Instalment,
    InterestDeclaration,
    MatchFunding,
    MonitoringReturn,
    Payment,
    Question,
    Recommendation,
    ReturnFigure,
    Round,
    ScenarioAdoption,
    Score,
)
from remit.funding.scenario import load_scenario
from remit.funding.workflow import ASSESSABLE, BidStatus
from remit.indicators import map_pages, maps
from remit.indicators import selectors as indicator_selectors
from remit.ui.formatting import format_pence

# --- funds and scenarios ---------------------------------------------------------------------


def fund_list(region: Region) -> QuerySet[Fund]:
    return region.funds.select_related(
        "owner", "decision_maker", "recommending_board", "adopted_scenario", "previous"
    ).order_by("-financial_year", "name")


def find_fund(region: Region, slug: str) -> Fund | None:
    return fund_list(region).filter(slug=slug).first()


@dataclass(frozen=True)
class EnvelopeRow:
    code: str
    name: str
    formula_pence: int
    protected_pence: int
    total_pence: int
    bound: str


@dataclass
class Allocation:
    """A stored allocation result, ready to show: rows per area and the totals."""

    rows: list[EnvelopeRow]
    pot_pence: int
    top_slices_pence: int
    protected_pence: int
    budget_pence: int

    @property
    def total_pence(self) -> int:
        return sum(row.total_pence for row in self.rows)


def allocation(result: dict[str, Any]) -> Allocation:
    totals = result["totals"]
    return Allocation(
        rows=[
            EnvelopeRow(
                code=area["code"],
                name=area["name"],
                formula_pence=rules.pence(area["formula"]),
                protected_pence=rules.pence(area["protected"]),
                total_pence=rules.pence(area["total"]),
                bound=area["bound"],
            )
            for area in result["areas"]
        ],
        pot_pence=rules.pence(result["pot"]),
        top_slices_pence=rules.pence(totals["top_slices"]),
        protected_pence=rules.pence(totals["protected"]),
        budget_pence=rules.pence(totals["budget"]),
    )


@dataclass
class FundPage:
    fund: Fund
    rounds: list[Round]
    adopted: Allocation | None
    adoption: ScenarioAdoption | None
    scenario_count: int


def fund_page(fund: Fund) -> FundPage:
    rounds = list(fund.rounds.order_by("opens_at", "pk"))
    for round in rounds:
        round.fund = fund
    adoption = (
        fund.adoptions.filter(superseded_by__isnull=True)
        .select_related("adopted_by", "scenario")
        .order_by("-adopted_at")
        .first()
    )
    adopted = allocation(fund.adopted_scenario.result) if fund.adopted_scenario else None
    return FundPage(fund, rounds, adopted, adoption, fund.scenarios.count())


def scenarios(fund: Fund) -> list[AllocationScenario]:
    return list(
        fund.scenarios.select_related("created_by")
        .prefetch_related("adoptions")
        .order_by("created_at", "pk")
    )


def adoptions(fund: Fund) -> list[ScenarioAdoption]:
    return list(fund.adoptions.select_related("scenario", "adopted_by").order_by("-adopted_at"))


BOUND_LABELS = {"none": "", "floor": "Floor", "ceiling": "Ceiling", "max_share": "Largest share"}


@dataclass(frozen=True)
class Difference:
    """One area's figure under one scenario, against the same area under another."""

    pence: int | None
    change_pence: int | None = None
    change_percent: str | None = None
    bound: str = ""


def difference(pence: int | None, against: int | None, bound: str = "none") -> Difference:
    """The change in pounds and per cent (to one place) from ``against`` to ``pence``."""
    if pence is None or against is None:
        return Difference(pence, None, None, BOUND_LABELS.get(bound, ""))
    change = pence - against
    percent = None if against == 0 else fixed(Fraction(change * 100, against), 1)
    return Difference(pence, change, percent, BOUND_LABELS.get(bound, ""))


@dataclass(frozen=True)
class ComparisonRow:
    code: str
    name: str
    totals: list[int | None]
    cells: list[Difference] = field(default_factory=list)


@dataclass
class Comparison:
    """The what-if table and chart: each area's total under each scenario.

    Each cell also says how far the area's total is from the baseline's (the adopted scenario
    when it is among those compared, otherwise the first) and which bound held the area.
    """

    scenarios: list[AllocationScenario]
    rows: list[ComparisonRow]
    totals: list[int]
    top_slices: list[int]
    budgets: list[int]
    spec: dict[str, Any]
    baseline: AllocationScenario | None = None

    @property
    def baseline_index(self) -> int:
        return self.scenarios.index(self.baseline) if self.baseline in self.scenarios else -1


def compare(chosen: Sequence[AllocationScenario], adopted_id: int | None = None) -> Comparison:
    names: dict[str, str] = {}
    totals: dict[tuple[str, int], int] = {}
    bounds: dict[tuple[str, int], str] = {}
    for scenario in chosen:
        for area in scenario.result["areas"]:
            names.setdefault(area["code"], area["name"])
            totals[(area["code"], scenario.pk)] = rules.pence(area["total"])
            bounds[(area["code"], scenario.pk)] = area.get("bound", "none")
    baseline = next((s for s in chosen if s.pk == adopted_id), chosen[0] if chosen else None)
    codes = sorted(names)
    rows = [
        ComparisonRow(
            code,
            names[code],
            [totals.get((code, s.pk)) for s in chosen],
            [
                difference(
                    totals.get((code, s.pk)),
                    totals.get((code, baseline.pk)) if baseline else None,
                    bounds.get((code, s.pk), "none"),
                )
                for s in chosen
            ],
        )
        for code in codes
    ]
    bars = [
        charts.Bar(names[code], scenario.name, totals[(code, scenario.pk)])
        for code in codes
        for scenario in chosen
        if (code, scenario.pk) in totals
    ]
    spec = charts.comparison_spec(bars, [names[c] for c in codes], [s.name for s in chosen])
    column_totals = [sum(totals.get((code, s.pk), 0) for code in codes) for s in chosen]
    return Comparison(
        list(chosen),
        rows,
        column_totals,
        [rules.pence(s.result["totals"]["top_slices"]) for s in chosen],
        [rules.pence(s.result["totals"]["budget"]) for s in chosen],
        spec,
        baseline,
    )


def prefill_areas(region: Region) -> list[Area]:
    """Areas a scenario may share the fund between: the region's districts with a population
    (not those shown for comparison)."""
    return list(
        region.areas.filter(population__isnull=False, context=False)
        .filter(
            kind__in=[
                Area.Kind.METROPOLITAN_DISTRICT,
                Area.Kind.UNITARY,
                Area.Kind.NON_METROPOLITAN_DISTRICT,
            ]
        )
        .order_by("code")
    )


def scenario_prefill(fund: Fund, codes: Iterable[str]) -> str:
    wanted = set(codes)
    areas = [a for a in prefill_areas(fund.region) if a.code in wanted]
    return rules.scenario_yaml(
        title=f"{fund.name}: by population",
        financial_year=fund.financial_year,
        budget_pence=fund.budget_pence,
        areas=[rules.ScenarioArea(a.code, a.name, int(a.population or 0)) for a in areas],
    )


def previous_allocation(fund: Fund) -> tuple[AllocationScenario | None, dict[str, Any]]:
    """Last year's adopted scenario, if there is one, and its result per area code; one query."""
    if fund.previous_id is None:
        return None, {}
    scenario = (
        AllocationScenario.objects.filter(
            pk=Subquery(Fund.objects.filter(pk=fund.previous_id).values("adopted_scenario")[:1])
        )
        .select_related("fund")
        .first()
    )
    if scenario is None:
        return None, {}
    return scenario, {area["code"]: area for area in scenario.result["areas"]}


@dataclass
class BuilderChoices:
    """What a scenario may be built from: the region's areas and the figures held for them."""

    areas: list[Area]
    indicators: list[indicator_selectors.HeldIndicator]
    previous: AllocationScenario | None
    previous_areas: dict[str, Any]


def builder_choices(fund: Fund, user: Any) -> BuilderChoices:
    previous, previous_areas = previous_allocation(fund)
    return BuilderChoices(
        prefill_areas(fund.region),
        indicator_selectors.held_indicators(fund.region, user),
        previous,
        previous_areas,
    )


@dataclass(frozen=True)
class ScenarioRow:
    """One area on a scenario's page: its allocation, last year's and a split by population."""

    code: str
    name: str
    need_share: str
    formula_pence: int
    bound: str
    protected_pence: int
    total_pence: int
    previous_year: Difference
    population_split: Difference


@dataclass
class ScenarioPage:
    allocation: Allocation
    rows: list[ScenarioRow]
    previous: AllocationScenario | None
    has_population_split: bool
    spec: dict[str, Any]


def _population_split(result: dict[str, Any], region: Region) -> dict[str, int]:
    """Each area's total if the money the areas share were split by population alone."""
    codes = [area["code"] for area in result["areas"]]
    populations = dict(region.areas.filter(code__in=codes).values_list("code", "population"))
    if any(not populations.get(code) for code in codes):
        return {}
    held = [
        (builder.HeldArea(area["code"], area["name"]), int(populations[area["code"]]))
        for area in result["areas"]
    ]
    budget = Decimal(result["totals"]["budget"])
    top_slices = [TopSlice("top slices", Decimal(result["totals"]["top_slices"]))]
    split = allocate(load_scenario(builder.population_split_yaml(budget, top_slices, held)))
    return {area.code: rules.pence(area.formula) for area in split.areas}


def scenario_page(scenario: AllocationScenario) -> ScenarioPage:
    """The allocation as a table and a bar chart, against last year's and a population split."""
    fund = scenario.fund
    result = scenario.result
    previous, previous_areas = previous_allocation(fund)
    split = _population_split(result, fund.region)
    rows = []
    for area in result["areas"]:
        total = rules.pence(area["total"])
        last = previous_areas.get(area["code"])
        rows.append(
            ScenarioRow(
                code=area["code"],
                name=area["name"],
                need_share=fixed(Fraction(area["need_share"]) * 100, 2),
                formula_pence=rules.pence(area["formula"]),
                bound=BOUND_LABELS.get(area["bound"], ""),
                protected_pence=rules.pence(area["protected"]),
                total_pence=total,
                previous_year=difference(
                    total, None if last is None else rules.pence(last["total"])
                ),
                population_split=difference(total, split.get(area["code"])),
            )
        )
    series = [scenario.name]
    bars = [charts.Bar(row.name, scenario.name, row.total_pence) for row in rows]
    if previous is not None:
        label = f"Adopted for {previous.fund.financial_year}"
        series.append(label)
        bars += [
            charts.Bar(row.name, label, rules.pence(previous_areas[row.code]["total"]))
            for row in rows
            if row.code in previous_areas
        ]
    if split:
        series.append("Split by population")
        bars += [charts.Bar(row.name, "Split by population", split[row.code]) for row in rows]
    spec = charts.comparison_spec(bars, [row.name for row in rows], series)
    return ScenarioPage(allocation(result), rows, previous, bool(split), spec)


# --- rounds and bids -------------------------------------------------------------------------


def find_round(region: Region, pk: int) -> Round | None:
    return (
        Round.objects.filter(fund__region=region, pk=pk)
        .select_related("fund__owner", "fund__decision_maker", "fund__recommending_board")
        .first()
    )


def round_detail(round: Round) -> Round:
    return (
        Round.objects.select_related("fund__owner", "fund__decision_maker", "moderation_opened_by")
        .prefetch_related(
            Prefetch("questions", queryset=round.questions.order_by("position")),
            Prefetch("criteria", queryset=round.criteria.order_by("position")),
        )
        .get(pk=round.pk)
    )


def _sum(model: Any, **filters: Any) -> Coalesce:
    rows = (
        model.objects.filter(bid=OuterRef("pk"), **filters)
        .order_by()
        .values("bid")
        .annotate(total=Sum("amount_pence"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_sums(qs: QuerySet[Bid]) -> QuerySet[Bid]:
    """Bids with what they ask for in all, in the fund's own year, and their match funding."""
    return qs.annotate(
        requested_pence=_sum(BidAmount),
        first_year_pence=_sum(BidAmount, financial_year=F("bid__round__fund__financial_year")),
        match_pence=_sum(MatchFunding),
    )


def bid_list(round: Round, user: Any) -> QuerySet[Bid]:
    return with_sums(
        Bid.all_bids.visible_to(user)
        .filter(round=round)
        .select_related(
            "organisation", "lead_area", "recommendation", "determination", "round__fund"
        )
        .order_by("organisation__name", "title", "pk")
    )


def own_bids(user: Any) -> QuerySet[Bid]:
    """A partner's bids across every round, newest first."""
    organisation_id = getattr(user, "organisation_id", None)
    if organisation_id is None:
        return Bid.all_bids.none()
    return with_sums(
        Bid.all_bids.visible_to(user)
        .filter(organisation_id=organisation_id)
        .select_related("round__fund", "lead_area", "determination")
        .order_by("-created_at", "-pk")
    )


def find_bid(region: Region, pk: int) -> Bid | None:
    """Any bid of the region, drafts included: the caller checks who may see it."""
    return (
        Bid.all_bids.filter(round__fund__region=region, pk=pk)
        .select_related(
            "round__fund__decision_maker",
            "round__fund__recommending_board",
            "round__fund__owner",
            "organisation",
            "lead_area",
            "recommendation__recorded_by",
            "determination__decided_by",
        )
        .first()
    )


@dataclass
class BidPage:
    bid: Bid
    years: list[tuple[str, int]]
    requested_pence: int
    match_pence: int
    match_confirmed_pence: int
    match_percent: Decimal | None
    answers: list[tuple[Any, str]]
    recommendations: list[Recommendation]
    determinations: list[Determination]
    interests: list[InterestDeclaration]
    attachments: list[Attachment] = field(default_factory=list)


def bid_page(bid: Bid) -> BidPage:
    bid = (
        Bid.all_bids.select_related(
            "round__fund__decision_maker",
            "round__fund__recommending_board",
            "round__fund__owner",
            "round__fund__region",
            "organisation",
            "lead_area",
            "recommendation",
            "determination",
        )
        .prefetch_related(
            Prefetch("areas", queryset=Area.objects.order_by("name")),
            Prefetch("amounts", queryset=BidAmount.objects.order_by("financial_year")),
            Prefetch("match_funding", queryset=MatchFunding.objects.order_by("pk")),
            Prefetch("outcomes", queryset=BidOutcome.objects.order_by("pk")),
            Prefetch("answers", queryset=Answer.objects.select_related("question")),
            Prefetch(
                "attachments",
                queryset=Attachment.objects.select_related("uploaded_by").order_by("pk"),
            ),
            Prefetch("round__questions"),
        )
        .get(pk=bid.pk)
    )
    asked = {a.financial_year: a.amount_pence for a in bid.amounts.all()}
    years = [(year, asked.get(year, 0)) for year in bid.round.years]
    requested = sum(asked.values())
    match = sum(line.amount_pence for line in bid.match_funding.all())
    confirmed = sum(line.amount_pence for line in bid.match_funding.all() if line.confirmed)
    answered = {a.question_id: a.text for a in bid.answers.all()}
    questions = sorted(bid.round.questions.all(), key=lambda q: q.position)
    return BidPage(
        bid=bid,
        years=years,
        requested_pence=requested,
        match_pence=match,
        match_confirmed_pence=confirmed,
        match_percent=rules.match_percent(match, requested),
        answers=[(q, answered.get(q.pk, "")) for q in questions],
        recommendations=list(
            bid.recommendations.select_related("recorded_by", "board", "meeting_decision").order_by(
                "recorded_at"
            )
        ),
        determinations=list(
            bid.determinations.select_related("recorded_by", "decided_by").order_by("recorded_at")
        ),
        interests=list(bid.interests.select_related("user").order_by("declared_at")),
        attachments=list(bid.attachments.all()),
    )


HISTORY_PARTS: tuple[tuple[Any, str], ...] = (
    (BidAmount, "Amount"),
    (Answer, "Answer"),
    (MatchFunding, "Match funding"),
    (BidOutcome, "Outcome"),
    (Attachment, "Attachment"),
)


def bid_history(bid: Bid) -> list[dict[str, Any]]:
    """Every change to the bid and to its rows, newest first, each with who and why."""
    return core_selectors.gathered_history(
        (bid.history.select_related("history_user"), Bid, "The bid"),
        *(
            (model.history.filter(bid_id=bid.pk).select_related("history_user"), model, what)
            for model, what in HISTORY_PARTS
        ),
    )


# --- assessment ------------------------------------------------------------------------------


@dataclass
class ModerationRow:
    bid: Bid
    cells: list[rules.ScoreSummary | None]
    weighted: Decimal | None
    assessors: int
    withheld: str = ""

    @property
    def disagreement(self) -> bool:
        return any(cell is not None and cell.disagreement for cell in self.cells)


@dataclass
class Moderation:
    criteria: list[Criterion]
    rows: list[ModerationRow]

    @property
    def flagged(self) -> int:
        return sum(1 for row in self.rows if row.disagreement and not row.withheld)


def assessed_bids(round: Round) -> QuerySet[Bid]:
    return with_sums(
        Bid.all_bids.filter(round=round, status__in=ASSESSABLE)
        .select_related("organisation", "lead_area", "recommendation", "determination")
        .order_by("organisation__name", "title", "pk")
    )


def declared_interests(user: Any, round: Round) -> dict[int, str]:
    """The nature of each interest the user declared in the round's bids, by bid."""
    if getattr(user, "pk", None) is None:
        return {}
    return dict(
        InterestDeclaration.objects.filter(bid__round=round, user_id=user.pk).values_list(
            "bid_id", "nature"
        )
    )


def withheld_from(user: Any, round: Round, bids: Iterable[Bid]) -> dict[int, str]:
    """Why each bid's assessment is kept from the user, for the bids it is kept from: a
    conflict of interest, or scoring still sealed for them."""
    declared = declared_interests(user, round)
    criteria = round.criteria.count()
    done = {
        bid_id
        for bid_id, count in Score.objects.filter(bid__round=round, assessor_id=user.pk)
        .order_by()
        .values("bid_id")
        .annotate(count=Count("criterion", distinct=True))
        .values_list("bid_id", "count")
        if criteria and count >= criteria
    }
    found = {}
    for bid in bids:
        verdict = permissions.can_view_assessment(
            user,
            bid,
            declared=declared.get(bid.pk),
            scored=bid.pk in done,
            moderation_open=round.moderation_open,
        )
        if not verdict:
            found[bid.pk] = verdict.reason
    return found


def moderation(round: Round, user: Any = None) -> Moderation:
    """Per bid and criterion: the assessors' mean and spread, with disagreement flagged.

    Given a ``user``, a bid whose assessment they may not see keeps its row, with the reason
    in place of the figures.
    """
    criteria = list(round.criteria.order_by("position"))
    return Moderation(criteria, _moderation_rows(round, criteria, list(assessed_bids(round)), user))


def _moderation_rows(
    round: Round, criteria: list[Criterion], bids: list[Bid], user: Any
) -> list[ModerationRow]:
    """The moderation rows of ``bids``, from one query of their scores."""
    scores: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    assessors: dict[int, set[int]] = defaultdict(set)
    for bid_id, criterion_id, assessor_id, value in Score.objects.filter(
        bid__in=[bid.pk for bid in bids]
    ).values_list("bid_id", "criterion_id", "assessor_id", "score"):
        scores[bid_id][criterion_id].append(value)
        assessors[bid_id].add(assessor_id)
    withheld = withheld_from(user, round, bids) if user is not None else {}
    weights = [rules.Criterion(c.pk, c.weight, c.scale_max) for c in criteria]
    rows = [
        ModerationRow(
            bid=bid,
            cells=[rules.summarise(scores[bid.pk][c.pk]) for c in criteria],
            weighted=rules.weighted_score(scores[bid.pk], weights),
            assessors=len(assessors[bid.pk]),
            withheld=withheld.get(bid.pk, ""),
        )
        for bid in bids
    ]
    for row in rows:
        if row.withheld:
            row.cells, row.weighted, row.assessors = [None] * len(criteria), None, 0
    return rows


def my_scores(bid: Bid, user: Any) -> dict[int, Score]:
    return {s.criterion_id: s for s in Score.objects.filter(bid=bid, assessor_id=user.pk)}


def scored_in_full(bid: Bid, user: Any) -> bool:
    """The user has scored the bid on every criterion of its round."""
    criteria = set(bid.round.criteria.values_list("pk", flat=True))
    return bool(criteria) and criteria <= set(my_scores(bid, user))


def bid_scores(bid: Bid) -> list[Score]:
    return list(
        Score.objects.filter(bid=bid)
        .select_related("criterion", "assessor")
        .order_by("criterion__position", "assessor__username")
    )


# --- the suggested package -------------------------------------------------------------------


@dataclass(frozen=True)
class PackageLine:
    bid: Bid
    score: Decimal | None
    amount_pence: int
    area: str
    chosen: bool
    reason: str
    withheld: str = ""


@dataclass
class PackageView:
    """The suggested package with what it leaves out and why, and the limits it respects."""

    lines: list[PackageLine]
    budget_pence: int
    envelopes: dict[str, int]
    area_names: dict[str, str]
    area_spend: dict[str, int]
    total_pence: int
    has_envelopes: bool

    @property
    def chosen(self) -> list[PackageLine]:
        return [line for line in self.lines if line.chosen and not line.withheld]

    @property
    def left_out(self) -> list[PackageLine]:
        return [line for line in self.lines if not line.chosen and not line.withheld]

    @property
    def withheld(self) -> list[PackageLine]:
        """Bids whose figures are kept from the reader, each with the reason."""
        return [line for line in self.lines if line.withheld]

    @property
    def envelope_rows(self) -> list[tuple[str, int, int]]:
        """Each area's name, envelope and what the package spends there."""
        return [
            (self.area_names.get(code, code), envelope, self.area_spend.get(code, 0))
            for code, envelope in self.envelopes.items()
        ]


def _package_area(bid: Bid) -> str:
    """A bid counts against its lead area (the first area it serves)."""
    return bid.lead_area.code if bid.lead_area is not None else "none"


def suggested_package(round: Round, user: Any = None) -> PackageView:
    """The highest weighted score within the round's budget and each area's envelope.

    Only fully scored bids that ask something of the fund's own year take part; the amount
    that counts is that year's, against the lead area's envelope. Given a ``user``, a bid
    whose assessment they may not see is listed apart, with the reason and no figures.
    """
    fund = round.fund
    result = fund.adopted_scenario.result if fund.adopted_scenario_id else None  # type: ignore[union-attr]
    envelopes = rules.envelopes(result) if result else {}
    area_names = {a["code"]: a["name"] for a in result["areas"]} if result else {}
    board = moderation(round)
    candidates: list[package.Bid] = []
    held: dict[str, str] = {}
    by_id: dict[str, ModerationRow] = {}
    for row in board.rows:
        key = str(row.bid.pk)
        by_id[key] = row
        first_year = int(row.bid.first_year_pence)  # type: ignore[attr-defined]
        if row.weighted is None:
            held[key] = "not yet scored on every criterion"
        elif first_year <= 0:
            held[key] = f"asks nothing for {fund.financial_year}"
        else:
            candidates.append(package.Bid(key, _package_area(row.bid), first_year, row.weighted))
    suggestion = package_cache.suggest(
        f"round-{round.pk}", candidates, round.available_pence, envelopes
    )
    chosen = set(suggestion.chosen)
    withheld = (
        withheld_from(user, round, [row.bid for row in board.rows]) if user is not None else {}
    )
    lines = [
        PackageLine(
            bid=row.bid,
            score=row.weighted,
            amount_pence=int(row.bid.first_year_pence),  # type: ignore[attr-defined]
            area=_package_area(row.bid),
            chosen=key in chosen,
            reason=held.get(key) or suggestion.excluded.get(key, ""),
            withheld=withheld.get(row.bid.pk, ""),
        )
        for key, row in by_id.items()
    ]
    lines.sort(key=lambda line: (not line.chosen, -(line.score or Decimal(-1)), line.bid.pk))
    return PackageView(
        lines=lines,
        budget_pence=round.available_pence,
        envelopes=envelopes,
        area_names=area_names,
        area_spend=dict(suggestion.area_spend),
        total_pence=suggestion.total_amount,
        has_envelopes=bool(envelopes),
    )


# --- grants ----------------------------------------------------------------------------------


@dataclass
class GrantRow:
    """A grant with its money: ``paid_pence`` is what was actually paid (payments recorded, net
    of reversals); ``due_pence`` what the schedule said would be paid by today."""

    grant: Grant
    paid_pence: int
    spent_pence: int | None
    late: list[MonitoringReturn]
    rag: str
    due_pence: int = 0
    paid_by_period_pence: int = 0

    @property
    def underspend_pence(self) -> int | None:
        if self.spent_pence is None:
            return None
        return max(self.paid_by_period_pence - self.spent_pence, 0)


def _grant_queryset() -> GrantQuerySet:
    return Grant.all_grants.select_related(
        "bid__organisation", "bid__round__fund", "bid__lead_area", "determination__decided_by"
    ).prefetch_related(
        Prefetch("instalments", queryset=Instalment.objects.order_by("due_on")),
        Prefetch("returns", queryset=MonitoringReturn.objects.order_by("period_start")),
        Prefetch("payments", queryset=Payment.objects.order_by("paid_on", "pk")),
    )


def _row(grant: Grant, today: date) -> GrantRow:
    instalments = [rules.Instalment(i.due_on, i.amount_pence) for i in grant.instalments.all()]
    payments = list(grant.payments.all())
    submitted = [r for r in grant.returns.all() if r.submitted_at is not None]
    latest = submitted[-1] if submitted else None
    until = latest.period_end if latest else today
    return GrantRow(
        grant=grant,
        paid_pence=sum(p.amount_pence for p in payments),
        spent_pence=latest.spend_to_date_pence if latest else None,
        late=[r for r in grant.returns.all() if r.is_late(today)],
        rag=latest.rag if latest else "",
        due_pence=rules.paid_by(instalments, today),
        paid_by_period_pence=sum(p.amount_pence for p in payments if p.paid_on <= until),
    )


@dataclass
class InstalmentLine:
    """One instalment of the schedule with the money paid against it."""

    instalment: Instalment
    payments: list[Payment]

    @property
    def paid_pence(self) -> int:
        return sum(p.amount_pence for p in self.payments)

    @property
    def left_pence(self) -> int:
        return self.instalment.amount_pence - self.paid_pence

    @property
    def status(self) -> str:
        if self.paid_pence == 0:
            return "Not paid"
        return "Paid" if self.left_pence == 0 else "Part paid"


def instalment_lines(grant: Grant) -> list[InstalmentLine]:
    """The schedule with its payments, from the grant's prefetched instalments and payments."""
    by_instalment: dict[int, list[Payment]] = defaultdict(list)
    for payment in grant.payments.all():
        by_instalment[payment.instalment_id].append(payment)
    reversed_ids = {p.reverses_id for p in grant.payments.all() if p.reverses_id}
    for payment in grant.payments.all():
        payment.was_reversed = payment.pk in reversed_ids  # type: ignore[attr-defined]
    return [
        InstalmentLine(instalment, by_instalment.get(instalment.pk, []))
        for instalment in grant.instalments.all()
    ]


def grant_rows(region: Region, user: Any) -> list[GrantRow]:
    today = timezone.localdate()
    grants = (
        _grant_queryset()
        .visible_to(user)
        .filter(bid__round__fund__region=region)
        .order_by("bid__round__fund__financial_year", "bid__organisation__name", "pk")
    )
    return [_row(grant, today) for grant in grants]


def find_grant(region: Region, pk: int) -> Grant | None:
    return _grant_queryset().filter(bid__round__fund__region=region, pk=pk).first()


def grant_row(grant: Grant) -> GrantRow:
    return _row(grant, timezone.localdate())


def grant_history(grant: Grant) -> list[dict[str, Any]]:
    return core_selectors.gathered_history(
        (grant.history.select_related("history_user"), Grant, "The grant"),
        *(
            (model.history.filter(grant_id=grant.pk).select_related("history_user"), model, what)
            for model, what in (
                (Instalment, "Instalment"),
                (Payment, "Payment"),
                (MonitoringReturn, "Monitoring return"),
            )
        ),
        (
            ReturnFigure.history.filter(monitoring_return__grant_id=grant.pk).select_related(
                "history_user"
            ),
            ReturnFigure,
            "Figure reported",
        ),
    )


@dataclass(frozen=True)
class MeasureLine:
    """One measure a grant's bid declared, with the latest figure its returns reported."""

    outcome: str
    measure: str
    target: str
    value: Decimal | None
    period_end: date | None


def measure_lines(grant_ids: Iterable[int]) -> dict[int, list[MeasureLine]]:
    """Each grant's declared measures with their latest reported figures, in two queries."""
    ids = list(grant_ids)
    outcomes = BidOutcome.objects.filter(bid__grant__in=ids).values_list(
        "pk", "bid__grant", "outcome", "measure", "target"
    )
    latest: dict[int, tuple[Decimal, date]] = {}
    figures = (
        ReturnFigure.objects.filter(
            monitoring_return__grant__in=ids, monitoring_return__submitted_at__isnull=False
        )
        .order_by("monitoring_return__period_end")
        .values_list("outcome_id", "value", "monitoring_return__period_end")
    )
    for outcome_id, value, period_end in figures:
        latest[outcome_id] = (value, period_end)
    lines: dict[int, list[MeasureLine]] = {grant_id: [] for grant_id in ids}
    for pk, grant_id, outcome, measure, target in outcomes.order_by("pk"):
        value, period_end = latest.get(pk, (None, None))
        lines[grant_id].append(MeasureLine(outcome, measure, target, value, period_end))
    return lines


PUBLISHED_FIELDS: dict[str, str] = {
    "identifier": "identifier",
    "title": "title",
    "description": "description",
    "recipient_name": "recipient's name",
    "recipient_identifier": "recipient's identifier",
    "funder_name": "funder's name",
    "funder_identifier": "funder's identifier",
    "amount_pence": "amount",
    "amount_applied_for_pence": "amount applied for",
    "award_date": "date awarded",
    "decided_by": "who decided",
    "decision_reference": "decision reference",
    "outcome": "decision",
    "planned_start": "start date",
    "planned_end": "end date",
    "areas": "areas",
    "programme_code": "programme code",
    "programme_title": "programme",
    "fund_name": "fund",
    "round_title": "round",
}


def publication_figures(grant: Grant) -> dict[str, Any]:
    """The grant as it would be published now: what a publication snapshot records."""
    bid = (
        Bid.all_bids.select_related("organisation", "round__fund__owner")
        .prefetch_related(Prefetch("areas", queryset=Area.objects.order_by("name")))
        .get(pk=grant.bid_id)
    )
    fund = bid.round.fund
    prefix = fund.prefix
    determination = Determination.objects.select_related("decided_by").get(
        pk=grant.determination_id
    )
    requested = BidAmount.objects.filter(bid=bid).aggregate(total=Sum("amount_pence"))["total"]
    return {
        "identifier": threesixty.grant_identifier(prefix, grant.pk),
        "title": bid.title,
        "description": bid.summary,
        "recipient_name": bid.organisation.name,
        "recipient_identifier": threesixty.organisation_identifier(
            bid.organisation.org_id, bid.organisation.slug, prefix
        ),
        "funder_name": fund.owner.name,
        "funder_identifier": threesixty.organisation_identifier(
            fund.owner.org_id, fund.owner.slug, prefix
        ),
        "amount_pence": grant.amount_pence,
        "amount_applied_for_pence": int(requested or 0),
        "award_date": determination.decided_on,
        "decided_by": str(determination.decided_by),
        "decision_reference": determination.reference,
        "outcome": determination.get_outcome_display(),
        "planned_start": grant.agreement_start,
        "planned_end": grant.agreement_end,
        "areas": [{"code": area.code, "name": area.name} for area in bid.areas.all()],
        "programme_code": f"{fund.slug}-{bid.round.slug}",
        "programme_title": f"{fund.name}: {bid.round.title}",
        "fund_name": fund.name,
        "round_title": bid.round.title,
    }


def publication_changes(publication: GrantPublication, figures: dict[str, Any]) -> list[str]:
    """What differs between what was published and the grant now, as people name it."""
    return [
        label
        for name, label in PUBLISHED_FIELDS.items()
        if getattr(publication, name) != figures[name]
    ]


@dataclass
class Publication:
    """A grant's published versions, newest first, and how the grant now differs."""

    versions: list[GrantPublication]
    changes: list[str]


def grant_publication(grant: Grant) -> Publication:
    versions = list(grant.publications.select_related("published_by").order_by("-version"))
    current = next((v for v in versions if v.pk == grant.publication_id), None)
    changes = (
        publication_changes(current, publication_figures(grant))
        if current is not None and grant.withdrawn_at is None
        else []
    )
    return Publication(versions, changes)


def _paid() -> Coalesce:
    """What has been paid on the grant: its payments, net of reversals."""
    rows = (
        Payment.objects.filter(grant=OuterRef("pk"))
        .order_by()
        .values("grant")
        .annotate(total=Sum("amount_pence"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def published_grants(region: Region) -> QuerySet[Grant]:
    """The public register: determined, published grants only, as they were published, with
    what has been paid on each (``paid_pence``)."""
    return (
        Grant.objects.filter(bid__round__fund__region=region, publication__isnull=False)
        .select_related("publication")
        .annotate(paid_pence=_paid())
        .order_by("-publication__award_date", "publication__recipient_name", "pk")
    )


def find_published_grant(region: Region, pk: int) -> Grant | None:
    return published_grants(region).filter(pk=pk).first()


def status_counts(round: Round) -> dict[str, int]:
    counts = dict.fromkeys(BidStatus.values, 0)
    for row in Bid.all_bids.filter(round=round).values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


# --- openness --------------------------------------------------------------------------------


def published_versions(grant: Grant) -> list[GrantPublication]:
    """Every version of a published grant, newest first, for its public page."""
    return list(grant.publications.order_by("-version"))


def grant_records(grants: Iterable[Grant], *, url_for: Any = None) -> list[threesixty.GrantRecord]:
    """Published grants as 360Giving records, from what was published; ``url_for(grant)``
    gives each one's public page."""
    records = []
    for grant in grants:
        published = grant.publication
        if published is None:
            continue
        payments = list(grant.payments.all())
        records.append(
            threesixty.GrantRecord(
                identifier=published.identifier,
                title=published.title,
                description=published.description,
                amount_awarded_pence=published.amount_pence,
                amount_applied_for_pence=published.amount_applied_for_pence,
                award_date=published.award_date,
                recipient=threesixty.Organisation(
                    published.recipient_identifier, published.recipient_name
                ),
                funder=threesixty.Organisation(published.funder_identifier, published.funder_name),
                programme_code=published.programme_code,
                programme_title=published.programme_title,
                locations=tuple(
                    threesixty.Location(area["code"], area["name"]) for area in published.areas
                ),
                planned_start=published.planned_start,
                planned_end=published.planned_end,
                modified=max([published.published_at, *(p.recorded_at for p in payments)]),
                url=url_for(grant) if url_for else "",
                disbursements=tuple(
                    threesixty.Disbursement(
                        identifier=f"{published.identifier}-payment-{p.pk}",
                        paid_on=p.paid_on,
                        amount_pence=p.amount_pence,
                        description="Reversal of an earlier payment" if p.reverses_id else "",
                        modified=p.recorded_at,
                    )
                    for p in payments
                ),
            )
        )
    return records


def export_grants(region: Region) -> QuerySet[Grant]:
    """Published grants with everything the 360Giving export reads, in identifier order: what
    was published, and the payments made since (money paid is never part of a snapshot)."""
    return (
        published_grants(region)
        .prefetch_related(Prefetch("payments", queryset=Payment.objects.order_by("paid_on", "pk")))
        .order_by("pk")
    )


# What waits for someone, for "Your work" (remit.work): each a fixed number of queries.


def bids_to_assess(region: Region, user: Any) -> list[Bid]:
    """Submitted bids with no recommendation yet that the user may score and has not scored
    on every criterion; a bid the user is conflicted on is never offered."""
    user_id = getattr(user, "pk", None)
    criteria = (
        Criterion.objects.filter(round=OuterRef("round"))
        .order_by()
        .values("round")
        .annotate(n=Count("pk"))
        .values("n")
    )
    bids = (
        Bid.all_bids.filter(
            round__fund__region=region,
            status=BidStatus.SUBMITTED,
            recommendation__isnull=True,
        )
        .annotate(
            criteria_count=Coalesce(Subquery(criteria, output_field=IntegerField()), 0),
            my_scores=Count(
                "scores__criterion", filter=Q(scores__assessor_id=user_id), distinct=True
            ),
        )
        .select_related("round", "organisation")
        .order_by("submitted_at", "pk")
    )
    declared = dict(
        InterestDeclaration.objects.filter(
            bid__round__fund__region=region, user_id=user_id
        ).values_list("bid_id", "nature")
    )
    return [
        bid
        for bid in bids
        if not (bid.criteria_count and bid.my_scores >= bid.criteria_count)
        and permissions.can_score(user, bid, declared=declared.get(bid.pk))
    ]


def rounds_in_moderation(region: Region) -> QuerySet[Round]:
    """Rounds whose moderation is open and which still have bids with no recommendation.

    Each carries ``waiting``: how many.
    """
    return (
        Round.objects.filter(fund__region=region, moderation_opened_at__isnull=False)
        .annotate(
            waiting=Count(
                "bids",
                filter=Q(bids__status=BidStatus.SUBMITTED, bids__recommendation__isnull=True),
            )
        )
        .filter(waiting__gt=0)
        .select_related("fund")
        .order_by("closes_at", "pk")
    )


def rounds_to_moderate(region: Region, now: Any) -> QuerySet[Round]:
    """Closed rounds with submitted bids whose moderation has not been opened.

    Each carries ``waiting``: how many bids.
    """
    return (
        Round.objects.filter(
            fund__region=region, moderation_opened_at__isnull=True, closes_at__lt=now
        )
        .annotate(
            waiting=Count(
                "bids",
                filter=Q(bids__status=BidStatus.SUBMITTED, bids__recommendation__isnull=True),
            )
        )
        .filter(waiting__gt=0)
        .select_related("fund")
        .order_by("closes_at", "pk")
    )


def instalments_due(region: Region, today: date, within_days: int) -> QuerySet[Instalment]:
    """Instalments of grants in force falling due from today to ``within_days`` ahead."""
    from datetime import timedelta

    return (
        Instalment.objects.filter(
            grant__bid__round__fund__region=region,
            grant__withdrawn_at__isnull=True,
            due_on__gte=today,
            due_on__lte=today + timedelta(days=within_days),
        )
        .select_related("grant__bid__organisation")
        .order_by("due_on", "pk")
    )


def returns_outstanding(region: Region, user: Any, *, due_by: date) -> QuerySet[MonitoringReturn]:
    """Returns not yet submitted and due on or before ``due_by``, on grants the user may see."""
    return (
        MonitoringReturn.objects.filter(
            grant__in=Grant.all_grants.visible_to(user),
            grant__bid__round__fund__region=region,
            grant__withdrawn_at__isnull=True,
            submitted_at__isnull=True,
            due_on__lte=due_by,
        )
        .select_related("grant__bid__organisation")
        .order_by("due_on", "pk")
    )


def open_rounds_for(region: Region, user: Any, now: Any) -> QuerySet[Round]:
    """Rounds open for bids now, closing soonest first; each carries ``own_bids``: how many
    bids the user's organisation has in it."""
    return (
        Round.objects.filter(fund__region=region, opens_at__lte=now, closes_at__gte=now)
        .annotate(
            own_bids=Count(
                "bids", filter=Q(bids__organisation_id=getattr(user, "organisation_id", None))
            )
        )
        .select_related("fund")
        .order_by("closes_at", "pk")
    )


def live_bids_for(region: Region, user: Any) -> QuerySet[Bid]:
    """Draft and submitted bids the user may see (a partner: their own organisation's)."""
    return (
        Bid.all_bids.visible_to(user)
        .filter(round__fund__region=region, status__in=[BidStatus.DRAFT, BidStatus.SUBMITTED])
        .select_related("round")
        .order_by("round__closes_at", "pk")
    )


def grants_for(region: Region, user: Any) -> QuerySet[Grant]:
    """Grants in force the user may see (a partner: their own organisation's)."""
    return (
        Grant.all_grants.visible_to(user)
        .filter(bid__round__fund__region=region, withdrawn_at__isnull=True)
        .select_related("bid__round")
        .order_by("agreement_end", "pk")
    )


def awaiting_determination(region: Region, user: Any) -> list[Bid]:
    """Bids with the partnership's recommendation that the user, as the fund's decision
    maker, has still to determine; oldest recommendation first."""
    person_id = getattr(user, "person_id", None)
    bids = (
        Bid.all_bids.filter(
            round__fund__region=region,
            round__fund__decision_maker_id=person_id,
            status=BidStatus.SUBMITTED,
            recommendation__isnull=False,
            determination__isnull=True,
        )
        .select_related("round__fund", "organisation", "recommendation__board")
        .order_by("recommendation__recommended_on", "recommendation__recorded_at", "pk")
    )
    return [bid for bid in bids if permissions.can_determine(user, bid)]


def determinations_by(region: Region, user: Any, since: date) -> QuerySet[Determination]:
    """Determinations the user made on or after ``since``, newest first."""
    return (
        Determination.objects.filter(
            bid__round__fund__region=region,
            decided_by_id=getattr(user, "person_id", None),
            decided_on__gte=since,
        )
        .select_related("bid__organisation")
        .order_by("-decided_on", "-recorded_at", "-pk")
    )


# --- the public site: rounds open for bids ----------------------------------------------------


def _public_rounds(region: Region, now: datetime) -> QuerySet[Round]:
    """Rounds the public may read: every round that has opened (a call for bids is published
    when it opens)."""
    return Round.objects.filter(fund__region=region, opens_at__lte=now).select_related(
        "fund__owner", "fund__recommending_board"
    )


def open_rounds(region: Region, now: datetime, limit: int) -> QuerySet[Round]:
    """Rounds taking bids now, closing soonest first."""
    return _public_rounds(region, now).filter(closes_at__gt=now).order_by("closes_at", "pk")[:limit]


def find_public_round(region: Region, pk: int, now: datetime) -> Round | None:
    """A round that has opened, with the questions bidders answer and how bids are judged."""
    return (
        _public_rounds(region, now)
        .prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("position", "pk")),
            Prefetch("criteria", queryset=Criterion.objects.order_by("position", "pk")),
        )
        .filter(pk=pk)
        .first()
    )


def awaiting_recommendation(round: Round, user: Any) -> tuple[list[Bid], dict[int, str]]:
    """The round's bids the board has yet to recommend on, and, apart, those the user is
    conflicted on (with why) — they take no part in those."""
    bids = list(
        Bid.objects.filter(round=round, status__in=ASSESSABLE, recommendation__isnull=True)
        .select_related("organisation")
        .prefetch_related("amounts")
        .order_by("pk")
    )
    declared = declared_interests(user, round)
    conflicted = {}
    for bid in bids:
        why = permissions.conflict(user, bid, declared=declared.get(bid.pk))
        if why:
            conflicted[bid.pk] = why
    return [b for b in bids if b.pk not in conflicted], conflicted


def asked_by_year(bids: Iterable[Bid], round: Round) -> dict[int, list[tuple[str, int]]]:
    """What each bid asks for in each of the round's years (from prefetched amounts)."""
    years = round.years
    out = {}
    for bid in bids:
        asked = {a.financial_year: a.amount_pence for a in bid.amounts.all()}
        out[bid.pk] = [(y, asked.get(y, 0)) for y in years]
    return out


def recommendation_items(round: Round) -> QuerySet[Any]:
    """Open items for decision on the region's boards' agendas that could be about the round,
    the recommending board's first, newest meetings first."""
    from remit.meetings.models import AgendaItem, Meeting

    board_id = round.fund.recommending_board_id or 0
    return (
        AgendaItem.objects.filter(
            meeting__board__region_id=round.fund.region_id,
            state=AgendaItem.State.OPEN,
            kind__in=[AgendaItem.Kind.DECISION, AgendaItem.Kind.REPORT],
        )
        .filter(Q(fund_round__isnull=True) | Q(fund_round=round))
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related("meeting__board")
        .annotate(
            theirs=Case(
                When(meeting__board_id=board_id, then=1), default=0, output_field=IntegerField()
            )
        )
        .order_by("-theirs", "-meeting__date", "position", "pk")
    )


def agenda_meetings(round: Round, today: date) -> QuerySet[Any]:
    """Upcoming meetings of the recommending board whose agendas can still change."""
    from remit.meetings.models import Meeting

    return (
        Meeting.objects.filter(
            board_id=round.fund.recommending_board_id or 0,
            date__gte=today,
            status__in=[Meeting.Status.SCHEDULED, Meeting.Status.PAPERS_PUBLISHED],
        )
        .select_related("board")
        .order_by("date", "start_time")
    )


def round_agenda_items(round: Round) -> list[Any]:
    """Where the round's bids are (or were) business of the board."""
    return list(
        round.agenda_items.select_related("meeting__board")
        .prefetch_related("decisions")
        .order_by("meeting__date", "pk")
    )


def round_notices(round: Round) -> list[DecisionNotice]:
    return list(
        DecisionNotice.objects.filter(round=round)
        .select_related("supersedes")
        .order_by("-year", "-sequence")
    )


def find_notice(region: Region, pk: int) -> DecisionNotice | None:
    return (
        DecisionNotice.objects.filter(round__fund__region=region, pk=pk)
        .select_related("round__fund", "supersedes", "published_by")
        .first()
    )


def public_notices(region: Region) -> QuerySet[DecisionNotice]:
    """Published decision notices, newest first: the public decisions list carries them."""
    return (
        DecisionNotice.objects.published()
        .filter(round__fund__region=region)
        .select_related("supersedes")
        .order_by("-decided_on", "-year", "-sequence")
    )


def find_public_notice(region: Region, reference: str) -> DecisionNotice | None:
    return (
        public_notices(region)
        .select_related("round__fund")
        .filter(reference=reference.upper())
        .first()
    )


def corrected_by(notice: DecisionNotice, *, public: bool = False) -> DecisionNotice | None:
    """The notice that corrects this one; for the public, only once that one is published."""
    found = DecisionNotice.objects.filter(supersedes=notice)
    return (found.published() if public else found).first()


# --- maps of the fund ------------------------------------------------------------------------

SERVES_SEVERAL = (
    "A {what} that serves several areas counts in full in each of them, so the areas add up "
    "to more than the total."
)


@dataclass
class FundMap(map_pages.MapBlock):
    """A map of the fund with its table and CSV: ``csv_rows`` hold the plain figures (pounds to
    the penny, percentages, counts), ``off_map`` the areas with figures but no shape (such as the
    whole region), and ``notes`` what a reader needs to read the figures right."""

    csv_rows: list[tuple[str, ...]] = field(default_factory=list)
    off_map: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def csv_header(self) -> tuple[str, ...]:
        return ("Area", "Code", *self.headings, "Note")


@dataclass
class _Shapes:
    """The region's district shapes, each one's (code, name), and every area's name."""

    boundary: Any
    shapes: list[tuple[str, str]]
    names: dict[str, str]

    @property
    def codes(self) -> set[str]:
        return {code for code, _ in self.shapes}


def _district_shapes(region: Region) -> _Shapes | None:
    boundary = map_pages.district_boundary(region)
    if boundary is None:
        return None
    names = dict(region.areas.values_list("code", "name"))
    geometries = boundary.topology["objects"][boundary.object_name]["geometries"]
    shapes = [
        (str(g["id"]), names.get(str(g["id"])) or g.get("properties", {}).get("name", g["id"]))
        for g in geometries
    ]
    return _Shapes(boundary, shapes, names)


def _pounds(pence: int) -> str:
    sign = "-" if pence < 0 else ""
    pounds, pennies = divmod(abs(pence), 100)
    return f"{sign}{pounds}.{pennies:02d}"


def fund_reach(
    region: Region,
    figures: dict[str, charts.AreaFigure],
    *,
    id: str,
    caption: str,
    description: str,
    legend_title: str,
    headings: tuple[str, str],
    csv: str,
    what: str,
    notes: Sequence[str] = (),
) -> FundMap | None:
    """Money per district as a map, table and CSV: each area's amount and how many ``what``s
    (grants, bids) it has; an area with none has £0, a real zero. None without shapes, or
    with nothing to map."""
    found = _district_shapes(region) if figures else None
    if found is None:
        return None
    boundary = found.boundary
    rows = charts.money_rows(found.shapes, figures)
    counts = [figures[r.code].count if r.code in figures else 0 for r in rows]
    off_map = [
        (
            found.names.get(code, code),
            f"{format_pence(f.pence)} ({f.count} {what}{_plural(f.count)})",
        )
        for code, f in sorted(figures.items())
        if code not in found.codes
    ]
    return FundMap(
        id=id,
        caption=caption,
        spec=charts.fund_map_spec(
            boundary.topology,
            boundary.object_name,
            rows,
            description=description,
            legend_title=legend_title,
            attribution=boundary.load.attribution,
        ),
        rows=rows,
        attribution=boundary.load.attribution,
        csv=csv,
        headings=headings,
        extra=[(f"{n:,}",) for n in counts],
        csv_rows=[
            (r.name, r.code, _pounds(figures[r.code].pence if r.code in figures else 0), str(n), "")
            for r, n in zip(rows, counts, strict=True)
        ],
        off_map=off_map,
        notes=list(notes),
    )


def _plural(count: int) -> str:
    return "" if count == 1 else "s"


def _served(
    pairs: Iterable[tuple[int, str]], amounts: dict[int, int]
) -> dict[str, charts.AreaFigure]:
    """Each area's figure from (record, area code) pairs: the records' amounts and count."""
    pence: dict[str, int] = defaultdict(int)
    count: dict[str, int] = defaultdict(int)
    for record, code in pairs:
        pence[code] += amounts.get(record, 0)
        count[code] += 1
    return {code: charts.AreaFigure(code, pence[code], count[code]) for code in pence}


def _several(pairs: list[tuple[int, str]]) -> int:
    seen: dict[int, int] = defaultdict(int)
    for record, _ in pairs:
        seen[record] += 1
    return sum(1 for n in seen.values() if n > 1)


def _money_notes(what: str, records: int, total_pence: int, several: int) -> list[str]:
    notes = [f"{records:,} {what}{_plural(records)}, {format_pence(total_pence)} in all."]
    if several:
        notes.append(
            f"{several:,} of them serve{'s' if several == 1 else ''} more than one area. "
            + SERVES_SEVERAL.format(what=what)
        )
    return notes


def grants_by_area(region: Region, user: Any) -> FundMap | None:
    """The money awarded to the grants the user may list (not those withdrawn), by each area
    the grant serves."""
    grants = (
        Grant.all_grants.visible_to(user)
        .filter(bid__round__fund__region=region, withdrawn_at__isnull=True)
        .order_by()
    )
    amounts = dict(grants.values_list("bid_id", "amount_pence"))
    pairs = list(
        Bid.areas.through.objects.filter(bid_id__in=grants.values("bid_id"))
        .order_by()
        .values_list("bid_id", "area__code")
    )
    return fund_reach(
        region,
        _served(pairs, amounts),
        id="map-grants",
        caption="Map: money awarded to grants in each area",
        description="Map of the money awarded to the grants serving each district.",
        legend_title="Awarded (£)",
        headings=("Awarded", "Grants"),
        csv=reverse("funding:grants_areas_csv"),
        what="grant",
        notes=_money_notes("grant", len(amounts), sum(amounts.values()), _several(pairs)),
    )


def published_grants_by_area(region: Region) -> FundMap | None:
    """The public register's money by area, as each grant was published (its amount and the
    areas it serves in the version in force)."""
    published = (
        Grant.objects.filter(bid__round__fund__region=region, publication__isnull=False)
        .order_by()
        .values_list("pk", "publication__amount_pence", "publication__areas")
    )
    amounts: dict[int, int] = {}
    pairs: list[tuple[int, str]] = []
    for pk, pence, areas in published:
        amounts[pk] = int(pence)
        pairs += [(pk, str(area["code"])) for area in areas or []]
    return fund_reach(
        region,
        _served(pairs, amounts),
        id="map-published-grants",
        caption="Map: money awarded to published grants in each area",
        description="Map of the money awarded to the published grants serving each district.",
        legend_title="Awarded (£)",
        headings=("Awarded", "Grants"),
        csv=reverse("funding_public:areas_csv"),
        what="grant",
        notes=_money_notes("grant", len(amounts), sum(amounts.values()), _several(pairs)),
    )


def bids_by_area(round: Round) -> FundMap | None:
    """The round's bids (submitted, not withdrawn) on the areas they serve: how many, and the
    amount they ask for over every year."""
    bids = Bid.objects.filter(round=round).exclude(status=BidStatus.WITHDRAWN).order_by()
    asked = {
        pk: int(total or 0)
        for pk, total in bids.annotate(asked=Sum("amounts__amount_pence")).values_list(
            "pk", "asked"
        )
    }
    pairs = list(
        Bid.areas.through.objects.filter(bid_id__in=bids.values("pk"))
        .order_by()
        .values_list("bid_id", "area__code")
    )
    return fund_reach(
        round.fund.region,
        _served(pairs, asked),
        id="map-bids",
        caption=f"Map: bids to {round.title} in each area",
        description=(
            f"Map of the amount asked for by the bids to {round.title} serving each district."
        ),
        legend_title="Asked for (£)",
        headings=("Asked for", "Bids"),
        csv=reverse("funding:round_areas_csv", args=[round.pk]),
        what="bid",
        notes=_money_notes("bid", len(asked), sum(asked.values()), _several(pairs)),
    )


def scenario_map(scenario: AllocationScenario) -> FundMap | None:
    """Each area's share of the money the scenario shares between the areas (their totals,
    protected amounts included); a district not in the scenario is no data, never 0%."""
    fund = scenario.fund
    found = _district_shapes(fund.region)
    if found is None:
        return None
    boundary = found.boundary
    totals = {str(a["code"]): rules.pence(a["total"]) for a in scenario.result.get("areas", [])}
    rows = charts.share_rows(found.shapes, totals, no_data="not in this scenario")
    names = {str(a["code"]): str(a["name"]) for a in scenario.result.get("areas", [])}
    whole = sum(totals.values())
    return FundMap(
        id="map-scenario",
        caption=f"Map: each area's share of the allocation, {scenario.name}",
        spec=charts.fund_map_spec(
            boundary.topology,
            boundary.object_name,
            rows,
            description=f"Map of each district's share of the allocation in {scenario.name}.",
            legend_title="Share of the allocation (%)",
            attribution=boundary.load.attribution,
        ),
        rows=rows,
        attribution=boundary.load.attribution,
        csv=reverse("funding:scenario_areas_csv", args=[fund.slug, scenario.pk]),
        headings=("Share", "Allocation"),
        extra=[(format_pence(totals[r.code]) if r.code in totals else maps.NO_DATA,) for r in rows],
        csv_rows=[
            (
                r.name,
                r.code,
                "" if r.value is None else str(r.value),
                _pounds(totals[r.code]) if r.code in totals else "",
                r.note,
            )
            for r in rows
        ],
        off_map=[
            (names[code], format_pence(pence))
            for code, pence in totals.items()
            if code not in found.codes
        ],
        notes=[
            f"Shares of {format_pence(whole)}, the money the areas share after top slices, "
            "protected amounts included."
        ],
    )


# --- open data versions ----------------------------------------------------------------------


@dataclass(frozen=True)
class ExportVersion:
    """What the 360Giving export is built from, in a few numbers: equal versions, equal files."""

    region: int
    grants: int
    versions: int | None
    newest_version: int | None
    newest_payment: int | None
    newest_change: int | None


def export_version(region: Region) -> ExportVersion:
    """A cheap value that changes whenever the 360Giving export would: the region's published
    grants (how many, and which published version of each is in force), the newest payment
    (payments are never changed or deleted, only added) and the newest change to any grant
    (publishing, unpublishing, withdrawal). Three queries; only the first reads the grants,
    and none reads what was published or paid."""
    from django.db.models import Max

    # The register's grants without its per-grant sums: an aggregate over an annotated
    # queryset would work every grant's payments out first.
    shown = Grant.objects.filter(
        bid__round__fund__region=region, publication__isnull=False
    ).aggregate(count=Count("pk"), versions=Sum("publication_id"), newest=Max("publication_id"))
    paid = Payment.objects.aggregate(newest=Max("pk"))["newest"]
    changed = Grant.history.model.objects.aggregate(newest=Max("history_id"))["newest"]
    return ExportVersion(
        region=region.pk,
        grants=shown["count"],
        versions=shown["versions"],
        newest_version=shown["newest"],
        newest_payment=paid,
        newest_change=changed,
    )


# --- paged lists -----------------------------------------------------------------------------
#
# Lists that grow with the fund are shown a page at a time: only the page's rows are built,
# and the figures for the whole list (how many, how much) are SQL aggregates over every row.

LIST_PAGE_SIZE = 50


def _page(queryset: QuerySet[Any], number: Any) -> Page[Any]:
    return Paginator(queryset, LIST_PAGE_SIZE).get_page(number)


def _late_returns(grants: QuerySet[Grant], today: date) -> int:
    """Monitoring returns late by ``today`` (as ``MonitoringReturn.is_late`` says), counted."""
    submitted_on = TruncDate("submitted_at", tzinfo=timezone.get_current_timezone())
    return (
        MonitoringReturn.objects.filter(grant__in=grants.values("pk"))
        .annotate(submitted_on=submitted_on)
        .filter(
            Q(submitted_at__isnull=True, due_on__lt=today)
            | Q(submitted_at__isnull=False, submitted_on__gt=F("due_on"))
        )
        .count()
    )


@dataclass
class GrantList:
    """One page of the internal grants list, with figures for every grant the list holds."""

    page: Page[Any]
    rows: list[GrantRow]
    award_pence: int
    paid_pence: int
    late: int

    @property
    def count(self) -> int:
        return int(self.page.paginator.count)


def grant_list(region: Region, user: Any, number: Any = 1) -> GrantList:
    today = timezone.localdate()
    grants = (
        _grant_queryset()
        .visible_to(user)
        .filter(bid__round__fund__region=region)
        .order_by("bid__round__fund__financial_year", "bid__organisation__name", "pk")
    )
    page = _page(grants, number)
    award = grants.aggregate(total=Coalesce(Sum("amount_pence"), 0))["total"]
    paid = Payment.objects.filter(grant__in=grants.values("pk")).aggregate(
        total=Coalesce(Sum("amount_pence"), 0)
    )["total"]
    return GrantList(
        page=page,
        rows=[_row(grant, today) for grant in page.object_list],
        award_pence=int(award),
        paid_pence=int(paid),
        late=_late_returns(grants, today),
    )


@dataclass
class BidList:
    """One page of a round's bids, with what every bid in the list asks for in all."""

    page: Page[Any]
    requested_pence: int

    @property
    def count(self) -> int:
        return int(self.page.paginator.count)


def bid_list_page(round: Round, user: Any, number: Any = 1) -> BidList:
    bids = bid_list(round, user)
    requested = BidAmount.objects.filter(
        bid__in=Bid.all_bids.visible_to(user).filter(round=round).values("pk")
    ).aggregate(total=Coalesce(Sum("amount_pence"), 0))["total"]
    return BidList(page=_page(bids, number), requested_pence=int(requested))


@dataclass
class ModerationPage(Moderation):
    """One page of moderation, with the flags counted over every assessed bid."""

    page: Page[Any] | None = None
    flagged_count: int = 0

    @property
    def flagged(self) -> int:
        return self.flagged_count

    @property
    def count(self) -> int:
        return int(self.page.paginator.count) if self.page is not None else len(self.rows)


def _disagreeing(round: Round) -> QuerySet[Any]:
    """The ids of the round's bids whose assessors disagree on some criterion."""
    return (
        Score.objects.filter(bid__round=round)
        .order_by()
        .values("bid_id", "criterion_id")
        .annotate(spread=Max("score") - Min("score"))
        .filter(spread__gte=rules.DISAGREEMENT_SPREAD)
        .values("bid_id")
    )


def moderation_page(round: Round, user: Any, number: Any = 1) -> ModerationPage:
    criteria = list(round.criteria.order_by("position"))
    page = _page(assessed_bids(round), number)
    flagged = list(
        Bid.all_bids.filter(round=round, status__in=ASSESSABLE, pk__in=_disagreeing(round)).only(
            "pk", "organisation_id", "round_id"
        )
    )
    withheld = withheld_from(user, round, flagged)
    return ModerationPage(
        criteria=criteria,
        rows=_moderation_rows(round, criteria, list(page.object_list), user),
        page=page,
        flagged_count=sum(1 for bid in flagged if bid.pk not in withheld),
    )
