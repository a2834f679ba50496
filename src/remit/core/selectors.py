"""Reads of the registry, with the joins done once per page."""

from __future__ import annotations

from collections import OrderedDict
from collections import defaultdict
from collections.abc import Callable
from collections.abc import Iterable
from contextvars import ContextVar
from contextvars import Token
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models
from django.db.models import Count
from django.db.models import Prefetch
from django.db.models import Q
from django.utils import timezone

from remit.core.models import Area
from remit.core.models import Board
from remit.core.models import GovernanceRoute
from remit.core.models import Membership
from remit.core.models import Mission
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Theme
from remit.core.models import Workstream

# The region a request reads, looked up once: set by RegionMemoMiddleware for reading
# requests, emptied when a region is saved or deleted. Outside a request it is not set and
# every call looks the region up.
_region_memo: ContextVar[dict[str, Region | None] | None] = ContextVar(
    "remit_region_memo", default=None
)


def _find_active_region() -> Region | None:
    from django.conf import settings

    if settings.REMIT_REGION:
        found = Region.objects.filter(slug=settings.REMIT_REGION).first()
        if found:
            return found
    return Region.objects.active()


def active_region() -> Region | None:
    memo = _region_memo.get()
    if memo is None:
        return _find_active_region()
    if "region" not in memo:
        memo["region"] = _find_active_region()
    return memo["region"]


def remember_active_region() -> Token[dict[str, Region | None] | None]:
    """Start remembering the active region (for one request); hand the token to `forget`."""
    return _region_memo.set({})


def stop_remembering_active_region(token: Token[dict[str, Region | None] | None]) -> None:
    _region_memo.reset(token)


def forget_active_region() -> None:
    """A region was loaded or changed: the next call looks it up again."""
    memo = _region_memo.get()
    if memo is not None:
        memo.clear()


def region_areas(region: Region | None = None) -> list[tuple[str, str]]:
    region = region or active_region()
    if region is None:
        return []
    return list(region.areas.order_by("code").values_list("code", "name"))


def _search(qs: models.QuerySet[Any], q: str, fields: tuple[str, ...]) -> models.QuerySet[Any]:
    if not q:
        return qs
    cond = Q()
    for f in fields:
        cond |= Q(**{f"{f}__icontains": q})
    return qs.filter(cond)


def organisation_list(region: Region, q: str = "") -> models.QuerySet[Organisation]:
    qs = (
        region.organisations.select_related("area")
        .annotate(people_count=Count("people"))
        .order_by("name")
    )
    return _search(qs, q, ("name", "slug", "org_id"))


def person_list(region: Region, q: str = "") -> models.QuerySet[Person]:
    qs = region.people.select_related("organisation")
    return _search(qs, q, ("name", "job_title", "organisation__name"))


def public_people(region: Region, q: str = "") -> models.QuerySet[Person]:
    """People the public site names: those holding a seat on a board today."""
    seated = Membership.objects.filter(board__region=region).filter(_current_q())
    return person_list(region, q).filter(pk__in=seated.values("person_id")).order_by("name", "pk")


def board_list(region: Region, q: str = "") -> models.QuerySet[Board]:
    qs = (
        region.boards.select_related("parent", "organisation")
        .annotate(
            member_count=Count("memberships", filter=_current_q("memberships__"), distinct=True)
        )
        .order_by("name")
    )
    return _search(qs, q, ("name", "slug"))


def area_list(region: Region, q: str = "") -> models.QuerySet[Area]:
    return _search(region.areas.all(), q, ("name", "code"))


def mission_list(region: Region, q: str = "") -> models.QuerySet[Mission]:
    return _search(region.missions.all(), q, ("short_title", "target"))


def _current_q(prefix: str = "", on: date | None = None) -> Q:
    day = on or timezone.localdate()
    return (Q(**{f"{prefix}start__lte": day}) | Q(**{f"{prefix}start__isnull": True})) & (
        Q(**{f"{prefix}end__gte": day}) | Q(**{f"{prefix}end__isnull": True})
    )


