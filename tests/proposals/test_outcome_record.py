"""Submission, negotiation and outcome: nothing is agreed without the final board."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from remit.core.errors import DomainError
from remit.core.models import Organisation
from remit.proposals.models import NegotiationEntry
from remit.proposals.models import Proposal
from remit.proposals.selectors import proposals_ready_for_business_case
from remit.proposals.services import negotiation_log
from remit.proposals.services import outcome_record
from remit.proposals.services import proposal_route
from remit.proposals.services import proposal_submit
from remit.proposals.workflow import Status

DAY = date(2022, 9, 30)


@pytest.fixture
def cleared(make_proposal: Any, officer: Any, decide: Any) -> Proposal:
    proposal = make_proposal(signed_off=True)
    routing = proposal_route(by=officer, proposal=proposal)
    for _ in range(3):
        decide(routing, "endorsed")
    proposal.refresh_from_db()
    return proposal


def test_submission_moves_a_cleared_proposal_to_government(cleared: Proposal, officer: Any) -> None:
    proposal_submit(by=officer, proposal=cleared, submitted_on=DAY)
    cleared.refresh_from_db()
    assert cleared.status == Status.SUBMITTED
    assert cleared.submitted_on == DAY
    assert cleared.history.latest().history_change_reason == "Submitted to government"


def test_a_proposal_still_with_the_forums_cannot_be_submitted(
    make_proposal: Any, officer: Any
) -> None:
    proposal = make_proposal()
    proposal_route(by=officer, proposal=proposal)
    proposal.refresh_from_db()
    with pytest.raises(DomainError, match="cannot become submitted"):
        proposal_submit(by=officer, proposal=proposal, submitted_on=DAY)


def test_submission_needs_a_department_to_submit_to(cleared: Proposal, officer: Any) -> None:
    cleared.departments.clear()
    with pytest.raises(DomainError) as refused:
        proposal_submit(by=officer, proposal=cleared, submitted_on=DAY)
    assert refused.value.field == "departments"


def test_negotiation_is_logged_per_department_with_history(cleared: Proposal, officer: Any) -> None:
    proposal_submit(by=officer, proposal=cleared, submitted_on=DAY)
    home_office = Organisation.objects.get(slug="home-office")
    entry = negotiation_log(
        by=officer,
        proposal=cleared,
        department=home_office,
        held_on=DAY,
        summary="Officials open to a three-year settlement.",
        next_steps="Send the costed model.",
    )
    assert NegotiationEntry.objects.get(proposal=cleared).department == home_office
    assert entry.history.get().history_user == officer


def test_negotiation_is_only_with_government_departments(cleared: Proposal, officer: Any) -> None:
    proposal_submit(by=officer, proposal=cleared, submitted_on=DAY)
    with pytest.raises(DomainError) as refused:
        negotiation_log(
            by=officer,
            proposal=cleared,
            department=Organisation.objects.get(slug="opcc"),
            held_on=DAY,
            summary="…",
        )
    assert refused.value.field == "department"


def test_negotiation_waits_for_submission(cleared: Proposal, officer: Any) -> None:
    with pytest.raises(DomainError, match="with government"):
        negotiation_log(
            by=officer,
            proposal=cleared,
            department=Organisation.objects.get(slug="home-office"),
            held_on=DAY,
            summary="Too early.",
        )


def test_no_proposal_is_agreed_without_the_final_boards_endorsement(
    cleared: Proposal, officer: Any, decide: Any
) -> None:
    proposal_submit(by=officer, proposal=cleared, submitted_on=DAY)
    with pytest.raises(DomainError, match="until Combined Authority Board has endorsed it"):
        outcome_record(by=officer, proposal=cleared, outcome="agreed", decided_on=DAY)

    decide(cleared.routings.get(), "noted")
    with pytest.raises(DomainError, match="endorsed it"):
        outcome_record(by=officer, proposal=cleared, outcome="agreed", decided_on=DAY)


def test_an_endorsed_proposal_can_be_agreed_and_is_ready_for_a_business_case(
    cleared: Proposal, officer: Any, decide: Any
) -> None:
    proposal_submit(by=officer, proposal=cleared, submitted_on=DAY)
    decide(cleared.routings.get(), "endorsed")
    outcome_record(
        by=officer,
        proposal=cleared,
        outcome="agreed",
        decided_on=DAY,
        conditions="Annual report to the Home Office.",
    )
    cleared.refresh_from_db()
    assert cleared.status == Status.AGREED
    assert cleared.outcome_conditions == "Annual report to the Home Office."
    assert cleared.history.latest().history_change_reason == "Government outcome: agreed"
    assert list(proposals_ready_for_business_case(cleared.deal.region)) == [cleared]


def test_agreed_in_principle_can_come_before_the_final_board(
    cleared: Proposal, officer: Any
) -> None:
    proposal_submit(by=officer, proposal=cleared, submitted_on=DAY)
    outcome_record(by=officer, proposal=cleared, outcome="agreed_in_principle", decided_on=DAY)
    cleared.refresh_from_db()
    assert cleared.status == Status.AGREED_IN_PRINCIPLE
    assert list(proposals_ready_for_business_case(cleared.deal.region)) == []


def test_a_deferred_proposal_can_be_reopened_with_government(
    cleared: Proposal, officer: Any
) -> None:
    proposal_submit(by=officer, proposal=cleared, submitted_on=DAY)
    outcome_record(by=officer, proposal=cleared, outcome="deferred", decided_on=DAY)
    proposal_submit(by=officer, proposal=cleared, submitted_on=DAY)
    cleared.refresh_from_db()
    assert cleared.status == Status.SUBMITTED


def test_a_final_board_referral_during_negotiation_returns_it_to_drafting(
    cleared: Proposal, officer: Any, decide: Any
) -> None:
    proposal_submit(by=officer, proposal=cleared, submitted_on=DAY)
    decide(cleared.routings.get(), "referred_back", reasons="Wait for the spending review.")
    cleared.refresh_from_db()
    assert cleared.status == Status.DRAFT
