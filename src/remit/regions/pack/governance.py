"""Whether a pack's boards, governance routes and funds hang together."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from remit.regions.pack.fields import day_field
from remit.regions.pack.fields import entries
from remit.regions.pack.fields import keys_of
from remit.regions.pack.fields import text_field
from remit.regions.pack.parsing import Document
from remit.regions.pack.problems import PathParts
from remit.regions.pack.problems import format_path
from remit.regions.pack.terms import AMOUNT
from remit.regions.pack.terms import FINANCIAL_YEAR
from remit.regions.pack.terms import VOTING_ROLES


def check_board_parents(document: Document) -> None:
    boards = entries(document.data, "boards")
    parent_of = {
        slug: parent
        for _, board in boards
        if (slug := text_field(board, "slug")) and (parent := text_field(board, "parent"))
    }
    reported: set[str] = set()
    for parts, board in boards:
        slug = text_field(board, "slug")
        if slug is None or slug in reported:
            continue
        chain = [slug]
        while (parent := parent_of.get(chain[-1])) is not None and parent not in chain:
            chain.append(parent)
        if parent == slug:
            reported.update(chain)
            loop = " → ".join([*chain, slug])
            document.add((*parts, "parent"), f"the parent chain loops back to this board: {loop}")


def check_memberships(document: Document, board_parts: PathParts, board: dict[str, Any]) -> None:
    periods: list[tuple[PathParts, Mapping[str, Any], date, date]] = []
    for relative, membership in entries(board, "memberships"):
        parts = (*board_parts, *relative)
        _check_represents(document, parts, membership)
        start, end = day_field(membership, "from"), day_field(membership, "to")
        if start is None:
            continue
        if end is not None and end < start:
            document.add((*parts, "to"), f"ends ({end}) before it starts ({start})")
            continue
        for other_parts, other, other_start, other_end in periods:
            if start <= other_end and other_start <= (end or date.max):
                _check_overlap(document, parts, membership, other_parts, other)
        periods.append((parts, membership, start, end or date.max))


def _check_represents(document: Document, parts: PathParts, membership: Mapping[str, Any]) -> None:
    """A member represents one organisation, or is marked independent: never both, never neither."""
    independent = membership.get("independent") is True
    named = "organisation" in membership
    if independent and named:
        document.add(
            (*parts, "independent"),
            "an independent member represents no organisation: remove organisation, "
            "or remove independent",
        )
    elif not independent and not named:
        document.add(
            parts,
            "say whom the member represents: give organisation, or independent: true for a "
            "member who represents no organisation (such as a co-opted independent member)",
        )


def _check_overlap(
    document: Document,
    parts: PathParts,
    membership: Mapping[str, Any],
    other_parts: PathParts,
    other: Mapping[str, Any],
) -> None:
    person = text_field(membership, "person")
    where = format_path(other_parts)
    if person is not None and person == text_field(other, "person"):
        document.add((*parts, "person"), f"'{person}' already sits on this board then ({where})")
    elif text_field(membership, "role") == "chair" and text_field(other, "role") == "chair":
        document.add((*parts, "role"), f"the board already has a chair then ({where})")


def check_substitutes(document: Document, board_parts: PathParts, board: dict[str, Any]) -> None:
    """Substitutes are named only where the board allows them, and name known people who are
    not the member, nor another member sitting on the board in their own right."""
    people = keys_of(document.data, "slug", "people")
    seated = {text_field(m, "person") for _, m in entries(board, "memberships")}
    allowed = board.get("substitutes_allowed") is True
    for relative, membership in entries(board, "memberships"):
        named = membership.get("substitutes")
        if not isinstance(named, list) or not named:
            continue
        parts = (*board_parts, *relative, "substitutes")
        if not allowed:
            document.add(
                parts,
                "the board does not allow substitutes: set substitutes_allowed: true on the "
                "board, or remove these",
            )
            continue
        for position, slug in enumerate(named):
            if not isinstance(slug, str):
                continue
            where = (*parts, position)
            if slug not in people:
                document.add(where, f"unknown person {slug!r}")
            elif slug == text_field(membership, "person"):
                document.add(where, f"'{slug}' cannot be their own substitute")
            elif slug in seated:
                document.add(where, f"'{slug}' sits on this board in their own right")


def check_quorums(document: Document) -> None:
    region = document.data.get("region") if isinstance(document.data, dict) else None
    as_of = day_field(region, "as_of") if isinstance(region, dict) else None
    if as_of is None:
        return
    for parts, board in entries(document.data, "boards"):
        quorum = board.get("quorum")
        memberships = entries(board, "memberships")
        if not memberships or not isinstance(quorum, int) or isinstance(quorum, bool):
            continue
        voting = {
            text_field(membership, "person")
            for _, membership in memberships
            if text_field(membership, "role") in VOTING_ROLES and _current(membership, as_of)
        }
        if quorum > len(voting):
            document.add(
                (*parts, "quorum"),
                f"a quorum of {quorum} is more than the {len(voting)} voting members "
                f"on {as_of} (the pack's as_of date)",
            )


def _current(membership: Mapping[str, Any], day: date) -> bool:
    start, end = day_field(membership, "from"), day_field(membership, "to")
    return start is not None and start <= day and (end is None or day <= end)


def check_routes(document: Document) -> None:
    for parts, route in entries(document.data, "governance_routes"):
        _check_route_end(document, parts, route)
        steps = route.get("steps")
        first: dict[str, int] = {}
        for position, step in enumerate(steps if isinstance(steps, list) else []):
            if not isinstance(step, str):
                continue
            if step in first:
                earlier = format_path((*parts, "steps", first[step]))
                document.add(
                    (*parts, "steps", position),
                    f"'{step}' is already a step of this route ({earlier})",
                )
            else:
                first[step] = position


def _check_route_end(document: Document, parts: PathParts, route: Mapping[str, Any]) -> None:
    """A route ends at a board or at one person deciding alone: exactly one of the two."""
    board = route.get("final_board") is not None
    person = route.get("final_decision_maker") is not None
    if board and person:
        document.add(
            (*parts, "final_decision_maker"),
            "a route ends at a board or at a person, not both: remove final_board, or remove "
            "final_decision_maker",
        )
    elif not board and not person:
        document.add(
            parts,
            "say who takes the final decision: give final_board (a board's slug), or "
            "final_decision_maker (the slug of a person who decides alone, such as a police "
            "and crime commissioner)",
        )


def check_funds(document: Document) -> None:
    for parts, fund in entries(document.data, "funds"):
        year = text_field(fund, "financial_year")
        match = FINANCIAL_YEAR.fullmatch(year or "")
        if year and match and (int(match[1]) + 1) % 100 != int(match[2]):
            start = int(match[1])
            document.add(
                (*parts, "financial_year"),
                f"'{year}' does not span consecutive years (April to March: "
                f"{start}/{(start + 1) % 100:02d})",
            )
        budget = text_field(fund, "budget")
        amount = AMOUNT.fullmatch(budget or "")
        if budget and amount and amount[1] is not None and len(amount[1]) > 2:
            document.add(
                (*parts, "budget"), f"'{budget}' has more than 2 decimal places (pounds and pence)"
            )
        _check_fund_governance(document, parts, fund)


def _check_fund_governance(document: Document, parts: PathParts, fund: Mapping[str, Any]) -> None:
    """A fund's areas may be funded, and its lead is not listed again as joint."""
    areas = [area for _, area in entries(document.data, "areas")]
    context = {area.get("code") for area in areas if area.get("context")}
    chosen = fund.get("areas")
    # A region of nothing but comparison areas is reported once, on its areas.
    if len(context) < len(areas):
        for position, code in enumerate(chosen if isinstance(chosen, list) else []):
            if code in context:
                document.add(
                    (*parts, "areas", position),
                    f"'{code}' is shown for comparison only, so a fund cannot fund it",
                )
    for key, lead in (("joint_owners", "owner"), ("joint_decision_makers", "decision_maker")):
        joint = fund.get(key)
        for position, value in enumerate(joint if isinstance(joint, list) else []):
            if value is not None and value == fund.get(lead):
                document.add(
                    (*parts, key, position),
                    f"'{value}' is already the fund's {lead.replace('_', ' ')}",
                )
