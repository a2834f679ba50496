"""Reads for indicator pages, dashboards, the API and the area report.

Each page loads its indicators, all their figures, targets and areas in a fixed number
of queries, then works out trends, ranks, gaps and RAG with `measures`.

Areas whose own police force's crimes are not in the store for a month (their figure
is only what a neighbouring force recorded there) are shown, marked as partial, and
left out of that month's ranks, gap and region figure.

Areas a region pack lists for comparison (``Area.context``) are shown with their figures
but are not part of the region: never in its figure, ranks or gap, nor in whether the
region's figure is complete.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, cast

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from remit.core import selectors as core_selectors
from remit.core.errors import DomainError
from remit.core.models import Area, Mission, Region
from remit.indicators import crime, kinds, measures
from remit.indicators.models import (
    ImportJob,
    Indicator,
    IndicatorQuerySet,
    IndicatorValue,
    Kind,
    Origin,
    Result,
    ResultMilestone,
    Target,
)
from remit.indicators.services._common import crime_store
from remit.indicators.services.values import area_forces, local_areas
from remit.regions import forces as police_forces

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

ValueRow = tuple[int, int, str, Decimal, bool]  # indicator, area, period, value, partial
NO_TARGET = measures.Assessment(measures.Rag.GREY, None, None)
GAP_PERIODS = 12


def indicators_for(user: Any, *, public: bool = False) -> IndicatorQuerySet:
    if public:
        return Indicator.objects.published()
    return Indicator.all_indicators.visible_to(user)


def _with_links(qs: IndicatorQuerySet) -> IndicatorQuerySet:
    return qs.prefetch_related(
        Prefetch("missions", queryset=Mission.objects.order_by("number")),
        Prefetch("targets", queryset=Target.objects.select_related("area").order_by("due")),
    )


def indicator_list(region: Region, user: Any, *, public: bool = False) -> IndicatorQuerySet:
    return (
        _with_links(indicators_for(user, public=public).filter(region=region))
        .annotate(value_count=Count("values"), latest_period=Max("values__period"))
        .order_by("name", "pk")
    )


def find_indicator(region: Region, slug: str, user: Any, *, public: bool = False) -> Indicator:
    found = _with_links(indicators_for(user, public=public).filter(region=region, slug=slug))
    indicator = found.first()
    if indicator is None:
        raise Http404("No such indicator.")
    return indicator


# ---------------------------------------------------------------- summaries


@dataclass
class AreaRow:
    area: Area
    points: list[measures.Point]
    partial_periods: frozenset[str]
    latest: measures.Point | None = None
    change: measures.Change | None = None
    rolling: measures.Point | None = None
    rank: int | None = None
    assessment: measures.Assessment = NO_TARGET

    @property
    def latest_partial(self) -> bool:
        return self.latest is not None and self.latest.period in self.partial_periods

    @property
    def partial(self) -> bool:
        return bool(self.partial_periods)

    def value_at(self, period: str) -> measures.Point | None:
        return next((p for p in self.points if p.period == period), None)


@dataclass
class Summary:
    indicator: Indicator
    periods: list[str]
    areas: list[AreaRow]
    region_points: list[measures.Point]
    gaps: list[measures.Gap]
    gap_trend: measures.GapTrend | None
    region_assessment: measures.Assessment
    compared: int = 0  # areas in the latest period's ranks and gap
    partial_areas: list[Area] = field(default_factory=list)

    @property
    def has_comparison_areas(self) -> bool:
        """Whether any area shown is there for comparison, outside the region's figures."""
        return any(row.area.context for row in self.areas)

    @property
    def latest_period(self) -> str | None:
        return self.periods[-1] if self.periods else None

    @property
    def region_latest(self) -> measures.Point | None:
        return self.region_points[-1] if self.region_points else None

    @property
    def latest_gap(self) -> measures.Gap | None:
        return self.gaps[-1] if self.gaps else None

    def row(self, area: Area) -> AreaRow | None:
        return next((r for r in self.areas if r.area.pk == area.pk), None)

    @property
    def monthly(self) -> bool:
        return bool(self.periods) and measures.is_month(self.periods[0])


def _targets(indicator: Indicator, area: Area | None) -> list[measures.Target]:
    """The area's own targets, else the region's (not for counts); none for context figures."""
    if not indicator.is_performance:
        return []
    area_id = area.pk if area else None
    own = [measures.Target(t.due, t.value) for t in indicator.targets.all() if t.area_id == area_id]
    if own or area is None or indicator.kind == Kind.COUNT:
        return own
    return _targets(indicator, None)