@dataclass
class BoardPage:
    board: Board
    members_by_organisation: OrderedDict[Organisation | None, list[Membership]]
    former: list[Membership]
    sub_groups: list[Board]
    routes: list[GovernanceRoute]

    @property
    def organisations_represented(self) -> int:
        return sum(1 for org in self.members_by_organisation if org is not None)


def board_page(region: Region, slug: str) -> BoardPage:
    board = (
        region.boards.select_related("parent", "organisation")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("person", "organisation").order_by(
                    "organisation__name", "role", "person__name"
                ),
            ),
            "memberships__substitutes__person",
            Prefetch("sub_groups", queryset=Board.objects.order_by("name")),
        )
        .get(slug=slug)
    )
    today = timezone.localdate()
    grouped: OrderedDict[Organisation | None, list[Membership]] = OrderedDict()
    former = []
    role_order = {r: i for i, r in enumerate(Membership.Role.values)}
    for m in board.memberships.all():
        if m.end is not None and m.end < today:
            former.append(m)
        elif m.start is None or m.start <= today:
            grouped.setdefault(m.organisation, []).append(m)
    for members in grouped.values():
        members.sort(key=lambda m: (role_order[m.role], m.person.name))
    if None in grouped:
        grouped.move_to_end(None)
    routes = list(
        GovernanceRoute.objects.filter(Q(final_board=board) | Q(steps__board=board))
        .distinct()
        .select_related("final_board")
    )
    return BoardPage(board, grouped, former, list(board.sub_groups.all()), routes)


def organisation_page(region: Region, slug: str) -> Organisation:
    return (
        region.organisations.select_related("area")
        .prefetch_related(
            Prefetch("areas_served", queryset=Area.objects.order_by("name")),
            Prefetch("people", queryset=Person.objects.order_by("name")),
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("board", "person").order_by(
                    "board__name"
                ),
            ),
        )
        .get(slug=slug)
    )


def person_page(region: Region, slug: str) -> Person:
    return (
        region.people.select_related("organisation")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("board", "organisation"),
            ),
            Prefetch("workstreams_led", queryset=Workstream.objects.select_related("theme")),
        )
        .get(slug=slug)
    )


def themes_with_workstreams(region: Region) -> list[Theme]:
    return list(
        region.themes.prefetch_related(
            Prefetch("workstreams", queryset=Workstream.objects.select_related("lead", "sponsor"))
        )
    )


def routes_with_steps(region: Region) -> list[GovernanceRoute]:
    return list(
        region.governance_routes.select_related(
            "final_board", "final_decision_maker"
        ).prefetch_related("steps__board")
    )


def routes(region: Region) -> models.QuerySet[GovernanceRoute]:
    """Routes with their steps, and how many deals follow each, items are on it now, and
    proposals and papers have been sent along it: counts only, as partners are shown."""
    return (
        region.governance_routes.select_related("final_board", "final_decision_maker")
        .prefetch_related("steps__board")
        .annotate(
            deal_count=Count("deals", distinct=True),
            on_route=Count("routings", filter=Q(routings__state="active"), distinct=True),
            proposal_count=Count("routings__proposal", distinct=True),
            paper_count=Count("routings__paper", distinct=True),
        )
        .order_by("name", "pk")
    )


def route_list(region: Region) -> list[GovernanceRoute]:
    """Every route, in use first, with the counts `routes` gives."""
    return sorted(routes(region), key=lambda route: route.retired)


def route_page(region: Region, slug: str) -> GovernanceRoute | None:
    """A route with its steps, the deals that follow it, and every pass along it.

    Routings and deals belong to the proposals app; they are read here through the route's
    own relations, so this page needs nothing from above the core.
    """
    return (
        region.governance_routes.select_related("final_board", "final_decision_maker")
        .prefetch_related(
            "steps__board",
            "deals",
            "routings__proposal",
            "routings__paper",
            "routings__current_board",
            "routings__current_decision_maker",
        )
        .filter(slug=slug)
        .first()
    )


