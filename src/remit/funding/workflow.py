"""The states of a bid and the moves between them, as data.

A bid is drafted and submitted by its organisation; the commissioner's determination awards
or declines it. A later determination that corrects the first may move an awarded bid to
declined or back, so both outcomes may follow either. A withdrawn bid goes nowhere.
"""

from __future__ import annotations

from django.db import models


class BidStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    WITHDRAWN = "withdrawn", "Withdrawn"
    AWARDED = "awarded", "Awarded"
    DECLINED = "declined", "Not funded"


class Outcome(models.TextChoices):
    """What the board recommends, and what the decision makers determine."""

    FUND_IN_FULL = "fund_in_full", "Fund in full"
    FUND_IN_PART = "fund_in_part", "Fund in part"
    DO_NOT_FUND = "do_not_fund", "Do not fund"


class Rag(models.TextChoices):
    GREEN = "green", "Green: on track"
    AMBER = "amber", "Amber: some concerns"
    RED = "red", "Red: off track"


class RoundState(models.TextChoices):
    UPCOMING = "upcoming", "Not yet open"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class ReturnFrequency(models.TextChoices):
    QUARTERLY = "quarterly", "Quarterly"
    HALF_YEARLY = "half_yearly", "Every six months"
    ANNUAL = "annual", "Once a year"


FREQUENCY_MONTHS = {
    ReturnFrequency.QUARTERLY: 3,
    ReturnFrequency.HALF_YEARLY: 6,
    ReturnFrequency.ANNUAL: 12,
}

FUNDING = frozenset({Outcome.FUND_IN_FULL, Outcome.FUND_IN_PART})

TRANSITIONS: dict[BidStatus, frozenset[BidStatus]] = {
    BidStatus.DRAFT: frozenset({BidStatus.SUBMITTED, BidStatus.WITHDRAWN}),
    BidStatus.SUBMITTED: frozenset({BidStatus.WITHDRAWN, BidStatus.AWARDED, BidStatus.DECLINED}),
    BidStatus.AWARDED: frozenset({BidStatus.AWARDED, BidStatus.DECLINED}),
    BidStatus.DECLINED: frozenset({BidStatus.AWARDED, BidStatus.DECLINED}),
    BidStatus.WITHDRAWN: frozenset(),
}

ASSESSABLE = frozenset({BidStatus.SUBMITTED, BidStatus.AWARDED, BidStatus.DECLINED})


def status_for(outcome: str) -> BidStatus:
    """The bid's status once a determination with this outcome is recorded."""
    return BidStatus.AWARDED if outcome in FUNDING else BidStatus.DECLINED
