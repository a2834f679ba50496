"""The funds a region pack declares, loaded with the rest of the pack (ADR 9)."""

from __future__ import annotations

from typing import Any

from remit.core.models import Area
from remit.core.services.region import PackLoad
from remit.core.services.region import pence
from remit.core.services.writes import apply_many
from remit.funding.models import Fund


def funds_load(load: PackLoad) -> None:
    """A notice prefix the pack leaves out is left as it is, so the fund's notices go on being
    numbered under the prefix they have (a new fund takes the default)."""
    areas = {a.code: a for a in Area.objects.filter(region=load.region)}
    for f in load.pack.funds:
        values: dict[str, Any] = {
            "name": f.name,
            "financial_year": f.financial_year,
            "budget_pence": pence(f.budget),
            "owner": load.organisations[f.owner],
            "decision_maker": load.people.get(f.decision_maker) if f.decision_maker else None,
            "decision_rule": f.decision_rule,
            "recommending_board": load.boards.get(f.recommending_board)
            if f.recommending_board
            else None,
        }
        if f.notice_reference_prefix:
            values["notice_reference_prefix"] = f.notice_reference_prefix
        fund = load.upsert(Fund, {"region": load.region, "slug": f.slug}, values)
        apply_many(fund, "joint_owners", [load.organisations[s] for s in f.joint_owners])
        apply_many(fund, "joint_decision_makers", [load.people[s] for s in f.joint_decision_makers])
        apply_many(fund, "areas", [areas[code] for code in f.areas])