def summarise(indicator: Indicator, rows: Iterable[ValueRow], areas: dict[int, Area]) -> Summary:
    """Everything the pages say about one indicator, from its figures.

    Only performance kinds are ranked, have a gap and are rated against targets; a context
    figure such as population is summarised as facts only (`kinds`).
    """
    by_area: dict[int, list[measures.Point]] = defaultdict(list)
    partial: dict[int, set[str]] = defaultdict(set)
    by_period: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for _, area_id, period, value, is_partial in rows:
        if area_id not in areas:
            continue
        by_area[area_id].append(measures.Point(period, value))
        if is_partial:
            partial[area_id].add(period)
        elif not areas[area_id].context:
            by_period[period][areas[area_id].code] = value
    periods = sorted({p.period for points in by_area.values() for p in points})
    populations = {a.code: a.population for a in areas.values()}
    region_values = {
        period: kinds.region_figure(indicator.kind, by_period[period], populations)
        for period in periods
    }
    region_points = [
        measures.Point(period, total)
        for period, total in region_values.items()
        if total is not None
    ]
    performance = indicator.is_performance
    gaps = measures.gap_series(by_period, indicator.polarity) if performance else []
    latest = periods[-1] if periods else None
    ranks = measures.ranks(by_period[latest], indicator.polarity) if latest and performance else {}
    rows_out = [
        _area_row(indicator, areas[area_id], sorted(points, key=lambda p: p.period), partial, ranks)
        for area_id, points in by_area.items()
    ]
    rows_out.sort(key=lambda r: (r.area.context, r.rank is None, r.rank or 0, r.area.name))
    return Summary(
        indicator=indicator,
        periods=periods,
        areas=rows_out,
        region_points=region_points,
        gaps=gaps,
        gap_trend=measures.gap_trend(gaps, GAP_PERIODS),
        region_assessment=measures.assess(
            region_points[-1] if region_points else None,
            _targets(indicator, None),
            indicator.polarity,
            _baseline(indicator),
            complete=not _partial_in(
                {a: p for a, p in partial.items() if not areas[a].context},
                region_points[-1].period if region_points else None,
            ),
        ),
        compared=len(ranks),
        partial_areas=sorted(
            (areas[a] for a, periods_ in partial.items() if latest in periods_),
            key=lambda a: a.name,
        ),
    )


def _partial_in(partial: dict[int, set[str]], period: str | None) -> bool:
    """Whether any area's figure for the period is partial, so a region figure leaves it out."""
    return period is not None and any(period in periods for periods in partial.values())


def _baseline(indicator: Indicator) -> tuple[str, Decimal] | None:
    if indicator.baseline_period and indicator.baseline_value is not None:
        return (indicator.baseline_period, Decimal(indicator.baseline_value))
    return None


def _area_row(
    indicator: Indicator,
    area: Area,
    points: list[measures.Point],
    partial: dict[int, set[str]],
    ranks: dict[str, int],
) -> AreaRow:
    latest = points[-1] if points else None
    changes = measures.year_on_year(points)
    monthly = bool(points) and measures.is_month(points[0].period)
    # A 12-month total of a context figure such as population would add people up twice.
    rolling = measures.rolling_total(points) if monthly and indicator.is_performance else []
    targets = _targets(indicator, area)
    return AreaRow(
        area=area,
        points=points,
        partial_periods=frozenset(partial.get(area.pk, set())),
        latest=latest,
        change=changes[-1] if changes and latest and changes[-1].period == latest.period else None,
        rolling=rolling[-1] if rolling else None,
        rank=ranks.get(area.code),
        assessment=measures.assess(
            latest,
            targets,
            indicator.polarity,
            _baseline(indicator),
            complete=latest is None or latest.period not in partial.get(area.pk, set()),
        ),
    )


def _values(indicators: Sequence[Indicator]) -> dict[int, list[ValueRow]]:
    found: dict[int, list[ValueRow]] = defaultdict(list)
    rows = IndicatorValue.objects.filter(indicator__in=[i.pk for i in indicators]).values_list(
        "indicator_id", "area_id", "period", "value", "partial"
    )
    for row in rows.order_by("indicator_id", "area_id", "period"):
        found[row[0]].append(row)
    return found


def _areas(region: Region) -> dict[int, Area]:
    return {a.pk: a for a in region.areas.order_by("code")}


