"""A commissioner's sections: recommendations to determine, their recent
determinations, and proposals waiting for their decision.
"""

from __future__ import annotations

from datetime import date
from datetime import timedelta
from typing import Any

from django.urls import reverse

from remit.core.models import Region
from remit.funding import selectors as funding
from remit.proposals import selectors as proposals
from remit.ui.formatting import format_pence
from remit.work.items import Item
from remit.work.items import Section
from remit.work.selectors.dates import RECENT_DAYS
from remit.work.selectors.dates import long_date


def commissioner_sections(region: Region, user: Any, today: date) -> list[Section]:
    waiting = []
    for bid in funding.awaiting_determination(region, user):
        rec = bid.recommendation
        if rec is None:
            continue  # the selector returns only recommended bids
        amount = f" {format_pence(rec.amount_pence)}" if rec.amount_pence else ""
        board = rec.board.name if rec.board else "the partnership"
        days = (today - rec.recommended_on).days
        waiting.append(
            Item(
                title=f"{bid.title} ({bid.organisation.name})",
                url=reverse("funding:determine", args=[bid.pk]),
                detail=f"{rec.get_outcome_display()}{amount}, recommended by {board} on "
                f"{long_date(rec.recommended_on)}; waiting {days} day{'s' if days != 1 else ''}.",
            )
        )
    made = [
        Item(
            title=f"{determination.bid.title}: {determination.get_outcome_display().lower()}",
            url=reverse("funding:bid", args=[determination.bid_id]),
            detail=(
                f"{format_pence(determination.amount_pence)}, "
                if determination.amount_pence
                else ""
            )
            + f"decided on {long_date(determination.decided_on)}.",
        )
        for determination in funding.determinations_by(
            region, user, today - timedelta(days=RECENT_DAYS)
        )
    ]
    proposals_waiting = [
        Item(
            title=str(routing.proposal or routing.paper),
            url=reverse("proposals:detail", args=[routing.proposal_id])
            if routing.proposal_id
            else reverse("proposals:paper", args=[routing.paper_id]),
            detail="Its governance route ends with your decision.",
        )
        for routing in proposals.waiting_for_person(region, getattr(user, "person_id", None))
    ]
    return [
        Section(
            "Recommendations awaiting your determination",
            "No recommendations are waiting for your determination.",
            waiting,
            ordered=False,
        ),
        Section(
            "Determinations you made recently",
            f"You have made no determinations in the last {RECENT_DAYS} days.",
            made,
            ordered=False,
        ),
        Section(
            "Proposals waiting for your decision",
            "No proposals are waiting for your decision.",
            proposals_waiting,
            ordered=False,
        ),
    ]
