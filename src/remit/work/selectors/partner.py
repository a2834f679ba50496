"""A partner's sections: open rounds, their bids, grants and returns."""

from __future__ import annotations

from datetime import date
from datetime import datetime
from datetime import timedelta
from typing import Any

from django.urls import reverse

from remit.core.models import Region
from remit.funding import permissions as funding_permissions
from remit.funding import selectors as funding
from remit.ui.formatting import format_pence
from remit.work.items import Item
from remit.work.items import Section
from remit.work.items import urgent_first
from remit.work.selectors.dates import local_day
from remit.work.selectors.dates import long_date

RETURNS_AHEAD_DAYS = 30


def partner_sections(region: Region, user: Any, today: date, now: datetime) -> list[Section]:
    round_items = []
    if funding_permissions.can_create_bid(user):
        for round in funding.open_rounds_for(region, user, now):
            yours = (
                f"; you have {round.own_bids} bid{'s' if round.own_bids != 1 else ''} in it"
                if round.own_bids
                else ""
            )
            round_items.append(
                Item(
                    title=f"{round.title} ({round.fund.name})",
                    url=reverse("funding:round", args=[round.pk]),
                    due=local_day(round.closes_at),
                    due_label="Closes",
                    detail=f"Open for bids{yours}.",
                )
            )
    drafts, submitted = [], []
    for bid in funding.live_bids_for(region, user):
        if bid.submitted_at is None:
            drafts.append(
                Item(
                    title=bid.title,
                    url=reverse("funding:bid", args=[bid.pk]),
                    due=local_day(bid.round.closes_at),
                    due_label="Submit by",
                    detail=f"Draft for {bid.round.title}; not yet submitted.",
                )
            )
        else:
            submitted.append(
                Item(
                    title=bid.title,
                    url=reverse("funding:bid", args=[bid.pk]),
                    detail=f"{bid.reference}, submitted on "
                    f"{long_date(local_day(bid.submitted_at))}; waiting for the decision.",
                )
            )
    grant_items = [
        Item(
            title=grant.bid.title,
            url=reverse("funding:grant", args=[grant.pk]),
            detail=f"{format_pence(grant.amount_pence)} awarded"
            + (
                f"; the agreement ends on {long_date(grant.agreement_end)}"
                if grant.agreement_end
                else ""
            )
            + ".",
        )
        for grant in funding.grants_for(region, user)
    ]
    return_items = [
        Item(
            title=f"Monitoring return for {ret.grant.bid.title}",
            url=reverse("funding:grant_return", args=[ret.grant_id, ret.pk]),
            due=ret.due_on,
            detail=f"For {long_date(ret.period_start)} to {long_date(ret.period_end)}.",
        )
        for ret in funding.returns_outstanding(
            region, user, due_by=today + timedelta(days=RETURNS_AHEAD_DAYS)
        )
    ]
    return [
        Section("Funding rounds open for bids", "No funding rounds are open.", round_items),
        Section(
            "Your bids",
            "You have no draft or submitted bids.",
            [*urgent_first(drafts), *submitted],
            ordered=False,
        ),
        Section("Your grants", "Your organisation has no grants.", grant_items, ordered=False),
        Section(
            "Monitoring returns due",
            f"No returns are due in the next {RETURNS_AHEAD_DAYS} days.",
            return_items,
        ),
    ]
