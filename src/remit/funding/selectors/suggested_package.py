"""The suggested package of bids, solved once per change of what it weighs."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from remit.funding import package
from remit.funding import package_cache
from remit.funding import rules
from remit.funding.models import Bid
from remit.funding.models import Round
from remit.funding.selectors.assessment import ModerationRow
from remit.funding.selectors.assessment import moderation
from remit.funding.selectors.assessment import withheld_from


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
