"""Loading a region pack: validate first, then upsert everything in one transaction.

Loading the same pack twice changes nothing (no saves, no history rows); a
changed pack updates only what changed. Memberships and route steps missing
from a pack are removed; so are areas, with their figures and shapes, unless
another record still uses one, when nothing is loaded and those records are
named. Other records missing from it are kept and reported, since decisions
and papers may refer to them.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal
from typing import Any
from typing import TypeVar

from django.db import models
from django.db import transaction
from django.utils import timezone

from remit.core import permissions
from remit.core.errors import NotPermitted
from remit.core.models import Area
from remit.core.models import Board
from remit.core.models import GovernanceRoute
from remit.core.models import Membership
from remit.core.models import Mission
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import RouteStep
from remit.core.models import Substitute
from remit.core.models import Theme
from remit.core.models import User
from remit.core.models import Workstream
from remit.core.services.writes import apply_changes
from remit.core.services.writes import apply_many
from remit.core.services.writes import delete_attributed
from remit.core.services.writes import save_attributed
from remit.regions.pack import PackError
from remit.regions.pack import PackIssue
from remit.regions.pack import RegionPack
from remit.regions.pack import load_pack

M = TypeVar("M", bound=models.Model)


@dataclass
class LoadReport:
    region: Region
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    not_in_pack: list[str] = field(default_factory=list)
    pack: RegionPack | None = None
    """The pack as loaded, so what comes after (the demo's indicators) reads what it declares."""

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)

    def lines(self) -> list[str]:
        kinds = sorted(set(self.created) | set(self.updated) | set(self.removed))
        out = [
            f"{kind}: {self.created[kind]} added, {self.updated[kind]} updated, "
            f"{self.removed[kind]} removed"
            for kind in kinds
        ]
        out += [f"kept (not in pack): {name}" for name in self.not_in_pack]
        return out or ["no changes"]


class Upserter:
    """Creates or updates one record from the pack, attributed, and counts it in the report."""

    def __init__(self, report: LoadReport, by: User | None) -> None:
        self.report = report
        self.by = by

    def __call__(self, model: type[M], lookup: dict[str, Any], values: dict[str, Any]) -> M:
        kind = str(model._meta.verbose_name_plural)
        instance = model._default_manager.filter(**lookup).first()
        if instance is None:
            instance = model(**lookup, **values)
            save_attributed(instance, by=self.by, reason="Loaded from region pack")
            self.report.created[kind] += 1
            return instance
        changed = apply_changes(instance, values)
        if changed:
            save_attributed(
                instance, by=self.by, reason="Region pack changed: " + ", ".join(sorted(changed))
            )
            self.report.updated[kind] += 1
        return instance

    def remove_missing(self, queryset: models.QuerySet[Any], keep: set[int]) -> None:
        for instance in queryset.exclude(pk__in=keep):
            delete_attributed(instance, by=self.by, reason="Removed: no longer in the region pack")
            self.report.removed[str(queryset.model._meta.verbose_name_plural)] += 1


def pence(pounds: Decimal) -> int:
    return int((pounds * 100).to_integral_exact())


@dataclass(frozen=True)
class PackLoad:
    """A pack part's view of the load: the pack, and the records core has loaded from it."""

    pack: RegionPack
    region: Region
    organisations: dict[str, Organisation]
    people: dict[str, Person]
    boards: dict[str, Board]
    upsert: Upserter


PackPart = Callable[[PackLoad], None]
_PACK_PARTS: list[PackPart] = []


def pack_part(load: PackPart) -> None:
    """Load a part of every pack that belongs to an app above core (its funds, say).

    Apps register in `AppConfig.ready`, so core never imports them (ADR 9); each part runs
    in the same transaction as the rest of the pack, after the boards and people.
    """
    if load not in _PACK_PARTS:
        _PACK_PARTS.append(load)


@transaction.atomic
def region_load(
    *, by: User | None, text: str, source: str = "<pack>", activate: bool = False
) -> LoadReport:
    """Validate a pack (raising `PackError` with every located problem) and load it."""
    if by is not None and not permissions.can_load_region(by).allowed:
        raise NotPermitted(permissions.can_load_region(by).reason)
    pack = load_pack(text, source=source)
    digest = hashlib.sha256(text.encode()).hexdigest()
    return _load(pack, by=by, digest=digest, activate=activate)


