"""Assessment: declarations of interest and the assessors' scores."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import User
from remit.core.permissions import Verdict
from remit.core.permissions import require
from remit.core.services.writes import delete_attributed
from remit.core.services.writes import save_attributed
from remit.funding import permissions
from remit.funding.models import Bid
from remit.funding.models import InterestDeclaration
from remit.funding.models import Score
from remit.funding.services.bids import locked
from remit.funding.workflow import ASSESSABLE


def declared_interest(user: Any, bid: Bid) -> str | None:
    """The nature of the user's declared interest in the bid, if they declared one."""
    user_id = getattr(user, "pk", None)
    if user_id is None:
        return None
    found = InterestDeclaration.objects.filter(bid=bid, user_id=user_id).first()
    return found.nature if found else None


def score_verdict(user: Any, bid: Bid) -> Verdict:
    return permissions.can_score(user, bid, declared=declared_interest(user, bid))


def recommend_verdict(user: Any, bid: Bid) -> Verdict:
    return permissions.can_recommend(user, bid, declared=declared_interest(user, bid))


@transaction.atomic
def interest_declare(*, by: User, bid: Bid, nature: str) -> InterestDeclaration:
    """Declare an interest: the assessor's scores on the bid, if any, are withdrawn."""
    bid = locked(bid)
    require(permissions.can_declare_interest(by, bid))
    if not nature.strip():
        raise DomainError("Describe the interest.", field="nature")
    if InterestDeclaration.objects.filter(bid=bid, user=by).exists():
        raise DomainError("You have already declared an interest in this bid.", field="nature")
    declaration = save_attributed(
        InterestDeclaration(bid=bid, user=by, nature=nature.strip()),
        by=by,
        reason="Interest declared",
    )
    for score in Score.objects.filter(bid=bid, assessor=by):
        delete_attributed(score, by=by, reason="Withdrawn: interest declared")
    return declaration


@transaction.atomic
def scores_record(
    *, by: User, bid: Bid, scores: Mapping[int, tuple[int | None, str]]
) -> list[Score]:
    """The assessor's score and comment on each criterion; blank scores are left unscored.

    ``scores`` maps a criterion's id to (score, comment).
    """
    bid = locked(bid)
    verdict = score_verdict(by, bid)
    if not verdict:
        raise NotPermitted(verdict.reason)
    if bid.status not in ASSESSABLE:
        raise DomainError(
            f"A bid that is {bid.get_status_display().lower()} is not assessed.", field=None
        )
    criteria = {c.pk: c for c in bid.round.criteria.all()}
    existing = {s.criterion_id: s for s in Score.objects.filter(bid=bid, assessor=by)}
    saved = []
    for criterion_id, (value, comment) in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise DomainError("That criterion is not part of this round.", field="scores")
        if value is None:
            continue
        if not 0 <= value <= criterion.scale_max:
            raise DomainError(
                f"Score {criterion.title} from 0 to {criterion.scale_max}.",
                field=f"score_{criterion_id}",
            )
        score = existing.get(criterion_id) or Score(bid=bid, criterion=criterion, assessor=by)
        if score.pk and score.score == value and score.comment == comment.strip():
            saved.append(score)
            continue
        reason = "Rescored" if score.pk else "Scored"
        score.score = value
        score.comment = comment.strip()
        score.scored_at = timezone.now()
        saved.append(save_attributed(score, by=by, reason=f"{reason} {criterion.title}"))
    return saved
