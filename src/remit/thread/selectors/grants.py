"""The results claiming a mission, and the grants they belong to with their monitoring
returns.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.db.models import Q
from django.urls import reverse

from remit.core.models import Mission
from remit.funding.models import Grant
from remit.funding.models import MonitoringReturn
from remit.funding.permissions import can_view_grant
from remit.indicators import selectors as indicator_selectors
from remit.indicators.models import Result
from remit.indicators.selectors import ResultView


@dataclass
class ReturnLine:
    period_start: date
    period_end: date
    due_on: date
    submitted: bool
    late: bool
    rag: str


@dataclass
class GrantLine:
    grant: Grant
    title: str
    recipient: str
    fund: str
    amount_pence: int
    url: str
    results: list[ResultView] = field(default_factory=list)
    returns: list[ReturnLine] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"grant-{self.grant.pk}"


def mission_result_views(
    mission: Mission, user: Any, *, public: bool, today: date
) -> list[ResultView]:
    """Results serving the mission, or moving one of its indicators, whose declaring
    record the viewer may open (the public: published results of published records)."""
    qs = Result.objects.published() if public else Result.all_objects.visible_to(user)
    qs = qs.filter(region=mission.region).filter(
        Q(missions=mission) | Q(indicators__missions=mission)
    )
    views = indicator_selectors.result_views(qs, today, public=public, user=user)
    return [v for v in views if v.owner_url or not v.result.owner_type_id]


def grant_lines(
    views: list[ResultView], user: Any, *, public: bool, today: date
) -> list[GrantLine]:
    """The grants whose results claim the mission, with those results and their returns.

    Returns are the grantee's reports to the fund and stay off the public thread.
    """
    claimed: dict[int, list[ResultView]] = defaultdict(list)
    for view in views:
        owner = view.result.owner if view.result.owner_type_id else None
        if isinstance(owner, Grant):
            claimed[owner.pk].append(view)
    if public:
        qs = Grant.objects.all()
    else:  # their own view of the fund's grants, and the published register
        qs = Grant.all_objects.visible_to(user) | Grant.all_objects.published()
    prefetch = (
        []
        if public
        else [Prefetch("returns", queryset=MonitoringReturn.objects.order_by("period_start"))]
    )
    grants = (
        qs.filter(pk__in=list(claimed))
        .select_related("bid__organisation", "bid__round__fund", "publication")
        .prefetch_related(*prefetch)
    )
    lines = []
    for grant in grants:
        published = grant.publication if public else None
        listed = grant.is_published and grant.withdrawn_at is None
        if public:
            url = reverse("funding_public:detail", args=[grant.pk])
        elif can_view_grant(user, grant):
            url = reverse("funding:grant", args=[grant.pk])
        else:
            url = reverse("funding_public:detail", args=[grant.pk]) if listed else ""
        lines.append(
            GrantLine(
                grant=grant,
                title=published.title if published else grant.bid.title,
                recipient=published.recipient_name if published else grant.bid.organisation.name,
                fund=published.fund_name if published else grant.bid.round.fund.name,
                amount_pence=published.amount_pence if published else grant.amount_pence,
                url=url,
                results=claimed[grant.pk],
                returns=[] if public else [_return(r, today) for r in grant.returns.all()],
            )
        )
    return lines


def _return(item: MonitoringReturn, today: date) -> ReturnLine:
    return ReturnLine(
        period_start=item.period_start,
        period_end=item.period_end,
        due_on=item.due_on,
        submitted=item.is_submitted,
        late=item.is_late(today),
        rag=item.get_rag_display() if item.rag else "",
    )