def _serve_areas(pack: RegionPack, orgs: dict[str, Organisation], areas: dict[str, Area]) -> None:
    for o in pack.organisations:
        apply_many(orgs[o.slug], "areas_served", [areas[code] for code in o.serves])


def _load(pack: RegionPack, *, by: User | None, digest: str, activate: bool) -> LoadReport:
    info = pack.region
    region = Region.objects.filter(slug=info.slug).first() or Region(slug=info.slug)
    report = LoadReport(region=region, pack=pack)
    upsert = Upserter(report, by)
    region = upsert(
        Region,
        {"slug": info.slug},
        {
            "name": info.name,
            "description": info.description or "",
            "as_of": info.as_of,
            "population_source": info.population_source or "",
        },
    )
    report.region = region
    Region.objects.filter(pk=region.pk).update(pack_sha256=digest, loaded_at=timezone.now())

    areas = {
        a.code: upsert(
            Area,
            {"region": region, "code": a.code},
            {
                "name": a.name,
                "kind": a.kind,
                "population": a.population,
                "population_year": a.population_year,
                "constituent": a.constituent,
                "forces": list(a.forces),
                "context": a.context,
            },
        )
        for a in pack.areas
    }
    orgs = {
        o.slug: upsert(
            Organisation,
            {"region": region, "slug": o.slug},
            {
                "name": o.name,
                "kind": o.kind,
                "area": areas.get(o.area) if o.area else None,
                "constituent": o.constituent,
                "org_id": o.org_id or "",
                "website": o.website or "",
            },
        )
        for o in pack.organisations
    }
    _serve_areas(pack, orgs, areas)
    people = {
        p.slug: upsert(
            Person,
            {"region": region, "slug": p.slug},
            {
                "name": p.name,
                "job_title": p.job_title or "",
                "organisation": orgs.get(p.organisation) if p.organisation else None,
                "email": p.email or "",
            },
        )
        for p in pack.people
    }
    for m in pack.missions:
        upsert(
            Mission,
            {"region": region, "number": m.number},
            {"short_title": m.short_title, "target": m.target},
        )
    for t_pos, t in enumerate(pack.themes):
        theme = upsert(
            Theme, {"region": region, "slug": t.slug}, {"name": t.name, "position": t_pos}
        )
        for w_pos, w in enumerate(t.workstreams):
            upsert(
                Workstream,
                {"theme": theme, "slug": w.slug},
                {
                    "name": w.name,
                    "lead": people.get(w.lead) if w.lead else None,
                    "sponsor": people.get(w.sponsor) if w.sponsor else None,
                    "beyond_deal": bool(w.beyond_deal),
                    "position": w_pos,
                },
            )
    boards: dict[str, Board] = {}
    for b in _parents_first(pack):
        boards[b.slug] = upsert(
            Board,
            {"region": region, "slug": b.slug},
            {
                "name": b.name,
                "description": b.description or "",
                "kind": b.kind,
                "organisation": orgs.get(b.organisation) if b.organisation else None,
                "parent": boards[b.parent] if b.parent else None,
                "meeting_frequency": b.meeting_frequency,
                "paper_deadline_days": b.paper_deadline_days,
                "quorum": b.quorum,
                "substitutes_allowed": b.substitutes_allowed,
                "substitutes_count_towards_quorum": b.substitutes_count_towards_quorum,
                "decision_reference_prefix": b.decision_reference_prefix or "",
            },
        )
    for b in pack.boards:
        board = boards[b.slug]
        keep = set()
        for ms in b.memberships:
            membership = upsert(
                Membership,
                {
                    "board": board,
                    "person": people[ms.person],
                    "role": ms.role,
                    "start": ms.from_date,
                },
                {
                    "organisation": orgs[ms.organisation] if ms.organisation else None,
                    "end": ms.to_date,
                },
            )
            keep.add(membership.pk)
            named = {
                upsert(Substitute, {"membership": membership, "person": people[slug]}, {}).pk
                for slug in ms.substitutes
            }
            upsert.remove_missing(Substitute.objects.filter(membership=membership), named)
        upsert.remove_missing(Membership.objects.filter(board=board), keep)
    for r in pack.governance_routes:
        route = upsert(
            GovernanceRoute,
            {"region": region, "slug": r.slug},
            {
                "name": r.name,
                "final_board": boards[r.final_board] if r.final_board else None,
                "final_decision_maker": (
                    people[r.final_decision_maker] if r.final_decision_maker else None
                ),
            },
        )
        keep = {
            upsert(RouteStep, {"route": route, "position": pos}, {"board": boards[slug]}).pk
            for pos, slug in enumerate(r.steps, start=1)
        }
        upsert.remove_missing(RouteStep.objects.filter(route=route), keep)
    loaded = PackLoad(pack, region, orgs, people, boards, upsert)
    for part in _PACK_PARTS:
        part(loaded)
    _remove_missing_areas(upsert, region, pack)
    _note_missing(report, region, pack)
    if activate or not Region.objects.filter(is_active=True).exists():
        region_activate(region=region)
    return report