def history_for(obj: models.Model) -> list[dict[str, Any]]:
    """The object's change history, newest first, each entry with its field changes."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-pk"))  # type: ignore[attr-defined]
    entries = []
    labels = {f.name: f.verbose_name for f in obj._meta.fields}
    for i, record in enumerate(records):
        previous = records[i + 1] if i + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                changes.append(
                    {
                        "field": str(labels.get(change.field, change.field)).capitalize(),
                        "old": _show(change.old),
                        "new": _show(change.new),
                    }
                )
        user = record.history_user
        entries.append(
            {
                "when": record.history_date,
                "who": user.get_full_name() or user.username if user else "System",
                "action": {"+": "Created", "~": "Changed", "-": "Deleted"}[record.history_type],
                "reason": record.history_change_reason or "",
                "changes": changes,
            }
        )
    return entries


HistoryPart = tuple[Iterable[Any], type[models.Model], "Callable[[Any], str] | str"]


def gathered_history(*parts: HistoryPart) -> list[dict[str, Any]]:
    """A record's history and its parts' in one list, newest first, each saying what it is about.

    Each part is (historical records, their model, what they are: a label or a function of a
    record). Every version is compared with the one before it of the same object.
    """
    entries = []
    for records, model, what in parts:
        labels = {f.name: str(f.verbose_name) for f in model._meta.fields}
        by_object: dict[Any, list[Any]] = defaultdict(list)
        for record in records:
            by_object[record.id].append(record)
        for versions in by_object.values():
            versions.sort(key=lambda r: (r.history_date, r.history_id))
            for index, record in enumerate(versions):
                changes = []
                if record.history_type == "~" and index > 0:
                    changes = [
                        {
                            "field": labels.get(c.field, c.field).capitalize(),
                            "old": _shown(c.old),
                            "new": _shown(c.new),
                        }
                        for c in record.diff_against(versions[index - 1]).changes
                    ]
                user = record.history_user
                entries.append(
                    {
                        "when": record.history_date,
                        "who": (user.get_full_name() or user.username) if user else "System",
                        "what": what(record) if callable(what) else what,
                        "action": {"+": "Added", "~": "Changed", "-": "Removed"}[
                            record.history_type
                        ],
                        "reason": record.history_change_reason or "",
                        "changes": changes,
                        "order": record.history_id,
                    }
                )
    entries.sort(key=lambda e: (e["when"], e["order"]), reverse=True)
    return entries


def _shown(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def _show(value: object) -> str:
    if value is None or value == "":
        return "—"
    return str(value)


@dataclass
class BoardBranch:
    """A board in the public tree of boards, with how many levels down it sits."""

    board: Board
    depth: int


def board_tree(region: Region) -> list[BoardBranch]:
    """Every board of the region, each top-level board followed by its sub-groups (to any
    depth), alphabetical at each level, from one query.

    A board whose chain of parents never reaches the top (a loop in the data) is still
    listed, at the top level, so no board is ever left out.
    """
    boards = list(region.boards.order_by("name", "pk"))
    ids = {b.pk for b in boards}
    children: dict[int | None, list[Board]] = defaultdict(list)
    for b in boards:
        children[b.parent_id if b.parent_id in ids else None].append(b)
    tree: list[BoardBranch] = []
    seen: set[int] = set()

    def walk(board: Board, depth: int) -> None:
        seen.add(board.pk)
        tree.append(BoardBranch(board, depth))
        for child in children[board.pk]:
            if child.pk not in seen:
                child.parent = board
                walk(child, depth + 1)

    for root in children[None]:
        walk(root, 0)
    for b in boards:
        if b.pk not in seen:
            walk(b, 0)
    return tree
