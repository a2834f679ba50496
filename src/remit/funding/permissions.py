"""Who may do what in the community safety fund: one verdict function per action.

Officers run the fund: scenarios, rounds, assessment, the board's recommendations and the
grants; administrators moderate the assessment. Partners draft, submit and report on their own
organisation's bids only. The fund's decision makers (one person, such as a commissioner, or
several for a joint fund) make the determinations. Board members read the recommendations; analysts
read. The public sees published grants only.

Views, the API and the services all call these; "not found" and "not yours" look the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any
from typing import Literal

from remit.core.models import Role
from remit.core.permissions import ALLOW
from remit.core.permissions import SIGN_IN
from remit.core.permissions import Verdict
from remit.core.permissions import deny
from remit.core.permissions import only_roles
from remit.core.permissions import organisation_of
from remit.core.permissions import person_of
from remit.core.permissions import role_of
from remit.funding.workflow import BidStatus

if TYPE_CHECKING:
    from remit.funding.models import Bid
    from remit.funding.models import Fund
    from remit.funding.models import Grant
    from remit.funding.models import Round

OFFICERS = (Role.ADMIN, Role.OFFICER)
MODERATORS = (Role.ADMIN,)
READERS = (Role.ADMIN, Role.OFFICER, Role.DECISION_MAKER, Role.ANALYST, Role.BOARD_MEMBER)
RECOMMENDATION_READERS = READERS
NO_BID = Verdict(False, "There is no such bid, or you cannot see it.")
NO_GRANT = Verdict(False, "There is no such grant, or you cannot see it.")

Scope = Literal["all", "submitted", "own", "none"]


def _own(user: Any, bid: Bid) -> bool:
    """The bid is the partner user's own organisation's: rights by organisation are partners'."""
    if role_of(user) != Role.PARTNER:
        return False
    organisation_id = organisation_of(user)
    return bool(organisation_id and bid.organisation_id == organisation_id)


def _colleague(user: Any, bid: Bid) -> bool:
    """The user belongs to the bidding organisation, whatever their role."""
    organisation_id = organisation_of(user)
    return bool(organisation_id and bid.organisation_id == organisation_id)


def bid_scope(user: Any) -> Scope:
    """Which bids a user may list: every one, every submitted one, their own, or none."""
    role = role_of(user)
    if role in OFFICERS:
        return "all"
    if role in READERS:
        return "submitted"
    if role == Role.PARTNER:
        return "own"
    return "none"


def is_decision_maker(user: Any, fund: Fund) -> bool:
    """The user is one of the fund's decision makers: the lead or a joint one."""
    person_id = person_of(user)
    if role_of(user) != Role.DECISION_MAKER or person_id is None:
        return False
    return person_id in {p.pk for p in fund.decision_makers}


def _makers(fund: Fund) -> str:
    """The fund's decision maker, or makers, named: "decision makers (A and B)"."""
    names = [p.name for p in fund.decision_makers]
    noun = "decision makers" if len(names) > 1 else "decision maker"
    return f"{noun} ({' and '.join(names)})" if names else noun


def can_view_fund(user: Any, fund: Fund | None = None) -> Verdict:
    return ALLOW if role_of(user) is not None else SIGN_IN


def can_edit_fund(user: Any, fund: Fund | None = None) -> Verdict:
    return only_roles(user, OFFICERS, "change a fund's details")


def can_create_fund(user: Any, fund: Fund | None = None) -> Verdict:
    """Officers set up next year's fund from this year's."""
    return only_roles(user, OFFICERS, "set up funds")


def can_manage_scenarios(user: Any, fund: Fund | None = None) -> Verdict:
    return only_roles(user, OFFICERS, "write allocation scenarios")


def can_build_scenario(user: Any, fund: Fund | None = None) -> Verdict:
    """Officers build scenarios from the indicator figures Remit holds, drafts included."""
    return only_roles(user, OFFICERS, "build allocation scenarios")


def can_export_scenario(user: Any, fund: Fund | None = None) -> Verdict:
    """A scenario's YAML carries every figure it was built from, so partners do not get it."""
    return only_roles(user, READERS, "download allocation scenarios")


