"""A board deciding on a proposal at its meeting: one record, the meeting's decision, with the
proposal's forum decision pointing at it, both saved in one transaction or neither."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from meetings_support import hold
from meetings_support import paper_on

from remit.core.errors import DomainError
from remit.core.errors import ImmutableRecord
from remit.core.models import Board
from remit.meetings import selectors
from remit.meetings import services
from remit.meetings.models import AgendaItem
from remit.meetings.models import Decision
from remit.meetings.models import Meeting
from remit.meetings.models import Paper
from remit.meetings.rules import ForumVerdict
from remit.meetings.rules import forum_verdict
from remit.meetings.services import OutcomeInput
from remit.proposals import services as proposal_services
from remit.proposals.models import Deal
from remit.proposals.models import ForumDecision
from remit.proposals.models import Proposal
from remit.proposals.models import Routing
from remit.proposals.workflow import RoutingState
from remit.proposals.workflow import Status


@pytest.fixture
def linked(past: list[Meeting], proposal: Proposal, officer: Any, chair: Any, rep: Any) -> Paper:
    """A held, quorate meeting whose item for decision is about the proposal."""
    paper = paper_on(past[0], proposal, officer)
    hold(past[0], officer, present=[chair, rep])
    paper.item.refresh_from_db()
    return paper


def outcomes(paper: Paper, *given: tuple[str, str]) -> list[OutcomeInput]:
    recs = list(paper.recommendations.all())
    return [OutcomeInput(r.pk, o, text) for r, (o, text) in zip(recs, given, strict=True)]


def record(paper: Paper, by: Any, *given: tuple[str, str], **kwargs: Any) -> Decision:
    return services.decision_record(
        by=by,
        item=paper.item,
        summary=kwargs.pop("summary", "The partnership endorsed the proposal."),
        outcomes=outcomes(paper, *given),
        published_on=kwargs.pop("published_on", date(2018, 4, 26)),
        **kwargs,
    )


def routing_of(proposal: Proposal) -> Routing:
    return Routing.objects.get(proposal=proposal)


def test_an_agreed_decision_records_the_endorsement_that_points_at_it(
    linked: Paper, proposal: Proposal, officer: Any, board: Board
) -> None:
    decision = record(linked, officer, ("agreed", ""), ("noted", ""))

    forum = ForumDecision.objects.get()
    assert forum.meeting_decision == decision
    assert (forum.board, forum.position, forum.outcome) == (board, 1, "endorsed")
    assert forum.decided_on == date(2018, 4, 24)
    assert forum.meeting_reference == ""
    assert forum.recorded_by == officer
    routing = routing_of(proposal)
    assert (routing.current_position, routing.current_board.slug) == (2, "dsg")
    assert forum.effects.get().status_after == Status.IN_GOVERNANCE
    assert decision.forum_decision == forum
    assert selectors.standing_forum_decision(decision) == forum


def test_agreed_as_amended_endorses_with_the_amendment_as_the_changes(
    linked: Paper, officer: Any
) -> None:
    amended = "Endorse the proposal, with the fire service a partner."
    record(linked, officer, ("agreed_as_amended", amended), ("noted", ""))

    forum = ForumDecision.objects.get()
    assert (forum.outcome, forum.changes) == ("endorsed_with_changes", amended)


def test_not_agreed_rejects_the_proposal_and_ends_its_route(
    linked: Paper, proposal: Proposal, officer: Any
) -> None:
    record(linked, officer, ("not_agreed", ""), ("noted", ""), summary="Not endorsed.")

    assert ForumDecision.objects.get().outcome == "rejected"
    proposal.refresh_from_db()
    assert proposal.status == Status.REJECTED
    assert routing_of(proposal).state == RoutingState.ENDED


def test_not_agreed_can_refer_it_back_with_the_resolution_as_the_reasons(
    linked: Paper, proposal: Proposal, officer: Any
) -> None:
    resolution = "Bring the proposal back with the grant baselines."
    record(
        linked,
        officer,
        ("not_agreed", ""),
        ("noted", ""),
        summary=resolution,
        if_not_agreed="referred_back",
    )

    forum = ForumDecision.objects.get()
    assert (forum.outcome, forum.reasons) == ("referred_back", resolution)
    proposal.refresh_from_db()
    assert proposal.status == Status.DRAFT
    assert routing_of(proposal).awaiting_resubmission


@pytest.mark.parametrize(
    "given", [(("deferred", ""), ("noted", "")), (("noted", ""), ("noted", ""))]
)
def test_deferred_or_noted_records_no_forum_decision_and_the_proposal_stays_put(
    linked: Paper, proposal: Proposal, officer: Any, given: tuple[tuple[str, str], ...]
) -> None:
    decision = record(linked, officer, *given)

    assert decision.item.state == AgendaItem.State.DECIDED
    assert not ForumDecision.objects.exists()
    routing = routing_of(proposal)
    assert (routing.state, routing.current_position) == (RoutingState.ACTIVE, 1)
    proposal.refresh_from_db()
    assert proposal.status == Status.IN_GOVERNANCE


def test_a_decision_the_proposals_rules_refuse_saves_neither(
    linked: Paper, proposal: Proposal, officer: Any
) -> None:
    proposal_services.proposal_withdraw(by=officer, proposal=proposal, reason="Overtaken.")

    with pytest.raises(DomainError) as refused:
        record(linked, officer, ("agreed", ""), ("noted", ""))

    assert refused.value.field == "proposal"
    assert "“Violence reduction partnership”" in refused.value.message
    assert "not going through governance" in refused.value.message
    assert not Decision.objects.exists()
    assert not ForumDecision.objects.exists()
    assert AgendaItem.objects.get(pk=linked.item.pk).state == AgendaItem.State.OPEN


def test_an_unknown_choice_for_not_agreed_names_its_field(linked: Paper, officer: Any) -> None:
    with pytest.raises(DomainError) as refused:
        record(linked, officer, ("agreed", ""), ("noted", ""), if_not_agreed="shelved")
    assert refused.value.field == "if_not_agreed"
    assert not Decision.objects.exists()


def test_items_without_a_proposal_decide_as_before(
    past: list[Meeting], officer: Any, chair: Any, rep: Any
) -> None:
    paper = paper_on(past[0], None, officer)
    hold(past[0], officer, present=[chair, rep])
    paper.item.refresh_from_db()
    record(paper, officer, ("agreed", ""), ("noted", ""))
    assert Decision.objects.count() == 1
    assert not ForumDecision.objects.exists()


def test_both_records_stay_unchangeable(linked: Paper, officer: Any) -> None:
    decision = record(linked, officer, ("agreed", ""), ("noted", ""))
    forum = ForumDecision.objects.get()
    forum.outcome = "rejected"
    with pytest.raises(ImmutableRecord):
        forum.save()
    with pytest.raises(ImmutableRecord):
        decision.delete()
    with pytest.raises(ImmutableRecord):
        ForumDecision.objects.update(changes="Edited.")


def correct(
    paper: Paper, by: Any, old: Decision, *given: tuple[str, str], **kwargs: Any
) -> Decision:
    return record(
        paper,
        by,
        *given,
        supersedes=old,
        correction_reason=kwargs.pop("correction_reason", "The minute was wrong."),
        **kwargs,
    )


def test_a_correction_with_another_outcome_supersedes_the_forum_decision_too(
    linked: Paper, proposal: Proposal, officer: Any
) -> None:
    first = record(linked, officer, ("agreed", ""), ("noted", ""))
    second = correct(
        linked,
        officer,
        first,
        ("not_agreed", ""),
        ("noted", ""),
        summary="Bring it back with costs.",
        if_not_agreed="referred_back",
    )

    original, correction = ForumDecision.objects.order_by("pk")
    assert correction.supersedes == original
    assert correction.meeting_decision == second
    assert correction.correction_note == "The minute was wrong."
    assert original.meeting_decision == first
    proposal.refresh_from_db()
    assert proposal.status == Status.DRAFT
    routing = routing_of(proposal)
    assert (routing.current_position, routing.awaiting_resubmission) == (1, True)


def test_a_correction_that_keeps_the_outcome_leaves_the_forum_decision_standing(
    linked: Paper, officer: Any
) -> None:
    first = record(linked, officer, ("agreed", ""), ("noted", ""))
    second = correct(
        linked, officer, first, ("agreed", ""), ("noted", ""), summary="Endorsed, as minuted."
    )

    forum = ForumDecision.objects.get()
    assert forum.meeting_decision == first
    assert selectors.standing_forum_decision(second) == forum


def test_a_correction_cannot_take_a_forum_decision_back(
    linked: Paper, proposal: Proposal, officer: Any
) -> None:
    first = record(linked, officer, ("agreed", ""), ("noted", ""))
    with pytest.raises(DomainError, match="cannot take a forum decision back") as refused:
        correct(linked, officer, first, ("deferred", ""), ("noted", ""))
    assert refused.value.field == "proposal"
    assert Decision.objects.count() == 1
    assert ForumDecision.objects.count() == 1


def test_a_correction_is_refused_once_a_later_forum_has_decided(
    linked: Paper, proposal: Proposal, officer: Any
) -> None:
    first = record(linked, officer, ("agreed", ""), ("noted", ""))
    routing = routing_of(proposal)
    proposal_services.forum_decision_record(
        by=officer, routing=routing, position=2, outcome="endorsed", decided_on=date(2018, 5, 1)
    )

    with pytest.raises(DomainError, match="a later forum has decided since") as refused:
        correct(linked, officer, first, ("not_agreed", ""), ("noted", ""))
    assert "“Violence reduction partnership”" in refused.value.message
    assert Decision.objects.count() == 1
    assert ForumDecision.objects.count() == 2


def test_the_proposals_own_correction_refuses_a_decision_taken_at_a_meeting(
    linked: Paper, officer: Any
) -> None:
    decision = record(linked, officer, ("agreed", ""), ("noted", ""))
    forum = ForumDecision.objects.get()
    with pytest.raises(DomainError, match=f"in decision {decision.reference}"):
        proposal_services.decision_correct(
            by=officer,
            decision=forum,
            outcome="rejected",
            decided_on=date(2018, 4, 24),
            note="Wrongly recorded.",
        )
    assert ForumDecision.objects.count() == 1


def test_the_proposals_own_form_refuses_a_decision_due_at_a_meeting(
    past: list[Meeting], proposal: Proposal, officer: Any
) -> None:
    paper_on(past[0], proposal, officer)
    with pytest.raises(DomainError, match="on the agenda of the Testshire Community Safety"):
        proposal_services.forum_decision_record(
            by=officer,
            routing=routing_of(proposal),
            position=1,
            outcome="endorsed",
            decided_on=date(2018, 4, 24),
        )
    assert not ForumDecision.objects.exists()


def test_linking_needs_the_proposal_to_be_waiting_for_the_board(
    past: list[Meeting], proposal: Proposal, officer: Any, dsg: Board
) -> None:
    (dsg_meeting,) = services.meeting_schedule(
        by=officer,
        board=dsg,
        first_date=date(2018, 5, 1),
        start_time=past[0].start_time,
        location="Lloyd House",
    )
    with pytest.raises(DomainError, match="is waiting for Testshire Community Safety") as refused:
        paper_on(dsg_meeting, proposal, officer)
    assert refused.value.field == "proposal"
    assert not dsg_meeting.items.filter(proposal=proposal).exists()


def test_linking_refuses_standard_items_and_a_second_item(
    past: list[Meeting], proposal: Proposal, officer: Any
) -> None:
    with pytest.raises(DomainError, match="apologies cannot be about a proposal"):
        services.item_add(
            by=officer,
            meeting=past[0],
            data={"kind": "apologies", "title": "Apologies", "proposal": proposal},
        )
    paper_on(past[0], proposal, officer)
    with pytest.raises(DomainError, match="already on this agenda"):
        paper_on(past[0], proposal, officer, title="Again")


def test_linking_refuses_a_proposal_of_another_region(
    past: list[Meeting], proposal: Proposal, officer: Any
) -> None:
    from remit.core.models import Region

    other = Region.objects.create(slug="elsewhere", name="Elsewhere")
    Deal.objects.filter(pk=proposal.deal_id).update(region=other)
    proposal.refresh_from_db()
    with pytest.raises(DomainError, match="belongs to another region"):
        paper_on(past[0], proposal, officer)


def test_an_item_keeps_its_link_when_edited_and_can_drop_it(
    past: list[Meeting], proposal: Proposal, officer: Any
) -> None:
    item = paper_on(past[0], proposal, officer).item
    item = services.item_update(by=officer, item=item, data={"summary": "Updated."})
    assert item.proposal == proposal
    item = services.item_update(by=officer, item=item, data={"proposal": None})
    assert item.proposal is None
    assert item.history.latest().history_change_reason == "Edited: proposal"


def test_an_item_rolled_forward_from_an_inquorate_meeting_keeps_its_proposal(
    past: list[Meeting], proposal: Proposal, officer: Any, chair: Any, rep: Any
) -> None:
    paper = paper_on(past[0], proposal, officer)
    hold(past[0], officer, present=[chair], absent=[rep])
    rolled = AgendaItem.objects.get(rolled_from=paper.item)
    assert rolled.proposal == proposal

    hold(past[1], officer, present=[chair, rep])
    decision = services.decision_record(
        by=officer,
        item=rolled,
        summary="Endorsed at the next meeting.",
        outcomes=outcomes(paper, ("agreed", ""), ("noted", "")),
        published_on=date(2018, 7, 25),
    )
    forum = ForumDecision.objects.get()
    assert (forum.meeting_decision, forum.decided_on) == (decision, date(2018, 7, 24))


@pytest.mark.parametrize(
    ("given", "if_not_agreed", "expected"),
    [
        ([("agreed", ""), ("noted", "")], "rejected", ForumVerdict("endorsed")),
        (
            [("agreed_as_amended", "With costs."), ("agreed_as_amended", "And dates.")],
            "rejected",
            ForumVerdict("endorsed_with_changes", changes="With costs.\n\nAnd dates."),
        ),
        ([("agreed", ""), ("not_agreed", "")], "rejected", ForumVerdict("rejected")),
        (
            [("not_agreed", "")],
            "referred_back",
            ForumVerdict("referred_back", reasons="Come back with costs."),
        ),
        ([("agreed", ""), ("deferred", "")], "rejected", None),
        ([("not_agreed", ""), ("deferred", "")], "rejected", None),
        ([("noted", "")], "rejected", None),
    ],
)
def test_what_the_boards_outcomes_mean_for_the_proposal(
    given: list[tuple[str, str]], if_not_agreed: str, expected: ForumVerdict | None
) -> None:
    verdict = forum_verdict(
        given, resolution=" Come back with costs. ", if_not_agreed=if_not_agreed
    )
    assert verdict == expected
