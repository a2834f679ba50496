"""A forum decision is dated no earlier than the decisions already standing on its route."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from remit.core.apikit.auth import token_create
from remit.core.errors import DomainError
from remit.proposals.models import ForumDecision
from remit.proposals.models import Proposal
from remit.proposals.models import Routing
from remit.proposals.services import decision_correct
from remit.proposals.services import proposal_route
from remit.proposals.workflow import check_decision_date

FIRST = date(2022, 7, 1)
BEFORE = date(2022, 6, 1)


@pytest.fixture
def routed(make_proposal: Any, officer: Any) -> tuple[Proposal, Routing]:
    proposal = make_proposal()
    return proposal, proposal_route(by=officer, proposal=proposal)


def test_a_decision_dated_before_an_earlier_decision_on_the_route_is_refused(
    routed: tuple[Proposal, Routing], decide: Any
) -> None:
    _, routing = routed
    decide(routing, "endorsed", decided_on=FIRST)

    with pytest.raises(DomainError) as refused:
        decide(routing, "endorsed", decided_on=BEFORE)

    assert refused.value.field == "decided_on"
    assert "on or after 1 July 2022" in refused.value.message
    assert "Senior Officers Group" in refused.value.message
    assert "1 June 2022" in refused.value.message
    assert ForumDecision.objects.count() == 1
    routing.refresh_from_db()
    assert routing.current_position == 2


def test_a_decision_on_the_same_day_as_the_one_before_it_is_accepted(
    routed: tuple[Proposal, Routing], decide: Any
) -> None:
    _, routing = routed
    decide(routing, "endorsed", decided_on=FIRST)
    decide(routing, "endorsed", decided_on=FIRST)
    assert ForumDecision.objects.count() == 2


def test_a_forum_deciding_again_after_a_referral_is_dated_after_the_referral(
    routed: tuple[Proposal, Routing], decide: Any, officer: Any
) -> None:
    proposal, routing = routed
    decide(routing, "referred_back", decided_on=FIRST, reasons="Cost it by year.")
    proposal.refresh_from_db()
    proposal_route(by=officer, proposal=proposal)
    with pytest.raises(DomainError, match="on or after 1 July 2022"):
        decide(routing, "endorsed", decided_on=BEFORE)


def test_a_correction_is_dated_no_earlier_than_the_decisions_before_the_one_it_replaces(
    routed: tuple[Proposal, Routing], decide: Any, officer: Any
) -> None:
    _, routing = routed
    decide(routing, "endorsed", decided_on=FIRST)
    wrong = decide(routing, "noted", decided_on=date(2022, 8, 1))

    with pytest.raises(DomainError, match="on or after 1 July 2022") as refused:
        decision_correct(
            by=officer, decision=wrong, outcome="endorsed", decided_on=BEFORE, note="Typo."
        )
    assert refused.value.field == "decided_on"

    # The decision it replaces does not count: the correction may be dated earlier than it.
    right = decision_correct(
        by=officer, decision=wrong, outcome="endorsed", decided_on=FIRST, note="Typo."
    )
    assert right.supersedes == wrong


def test_superseded_decisions_do_not_hold_the_date_back() -> None:
    check_decision_date(FIRST, [])
    check_decision_date(FIRST, [("Senior Officers Group", FIRST)])
    with pytest.raises(DomainError, match="when Devolution Strategy Group decided"):
        check_decision_date(
            BEFORE,
            [("Senior Officers Group", date(2022, 5, 1)), ("Devolution Strategy Group", FIRST)],
        )


def test_the_decision_form_shows_an_out_of_sequence_date_against_decided_on(
    client: Any, officer: Any, routed: tuple[Proposal, Routing], decide: Any
) -> None:
    proposal, routing = routed
    decide(routing, "endorsed", decided_on=FIRST)
    client.force_login(officer)

    response = client.post(
        reverse("proposals:decision_new", args=[proposal.pk]),
        {"position": 2, "outcome": "endorsed", "decided_on": "2022-06-01"},
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_decided_on"' in body
    assert "Decided on must be on or after 1 July 2022" in body
    assert ForumDecision.objects.count() == 1


def test_the_api_refuses_an_out_of_sequence_date_naming_decided_on(
    client: Any, officer: Any, routed: tuple[Proposal, Routing], decide: Any
) -> None:
    proposal, routing = routed
    decide(routing, "endorsed", decided_on=FIRST)
    _, key = token_create(user=officer, name="test")

    response = client.post(
        f"/api/proposals/{proposal.pk}/decisions",
        {"outcome": "endorsed", "decided_on": "2022-06-01"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )

    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == "decided_on"
    assert "1 July 2022" in error["message"]
    assert "1 June 2022" in error["message"]
    assert ForumDecision.objects.count() == 1
