"""Results: what is to be delivered for each mission, by whom, and how it is going. The
results page and the mission pages show a page of results at a time, and the roll-up by
mission is counted by the database over them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.db.models import Count
from django.db.models import Exists
from django.db.models import OuterRef
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet
from django.http import Http404

from remit.core import selectors as core_selectors
from remit.core.errors import DomainError
from remit.core.models import Mission
from remit.core.models import Region
from remit.indicators import measures
from remit.indicators.models import Indicator
from remit.indicators.models import Result
from remit.indicators.models import ResultMilestone
from remit.indicators.owners import OwnerKind
from remit.indicators.owners import kind_of
from remit.indicators.owners import kinds
from remit.indicators.owners import nouns


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


# ---------------------------------------------------------------- results

OWNER_KEY = re.compile(r"^([a-z_]+\.[a-z_]+):(\d{1,18})$")


@dataclass(frozen=True)
class Owner:
    """A proposal or grant that declares results, as result pages name and link it."""

    obj: Any
    noun: str
    label: str
    url: str
    public_url: str
    kind: OwnerKind

    @property
    def key(self) -> str:
        return owner_key(self.obj)

    def link_for(self, user: Any, *, public: bool) -> str:
        """Its own page for a viewer who can open it, else its public page, else no link."""
        if public:
            return self.public_url
        return self.url if self.kind.may_open(user, self.obj) else self.public_url


def owner_key(obj: Any) -> str:
    """How a link names the record declaring a result, such as `proposals.proposal:12`."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def owner_of(obj: Any) -> Owner | None:
    """The proposal or grant as results name it; None for any other record."""
    kind = kind_of(obj)
    return _described(kind, obj) if kind else None


def _described(kind: OwnerKind, obj: Any) -> Owner:
    return Owner(
        obj=obj,
        noun=kind.noun,
        label=kind.label(obj),
        url=kind.url(obj),
        public_url=kind.public_url(obj),
        kind=kind,
    )


def owner_region_id(obj: Any) -> int | None:
    kind = kind_of(obj)
    return kind.region_id(obj) if kind else getattr(obj, "region_id", None)


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
    kind = kinds().get(match[1])
    if kind is None:
        raise DomainError(f"Only {nouns()} declare results here, not “{match[1]}”.", field="owner")
    obj = kind.queryset().filter(pk=int(match[2])).first()
    if obj is None:
        raise DomainError(f"There is no {kind.noun} {match[2]}.", field="owner")
    if owner_region_id(obj) != region.pk:
        raise DomainError(
            f"{kind.noun.capitalize()} {match[2]} belongs to another region.", field="owner"
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
    qs = Result.objects.published() if public else Result.all_objects.visible_to(user)
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
            queryset=Indicator.all_objects.prefetch_related("missions").order_by("name"),
        ),
    ]
    if owner is None:
        prefetches.append(GenericPrefetch("owner", [kind.queryset() for kind in kinds().values()]))
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
        _owner_measures(views, user)
    return views


def _owner_measures(views: list[ResultView], user: Any) -> None:
    """Roll the figures a record reports (a grant's monitoring returns) up to its results, for
    those who may open the record itself (its returns are not public)."""
    from django.contrib.contenttypes.models import ContentType

    for kind in kinds().values():
        if kind.measures is None:
            continue
        content_type = ContentType.objects.get_for_model(kind.queryset().model).pk
        owned = [v for v in views if v.result.owner_type_id == content_type and v.result.owner_id]
        if not owned:
            continue
        lines = kind.measures({int(v.result.owner_id) for v in owned}, user)  # type: ignore[arg-type]
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
    qs = Result.objects.published() if public else Result.all_objects.visible_to(user)
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


# ---------------------------------------------------------------- results, a page at a time
#
# The results page and the mission pages grow with every result declared: they show a page
# of results at a time, and the roll-up by mission is counted by the database over them all.

RESULTS_PAGE_SIZE = 50
SOON_DAYS = 30


def _with_delivery(qs: QuerySet[Result], today: Any) -> QuerySet[Result]:
    """Each result's delivery as ``measures.delivery_status`` gives it, worked out in SQL."""
    from datetime import timedelta

    from django.db.models import Case
    from django.db.models import CharField
    from django.db.models import Value
    from django.db.models import When

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
    """Results rolled up by the missions they serve, in one query grouped by delivery; a
    result that serves several missions counts under each.

    Grouping by delivery works each result's delivery out once, not once for every figure
    counted of it, which is what made the rolled-up figures slow with many results.
    """
    from django.db.models import Sum
    from django.utils import timezone

    today = today or timezone.localdate()
    missions: list[Mission | None] = [*Mission.objects.filter(region=region).order_by("number")]
    missions.append(None)
    terms: dict[str, Any] = {}
    for n, mission in enumerate(missions):
        serving = _serving(mission)
        terms[f"n{n}"] = Count("pk", filter=serving)
        terms[f"p{n}"] = Sum("progress_percent", filter=serving)
    # Typed loosely: the stubs do not know `delivery_status`, an annotation.
    rows: Any = _with_delivery(_results(region, user), today)
    groups = list(rows.order_by().values("delivery_status").annotate(**terms))
    rags = [r.value for r in (measures.Rag.GREEN, measures.Rag.AMBER, measures.Rag.RED)]
    rags.append(measures.Rag.GREY.value)
    return [
        MissionTally(
            mission=mission,
            results=sum(group[f"n{n}"] for group in groups),
            progress_total=sum(group[f"p{n}"] or 0 for group in groups),
            delivery={
                rag: sum(g[f"n{n}"] for g in groups if g["delivery_status"] == rag) for rag in rags
            },
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
    ordered = Result.all_objects.filter(pk__in=ids).order_by("title", "pk")
    page = Paginator(ordered.values_list("pk", flat=True), RESULTS_PAGE_SIZE).get_page(number)
    chosen = Result.all_objects.filter(pk__in=list(page.object_list))
    return ResultsPage(page, result_views(chosen, public=public, user=user))


def region_results(region: Region, user: Any, mission: Mission | str | None = "") -> Any:
    """The results the user may see; of one mission, or of none (``None``), if asked."""
    qs = _results(region, user)
    return qs if mission == "" else qs.filter(_serving(mission))  # type: ignore[arg-type]


def mission_results(region: Region, mission: Mission, user: Any, *, public: bool) -> Any:
    return _results(region, user, public=public).filter(_serving(mission))
