"""Publishing and withdrawing: what the public sees, and what closes a route."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.proposals.models import Proposal
from remit.proposals.services import proposal_publish
from remit.proposals.services import proposal_route
from remit.proposals.services import proposal_unpublish
from remit.proposals.services import proposal_withdraw
from remit.proposals.workflow import RoutingState
from remit.proposals.workflow import Status


def test_publishing_makes_it_public_with_a_date_and_history(
    officer: Any, make_proposal: Any
) -> None:
    proposal = make_proposal(status="in_governance")
    proposal_publish(by=officer, proposal=proposal)
    assert Proposal.objects.get(pk=proposal.pk).published_at is not None
    assert proposal.history.latest().history_change_reason == "Published"


def test_a_proposal_in_drafting_cannot_be_published(officer: Any, make_proposal: Any) -> None:
    with pytest.raises(DomainError) as refused:
        proposal_publish(by=officer, proposal=make_proposal())
    assert refused.value.field == "is_published"


def test_a_workstream_lead_cannot_publish(lead_user: Any, make_proposal: Any) -> None:
    with pytest.raises(NotPermitted):
        proposal_publish(by=lead_user, proposal=make_proposal(status="in_governance"))


def test_unpublishing_takes_it_off_the_public_site(officer: Any, make_proposal: Any) -> None:
    proposal = make_proposal(status="in_governance", published=True)
    proposal_unpublish(by=officer, proposal=proposal)
    assert not Proposal.objects.filter(pk=proposal.pk).exists()


def test_visible_to_shows_drafts_to_insiders_only(
    officer: Any, partner: Any, make_proposal: Any
) -> None:
    draft, public = make_proposal(), make_proposal(status="in_governance", published=True)
    assert set(Proposal.all_objects.visible_to(officer)) == {draft, public}
    assert list(Proposal.all_objects.visible_to(partner)) == [public]
    assert list(Proposal.all_objects.visible_to(AnonymousUser())) == [public]
    assert list(Proposal.objects.all()) == [public]


def test_withdrawing_closes_its_route_with_a_reason(officer: Any, make_proposal: Any) -> None:
    proposal = make_proposal()
    routing = proposal_route(by=officer, proposal=proposal)
    proposal_withdraw(by=officer, proposal=proposal, reason="Merged into the youth proposal.")
    routing.refresh_from_db()
    proposal.refresh_from_db()
    assert routing.state == RoutingState.CLOSED
    assert proposal.status == Status.WITHDRAWN
    assert proposal.history.latest().history_change_reason == (
        "Withdrawn: Merged into the youth proposal."
    )


def test_withdrawing_needs_a_reason(officer: Any, make_proposal: Any) -> None:
    with pytest.raises(DomainError) as refused:
        proposal_withdraw(by=officer, proposal=make_proposal(), reason=" ")
    assert refused.value.field == "reason"
