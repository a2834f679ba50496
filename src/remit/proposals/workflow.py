"""How a proposal moves: its states, the transitions allowed between them, and forum order.

The only Django import is the `TextChoices` enum type that the model fields share; nothing
here touches the database, so every rule is tested in milliseconds.

A route is its region's forum steps followed by the route's final board. Forums decide in
order. Referred back sends the proposal back to drafting and the route waits at the forum
that referred it; rejected ends the route. The last forum step clears a proposal for
submission to government; the final board may consider it before or during negotiation,
but no proposal is agreed without the final board's endorsement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace
from datetime import date

from django.db.models import TextChoices

from remit.core.errors import DomainError


class Status(TextChoices):
    DRAFT = "draft", "Drafting"
    IN_GOVERNANCE = "in_governance", "In governance"
    CLEARED = "cleared", "Cleared for submission"
    SUBMITTED = "submitted", "Submitted to government"
    AGREED_IN_PRINCIPLE = "agreed_in_principle", "Agreed in principle"
    AGREED = "agreed", "Agreed"
    DEFERRED = "deferred", "Deferred"
    NOT_AGREED = "not_agreed", "Not agreed"
    REJECTED = "rejected", "Rejected"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Stage(TextChoices):
    """The Double Diamond: find the problem, frame it, shape the answer, deliver it."""

    DISCOVER = "discover", "Discover"
    DEFINE = "define", "Define"
    DEVELOP = "develop", "Develop"
    DELIVER = "deliver", "Deliver"


class AskType(TextChoices):
    POWERS = "powers", "Powers"
    FUNDING = "funding", "Funding"
    BOTH = "both", "Powers and funding"


class DevolutionForm(TextChoices):
    SINGLE = "single", "Single devolution"
    DOUBLE = "double", "Double devolution"
    TRIPLE = "triple", "Triple devolution"
    CENTRALISATION = "centralisation", "Centralisation"


class Outcome(TextChoices):
    """What a governance forum decided."""

    ENDORSED = "endorsed", "Endorsed"
    ENDORSED_WITH_CHANGES = "endorsed_with_changes", "Endorsed with changes"
    REFERRED_BACK = "referred_back", "Referred back"
    REJECTED = "rejected", "Rejected"
    NOTED = "noted", "Noted"


class GovernmentOutcome(TextChoices):
    """Where negotiation with government ended up."""

    AGREED = "agreed", "Agreed"
    AGREED_IN_PRINCIPLE = "agreed_in_principle", "Agreed in principle"
    DEFERRED = "deferred", "Deferred"
    NOT_AGREED = "not_agreed", "Not agreed"


class RoutingState(TextChoices):
    ACTIVE = "active", "In progress"
    COMPLETED = "completed", "Completed"
    ENDED = "ended", "Ended by a rejection"
    CLOSED = "closed", "Closed when withdrawn"


S = Status

TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.IN_GOVERNANCE, S.WITHDRAWN}),
    S.IN_GOVERNANCE: frozenset({S.CLEARED, S.DRAFT, S.REJECTED, S.WITHDRAWN}),
    S.CLEARED: frozenset({S.SUBMITTED, S.DRAFT, S.REJECTED, S.WITHDRAWN}),
    S.SUBMITTED: frozenset(
        {
            S.AGREED,
            S.AGREED_IN_PRINCIPLE,
            S.DEFERRED,
            S.NOT_AGREED,
            S.DRAFT,
            S.REJECTED,
            S.WITHDRAWN,
        }
    ),
    S.AGREED_IN_PRINCIPLE: frozenset(
        {S.AGREED, S.DEFERRED, S.NOT_AGREED, S.DRAFT, S.REJECTED, S.WITHDRAWN}
    ),
    S.DEFERRED: frozenset({S.SUBMITTED, S.NOT_AGREED, S.DRAFT, S.REJECTED, S.WITHDRAWN}),
    S.AGREED: frozenset(),
    S.NOT_AGREED: frozenset(),
    S.REJECTED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

PASSING = frozenset({Outcome.ENDORSED, Outcome.ENDORSED_WITH_CHANGES, Outcome.NOTED})
ENDORSING = frozenset({Outcome.ENDORSED, Outcome.ENDORSED_WITH_CHANGES})

# While the final board has still to decide, negotiation may already be under way.
FINAL_BOARD_MAY_DECIDE = frozenset(
    {S.IN_GOVERNANCE, S.CLEARED, S.SUBMITTED, S.AGREED_IN_PRINCIPLE, S.DEFERRED}
)

GOVERNMENT_STATUS: dict[str, Status] = {
    GovernmentOutcome.AGREED: S.AGREED,
    GovernmentOutcome.AGREED_IN_PRINCIPLE: S.AGREED_IN_PRINCIPLE,
    GovernmentOutcome.DEFERRED: S.DEFERRED,
    GovernmentOutcome.NOT_AGREED: S.NOT_AGREED,
}

UNPUBLISHABLE = frozenset({S.DRAFT, S.WITHDRAWN})


def label(status: str) -> str:
    return str(Status(status).label).lower()


@dataclass(frozen=True)
class Place:
    """Where a routing stands: the 1-based step it waits at, or none once it has finished."""

    state: RoutingState
    position: int | None
    awaiting_resubmission: bool = False


START = Place(RoutingState.ACTIVE, 1)


def check_decision_text(outcome: str, changes: str, reasons: str) -> None:
    """Endorsed with changes says which changes; referred back says why."""
    if outcome == Outcome.ENDORSED_WITH_CHANGES and not changes.strip():
        raise DomainError("Say what changes the forum asked for.", field="changes")
    if outcome != Outcome.ENDORSED_WITH_CHANGES and changes.strip():
        raise DomainError(
            "Changes are recorded only when a forum endorses with changes.", field="changes"
        )
    if outcome == Outcome.REFERRED_BACK and not reasons.strip():
        raise DomainError("Give the forum's reasons for referring it back.", field="reasons")


def check_decision_date(decided_on: date, earlier: Sequence[tuple[str, date]]) -> None:
    """A decision is dated no earlier than the decisions already standing on its route.

    `earlier` is each standing decision on the route as (forum, date decided); a correction
    leaves out the decision it replaces.
    """
    if not earlier:
        return
    forum, latest = max(earlier, key=lambda pair: pair[1])
    if decided_on < latest:
        raise DomainError(
            f"Decided on must be on or after {latest:%-d %B %Y}, when {forum} decided "
            f"earlier on this route (you entered {decided_on:%-d %B %Y}).",
            field="decided_on",
        )


def decide(place: Place, *, at: int, outcome: str, forums: Sequence[str]) -> Place:
    """Where the route stands after the forum at step `at` decides; refuses any step out of turn."""
    if not 1 <= at <= len(forums):
        raise DomainError(f"The route has no step {at}.", field="position")
    if place.state != RoutingState.ACTIVE or place.position is None:
        raise DomainError(
            f"The route is {RoutingState(place.state).label.lower()}: no forum decides on it now.",
            field="position",
        )
    waiting_at = forums[place.position - 1]
    if place.awaiting_resubmission:
        raise DomainError(
            f"{waiting_at} referred it back: send it to {waiting_at} again first.",
            field="position",
        )
    if at > place.position:
        raise DomainError(
            f"{forums[at - 1]} cannot decide before {waiting_at}: forums are passed in order.",
            field="position",
        )
    if at < place.position:
        raise DomainError(
            f"{forums[at - 1]} has already decided; the next decision is {waiting_at}'s. "
            "To put a recorded decision right, record a correction.",
            field="position",
        )
    if outcome in PASSING:
        if at == len(forums):
            return Place(RoutingState.COMPLETED, None)
        return Place(RoutingState.ACTIVE, at + 1)
    if outcome == Outcome.REFERRED_BACK:
        return Place(RoutingState.ACTIVE, at, awaiting_resubmission=True)
    if outcome == Outcome.REJECTED:
        return Place(RoutingState.ENDED, None)
    raise DomainError(f"Unknown outcome {outcome!r}.", field="outcome")


def resend(place: Place) -> Place:
    """After a referral, the route resumes at the forum that referred it back."""
    if place.state != RoutingState.ACTIVE or not place.awaiting_resubmission:
        raise DomainError("It is not waiting to be sent again.", field="position")
    return replace(place, awaiting_resubmission=False)


def check_may_decide(status: str, *, at: int, forum_steps: int) -> None:
    """Forums before the final board meet only while the proposal is with them."""
    allowed = FINAL_BOARD_MAY_DECIDE if at > forum_steps else frozenset({S.IN_GOVERNANCE})
    if status not in allowed:
        raise DomainError(
            f"No forum can decide on a proposal that is {label(status)}.", field="position"
        )


def status_after_decision(current: str, *, outcome: str, place: Place, forum_steps: int) -> Status:
    """The proposal's status once a forum has decided and the route stands at `place`."""
    if outcome == Outcome.REJECTED:
        return S.REJECTED
    if outcome == Outcome.REFERRED_BACK:
        return S.DRAFT
    past_forums = place.state == RoutingState.COMPLETED or (
        place.position is not None and place.position > forum_steps
    )
    if current == S.IN_GOVERNANCE and past_forums:
        return S.CLEARED
    return Status(current)


