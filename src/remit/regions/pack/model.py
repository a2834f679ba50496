"""The pack as the rest of Remit reads it, once it is sound."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TypeVar

from remit.regions.pack.terms import PACK_VERSION


@dataclass(frozen=True)
class Region:
    slug: str
    name: str
    description: str
    as_of: date
    population_source: str | None = None


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    kind: str
    population: int | None = None
    population_year: int | None = None
    constituent: bool | None = None
    forces: tuple[str, ...] = ()
    context: bool = False


@dataclass(frozen=True)
class Organisation:
    slug: str
    name: str
    kind: str
    area: str | None = None
    serves: tuple[str, ...] = ()
    constituent: bool | None = None
    org_id: str | None = None
    website: str | None = None


@dataclass(frozen=True)
class Person:
    slug: str
    name: str
    job_title: str
    organisation: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Mission:
    number: int
    short_title: str
    target: str


@dataclass(frozen=True)
class Workstream:
    slug: str
    name: str
    lead: str | None = None
    sponsor: str | None = None
    beyond_deal: bool = False


@dataclass(frozen=True)
class Theme:
    slug: str
    name: str
    workstreams: tuple[Workstream, ...]


@dataclass(frozen=True)
class Membership:
    """A seat on a board; ``organisation`` is None for an independent member."""

    person: str
    organisation: str | None
    role: str
    from_date: date
    to_date: date | None = None
    substitutes: tuple[str, ...] = ()

    def current_on(self, day: date) -> bool:
        return self.from_date <= day and (self.to_date is None or day <= self.to_date)


@dataclass(frozen=True)
class Board:
    slug: str
    name: str
    kind: str
    organisation: str
    meeting_frequency: str
    paper_deadline_days: int
    quorum: int
    parent: str | None = None
    decision_reference_prefix: str | None = None
    description: str | None = None
    substitutes_allowed: bool = False
    substitutes_count_towards_quorum: bool = True
    memberships: tuple[Membership, ...] = ()


@dataclass(frozen=True)
class GovernanceRoute:
    slug: str
    name: str
    steps: tuple[str, ...]
    final_board: str | None = None
    final_decision_maker: str | None = None  # a person's slug, when one person decides alone


@dataclass(frozen=True)
class Fund:
    slug: str
    name: str
    financial_year: str
    budget: Decimal
    owner: str
    decision_maker: str
    recommending_board: str | None = None
    joint_owners: tuple[str, ...] = ()
    joint_decision_makers: tuple[str, ...] = ()
    decision_rule: str = "all"
    areas: tuple[str, ...] = ()
    notice_reference_prefix: str | None = None


@dataclass(frozen=True)
class Indicator:
    """An indicator's definition; its figures are loaded by the indicators' own demo or upload."""

    slug: str
    name: str
    kind: str
    origin: str
    source: str
    description: str = ""
    crime_types: tuple[str, ...] = ()
    unit_label: str = ""
    polarity: str = "lower_is_better"
    decimal_places: int | None = None
    missions: tuple[int, ...] = ()


@dataclass(frozen=True)
class RegionPack:
    region: Region
    areas: tuple[Area, ...]
    organisations: tuple[Organisation, ...]
    people: tuple[Person, ...] = ()
    missions: tuple[Mission, ...] = ()
    themes: tuple[Theme, ...] = ()
    boards: tuple[Board, ...] = ()
    governance_routes: tuple[GovernanceRoute, ...] = ()
    funds: tuple[Fund, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    written_version: int = PACK_VERSION  # the version the file is written in (read as current)

    @property
    def region_areas(self) -> tuple[Area, ...]:
        """The areas that make up the region: every area not listed for comparison."""
        return tuple(area for area in self.areas if not area.context)

    @property
    def workstreams(self) -> tuple[Workstream, ...]:
        return tuple(ws for theme in self.themes for ws in theme.workstreams)

    def area(self, code: str) -> Area:
        return _find(self.areas, "code", code)

    def organisation(self, slug: str) -> Organisation:
        return _find(self.organisations, "slug", slug)

    def person(self, slug: str) -> Person:
        return _find(self.people, "slug", slug)

    def board(self, slug: str) -> Board:
        return _find(self.boards, "slug", slug)


_T = TypeVar("_T")


def _find(items: Iterable[_T], attribute: str, key: str) -> _T:
    for item in items:
        if getattr(item, attribute) == key:
            return item
    raise KeyError(key)
