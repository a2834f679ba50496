"""A route that ends at one person deciding alone: it waits for them, and only they decide.

The Testshire deal's route is Senior Officers Group, Devolution Strategy Group and Finance
Directors Group, then the commissioner (Chris Chair, Police and Crime Commissioner) alone.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import GovernanceRoute
from remit.core.models import Person
from remit.core.models import Role
from remit.core.models import User
from remit.proposals.models import DecisionEffect
from remit.proposals.models import ForumDecision
from remit.proposals.models import Proposal
from remit.proposals.models import Routing
from remit.proposals.services import decision_correct
from remit.proposals.services import final_endorsement
from remit.proposals.services import forum_decision_record
from remit.proposals.services import outcome_record
from remit.proposals.services import proposal_route
from remit.proposals.services import proposal_submit
from remit.proposals.workflow import RoutingState
from remit.proposals.workflow import Status

SIGNED = "Chris Chair, Police and Crime Commissioner"


@pytest.fixture
def commissioner(deal: Any) -> Person:
    person = Person.objects.get(region=deal.region, slug="commissioner")
    GovernanceRoute.objects.filter(pk=deal.route_id).update(
        final_board=None, final_decision_maker=person
    )
    return person


@pytest.fixture
def chris(make_user: Any, commissioner: Person) -> User:
    """The commissioner, signed in as themselves."""
    return make_user(Role.DECISION_MAKER, person=commissioner)


@pytest.fixture
def at_commissioner(
    make_proposal: Any, officer: User, decide: Any, commissioner: Person
) -> tuple[Proposal, Routing]:
    proposal = make_proposal(signed_off=True)
    routing = proposal_route(by=officer, proposal=proposal)
    for _ in range(3):
        decide(routing, "endorsed")
    routing.refresh_from_db()
    proposal.refresh_from_db()
    return proposal, routing


def _alone(routing: Routing, by: Any, outcome: str = "endorsed", **kw: Any) -> ForumDecision:
    return forum_decision_record(
        by=by,
        routing=routing,
        position=4,
        outcome=outcome,
        decided_on=kw.pop("decided_on", date(2022, 7, 5)),
        **kw,
    )


def test_the_last_forum_puts_the_proposal_before_the_person(
    at_commissioner: tuple[Proposal, Routing], commissioner: Person
) -> None:
    proposal, routing = at_commissioner

    assert (routing.current_position, routing.current_board) == (4, None)
    assert routing.current_decision_maker == commissioner
    assert routing.current_label == SIGNED
    assert Proposal.all_objects.get(pk=proposal.pk).status == Status.CLEARED
    assert routing.history.latest().history_change_reason == "Finance Directors Group: endorsed"


def test_the_person_records_their_decision_attributed_to_them(
    at_commissioner: tuple[Proposal, Routing], chris: User, commissioner: Person
) -> None:
    proposal, routing = at_commissioner

    decision = _alone(routing, chris)

    assert (decision.board, decision.decision_maker, decision.office) == (
        None,
        commissioner,
        "Police and Crime Commissioner",
    )
    assert decision.recorded_by == chris
    assert decision.decider_label == SIGNED
    assert str(decision) == f"{SIGNED}: Endorsed on 05 Jul 2022"
    routing.refresh_from_db()
    assert routing.state == RoutingState.COMPLETED
    assert routing.current_decision_maker is None
    latest = routing.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (chris, f"{SIGNED}: endorsed")
    assert DecisionEffect.objects.get(decision=decision, proposal=proposal).status_after == (
        Status.CLEARED
    )
    assert final_endorsement(proposal) == decision


def test_their_endorsement_lets_government_agree_it(
    at_commissioner: tuple[Proposal, Routing], chris: User, officer: User
) -> None:
    proposal, routing = at_commissioner
    proposal_submit(by=officer, proposal=proposal, submitted_on=date(2022, 7, 6))
    with pytest.raises(DomainError, match=f"until {SIGNED} has endorsed it"):
        outcome_record(by=officer, proposal=proposal, outcome="agreed", decided_on=date(2022, 9, 1))

    _alone(routing, chris)
    agreed = outcome_record(
        by=officer, proposal=proposal, outcome="agreed", decided_on=date(2022, 9, 1)
    )

    assert agreed.status == Status.AGREED


@pytest.mark.parametrize("who", ["officer", "admin", "another decision maker", "same person"])
def test_no_one_else_records_it(
    at_commissioner: tuple[Proposal, Routing], make_user: Any, commissioner: Person, who: str
) -> None:
    _, routing = at_commissioner
    other = Person.objects.create(region=commissioner.region, slug="mayor", name="Mo Mayor")
    by = {
        "officer": lambda: make_user(Role.OFFICER),
        "admin": lambda: make_user(Role.ADMIN),
        "another decision maker": lambda: make_user(Role.DECISION_MAKER, person=other),
        "same person": lambda: make_user(Role.BOARD_MEMBER, person=commissioner),
    }[who]()

    with pytest.raises(NotPermitted, match=f"Only {SIGNED} can record their own decision"):
        _alone(routing, by)

    assert not ForumDecision.objects.filter(position=4).exists()
    routing.refresh_from_db()
    assert routing.current_position == 4


def test_the_person_cannot_record_a_boards_decision(
    make_proposal: Any, officer: User, chris: User
) -> None:
    routing = proposal_route(by=officer, proposal=make_proposal(signed_off=True))

    with pytest.raises(NotPermitted):
        forum_decision_record(
            by=chris, routing=routing, position=1, outcome="endorsed", decided_on=date(2022, 7, 1)
        )


def test_the_person_cannot_decide_before_the_forums_have(
    make_proposal: Any, officer: User, decide: Any, chris: User
) -> None:
    routing = proposal_route(by=officer, proposal=make_proposal(signed_off=True))
    decide(routing, "endorsed")

    with pytest.raises(DomainError, match=f"{SIGNED} cannot decide before Devolution Strategy"):
        _alone(routing, chris)


def test_the_person_cannot_consider_a_proposal_whose_screening_is_not_signed_off(
    make_proposal: Any, officer: User, decide: Any, chris: User
) -> None:
    routing = proposal_route(by=officer, proposal=make_proposal())
    for _ in range(3):
        decide(routing, "endorsed")

    with pytest.raises(DomainError, match=f"{SIGNED} cannot consider"):
        _alone(routing, chris)


def test_referred_back_by_the_person_it_returns_to_them(
    at_commissioner: tuple[Proposal, Routing], chris: User, officer: User
) -> None:
    proposal, routing = at_commissioner
    _alone(routing, chris, "referred_back", reasons="Cost it by year.")
    routing.refresh_from_db()
    assert routing.awaiting_resubmission
    assert Proposal.all_objects.get(pk=proposal.pk).status == Status.DRAFT

    proposal.refresh_from_db()
    again = proposal_route(by=officer, proposal=proposal)

    assert (again.current_position, again.current_decision_maker_id) == (4, chris.person_id)
    assert again.history.latest().history_change_reason == f"Sent again to {SIGNED}"


def test_the_office_held_when_deciding_stays_on_the_record(
    at_commissioner: tuple[Proposal, Routing], chris: User, commissioner: Person
) -> None:
    _, routing = at_commissioner
    decision = _alone(routing, chris)

    Person.objects.filter(pk=commissioner.pk).update(job_title="Former commissioner")

    assert ForumDecision.objects.get(pk=decision.pk).decider_label == SIGNED


def test_a_decision_taken_alone_is_never_changed(
    at_commissioner: tuple[Proposal, Routing], chris: User
) -> None:
    _, routing = at_commissioner
    decision = _alone(routing, chris)
    decision.office = "Mayor"

    with pytest.raises(DomainError):
        decision.save()
    with pytest.raises(DomainError):
        ForumDecision.objects.filter(pk=decision.pk).update(office="Mayor")


def test_only_the_person_corrects_their_decision(
    at_commissioner: tuple[Proposal, Routing], chris: User, officer: User
) -> None:
    _, routing = at_commissioner
    decision = _alone(routing, chris, "rejected")
    fields = {"outcome": "endorsed", "decided_on": date(2022, 7, 5), "note": "Wrong box ticked."}

    with pytest.raises(NotPermitted, match=f"Only {SIGNED}"):
        decision_correct(by=officer, decision=decision, **fields)
    correction = decision_correct(by=chris, decision=decision, **fields)

    assert (correction.decision_maker_id, correction.supersedes) == (chris.person_id, decision)
    assert correction.recorded_by == chris
    assert correction.office == "Police and Crime Commissioner"


def test_a_board_route_still_ends_at_its_board(
    make_proposal: Any, officer: User, decide: Any, deal: Any
) -> None:
    routing = proposal_route(by=officer, proposal=make_proposal(signed_off=True))
    for _ in range(3):
        decide(routing, "endorsed")
    decision = decide(routing, "endorsed")

    assert (decision.board.slug, decision.decision_maker, decision.office) == ("ca-board", None, "")
    assert decision.decider_label == "Combined Authority Board"