def summaries(region: Region, indicators: Sequence[Indicator]) -> list[Summary]:
    values = _values(indicators)
    areas = _areas(region)
    return [summarise(i, values.get(i.pk, []), areas) for i in indicators]


# ---------------------------------------------------------------- pages


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


@dataclass
class MissionPage:
    mission: Mission
    summaries: list[Summary]
    proposals: list[ProposalClaim]
    results: list[ResultView]
    results_page: Any = None


def mission_page(
    region: Region, number: int, user: Any, *, public: bool = False, results_page_number: Any = 1
) -> MissionPage:
    mission = mission_for(region, number)
    indicators = list(
        _with_links(indicators_for(user, public=public).filter(region=region, missions=mission))
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


def proposal_link(proposal: Any, user: Any, *, public: bool) -> str:
    """The proposal's page this viewer can open: the register's page for those who work on
    proposals, else its published page; no link to a draft they cannot open."""
    from django.urls import reverse

    from remit.proposals.permissions import can_view_drafts

    if not public and can_view_drafts(user):
        return reverse("proposals:detail", args=[proposal.pk])
    if proposal.is_published:
        return reverse("published_proposals:detail", args=[proposal.pk])
    return ""


def _proposal_claims(
    region: Region, mission: Mission, user: Any, *, public: bool
) -> list[ProposalClaim]:
    """Proposals that say they serve the mission, through the proposals register."""

    from remit.proposals import selectors as proposal_selectors
    from remit.proposals.models import Proposal

    qs = Proposal.objects.published() if public else Proposal.with_drafts.visible_to(user)
    register = proposal_selectors.register(
        region, qs, proposal_selectors.RegisterFilters(mission=mission.number)
    )
    claims = []
    for proposal in register:
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
    return claims


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
        _with_links(
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


# ---------------------------------------------------------------- results

# The records that declare results from their own pages, by their `app_label.model`.
OWNER_KINDS = {"proposals.proposal": "proposal", "funding.grant": "grant"}
OWNER_KEY = re.compile(r"^([a-z_]+\.[a-z_]+):(\d{1,18})$")


@dataclass(frozen=True)
class Owner:
    """A proposal or grant that declares results, as result pages name and link it."""

    obj: Any
    noun: str
    label: str
    url: str
    public_url: str

    @property
    def key(self) -> str:
        return owner_key(self.obj)

    def link_for(self, user: Any, *, public: bool) -> str:
        """Its own page for a viewer who can open it, else its public page, else no link."""
        if public:
            return self.public_url
        if self.noun == "proposal":
            return proposal_link(self.obj, user, public=False)
        from remit.funding.permissions import can_view_grant

        return self.url if can_view_grant(user, self.obj) else self.public_url


def owner_key(obj: Any) -> str:
    """How a link names the record declaring a result, such as `proposals.proposal:12`."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def owner_of(obj: Any) -> Owner | None:
    """The proposal or grant as results name it; None for any other record."""
    kind = OWNER_KINDS.get(obj._meta.label_lower)
    return _described(kind, obj) if kind else None


def _described(kind: str, obj: Any) -> Owner:
    from django.urls import reverse

    if kind == "proposal":
        return Owner(
            obj=obj,
            noun=kind,
            label=f"Proposal: {obj.title}",
            url=reverse("proposals:detail", args=[obj.pk]),
            public_url=(
                reverse("published_proposals:detail", args=[obj.pk]) if obj.is_published else ""
            ),
        )
    listed = obj.is_published and obj.withdrawn_at is None
    return Owner(
        obj=obj,
        noun=kind,
        label=f"Grant to {obj.bid.organisation.name}: {obj.bid.title}",
        url=reverse("funding:grant", args=[obj.pk]),
        public_url=reverse("funding_public:detail", args=[obj.pk]) if listed else "",
    )


def owner_region_id(obj: Any) -> int | None:
    kind = OWNER_KINDS.get(obj._meta.label_lower)
    if kind == "proposal":
        return int(obj.deal.region_id)
    if kind == "grant":
        return int(obj.bid.round.fund.region_id)
    return getattr(obj, "region_id", None)


def _owner_querysets() -> dict[str, QuerySet[Any]]:
    from remit.funding.models import Grant
    from remit.proposals.models import Proposal

    return {
        "proposal": Proposal.with_drafts.select_related("deal"),
        "grant": Grant.all_grants.select_related("bid__organisation", "bid__round__fund"),
    }


def find_owner(region: Region, key: str) -> Owner:
    """The proposal or grant a link names, in this region; otherwise a DomainError saying why.

    Whether the user may see it is a permission (`can_declare_result`), not a lookup.
    """
    match = OWNER_KEY.match(key.strip())
    if match is None:
        raise DomainError(
            "Name the proposal or grant as type:number, such as proposals.proposal:12.",
            field="owner",
        )
    kind = OWNER_KINDS.get(match[1])
    if kind is None:
        raise DomainError(
            f"Only proposals and grants declare results here, not “{match[1]}”.", field="owner"
        )
    obj = _owner_querysets()[kind].filter(pk=int(match[2])).first()
    if obj is None:
        raise DomainError(f"There is no {kind} {match[2]}.", field="owner")
    if owner_region_id(obj) != region.pk:
        raise DomainError(
            f"{kind.capitalize()} {match[2]} belongs to another region.", field="owner"
        )
    return _described(kind, obj)


@dataclass
class ResultView:
    result: Result
    milestones: list[ResultMilestone]
    delivery: measures.Rag
    missions: list[Mission]
    indicators: list[Indicator] = field(default_factory=list)
    owner_label: str = ""
    owner_url: str = ""
    # For a grant's result, signed in: the grant's measures and their latest reported figures.
    measures: list[Any] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(1 for m in self.milestones if m.done_on is not None)


def _results(region: Region, user: Any, *, public: bool = False) -> QuerySet[Result]:
    qs = Result.objects.published() if public else Result.all_results.visible_to(user)
    return qs.filter(region=region)


def _declared_by(result: Result, owner: Owner | None, public: bool, user: Any) -> tuple[str, str]:
    """Who declared it and the link to them, as far as the viewer may see that record.

    A proposal or grant is named and linked to its own page for those who may open it, to
    its published page for everyone else, and not named at all until it is published.
    """
    if owner is None:
        return result.owner_label, result.owner_url
    link = owner.link_for(user, public=public)
    if link:
        return owner.label, link
    return f"A {owner.noun} not yet published", ""


def result_views(
    qs: QuerySet[Result],
    today: Any = None,
    *,
    public: bool = False,
    owner: Any = None,
    user: Any = None,
) -> list[ResultView]:
    """Results with their milestones, delivery, missions, indicators and owner's link.

    Queries do not grow with the results: owners are fetched per kind, or not at all when
    every result belongs to the `owner` given.
    """
    from django.contrib.contenttypes.prefetch import GenericPrefetch
    from django.utils import timezone

    today = today or timezone.localdate()
    prefetches: list[Any] = [
        Prefetch("milestones", queryset=ResultMilestone.objects.order_by("due", "pk")),
        Prefetch("missions", queryset=Mission.objects.order_by("number")),
        Prefetch(
            "indicators",
            queryset=Indicator.all_indicators.prefetch_related("missions").order_by("name"),
        ),
    ]
    if owner is None:
        prefetches.append(GenericPrefetch("owner", list(_owner_querysets().values())))
    fixed = owner_of(owner) if owner is not None else None
    views = []
    for result in qs.distinct().prefetch_related(*prefetches).order_by("title", "pk"):
        milestones = list(result.milestones.all())
        indicators = list(result.indicators.all())
        missions = {m.pk: m for m in result.missions.all()}
        for indicator in indicators:
            missions.update({m.pk: m for m in indicator.missions.all()})
        if owner is None and result.owner_type_id is not None and result.owner is not None:
            found = owner_of(result.owner)
        else:
            found = fixed
        label, url = _declared_by(result, found, public, user)
        views.append(
            ResultView(
                result=result,
                milestones=milestones,
                delivery=measures.delivery_status(
                    [measures.Milestone(m.due, m.done_on) for m in milestones], today
                ),
                missions=sorted(missions.values(), key=lambda m: m.number),
                indicators=[i for i in indicators if i.is_published] if public else indicators,
                owner_label=label,
                owner_url=url,
            )
        )
    if not public and user is not None:
        _grant_measures(views, user)
    return views


def _grant_measures(views: list[ResultView], user: Any) -> None:
    """Roll the figures a grant's monitoring returns report up to the grant's results, for
    those who may open the grant itself (its returns are not public)."""
    from django.contrib.contenttypes.models import ContentType

    from remit.funding import selectors as funding_selectors
    from remit.funding.models import Grant

    kind = ContentType.objects.get_for_model(Grant).pk
    owned = [v for v in views if v.result.owner_type_id == kind and v.result.owner_id]
    if not owned:
        return
    ids = {int(v.result.owner_id) for v in owned}  # type: ignore[arg-type]
    may_open = Grant.all_grants.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True)
    lines = funding_selectors.measure_lines(may_open)
    for view in owned:
        view.measures = lines.get(int(view.result.owner_id), [])  # type: ignore[arg-type]


def find_result(region: Region, pk: int, user: Any) -> ResultView:
    views = result_views(_results(region, user).filter(pk=pk), user=user)
    if not views:
        raise Http404("No such result.")
    return views[0]


def owner_results(owner: Any, user: Any, *, public: bool = False) -> list[ResultView]:
    """The results a proposal or grant has declared, for the section on its own page.

    The owner's type is matched by name, so the page's queries do not depend on whether
    content types are cached yet.
    """
    qs = Result.objects.published() if public else Result.all_results.visible_to(user)
    mine = qs.filter(
        owner_type__app_label=owner._meta.app_label,
        owner_type__model=owner._meta.model_name,
        owner_id=owner.pk,
    )
    return result_views(mine, public=public, owner=owner, user=user)


@dataclass
class MissionResults:
    mission: Mission | None
    results: list[ResultView]

    @property
    def average_progress(self) -> int:
        """The mean of the results' progress to the nearest whole per cent, halves up."""
        count = len(self.results)
        if not count:
            return 0
        total = sum(r.result.progress_percent for r in self.results)
        return (2 * total + count) // (2 * count)

    def count(self, rag: str) -> int:
        return sum(1 for r in self.results if r.delivery == rag)


def accountability(region: Region, user: Any, *, public: bool = False) -> list[MissionResults]:
    """Results rolled up by the missions they serve (a result may serve several)."""
    views = result_views(_results(region, user, public=public), public=public, user=user)
    missions = list(Mission.objects.filter(region=region).order_by("number"))
    grouped = [
        MissionResults(m, [v for v in views if any(x.pk == m.pk for x in v.missions)])
        for m in missions
    ]
    unlinked = [v for v in views if not v.missions]
    if unlinked:
        grouped.append(MissionResults(None, unlinked))
    return grouped


def result_history(result: Result) -> list[dict[str, Any]]:
    """Every change to the result and to its milestones, newest first, with who and why."""
    return core_selectors.gathered_history(
        (result.history.select_related("history_user"), Result, "The result"),
        (
            ResultMilestone.history.filter(result_id=result.pk).select_related("history_user"),
            ResultMilestone,
            lambda record: f"Milestone “{record.title}”",
        ),
    )


# ---------------------------------------------------------------- crime data


@dataclass(frozen=True)
class ForceCoverage:
    force: str
    months: tuple[str, ...]
    rows: int
    unlocated: int


@dataclass
class AreaCoverage:
    """Which police forces' files cover an area, and the months all of them are held for."""

    area: Area
    forces: tuple[str, ...]
    months_loaded: tuple[str, ...]

    @property
    def force_names(self) -> list[str]:
        return police_forces.force_names(self.forces)

    @property
    def covered(self) -> bool:
        return bool(self.months_loaded)


@dataclass
class CrimeData:
    force_months: list[crime.ForceMonth]
    forces: list[ForceCoverage]
    lookup: crime.LookupInfo | None
    areas: list[AreaCoverage]
    months: list[str]
    jobs: list[ImportJob]

    @property
    def uncovered(self) -> list[AreaCoverage]:
        return [a for a in self.areas if a.forces and not a.covered]

    @property
    def missing_forces(self) -> list[str]:
        held = {f.force for f in self.forces}
        return sorted(
            {
                police_forces.force_name(slug)
                for a in self.uncovered
                for slug in a.forces
                if slug not in held
            }
        )


def crime_data(region: Region, store: Path | None = None) -> CrimeData:
    store = store or crime_store()
    force_months = crime.status(store)
    by_force: dict[str, list[crime.ForceMonth]] = defaultdict(list)
    for fm in force_months:
        by_force[fm.force].append(fm)
    forces = [
        ForceCoverage(
            force,
            tuple(fm.month for fm in items),
            sum(fm.rows for fm in items),
            sum(fm.unlocated for fm in items),
        )
        for force, items in sorted(by_force.items())
    ]
    loaded = {f.force: f.months for f in forces}
    areas = local_areas(region)
    assigned = area_forces(areas)
    coverage = [
        AreaCoverage(a, assigned[a.pk], _months_held(assigned[a.pk], loaded)) for a in areas
    ]
    return CrimeData(
        force_months=force_months,
        forces=forces,
        lookup=crime.lookup_info(store),
        areas=coverage,
        months=sorted({fm.month for fm in force_months}),
        jobs=list(ImportJob.objects.filter(region=region).select_related("requested_by")[:10]),
    )


def _months_held(forces: Sequence[str], loaded: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The months the store holds the files of every one of an area's forces."""
    if not forces:
        return ()
    months = set(loaded.get(forces[0], ()))
    for force in forces[1:]:
        months &= set(loaded.get(force, ()))
    return tuple(sorted(months))


def crime_summary(
    region: Region,
    *,
    area: str | None = None,
    month_from: str | None = None,
    month_to: str | None = None,
    crime_type: str | None = None,
    store: Path | None = None,
) -> list[crime.SummaryRow]:
    """Crimes per area, month and type from the store (DuckDB; no rows through the ORM)."""
    areas = [(a.code, a.name) for a in local_areas(region)]
    return list(
        crime.summary(
            store or crime_store(),
            areas,
            area=area,
            month_from=month_from,
            month_to=month_to,
            crime_type=crime_type,
        )
    )


def import_job(region: Region, pk: int) -> ImportJob:
    job = ImportJob.objects.filter(region=region, pk=pk).select_related("requested_by").first()
    if job is None:
        raise Http404("No such import.")
    return job


def crime_indicators(region: Region) -> IndicatorQuerySet:
    return Indicator.all_indicators.filter(region=region, origin=Origin.CRIME)


# What waits for someone, for "Your work" (remit.work): each a fixed number of queries.


def imports_to_watch(region: Region, failed_since: Any) -> QuerySet[ImportJob]:
    """Crime imports waiting or running, and those refused since ``failed_since``."""
    return (
        ImportJob.objects.filter(region=region)
        .filter(
            Q(status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING])
            | Q(status=ImportJob.Status.FAILED, finished_at__gte=failed_since)
        )
        .order_by("created_at", "pk")
    )


class LatestPeriod(TypedDict):
    """What `latest_periods` adds to each indicator: none when it has no figures."""

    latest: str | None


def latest_periods(region: Region) -> QuerySet[WithAnnotations[Indicator, LatestPeriod]]:
    """Every indicator (drafts included) with ``latest``: the latest period it has figures for."""
    # IndicatorQuerySet is not generic, so its annotate() cannot carry the added field's type.
    return cast(
        "QuerySet[WithAnnotations[Indicator, LatestPeriod]]",
        Indicator.all_indicators.filter(region=region)
        .annotate(latest=Max("values__period"))
        .order_by("name", "pk"),
    )


def targets_without_data(region: Region) -> QuerySet[Target]:
    """Targets with no figure at all to measure them by: none for their area, or, for a
    target for the whole region, none for any area."""
    from django.db.models import Exists, OuterRef

    for_area = IndicatorValue.objects.filter(indicator=OuterRef("indicator"), area=OuterRef("area"))
    for_region = IndicatorValue.objects.filter(indicator=OuterRef("indicator"))
    return (
        Target.objects.filter(indicator__region=region)
        .annotate(has_area=Exists(for_area), has_any=Exists(for_region))
        .filter(Q(area__isnull=False, has_area=False) | Q(area__isnull=True, has_any=False))
        .select_related("indicator", "area")
        .order_by("due", "pk")
    )


# ---------------------------------------------------------------- the public home


@dataclass
class Headline:
    """A published indicator's region figure, which way it moved on a year before, and whether
    that is the better way for this indicator."""

    summary: Summary
    change: measures.Change | None
    direction: str  # "up", "down", "same", or "" when there is no figure a year before
    better: bool | None  # None when it has not moved or cannot be compared

    @property
    def indicator(self) -> Indicator:
        return self.summary.indicator


def movement(change: measures.Change | None, polarity: str) -> tuple[str, bool | None]:
    """Which way a change went, and whether that is better for an indicator of this polarity."""
    if change is None:
        return "", None
    if change.absolute == 0:
        return "same", None
    up = change.absolute > 0
    return ("up" if up else "down"), up == (polarity == measures.HIGHER_IS_BETTER)


def headline_indicators(region: Region, limit: int) -> list[Headline]:
    """The region's headline figures: published indicators that have figures, in mission order
    (those serving no mission last), each with its latest region figure and its direction."""
    indicators = list(
        _with_links(Indicator.objects.published().filter(region=region))
        .filter(Exists(IndicatorValue.objects.filter(indicator=OuterRef("pk"))))
        .annotate(first_mission=Min("missions__number"))
        .order_by(F("first_mission").asc(nulls_last=True), "name", "pk")[:limit]
    )
    headlines = []
    for summary in summaries(region, indicators):
        changes = measures.year_on_year(summary.region_points)
        latest = summary.region_latest
        change = changes[-1] if changes and latest and changes[-1].period == latest.period else None
        direction, better = movement(change, summary.indicator.polarity)
        if not summary.indicator.is_performance:
            better = None
        headlines.append(Headline(summary, change, direction, better))
    return headlines


# ---------------------------------------------------------------- figures for the fund's formula


@dataclass(frozen=True)
class HeldIndicator:
    """An indicator with the periods it holds figures for, newest first."""

    indicator: Indicator
    periods: list[str]


def held_indicators(region: Region, user: Any) -> list[HeldIndicator]:
    """The indicators the user may see that hold figures, for measuring need; two queries."""
    indicators = list(indicators_for(user).filter(region=region).order_by("name", "pk"))
    periods: dict[int, set[str]] = defaultdict(set)
    rows = IndicatorValue.objects.filter(indicator__in=[i.pk for i in indicators])
    for indicator_id, period in rows.values_list("indicator_id", "period").distinct():
        periods[indicator_id].add(period)
    return [
        HeldIndicator(indicator, sorted(periods[indicator.pk], reverse=True))
        for indicator in indicators
        if periods[indicator.pk]
    ]


def figures_for(chosen: dict[int, str], areas: Iterable[Area]) -> dict[int, dict[str, Decimal]]:
    """Each chosen indicator's complete figure per area code for its chosen period; one query.

    A partial figure (the area's own police force's file is not in the store) is not the
    area's figure, so it is left out like a missing one.
    """
    codes = {area.pk: area.code for area in areas}
    found: dict[int, dict[str, Decimal]] = {indicator_id: {} for indicator_id in chosen}
    if not chosen or not codes:
        return found
    pairs = Q()
    for indicator_id, period in chosen.items():
        pairs |= Q(indicator_id=indicator_id, period=period)
    rows = IndicatorValue.objects.filter(pairs, area_id__in=list(codes), partial=False)
    for indicator_id, area_id, value in rows.values_list("indicator_id", "area_id", "value"):
        found[indicator_id][codes[area_id]] = value
    return found


# ---------------------------------------------------------------- open data versions


def figures_version(region: Region, indicators: Sequence[Indicator]) -> tuple[Any, ...]:
    """A cheap value that changes whenever a figures CSV of these indicators would: how each
    indicator is defined, its figures (loads replace them, so the newest row changes), and
    the region's areas with their names and populations. Two queries."""
    from django.db.models import Sum

    ids = [i.pk for i in indicators]
    figures = list(
        IndicatorValue.objects.filter(indicator__in=ids)
        .order_by()
        .values("indicator_id")
        .annotate(
            n=Count("pk"),
            newest=Max("pk"),
            total=Sum("value"),
            partial=Count("pk", filter=Q(partial=True)),
        )
        .values_list("indicator_id", "n", "newest", "total", "partial")
        .order_by("indicator_id")
    )
    areas = list(region.areas.order_by("pk").values_list("pk", "code", "name", "population"))
    defined = [
        (i.pk, i.slug, i.kind, i.unit, i.polarity, i.decimal_places, i.refreshed_at)
        for i in indicators
    ]
    return (region.pk, tuple(defined), tuple(figures), tuple(areas))


def area_indicators(
    region: Region, code: str, user: Any, *, public: bool = False
) -> tuple[Area, list[Indicator]]:
    """The area and the indicators with figures for it that the user may see, as
    ``area_page`` finds them, without working out their summaries."""
    area = area_for(region, code)
    indicators = list(
        indicators_for(user, public=public)
        .filter(region=region, values__area=area)
        .prefetch_related(Prefetch("missions", queryset=Mission.objects.order_by("number")))
        .distinct()
    )
    return area, indicators


# ---------------------------------------------------------------- results, a page at a time
#
# The results page and the mission pages grow with every result declared: they show a page
# of results at a time, and the roll-up by mission is counted by the database over them all.

RESULTS_PAGE_SIZE = 50
SOON_DAYS = 30


def _with_delivery(qs: QuerySet[Result], today: Any) -> QuerySet[Result]:
    """Each result's delivery as ``measures.delivery_status`` gives it, worked out in SQL."""
    from datetime import timedelta

    from django.db.models import Case, CharField, Value, When

    milestones = ResultMilestone.objects.filter(result=OuterRef("pk"))
    open_ = milestones.filter(done_on__isnull=True)
    return qs.annotate(
        delivery_status=Case(
            When(~Exists(milestones), then=Value(measures.Rag.GREY.value)),
            When(Exists(open_.filter(due__lt=today)), then=Value(measures.Rag.RED.value)),
            When(
                Exists(open_.filter(due__lte=today + timedelta(days=SOON_DAYS))),
                then=Value(measures.Rag.AMBER.value),
            ),
            default=Value(measures.Rag.GREEN.value),
            output_field=CharField(),
        )
    )


def _serving(mission: Mission | None) -> Q:
    """Results that serve the mission, themselves or through an indicator; ``None``: none."""
    direct = Result.missions.through.objects
    through = Result.indicators.through.objects
    if mission is None:
        return ~Q(pk__in=direct.values("result_id")) & ~Q(
            pk__in=through.filter(indicator__missions__isnull=False).values("result_id")
        )
    return Q(pk__in=direct.filter(mission_id=mission.pk).values("result_id")) | Q(
        pk__in=through.filter(indicator__missions=mission).values("result_id")
    )


@dataclass(frozen=True)
class MissionTally:
    """How many results serve a mission (or none), their mean progress, and their delivery."""

    mission: Mission | None
    results: int
    progress_total: int
    delivery: dict[str, int]

    @property
    def average_progress(self) -> int:
        """The mean of the results' progress to the nearest whole per cent, halves up."""
        if not self.results:
            return 0
        return (2 * self.progress_total + self.results) // (2 * self.results)

    def count(self, rag: str) -> int:
        return self.delivery.get(rag, 0)


def mission_tallies(region: Region, user: Any, today: Any = None) -> list[MissionTally]:
    """Results rolled up by the missions they serve, in one aggregate query; a result that
    serves several missions counts under each."""
    from django.db.models import Sum
    from django.db.models.functions import Coalesce
    from django.utils import timezone

    today = today or timezone.localdate()
    missions: list[Mission | None] = [*Mission.objects.filter(region=region).order_by("number")]
    missions.append(None)
    rags = [r.value for r in (measures.Rag.GREEN, measures.Rag.AMBER, measures.Rag.RED)]
    rags.append(measures.Rag.GREY.value)
    terms: dict[str, Any] = {}
    for n, mission in enumerate(missions):
        serving = _serving(mission)
        terms[f"n{n}"] = Count("pk", filter=serving)
        terms[f"p{n}"] = Coalesce(Sum("progress_percent", filter=serving), 0)
        for rag in rags:
            terms[f"{rag}{n}"] = Count("pk", filter=serving & Q(delivery_status=rag))
    totals = _with_delivery(_results(region, user), today).aggregate(**terms)
    return [
        MissionTally(
            mission=mission,
            results=totals[f"n{n}"],
            progress_total=totals[f"p{n}"],
            delivery={rag: totals[f"{rag}{n}"] for rag in rags},
        )
        for n, mission in enumerate(missions)
    ]


@dataclass
class ResultsPage:
    page: Any
    views: list[ResultView]

    @property
    def count(self) -> int:
        return int(self.page.paginator.count)


def results_page(
    qs: QuerySet[Result], number: Any, *, public: bool = False, user: Any = None
) -> ResultsPage:
    """One page of the results in ``qs``, by title: only the page's results are built."""
    from django.core.paginator import Paginator

    ids = qs.order_by().values("pk").distinct()
    ordered = Result.all_results.filter(pk__in=ids).order_by("title", "pk")
    page = Paginator(ordered.values_list("pk", flat=True), RESULTS_PAGE_SIZE).get_page(number)
    chosen = Result.all_results.filter(pk__in=list(page.object_list))
    return ResultsPage(page, result_views(chosen, public=public, user=user))


def region_results(region: Region, user: Any, mission: Mission | str | None = "") -> Any:
    """The results the user may see; of one mission, or of none (``None``), if asked."""
    qs = _results(region, user)
    return qs if mission == "" else qs.filter(_serving(mission))  # type: ignore[arg-type]


def mission_results(region: Region, mission: Mission, user: Any, *, public: bool) -> Any:
    return _results(region, user, public=public).filter(_serving(mission))
