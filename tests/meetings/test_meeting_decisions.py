"""Decisions: one reference in the board's series, an outcome for every recommendation, votes,
interests declared first, and nothing changed once recorded — a correction supersedes."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from meetings_support import hold

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.meetings import services
from remit.meetings.models import AgendaItem
from remit.meetings.models import Decision
from remit.meetings.models import ImmutableRecord
from remit.meetings.models import Meeting
from remit.meetings.models import RecommendationOutcome
from remit.meetings.models import Vote
from remit.meetings.services import OutcomeInput

Outcome = RecommendationOutcome.Outcome


@pytest.fixture
def decided(past: list[Meeting], write_paper: Any, officer: Any, chair: Any, rep: Any) -> Any:
    """A held, quorate meeting with a two-recommendation paper, ready for a decision."""
    paper = write_paper(
        past[0],
        title="Community safety fund",
        recommendations=["Note the report.", "Agree the transition year."],
    )
    hold(past[0], officer, present=[chair, rep])
    paper.item.refresh_from_db()
    return paper


def agree_all(paper: Any) -> list[OutcomeInput]:
    return [OutcomeInput(r.pk, Outcome.AGREED) for r in paper.recommendations.all()]


def test_a_decision_takes_the_next_reference_in_the_board_series(
    decided: Any, officer: Any, board: Any
) -> None:
    board.decision_reference_prefix = "WMCSP"
    board.save()
    first = services.decision_record(
        by=officer, item=decided.item, summary="Agreed.", outcomes=agree_all(decided)
    )
    assert first.reference == "WMCSP/D/2018/01"
    assert decided.item.decisions.count() == 1
    item = AgendaItem.objects.get(pk=decided.item.pk)
    assert item.state == AgendaItem.State.DECIDED
    assert first.history.latest().history_user == officer


def test_the_slug_in_capitals_is_the_prefix_when_none_is_set(decided: Any, officer: Any) -> None:
    decision = services.decision_record(
        by=officer, item=decided.item, summary="Agreed.", outcomes=agree_all(decided)
    )
    assert decision.reference == "CSP/D/2018/01"
    assert decision.published_on == decision.effective_on


def test_every_recommendation_needs_an_outcome(decided: Any, officer: Any) -> None:
    first = decided.recommendations.first()
    with pytest.raises(DomainError, match="every recommendation") as caught:
        services.decision_record(
            by=officer,
            item=decided.item,
            summary="Agreed.",
            outcomes=[OutcomeInput(first.pk, "agreed")],
        )
    assert caught.value.field == "outcomes"


def test_an_amended_recommendation_is_written_down(decided: Any, officer: Any) -> None:
    recs = list(decided.recommendations.all())
    with pytest.raises(DomainError, match="as amended"):
        services.decision_record(
            by=officer,
            item=decided.item,
            summary="Agreed with a change.",
            outcomes=[
                OutcomeInput(recs[0].pk, "noted"),
                OutcomeInput(recs[1].pk, "agreed_as_amended"),
            ],
        )
    decision = services.decision_record(
        by=officer,
        item=decided.item,
        summary="Agreed with a change.",
        outcomes=[
            OutcomeInput(recs[0].pk, "noted"),
            OutcomeInput(
                recs[1].pk, "agreed_as_amended", "Agree a transition year, reviewed at six months."
            ),
        ],
    )
    assert [o.outcome for o in decision.outcomes.order_by("recommendation__position")] == [
        "noted",
        "agreed_as_amended",
    ]


def test_a_decision_cannot_take_effect_before_it_is_published(decided: Any, officer: Any) -> None:
    with pytest.raises(DomainError) as caught:
        services.decision_record(
            by=officer,
            item=decided.item,
            summary="Agreed.",
            outcomes=agree_all(decided),
            published_on=date(2018, 5, 1),
            effective_on=date(2018, 4, 30),
        )
    assert caught.value.field == "effective_on"


def test_a_recorded_decision_cannot_be_saved_again_or_deleted(decided: Any, officer: Any) -> None:
    decision = services.decision_record(
        by=officer, item=decided.item, summary="Agreed.", outcomes=agree_all(decided)
    )
    decision.summary = "Something else."
    with pytest.raises(ImmutableRecord, match="record a correction"):
        decision.save()
    with pytest.raises(ImmutableRecord):
        decision.delete()
    with pytest.raises(ImmutableRecord):
        Decision.objects.filter(pk=decision.pk).update(summary="Sneaky.")
    with pytest.raises(ImmutableRecord):
        Decision.objects.filter(pk=decision.pk).delete()
    outcome = decision.outcomes.first()
    outcome.outcome = "not_agreed"
    with pytest.raises(ImmutableRecord):
        outcome.save()
    assert Decision.objects.get(pk=decision.pk).summary == "Agreed."


def test_a_second_decision_on_an_item_must_be_a_correction(decided: Any, officer: Any) -> None:
    services.decision_record(
        by=officer, item=decided.item, summary="Agreed.", outcomes=agree_all(decided)
    )
    with pytest.raises(DomainError, match="record a correction"):
        services.decision_record(
            by=officer, item=decided.item, summary="Again.", outcomes=agree_all(decided)
        )


def test_a_correction_supersedes_with_its_own_reference_and_reason(
    decided: Any, officer: Any
) -> None:
    original = services.decision_record(
        by=officer, item=decided.item, summary="Agreed.", outcomes=agree_all(decided)
    )
    with pytest.raises(DomainError) as caught:
        services.decision_record(
            by=officer,
            item=decided.item,
            summary="Agreed.",
            outcomes=agree_all(decided),
            supersedes=original,
        )
    assert caught.value.field == "correction_reason"
    correction = services.decision_record(
        by=officer,
        item=decided.item,
        summary="Agreed, with the transition year running to March 2019.",
        outcomes=agree_all(decided),
        supersedes=original,
        correction_reason="The end date was minuted wrongly.",
    )
    assert correction.reference == "CSP/D/2018/02"
    assert original.superseded_by == correction
    with pytest.raises(DomainError, match="already been superseded"):
        services.decision_record(
            by=officer,
            item=decided.item,
            summary="Third go.",
            outcomes=agree_all(decided),
            supersedes=original,
            correction_reason="Again.",
        )


def test_nothing_is_decided_before_the_meeting_is_held(
    meeting: Meeting, write_paper: Any, officer: Any
) -> None:
    paper = write_paper(meeting)
    services.agenda_publish(by=officer, meeting=meeting)
    with pytest.raises(DomainError, match="once the meeting has been held"):
        services.decision_record(
            by=officer, item=paper.item, summary="Agreed.", outcomes=agree_all(paper)
        )


def test_an_inquorate_meeting_cannot_decide(
    past: list[Meeting], write_paper: Any, officer: Any, chair: Any, rep: Any
) -> None:
    paper = write_paper(past[0])
    hold(past[0], officer, present=[chair], absent=[rep])
    paper.item.refresh_from_db()
    with pytest.raises(DomainError, match="inquorate"):
        services.decision_record(
            by=officer, item=paper.item, summary="Agreed.", outcomes=agree_all(paper)
        )


def test_a_rolled_forward_item_is_decided_at_the_next_meeting_on_its_original_paper(
    past: list[Meeting], write_paper: Any, officer: Any, chair: Any, rep: Any
) -> None:
    paper = write_paper(past[0])
    hold(past[0], officer, present=[chair], absent=[rep])
    carried = AgendaItem.objects.get(meeting=past[1], rolled_from=paper.item)
    hold(past[1], officer, present=[chair, rep])
    decision = services.decision_record(
        by=officer, item=carried, summary="Agreed.", outcomes=agree_all(paper)
    )
    assert decision.item.meeting == past[1]
    assert decision.outcomes.get().recommendation.paper == paper


def test_votes_are_taken_from_members_present(
    decided: Any, officer: Any, chair: Any, rep: Any
) -> None:
    decision = services.decision_record(
        by=officer,
        item=decided.item,
        summary="Agreed on a vote.",
        outcomes=agree_all(decided),
        votes={chair.pk: "for", rep.pk: "against"},
    )
    assert sorted(decision.votes.values_list("choice", flat=True)) == ["against", "for"]
    with pytest.raises(ImmutableRecord):
        Vote.objects.filter(decision=decision).update(choice="abstain")


def test_someone_who_is_not_a_member_cannot_vote(decided: Any, officer: Any, region: Any) -> None:
    outsider = region.people.get(slug="trust-lead")
    with pytest.raises(DomainError, match="Tom Trust is not a voting member") as caught:
        services.decision_record(
            by=officer,
            item=decided.item,
            summary="Agreed.",
            outcomes=agree_all(decided),
            votes={outsider.pk: "for"},
        )
    assert caught.value.field == "votes"


def test_a_member_with_a_prejudicial_interest_cannot_vote(
    decided: Any, officer: Any, rep: Any, chair: Any, past: list[Meeting]
) -> None:
    services.declaration_record(
        by=officer,
        meeting=past[0],
        person=rep,
        item=decided.item,
        kind="disclosable_pecuniary",
        description="Her employer bids to the fund.",
    )
    with pytest.raises(DomainError, match="Nia North declared a prejudicial interest"):
        services.decision_record(
            by=officer,
            item=decided.item,
            summary="Agreed.",
            outcomes=agree_all(decided),
            votes={chair.pk: "for", rep.pk: "for"},
        )
    decision = services.decision_record(
        by=officer,
        item=decided.item,
        summary="Agreed.",
        outcomes=agree_all(decided),
        votes={chair.pk: "for"},
    )
    assert list(decision.votes.values_list("person__name", flat=True)) == ["Chris Chair"]


def test_a_non_prejudicial_interest_does_not_stop_a_vote(
    decided: Any, officer: Any, rep: Any, past: list[Meeting]
) -> None:
    services.declaration_record(
        by=officer,
        meeting=past[0],
        person=rep,
        item=decided.item,
        kind="other_registrable",
        description="Trustee of a local charity.",
    )
    decision = services.decision_record(
        by=officer,
        item=decided.item,
        summary="Agreed.",
        outcomes=agree_all(decided),
        votes={rep.pk: "for"},
    )
    assert decision.votes.count() == 1


def test_interests_are_declared_before_the_decision(
    decided: Any, officer: Any, rep: Any, past: list[Meeting]
) -> None:
    services.decision_record(
        by=officer, item=decided.item, summary="Agreed.", outcomes=agree_all(decided)
    )
    with pytest.raises(DomainError, match="declared before the decision") as caught:
        services.declaration_record(
            by=officer,
            meeting=past[0],
            person=rep,
            item=decided.item,
            kind="other_prejudicial",
            description="Late.",
        )
    assert caught.value.field == "item"


def test_a_member_declares_their_own_interest_but_not_someone_elses(
    meeting: Meeting, member_user: Any, rep: Any, chair: Any, write_paper: Any
) -> None:
    paper = write_paper(meeting)
    declaration = services.declaration_record(
        by=member_user,
        meeting=meeting,
        person=rep,
        item=paper.item,
        kind="non_registrable",
        description="A friend.",
    )
    assert declaration.recorded_by == member_user
    with pytest.raises(NotPermitted, match="only record their own"):
        services.declaration_record(
            by=member_user,
            meeting=meeting,
            person=chair,
            kind="non_registrable",
            description="Not mine.",
        )


def test_only_members_declare(meeting: Meeting, officer: Any, region: Any) -> None:
    outsider = region.people.get(slug="trust-lead")
    with pytest.raises(DomainError, match="was not a member") as caught:
        services.declaration_record(
            by=officer, meeting=meeting, person=outsider, kind="non_registrable", description="X"
        )
    assert caught.value.field == "person"
