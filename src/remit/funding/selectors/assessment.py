"""Assessment: scores, conflicts of interest and moderation."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count
from django.db.models import QuerySet

from remit.funding import permissions
from remit.funding import rules
from remit.funding.models import Bid
from remit.funding.models import Criterion
from remit.funding.models import InterestDeclaration
from remit.funding.models import Round
from remit.funding.models import Score
from remit.funding.selectors.bids import with_sums
from remit.funding.workflow import ASSESSABLE


@dataclass
class ModerationRow:
    bid: Bid
    cells: list[rules.ScoreSummary | None]
    weighted: Decimal | None
    assessors: int
    withheld: str = ""

    @property
    def disagreement(self) -> bool:
        return any(cell is not None and cell.disagreement for cell in self.cells)


@dataclass
class Moderation:
    criteria: list[Criterion]
    rows: list[ModerationRow]

    @property
    def flagged(self) -> int:
        return sum(1 for row in self.rows if row.disagreement and not row.withheld)


def assessed_bids(round: Round) -> QuerySet[Bid]:
    return with_sums(
        Bid.all_objects.filter(round=round, status__in=ASSESSABLE)
        .select_related("organisation", "lead_area", "recommendation", "determination")
        .order_by("organisation__name", "title", "pk")
    )


def declared_interests(user: Any, round: Round) -> dict[int, str]:
    """The nature of each interest the user declared in the round's bids, by bid."""
    if getattr(user, "pk", None) is None:
        return {}
    return dict(
        InterestDeclaration.objects.filter(bid__round=round, user_id=user.pk).values_list(
            "bid_id", "nature"
        )
    )


def withheld_from(user: Any, round: Round, bids: Iterable[Bid]) -> dict[int, str]:
    """Why each bid's assessment is kept from the user, for the bids it is kept from: a
    conflict of interest, or scoring still sealed for them."""
    declared = declared_interests(user, round)
    criteria = round.criteria.count()
    done = {
        bid_id
        for bid_id, count in Score.objects.filter(bid__round=round, assessor_id=user.pk)
        .order_by()
        .values("bid_id")
        .annotate(count=Count("criterion", distinct=True))
        .values_list("bid_id", "count")
        if criteria and count >= criteria
    }
    found = {}
    for bid in bids:
        verdict = permissions.can_view_assessment(
            user,
            bid,
            declared=declared.get(bid.pk),
            scored=bid.pk in done,
            moderation_open=round.moderation_open,
        )
        if not verdict:
            found[bid.pk] = verdict.reason
    return found


def moderation(round: Round, user: Any = None) -> Moderation:
    """Per bid and criterion: the assessors' mean and spread, with disagreement flagged.

    Given a ``user``, a bid whose assessment they may not see keeps its row, with the reason
    in place of the figures.
    """
    criteria = list(round.criteria.order_by("position"))
    return Moderation(criteria, _moderation_rows(round, criteria, list(assessed_bids(round)), user))


def _moderation_rows(
    round: Round,
    criteria: list[Criterion],
    bids: list[Bid],
    user: Any,
    withheld: dict[int, str] | None = None,
) -> list[ModerationRow]:
    """The moderation rows of ``bids``, from one query of their scores; ``withheld`` when
    the caller has already asked `withheld_from` about them."""
    scores: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    assessors: dict[int, set[int]] = defaultdict(set)
    for bid_id, criterion_id, assessor_id, value in Score.objects.filter(
        bid__in=[bid.pk for bid in bids]
    ).values_list("bid_id", "criterion_id", "assessor_id", "score"):
        scores[bid_id][criterion_id].append(value)
        assessors[bid_id].add(assessor_id)
    if withheld is None:
        withheld = withheld_from(user, round, bids) if user is not None else {}
    weights = [rules.Criterion(c.pk, c.weight, c.scale_max) for c in criteria]
    rows = [
        ModerationRow(
            bid=bid,
            cells=[rules.summarise(scores[bid.pk][c.pk]) for c in criteria],
            weighted=rules.weighted_score(scores[bid.pk], weights),
            assessors=len(assessors[bid.pk]),
            withheld=withheld.get(bid.pk, ""),
        )
        for bid in bids
    ]
    for row in rows:
        if row.withheld:
            row.cells, row.weighted, row.assessors = [None] * len(criteria), None, 0
    return rows


def my_scores(bid: Bid, user: Any) -> dict[int, Score]:
    return {s.criterion_id: s for s in Score.objects.filter(bid=bid, assessor_id=user.pk)}


def scored_in_full(bid: Bid, user: Any) -> bool:
    """The user has scored the bid on every criterion of its round."""
    criteria = set(bid.round.criteria.values_list("pk", flat=True))
    return bool(criteria) and criteria <= set(my_scores(bid, user))


def bid_scores(bid: Bid) -> list[Score]:
    return list(
        Score.objects.filter(bid=bid)
        .select_related("criterion", "assessor")
        .order_by("criterion__position", "assessor__username")
    )