def can_adopt_scenario(user: Any, fund: Fund) -> Verdict:
    """Officers record the adoption; the fund's decision maker may adopt a scenario directly."""
    role = role_of(user)
    if role in OFFICERS or is_decision_maker(user, fund):
        return ALLOW
    return deny(role, "adopt an allocation scenario")


def can_manage_round(user: Any, fund: Fund | None = None) -> Verdict:
    return only_roles(user, OFFICERS, "set up funding rounds")


def can_create_bid(user: Any, round: Round | None = None) -> Verdict:
    role = role_of(user)
    if role == Role.PARTNER and organisation_of(user):
        return ALLOW
    return deny(role, "make bids: a partner organisation bids for itself")


def can_view_bid(user: Any, bid: Bid) -> Verdict:
    """Drafts: their own organisation and officers. Submitted bids: those who read the fund."""
    role = role_of(user)
    if role is None:
        return SIGN_IN
    if role in OFFICERS or _own(user, bid):
        return ALLOW
    if bid.status != BidStatus.DRAFT and role in READERS:
        return ALLOW
    return NO_BID


def can_edit_bid(user: Any, bid: Bid) -> Verdict:
    """Only the bidding organisation writes its bid, and only while it is a draft."""
    role = role_of(user)
    if role is None:
        return SIGN_IN
    if not _own(user, bid):
        if can_view_bid(user, bid):
            return Verdict(False, "Only the organisation making the bid can change it.")
        return NO_BID
    if bid.status != BidStatus.DRAFT:
        return Verdict(False, "This bid has been submitted, so it can no longer be changed.")
    return ALLOW


def can_submit_bid(user: Any, bid: Bid) -> Verdict:
    return can_edit_bid(user, bid)


def can_withdraw_bid(user: Any, bid: Bid) -> Verdict:
    role = role_of(user)
    if role is None:
        return SIGN_IN
    if not _own(user, bid):
        return NO_BID if not can_view_bid(user, bid) else deny(role, "withdraw another's bid")
    return ALLOW


def can_declare_interest(user: Any, bid: Bid) -> Verdict:
    return only_roles(user, OFFICERS, "assess bids")


def conflict(user: Any, bid: Bid, *, declared: str | None = None) -> str | None:
    """Why the user may take no part in the bid's assessment or recommendation, if they may not.

    ``declared`` is the nature of the user's declared interest in this bid, if any.
    """
    if _colleague(user, bid):
        return f"you belong to {bid.organisation}, which made it"
    if declared is not None:
        return f"you declared an interest in it ({declared})"
    return None


def can_score(user: Any, bid: Bid, *, declared: str | None = None) -> Verdict:
    """Officers score, except bids from their own organisation or where they declared an interest.

    ``declared`` is the nature of the user's declared interest in this bid, if any.
    """
    role = role_of(user)
    if role not in OFFICERS:
        return deny(role, "score bids")
    why = conflict(user, bid, declared=declared)
    if why:
        return Verdict(False, f"You cannot score this bid: {why}.")
    return ALLOW


def can_view_assessment(
    user: Any,
    bid: Bid,
    *,
    declared: str | None = None,
    scored: bool = False,
    moderation_open: bool = False,
) -> Verdict:
    """The assessors' scores and comments on one bid: officers with no conflict of interest.

    Scoring is sealed: an assessor sees the others' scores once they have scored the bid on
    every criterion (``scored``) or once moderation opens; moderators (administrators) see all.
    """
    role = role_of(user)
    if role not in OFFICERS:
        return deny(role, "see assessors' scores")
    why = conflict(user, bid, declared=declared)
    if why:
        return Verdict(False, f"You cannot see this bid's assessment: {why}.")
    if role in MODERATORS or scored or moderation_open:
        return ALLOW
    return Verdict(
        False,
        "The other assessors' scores and comments on this bid stay sealed until you have "
        "scored it on every criterion, or moderation opens.",
    )


