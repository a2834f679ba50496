"""The funds a region pack declares, loaded with the rest of the pack (ADR 9)."""

from __future__ import annotations

from remit.core.services.region import PackLoad, pence
from remit.funding.models import Fund


def funds_load(load: PackLoad) -> None:
    for f in load.pack.funds:
        load.upsert(
            Fund,
            {"region": load.region, "slug": f.slug},
            {
                "name": f.name,
                "financial_year": f.financial_year,
                "budget_pence": pence(f.budget),
                "owner": load.organisations[f.owner],
                "decision_maker": load.people.get(f.decision_maker) if f.decision_maker else None,
                "recommending_board": load.boards.get(f.recommending_board)
                if f.recommending_board
                else None,
            },
        )
