"""The funds a region pack declares, loaded with the rest of the pack (ADR 9)."""

from __future__ import annotations

from remit.core.models import Area
from remit.core.services.region import PackLoad, pence
from remit.core.services.writes import apply_many
from remit.funding.models import Fund


def funds_load(load: PackLoad) -> None:
    areas = {a.code: a for a in Area.objects.filter(region=load.region)}
    for f in load.pack.funds:
        fund = load.upsert(
            Fund,
            {"region": load.region, "slug": f.slug},
            {
                "name": f.name,
                "financial_year": f.financial_year,
                "budget_pence": pence(f.budget),
                "owner": load.organisations[f.owner],
                "decision_maker": load.people.get(f.decision_maker) if f.decision_maker else None,
                "decision_rule": f.decision_rule,
                "recommending_board": load.boards.get(f.recommending_board)
                if f.recommending_board
                else None,
            },
        )
        apply_many(fund, "joint_owners", [load.organisations[s] for s in f.joint_owners])
        apply_many(fund, "joint_decision_makers", [load.people[s] for s in f.joint_decision_makers])
        apply_many(fund, "areas", [areas[code] for code in f.areas])
