"""Who is told about bids, decisions and grants: assessors who may score, decision makers,
the bidding organisation and the officers who manage grants."""

from __future__ import annotations

from collections.abc import Iterable

from remit.core.models import User
from remit.funding.models import Bid
from remit.funding.models import Fund
from remit.funding.models import InterestDeclaration
from remit.funding.models import Round
from remit.funding.permissions import can_manage_grant
from remit.funding.permissions import can_score
from remit.funding.permissions import can_view_bid
from remit.funding.permissions import can_view_scores
from remit.funding.permissions import is_decision_maker
from remit.notifications.audiences import active_accounts
from remit.notifications.audiences import officers


def bid_assessors(bid: Bid) -> list[User]:
    """Officers who may score the bid: never one from the bidding organisation or one who has
    declared an interest in it."""
    declared = dict(InterestDeclaration.objects.filter(bid=bid).values_list("user_id", "nature"))
    return officers(lambda user: can_score(user, bid, declared=declared.get(user.pk)))


def round_assessors(round: Round) -> list[User]:
    """Officers who see the assessors' scores, told when moderation opens."""
    return officers(lambda user: can_view_scores(user, round.fund))


def decision_makers(fund: Fund, people: Iterable[int] | None = None) -> list[User]:
    """The accounts of the fund's decision makers, or of those of them named in ``people``."""
    wanted = {p.pk for p in fund.decision_makers}
    if people is not None:
        wanted &= set(people)
    if not wanted:
        return []
    accounts = active_accounts().filter(person_id__in=wanted)
    return [user for user in accounts if is_decision_maker(user, fund)]


def bid_organisation(bid: Bid) -> list[User]:
    """The bidding organisation's people who may see the bid."""
    accounts = active_accounts().filter(organisation_id=bid.organisation_id)
    return [user for user in accounts if can_view_bid(user, bid)]


def grant_managers() -> list[User]:
    """The officers who manage grants, who read each monitoring return as it arrives."""
    return officers(can_manage_grant)


def grant_managers_and_grantee(bid: Bid) -> list[User]:
    """The grantee's people and the officers who manage grants."""
    return bid_organisation(bid) + grant_managers()