def check_government_outcome(outcome: str, *, final_endorsed: bool, final_board: str) -> Status:
    """The status a negotiation outcome gives; agreed needs the final board's endorsement."""
    if outcome not in GOVERNMENT_STATUS:
        raise DomainError(f"Unknown outcome {outcome!r}.", field="outcome")
    if outcome == GovernmentOutcome.AGREED and not final_endorsed:
        raise DomainError(
            f"It cannot be marked agreed until {final_board} has endorsed it.", field="outcome"
        )
    return GOVERNMENT_STATUS[outcome]


def check_business_case_condition(outcome: str, subject_to_business_case: bool) -> None:
    """Only an agreement in principle is made subject to a business case."""
    if subject_to_business_case and outcome != GovernmentOutcome.AGREED_IN_PRINCIPLE:
        raise DomainError(
            "Only an agreement in principle can be subject to a business case.",
            field="subject_to_business_case",
        )


def ready_for_business_case(status: str, subject_to_business_case: bool) -> bool:
    """Agreed, or agreed in principle subject to a business case: a case can be started."""
    return status == S.AGREED or (
        status == S.AGREED_IN_PRINCIPLE and bool(subject_to_business_case)
    )


def check_publishable(status: str) -> None:
    if status in UNPUBLISHABLE:
        raise DomainError(
            f"A proposal that is {label(status)} cannot be published.", field="is_published"
        )
