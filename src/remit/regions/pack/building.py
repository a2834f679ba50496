"""Building the pack's dataclasses from a sound document."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from remit.regions.pack.model import Area
from remit.regions.pack.model import Board
from remit.regions.pack.model import Fund
from remit.regions.pack.model import GovernanceRoute
from remit.regions.pack.model import Indicator
from remit.regions.pack.model import Membership
from remit.regions.pack.model import Mission
from remit.regions.pack.model import Organisation
from remit.regions.pack.model import Person
from remit.regions.pack.model import Region
from remit.regions.pack.model import RegionPack
from remit.regions.pack.model import Theme
from remit.regions.pack.model import Workstream
from remit.regions.pack.problems import PackError
from remit.regions.pack.problems import PackIssue
from remit.regions.pack.terms import DOCUMENT
from remit.regions.pack.terms import PACK_VERSION
from remit.regions.pack.terms import PENNY


def _optional_text(mapping: Mapping[str, Any], key: str) -> str | None:
    value = mapping.get(key)
    return None if value is None else str(value)


def build_pack(data: object, written_version: int = PACK_VERSION) -> RegionPack:
    if not isinstance(data, dict):
        raise PackError([PackIssue(DOCUMENT, "expected a mapping of fields")])
    region = data["region"]
    return RegionPack(
        region=Region(
            slug=region["slug"],
            name=region["name"],
            description=region["description"],
            as_of=date.fromisoformat(region["as_of"]),
            population_source=region.get("population_source"),
        ),
        areas=tuple(_area(area) for area in data["areas"]),
        organisations=tuple(
            Organisation(**{**org, "serves": tuple(org.get("serves", ()))})
            for org in data["organisations"]
        ),
        people=tuple(Person(**person) for person in data.get("people", ())),
        missions=tuple(Mission(**mission) for mission in data.get("missions", ())),
        themes=tuple(_theme(theme) for theme in data.get("themes", ())),
        boards=tuple(_board(board) for board in data.get("boards", ())),
        governance_routes=tuple(
            GovernanceRoute(
                slug=route["slug"],
                name=route["name"],
                steps=tuple(route["steps"]),
                final_board=route.get("final_board"),
                final_decision_maker=route.get("final_decision_maker"),
            )
            for route in data.get("governance_routes", ())
        ),
        funds=tuple(_fund(fund) for fund in data.get("funds", ())),
        indicators=tuple(_indicator(entry) for entry in data.get("indicators", ())),
        written_version=written_version,
    )


def _area(area: Mapping[str, Any]) -> Area:
    fields = {key: value for key, value in area.items() if key not in ("forces", "context")}
    return Area(
        **fields, forces=tuple(area.get("forces") or ()), context=area.get("context") is True
    )


def _indicator(entry: Mapping[str, Any]) -> Indicator:
    fields = {key: value for key, value in entry.items() if key not in ("crime_types", "missions")}
    return Indicator(
        **fields,
        crime_types=tuple(entry.get("crime_types", ())),
        missions=tuple(entry.get("missions", ())),
    )


def _theme(theme: Mapping[str, Any]) -> Theme:
    return Theme(
        slug=theme["slug"],
        name=theme["name"],
        workstreams=tuple(Workstream(**workstream) for workstream in theme["workstreams"]),
    )


def _board(board: Mapping[str, Any]) -> Board:
    fields = {key: value for key, value in board.items() if key != "memberships"}
    memberships = tuple(
        Membership(
            person=membership["person"],
            organisation=membership.get("organisation"),
            role=membership["role"],
            from_date=date.fromisoformat(membership["from"]),
            to_date=date.fromisoformat(membership["to"]) if membership.get("to") else None,
            substitutes=tuple(membership.get("substitutes", ())),
        )
        for membership in board.get("memberships", ())
    )
    return Board(**fields, memberships=memberships)


def _fund(fund: Mapping[str, Any]) -> Fund:
    return Fund(
        slug=fund["slug"],
        name=fund["name"],
        financial_year=fund["financial_year"],
        budget=Decimal(fund["budget"]).quantize(PENNY),
        owner=fund["owner"],
        decision_maker=fund["decision_maker"],
        recommending_board=_optional_text(fund, "recommending_board"),
        joint_owners=tuple(fund.get("joint_owners", ())),
        joint_decision_makers=tuple(fund.get("joint_decision_makers", ())),
        decision_rule=fund.get("decision_rule", "all"),
        areas=tuple(fund.get("areas", ())),
        notice_reference_prefix=_optional_text(fund, "notice_reference_prefix"),
    )