def _parents_first(pack: RegionPack) -> list[Any]:
    """Boards ordered so each parent is saved before its sub-groups (the pack has no cycles)."""
    ordered: list[Any] = []
    placed: set[str] = set()
    pending = list(pack.boards)
    while pending:
        ready = [b for b in pending if not b.parent or b.parent in placed]
        ordered += ready
        placed |= {b.slug for b in ready}
        pending = [b for b in pending if b.slug not in placed]
    return ordered


def _note_missing(report: LoadReport, region: Region, pack: RegionPack) -> None:
    def missing(qs: models.QuerySet[Any], key: str, present: set[Any], label: str) -> None:
        for value, name in qs.exclude(**{f"{key}__in": present}).values_list(key, "name"):
            report.not_in_pack.append(f"{label} {value} ({name})")

    missing(region.areas.all(), "code", {a.code for a in pack.areas}, "area")
    missing(
        region.organisations.all(), "slug", {o.slug for o in pack.organisations}, "organisation"
    )
    missing(region.people.all(), "slug", {p.slug for p in pack.people}, "person")
    missing(region.boards.all(), "slug", {b.slug for b in pack.boards}, "board")


# Records that belong to an area and go with it: its figures, shapes, neighbourhoods and the
# force recorded for it. Any other record that refers to an area keeps it from being removed.
AREA_OWNED = frozenset(
    {
        "indicators.indicatorvalue",
        "indicators.areaforce",
        "indicators.boundary",
        "indicators.neighbourhood",
    }
)
IN_USE_SHOWN = 5


class AreaInUse(PackError):
    """An area left out of a pack that other records still use; nothing is loaded."""


def area_users(area: Area) -> list[str]:
    """The records (other than its own figures and shapes) that still refer to an area."""
    found: list[str] = []
    for relation in Area._meta.get_fields(include_hidden=True):
        if not isinstance(relation, models.ForeignObjectRel):
            continue
        model = relation.related_model
        if not isinstance(model, type) or not issubclass(model, models.Model):
            continue
        if model._meta.auto_created:  # a many-to-many table: its relation is counted itself
            continue
        label = model._meta.label_lower
        if label in AREA_OWNED or hasattr(model, "instance_type"):  # history keeps its own
            continue
        field_name = relation.field.name
        users = model._default_manager.filter(**{field_name: area})
        total = users.count()
        if not total:
            continue
        noun = str(model._meta.verbose_name if total == 1 else model._meta.verbose_name_plural)
        names = [str(user) for user in users[:IN_USE_SHOWN]]
        more = f" and {total - len(names)} more" if total > len(names) else ""
        found.append(f"{total} {noun}: " + "; ".join(names) + more)
    return found


def _remove_missing_areas(upsert: Upserter, region: Region, pack: RegionPack) -> None:
    """Remove the areas a pack no longer lists, or refuse, naming what still uses them."""
    kept = {a.code for a in pack.areas}
    missing = list(region.areas.exclude(code__in=kept).order_by("code"))
    problems = []
    for area in missing:
        users = area_users(area)
        if users:
            problems.append(
                PackIssue(
                    "areas",
                    f"{area.name} ({area.code}) is no longer in the pack but is still used by "
                    + ", ".join(users)
                    + "; put the area back in the pack, or change those records first",
                )
            )
    if problems:
        raise AreaInUse(problems)
    for area in missing:
        delete_attributed(area, by=upsert.by, reason="Removed: no longer in the region pack")
        upsert.report.removed[str(Area._meta.verbose_name_plural)] += 1


def region_activate(*, region: Region) -> None:
    """Make this region the one the site shows."""
    Region.objects.exclude(pk=region.pk).filter(is_active=True).update(is_active=False)
    Region.objects.filter(pk=region.pk).update(is_active=True)
    region.is_active = True
