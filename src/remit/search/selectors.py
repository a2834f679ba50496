"""Reads of the search index: what a person may find for their words, in one query.

Who sees a row is decided in SQL from the columns ``sources`` wrote, in the same terms as
the permission functions: a signed-in person opens a row inside when their role is among
its roles, they sit on its board (members), their organisation owns it (partners) or
they own it; anyone sees a published row from its public date. A record with a public
copy shows that copy only to those who cannot open the fuller row.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Case
from django.db.models import Count
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Value
from django.db.models import When

from remit.core.models import Board
from remit.core.models import Mission
from remit.core.models import Region
from remit.core.models import Role
from remit.core.permissions import organisation_of
from remit.core.permissions import person_of
from remit.core.permissions import role_of
from remit.meetings.permissions import MEMBER_ROLES
from remit.meetings.permissions import member_board_ids
from remit.search.models import Kind
from remit.search.models import SearchDocument
from remit.search.query import Query
from remit.search.query import to_fts5
from remit.search.query import to_tsquery

NEWEST = "newest"
BEST = "best"
ORDERS = (BEST, NEWEST)


@dataclass(frozen=True)
class Viewer:
    role: str | None = None
    person_id: int | None = None
    organisation_id: int | None = None
    board_ids: frozenset[int] = frozenset()

    @classmethod
    def of(cls, user: Any) -> Viewer:
        role = role_of(user)
        if role is None:
            return cls()
        return cls(
            role=role,
            person_id=person_of(user),
            organisation_id=organisation_of(user),
            board_ids=member_board_ids(user) if role in MEMBER_ROLES else frozenset(),
        )


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...] = ()
    board: int | None = None
    mission: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    order: str = BEST

    def apply(self, qs: QuerySet[SearchDocument], *, kind: bool = True) -> QuerySet[Any]:
        if kind and self.kinds:
            qs = qs.filter(kind__in=self.kinds)
        if self.board is not None:
            qs = qs.filter(board=self.board)
        if self.mission is not None:
            qs = qs.filter(missions__contains=f"|{self.mission}|")
        if self.date_from is not None:
            qs = qs.filter(date__gte=self.date_from)
        if self.date_to is not None:
            qs = qs.filter(date__lte=self.date_to)
        return qs


def inside(viewer: Viewer) -> Q | None:
    """Rows the viewer opens on the inside pages; None for the public."""
    if viewer.role is None:
        return None
    q = Q(roles__contains=f"|{viewer.role}|")
    if viewer.role in MEMBER_ROLES and viewer.board_ids:
        q |= Q(member_board__in=sorted(viewer.board_ids))
    if viewer.role == Role.PARTNER and viewer.organisation_id:
        q |= Q(organisation=viewer.organisation_id)
    if viewer.person_id:
        q |= Q(owner_person=viewer.person_id)
    return q


def public(today: date) -> Q:
    return Q(published=True) & (Q(public_from__isnull=True) | Q(public_from__lte=today))


def visible(viewer: Viewer, today: date) -> tuple[Q, Any]:
    """The rows the viewer may see, and an expression that is true where they open it inside."""
    own = inside(viewer)
    if own is None:
        return public(today), Value(False)
    opens_inside = own & Q(public_copy=False)
    shown = opens_inside | (public(today) & (Q(public_copy=False) | ~own))
    flag = Case(When(opens_inside, then=Value(True)), default=Value(False))
    return shown, flag


def _matching(qs: QuerySet[SearchDocument], query: Query, *, score: bool) -> QuerySet[Any]:
    table = SearchDocument._meta.db_table
    if connection.vendor == "postgresql":
        sql, params = to_tsquery(query)
        extra: dict[str, Any] = {"where": [f"{table}.search_vector @@ {sql}"], "params": params}
        if score:
            extra["select"] = {"score": f"-ts_rank({table}.search_vector, {sql})"}
            extra["select_params"] = params
        return qs.extra(**extra)
    expression = to_fts5(query)
    extra = {
        "tables": ["search_document_fts"],
        "where": [f"search_document_fts.rowid = {table}.id", "search_document_fts MATCH %s"],
        "params": [expression],
    }
    if score:
        extra["select"] = {"score": "bm25(search_document_fts, 4.0, 1.0)"}
    return qs.extra(**extra)


def _base(viewer: Viewer, region: Region, today: date) -> tuple[QuerySet[SearchDocument], Any]:
    shown, flag = visible(viewer, today)
    return SearchDocument.objects.filter(shown, region=region), flag


def search(
    viewer: Viewer, region: Region, query: Query, filters: Filters, today: date
) -> QuerySet[Any]:
    """The rows found, best match or newest first, each with ``inside`` (which link to use)."""
    if query.empty:
        return SearchDocument.objects.none()
    base, flag = _base(viewer, region, today)
    qs: QuerySet[Any] = _matching(filters.apply(base), query, score=True)
    qs = qs.annotate(inside=flag).defer("roles", "missions", "indexed_at")
    if filters.order == NEWEST:
        return qs.order_by("-date", "kind", "-object_id")
    return qs.order_by("score", "-date", "kind", "-object_id")


def kind_counts(
    viewer: Viewer, region: Region, query: Query, filters: Filters, today: date
) -> dict[str, int]:
    """How many rows of each kind the words find, whatever kind is chosen."""
    if query.empty:
        return {}
    base, _ = _base(viewer, region, today)
    qs = _matching(filters.apply(base, kind=False), query, score=False)
    rows = qs.order_by().values("kind").annotate(n=Count("id"))
    return {row["kind"]: row["n"] for row in rows}


@dataclass
class Choices:
    boards: list[tuple[int, str]] = field(default_factory=list)
    missions: list[tuple[int, str]] = field(default_factory=list)
    kinds: list[tuple[str, str]] = field(default_factory=lambda: list(Kind.choices))


def filter_choices(region: Region) -> Choices:
    return Choices(
        boards=list(Board.objects.filter(region=region).order_by("name").values_list("pk", "name")),
        missions=[
            (pk, f"Mission {number}: {title}")
            for pk, number, title in Mission.objects.filter(region=region)
            .order_by("number")
            .values_list("pk", "number", "short_title")
        ],
    )


def link(row: SearchDocument) -> str:
    return row.url if getattr(row, "inside", False) else row.public_url


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


def _date(params: Any, name: str, label: str, problems: list[Problem]) -> date | None:
    raw = str(params.get(name) or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        problems.append(Problem(name, f"{label} must be a real date, for example 2025-04-01"))
        return None


def _number(params: Any, name: str) -> int | None:
    raw = str(params.get(name) or "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 18 else None


def filters_from(params: Any) -> tuple[Filters, list[Problem]]:
    """Filters read from a query string: values that name nothing are ignored; a date that is
    not a real date is a problem naming its field."""
    problems: list[Problem] = []
    getlist = getattr(params, "getlist", None)
    raw_kinds = getlist("kind") if getlist else [params.get("kind")]
    kinds = tuple(k for k in Kind.values if k in {str(v) for v in raw_kinds if v})
    date_from = _date(params, "from", "Date from", problems)
    date_to = _date(params, "to", "Date to", problems)
    if date_from and date_to and date_from > date_to:
        problems.append(Problem("to", "Date to must be the same as or after date from"))
    order = str(params.get("order") or BEST)
    return (
        Filters(
            kinds=kinds,
            board=_number(params, "board"),
            mission=_number(params, "mission"),
            date_from=date_from,
            date_to=date_to,
            order=order if order in ORDERS else BEST,
        ),
        problems,
    )
