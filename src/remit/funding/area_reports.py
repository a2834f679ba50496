"""The grants led in an area, for its performance report: money paid and spent, RAG, lateness."""

from __future__ import annotations

from typing import Any

from remit.core.models import Area
from remit.funding import selectors
from remit.indicators.reports import GrantLine


def area_grant_lines(area: Area, user: Any) -> list[GrantLine]:
    """Grants whose lead area is ``area``, with their returns, as far as ``user`` may see."""
    rows = selectors.grant_rows(area.region, user)
    return [
        GrantLine(
            organisation=row.grant.bid.organisation.name,
            title=row.grant.bid.title,
            fund=row.grant.bid.round.fund.name,
            amount_pence=row.grant.amount_pence,
            paid_pence=row.paid_pence,
            spent_pence=row.spent_pence,
            rag=row.rag,
            late_returns=len(row.late),
        )
        for row in rows
        if row.grant.bid.lead_area_id == area.pk
    ]