def can_open_moderation(user: Any, round: Round | None = None) -> Verdict:
    role = role_of(user)
    return ALLOW if role in MODERATORS else deny(role, "open moderation")


def can_view_scores(user: Any, fund: Fund | None = None) -> Verdict:
    return only_roles(user, OFFICERS, "see assessors' scores")


def can_recommend(user: Any, bid: Bid | None = None, *, declared: str | None = None) -> Verdict:
    """Officers record the board's recommendation, except on a bid they are conflicted on."""
    role = role_of(user)
    if role not in OFFICERS:
        return deny(role, "record the board's recommendations")
    why = conflict(user, bid, declared=declared) if bid is not None else None
    if why:
        return Verdict(False, f"You cannot take part in the recommendation on this bid: {why}.")
    return ALLOW


def can_view_recommendation(user: Any, bid: Bid) -> Verdict:
    role = role_of(user)
    if role in RECOMMENDATION_READERS and can_view_bid(user, bid):
        return ALLOW
    return deny(role, "see the board's recommendations")


def can_determine(user: Any, bid: Bid) -> Verdict:
    fund = bid.round.fund
    if is_decision_maker(user, fund):
        return ALLOW
    role = role_of(user)
    if role is None:
        return SIGN_IN
    return Verdict(False, f"Only the fund's {_makers(fund)} can make determinations.")


def can_view_determination(user: Any, bid: Bid) -> Verdict:
    return can_view_bid(user, bid)


def can_manage_grant(user: Any, grant: Grant | None = None) -> Verdict:
    return only_roles(user, OFFICERS, "manage grants")


def can_record_payment(user: Any, grant: Grant | None = None) -> Verdict:
    """Officers record the money paid to a grantee, and reverse a payment recorded wrongly."""
    return only_roles(user, OFFICERS, "record payments")


def can_view_grant(user: Any, grant: Grant) -> Verdict:
    return ALLOW if can_view_bid(user, grant.bid) else NO_GRANT


def can_submit_return(user: Any, grant: Grant) -> Verdict:
    """The grantee reports; an officer may enter a return the grantee sent another way."""
    role = role_of(user)
    if role in OFFICERS or _own(user, grant.bid):
        return ALLOW
    if role is None:
        return SIGN_IN
    return NO_GRANT if not can_view_bid(user, grant.bid) else deny(role, "submit returns")


def can_publish_grant(user: Any, grant: Grant | None = None) -> Verdict:
    return only_roles(user, OFFICERS, "publish grants")


def can_view_published_grant(user: Any, grant: Grant) -> Verdict:
    if grant.is_published and grant.withdrawn_at is None:
        return ALLOW
    return NO_GRANT


def can_record_recommendation_at_meeting(user: Any, round: Round | None = None) -> Verdict:
    """Officers record the board's recommendation on a round's bids, as taken at its meeting."""
    return can_recommend(user)


def can_issue_notice(user: Any, fund: Fund) -> Verdict:
    """Only the fund's decision maker signs the decision notice on a round's bids."""
    if is_decision_maker(user, fund):
        return ALLOW
    if role_of(user) is None:
        return SIGN_IN
    return Verdict(False, f"Only the fund's {_makers(fund)} can sign decision notices.")


def can_publish_notice(user: Any, fund: Fund) -> Verdict:
    """The decision maker, or an officer for them, publishes a signed notice."""
    if is_decision_maker(user, fund):
        return ALLOW
    return only_roles(user, OFFICERS, "publish decision notices")


def can_view_notice(user: Any, published: bool) -> Verdict:
    """A published notice is public; before then only those who read the fund's decisions."""
    if published:
        return ALLOW
    role = role_of(user)
    if role in READERS:
        return ALLOW
    return SIGN_IN if role is None else Verdict(False, "This decision notice is not published yet.")


def can_view_bids_by_area(user: Any, round: Round | None = None) -> Verdict:
    """The map of a round's bids by area sums every submitted bid, so only those who read every
    submitted bid see it; a partner sees their own bids, not the others' by place."""
    return only_roles(user, READERS, "see the bids by area")
