"""Who is told about each kind of event, decided by the permission functions of the part the
event belongs to: nobody is told about a thing they could not open.

Each function returns users; the writes pass them to ``announce``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from remit.core.models import Membership, Role, User

if TYPE_CHECKING:
    from remit.core.models import Board
    from remit.funding.models import Bid, Fund, Round
    from remit.indicators.models import ImportJob
    from remit.meetings.models import Meeting, Paper
    from remit.proposals.models import Proposal

OFFICE_ROLES = (Role.ADMIN, Role.OFFICER)


def _active() -> Any:
    return User.objects.filter(is_active=True).order_by("pk")


def officers(allowed: Callable[[User], Any]) -> list[User]:
    """Officers and administrators whom ``allowed`` lets do the thing."""
    candidates = _active().filter(Q(role__in=OFFICE_ROLES) | Q(is_superuser=True))
    return [user for user in candidates if allowed(user)]


def board_members(board: Board, allowed: Callable[[User], Any]) -> list[User]:
    """People with a seat on the board today who have an account, and whom ``allowed`` lets in."""
    people = Membership.objects.current().filter(board=board).values("person_id")
    return [user for user in _active().filter(person_id__in=people) if allowed(user)]


def paper_readers(paper: Paper) -> list[User]:
    """Members of the paper's board who may now read it."""
    from remit.meetings.permissions import can_view_paper

    return board_members(paper.item.meeting.board, lambda user: can_view_paper(user, paper))


def meeting_members(meeting: Meeting) -> list[User]:
    """Members of the meeting's board who may open it."""
    from remit.meetings.permissions import can_view_meeting

    return board_members(meeting.board, lambda user: can_view_meeting(user, meeting))


def paper_publishers() -> list[User]:
    """The officers who publish papers, who are told when a meeting's papers are late."""
    from remit.meetings.permissions import can_publish_paper

    return officers(can_publish_paper)


def bid_assessors(bid: Bid) -> list[User]:
    """Officers who may score the bid: never one from the bidding organisation or one who has
    declared an interest in it."""
    from remit.funding.models import InterestDeclaration
    from remit.funding.permissions import can_score

    declared = dict(InterestDeclaration.objects.filter(bid=bid).values_list("user_id", "nature"))
    return officers(lambda user: can_score(user, bid, declared=declared.get(user.pk)))


def round_assessors(round: Round) -> list[User]:
    """Officers who see the assessors' scores, told when moderation opens."""
    from remit.funding.permissions import can_view_scores

    return officers(lambda user: can_view_scores(user, round.fund))


def decision_makers(fund: Fund, people: Iterable[int] | None = None) -> list[User]:
    """The accounts of the fund's decision makers, or of those of them named in ``people``."""
    from remit.funding.permissions import is_decision_maker

    wanted = {p.pk for p in fund.decision_makers}
    if people is not None:
        wanted &= set(people)
    if not wanted:
        return []
    accounts = _active().filter(person_id__in=wanted)
    return [user for user in accounts if is_decision_maker(user, fund)]


def bid_organisation(bid: Bid) -> list[User]:
    """The bidding organisation's people who may see the bid."""
    from remit.funding.permissions import can_view_bid

    accounts = _active().filter(organisation_id=bid.organisation_id)
    return [user for user in accounts if can_view_bid(user, bid)]


def grant_managers() -> list[User]:
    """The officers who manage grants, who read each monitoring return as it arrives."""
    from remit.funding.permissions import can_manage_grant

    return officers(can_manage_grant)


def grant_managers_and_grantee(bid: Bid) -> list[User]:
    """The grantee's people and the officers who manage grants."""
    return bid_organisation(bid) + grant_managers()


def lead_officers(proposal: Proposal) -> list[User]:
    """The accounts of the proposal's lead officer who may open it."""
    from remit.proposals.permissions import can_view_proposal

    if proposal.lead_officer_id is None:
        return []
    accounts = _active().filter(person_id=proposal.lead_officer_id)
    return [user for user in accounts if can_view_proposal(user, proposal)]


def requester(job: ImportJob) -> list[User]:
    return [job.requested_by] if job.requested_by_id else []
