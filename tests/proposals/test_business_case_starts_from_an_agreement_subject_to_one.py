"""A business case can be started from a proposal agreed with government, or agreed in
principle subject to a business case, by those who may start business cases."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from remit.core.errors import DomainError
from remit.core.models import Region
from remit.core.models import Role
from remit.proposals.models import Proposal
from remit.proposals.selectors import proposals_ready_for_business_case
from remit.proposals.services import outcome_record
from remit.proposals.workflow import ready_for_business_case

OUTCOME_ON = date(2023, 3, 1)


@pytest.fixture
def submitted(make_proposal: Any) -> Proposal:
    return make_proposal(status="submitted", submitted_on=date(2022, 9, 1))


def _start_link(proposal: Proposal) -> str:
    return f"{reverse('appraisal:create')}?proposal={proposal.pk}"


def test_an_agreement_in_principle_subject_to_a_business_case_offers_to_start_one(
    client: Any, officer: Any, submitted: Proposal
) -> None:
    outcome_record(
        by=officer,
        proposal=submitted,
        outcome="agreed_in_principle",
        decided_on=OUTCOME_ON,
        subject_to_business_case=True,
    )
    client.force_login(officer)
    page = client.get(reverse("proposals:detail", args=[submitted.pk])).content.decode()
    assert _start_link(submitted) in page
    assert "Agreed in principle, subject to a business case" in page


def test_an_agreement_in_principle_with_no_such_condition_does_not(
    client: Any, officer: Any, submitted: Proposal
) -> None:
    outcome_record(
        by=officer, proposal=submitted, outcome="agreed_in_principle", decided_on=OUTCOME_ON
    )
    client.force_login(officer)
    page = client.get(reverse("proposals:detail", args=[submitted.pk])).content.decode()
    assert _start_link(submitted) not in page


def test_only_those_who_may_start_business_cases_are_offered_it(
    client: Any, make_user: Any, make_proposal: Any
) -> None:
    agreed = make_proposal(status="agreed")
    client.force_login(make_user(Role.BOARD_MEMBER))
    page = client.get(reverse("proposals:detail", args=[agreed.pk])).content.decode()
    assert reverse("appraisal:create") not in page


def test_only_an_agreement_in_principle_is_made_subject_to_a_business_case(
    officer: Any, submitted: Proposal
) -> None:
    with pytest.raises(DomainError) as refused:
        outcome_record(
            by=officer,
            proposal=submitted,
            outcome="deferred",
            decided_on=OUTCOME_ON,
            subject_to_business_case=True,
        )
    assert refused.value.field == "subject_to_business_case"
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_the_outcome_form_records_the_condition(
    client: Any, officer: Any, submitted: Proposal
) -> None:
    client.force_login(officer)
    response = client.post(
        reverse("proposals:outcome", args=[submitted.pk]),
        {
            "outcome": "agreed_in_principle",
            "decided_on": "2023-03-01",
            "subject_to_business_case": "on",
        },
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.subject_to_business_case
    refused = client.post(
        reverse("proposals:outcome", args=[submitted.pk]),
        {"outcome": "deferred", "decided_on": "2023-03-02", "subject_to_business_case": "on"},
    )
    assert 'href="#id_subject_to_business_case"' in refused.content.decode()


def test_proposals_ready_for_a_business_case_include_agreements_subject_to_one(
    officer: Any, region: Region, make_proposal: Any, submitted: Proposal
) -> None:
    agreed = make_proposal(status="agreed")
    make_proposal(status="agreed_in_principle")
    outcome_record(
        by=officer,
        proposal=submitted,
        outcome="agreed_in_principle",
        decided_on=OUTCOME_ON,
        subject_to_business_case=True,
    )
    assert set(proposals_ready_for_business_case(region)) == {agreed, submitted}
    assert ready_for_business_case("agreed", False)
    assert ready_for_business_case("agreed_in_principle", True)
    assert not ready_for_business_case("agreed_in_principle", False)
    assert not ready_for_business_case("deferred", True)
