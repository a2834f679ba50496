"""Recording forum decisions: the routing rules, each pinned by its own test."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import Role
from remit.proposals.models import DecisionEffect
from remit.proposals.models import ForumDecision
from remit.proposals.models import Proposal
from remit.proposals.models import Routing
from remit.proposals.services import forum_decision_record
from remit.proposals.services import proposal_route
from remit.proposals.workflow import RoutingState
from remit.proposals.workflow import Status


@pytest.fixture
def routed(make_proposal: Any, officer: Any) -> tuple[Proposal, Routing]:
    proposal = make_proposal()
    return proposal, proposal_route(by=officer, proposal=proposal)


def test_an_endorsement_moves_the_route_to_the_next_forum_with_history(
    routed: tuple[Proposal, Routing], decide: Any, officer: Any
) -> None:
    _, routing = routed

    decision = decide(routing, "endorsed", meeting_reference="SLOG 2022/07 item 4")

    routing.refresh_from_db()
    assert (routing.current_position, routing.current_board.slug) == (2, "dsg")
    assert decision.recorded_by == officer
    assert decision.meeting_reference == "SLOG 2022/07 item 4"
    latest = routing.history.latest()
    assert latest.history_user == officer
    assert latest.history_change_reason == "Senior Officers Group: endorsed"
    assert DecisionEffect.objects.get(decision=decision).status_after == Status.IN_GOVERNANCE


def test_forums_are_passed_in_order(routed: tuple[Proposal, Routing], decide: Any) -> None:
    _, routing = routed
    decide(routing, "endorsed")
    with pytest.raises(
        DomainError, match="Finance Directors Group cannot decide before"
    ) as refused:
        decide(routing, "endorsed", position=3)
    assert refused.value.field == "position"
    assert ForumDecision.objects.count() == 1


@pytest.mark.parametrize("outcome", ["endorsed_with_changes", "noted"])
def test_endorsed_with_changes_and_noted_let_the_next_forum_decide(
    routed: tuple[Proposal, Routing], decide: Any, outcome: str
) -> None:
    _, routing = routed
    extra = {"changes": "Show the costs by year."} if outcome == "endorsed_with_changes" else {}
    decide(routing, outcome, **extra)
    decide(routing, "endorsed", position=2)
    routing.refresh_from_db()
    assert routing.current_position == 3


def test_referred_back_returns_to_drafting_and_resumes_at_the_forum_that_referred_it(
    routed: tuple[Proposal, Routing], decide: Any, officer: Any
) -> None:
    proposal, routing = routed
    decide(routing, "endorsed")
    decide(routing, "referred_back", reasons="The costs are not broken down.")

    proposal.refresh_from_db()
    routing.refresh_from_db()
    assert proposal.status == Status.DRAFT
    assert proposal.history.latest().history_change_reason == (
        "Devolution Strategy Group: referred back"
    )
    assert (routing.current_position, routing.awaiting_resubmission) == (2, True)
    with pytest.raises(DomainError, match="send it to Devolution Strategy Group again"):
        decide(routing, "endorsed", position=2)

    again = proposal_route(by=officer, proposal=proposal)

    assert again.pk == routing.pk
    assert (again.current_position, again.current_board.slug) == (2, "dsg")
    proposal.refresh_from_db()
    assert proposal.status == Status.IN_GOVERNANCE
    assert (
        proposal.history.latest().history_change_reason == "Sent again to Devolution Strategy Group"
    )
    with pytest.raises(DomainError, match="has already decided"):
        decide(routing, "endorsed", position=1)


def test_referred_back_needs_reasons(routed: tuple[Proposal, Routing], decide: Any) -> None:
    _, routing = routed
    with pytest.raises(DomainError) as refused:
        decide(routing, "referred_back")
    assert refused.value.field == "reasons"


def test_endorsed_with_changes_needs_the_changes(
    routed: tuple[Proposal, Routing], decide: Any
) -> None:
    _, routing = routed
    with pytest.raises(DomainError) as refused:
        decide(routing, "endorsed_with_changes")
    assert refused.value.field == "changes"


def test_rejected_ends_the_route(
    routed: tuple[Proposal, Routing], decide: Any, officer: Any
) -> None:
    proposal, routing = routed
    decide(routing, "rejected", reasons="Duplicates an existing national scheme.")

    routing.refresh_from_db()
    proposal.refresh_from_db()
    assert routing.state == RoutingState.ENDED
    assert routing.current_position is None
    assert routing.finished_at is not None
    assert proposal.status == Status.REJECTED
    with pytest.raises(DomainError, match="no forum decides"):
        decide(routing, "endorsed", position=2)
    with pytest.raises(DomainError):
        proposal_route(by=officer, proposal=proposal)


def _to_final_board(routing: Routing, decide: Any) -> None:
    for _ in range(3):
        decide(routing, "endorsed")


def test_the_last_forum_clears_the_proposal_for_submission(
    routed: tuple[Proposal, Routing], decide: Any
) -> None:
    proposal, routing = routed
    _to_final_board(routing, decide)
    proposal.refresh_from_db()
    routing.refresh_from_db()
    assert proposal.status == Status.CLEARED
    assert routing.current_board.slug == "ca-board"


def test_the_final_board_cannot_consider_a_proposal_without_a_signed_off_screening(
    routed: tuple[Proposal, Routing], decide: Any, sign_off: Any
) -> None:
    proposal, routing = routed
    _to_final_board(routing, decide)
    with pytest.raises(DomainError, match="screening is signed off") as refused:
        decide(routing, "endorsed")
    assert refused.value.field == "position"

    sign_off(proposal)
    decide(routing, "endorsed")
    routing.refresh_from_db()
    assert routing.state == RoutingState.COMPLETED


def test_only_officers_record_decisions(
    routed: tuple[Proposal, Routing], decide: Any, lead_user: Any
) -> None:
    _, routing = routed
    with pytest.raises(NotPermitted):
        decide(routing, "endorsed", by=lead_user)


def test_the_decision_date_cannot_be_in_the_future(
    routed: tuple[Proposal, Routing], decide: Any
) -> None:
    _, routing = routed
    with pytest.raises(DomainError) as refused:
        decide(routing, "endorsed", decided_on=date(2999, 1, 1))
    assert refused.value.field == "decided_on"


def test_a_recorded_decision_is_never_edited(routed: tuple[Proposal, Routing], decide: Any) -> None:
    _, routing = routed
    decision = decide(routing, "endorsed")
    decision.outcome = "rejected"
    with pytest.raises(DomainError, match="never changed"):
        decision.save()
    with pytest.raises(DomainError):
        ForumDecision.objects.filter(pk=decision.pk).update(outcome="rejected")
    assert ForumDecision.objects.get(pk=decision.pk).outcome == "endorsed"


def test_a_recorded_decision_is_never_deleted(
    routed: tuple[Proposal, Routing], decide: Any
) -> None:
    _, routing = routed
    decision = decide(routing, "endorsed")
    with pytest.raises(DomainError, match="never deleted"):
        decision.delete()
    with pytest.raises(DomainError):
        ForumDecision.objects.all().delete()
    assert ForumDecision.objects.filter(pk=decision.pk).exists()


def test_there_is_no_update_service_for_decisions() -> None:
    from remit.proposals import services

    assert not [name for name in services.__all__ if name.startswith("decision_update")]


def test_one_active_routing_per_proposal_is_a_database_rule(
    routed: tuple[Proposal, Routing],
) -> None:
    from django.db import IntegrityError
    from django.db import transaction

    proposal, routing = routed
    with pytest.raises(IntegrityError), transaction.atomic():
        Routing.objects.create(route=routing.route, proposal=proposal, current_position=1)


def test_a_proposal_already_with_the_forums_cannot_be_sent_again(
    routed: tuple[Proposal, Routing], officer: Any
) -> None:
    proposal, _ = routed
    proposal.refresh_from_db()
    with pytest.raises(DomainError, match="already with the forums"):
        proposal_route(by=officer, proposal=proposal)


def test_decisions_are_recorded_against_the_step_not_a_made_up_one(
    routed: tuple[Proposal, Routing], officer: Any
) -> None:
    _, routing = routed
    with pytest.raises(DomainError, match="no step 9"):
        forum_decision_record(
            by=officer, routing=routing, position=9, outcome="endorsed", decided_on=date(2022, 7, 1)
        )


def test_an_analyst_cannot_record_a_decision(
    routed: tuple[Proposal, Routing], decide: Any, make_user: Any
) -> None:
    _, routing = routed
    with pytest.raises(NotPermitted, match="record forum decisions"):
        decide(routing, "endorsed", by=make_user(Role.ANALYST))
