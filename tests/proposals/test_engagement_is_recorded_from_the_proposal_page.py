"""Engagement on a proposal is recorded from the proposal's own page, with the proposal chosen,
and leads back to that page."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from remit.core.models import Role
from remit.core.models import Workstream
from remit.proposals.models import Deal
from remit.proposals.models import EngagementSession
from remit.proposals.models import Feedback
from remit.proposals.models import Proposal
from remit.proposals.services import session_create


def _session(officer: Any, deal: Deal, workstream: str = "crime", **fields: Any) -> Any:
    data = {
        "kind": "consultation",
        "title": "Consultation with community groups",
        "held_on": date(2022, 3, 15),
        "stage": "define",
        "workstream": Workstream.objects.get(slug=workstream),
        **fields,
    }
    return session_create(by=officer, deal=deal, data=data)


@pytest.fixture
def proposal(make_proposal: Any) -> Proposal:
    return make_proposal(stage="develop")


def test_the_proposal_page_offers_to_record_engagement_to_those_who_may(
    client: Any, officer: Any, lead_user: Any, make_user: Any, proposal: Proposal
) -> None:
    url = reverse("proposals:detail", args=[proposal.pk])
    link = reverse("proposals:engagement_new", args=[proposal.pk])
    for user in (officer, lead_user):
        client.force_login(user)
        assert link in client.get(url).content.decode()
    client.force_login(make_user(Role.ANALYST))
    assert link not in client.get(url).content.decode()


def test_feedback_recorded_from_the_proposal_page_is_about_it_and_returns_there(
    client: Any, officer: Any, deal: Deal, proposal: Proposal
) -> None:
    session = _session(officer, deal)
    client.force_login(officer)
    url = reverse("proposals:engagement_new", args=[proposal.pk])

    form = client.get(url).content.decode()
    assert f'<option value="{proposal.pk}" selected>' in form

    response = client.post(
        url,
        {
            "session": session.pk,
            "text": "Fund youth work in the evenings.",
            "proposal": proposal.pk,
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("proposals:detail", args=[proposal.pk])
    feedback = Feedback.objects.get()
    assert (feedback.session, feedback.proposal) == (session, proposal)
    assert feedback.history.get().history_user == officer
    page = client.get(response["Location"]).content.decode()
    assert "Fund youth work in the evenings." in page


def test_feedback_without_its_session_is_refused_naming_the_field(
    client: Any, officer: Any, deal: Deal, proposal: Proposal
) -> None:
    _session(officer, deal)
    client.force_login(officer)
    response = client.post(
        reverse("proposals:engagement_new", args=[proposal.pk]),
        {"text": "Fund youth work.", "proposal": proposal.pk},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_session"' in body
    assert not Feedback.objects.exists()


def test_with_no_session_yet_it_records_the_session_first_then_comes_back(
    client: Any, officer: Any, deal: Deal, proposal: Proposal
) -> None:
    client.force_login(officer)
    first = client.get(reverse("proposals:engagement_new", args=[proposal.pk]))
    new_session = reverse("proposals:session_create") + f"?deal=deal&proposal={proposal.pk}"
    assert first["Location"] == new_session

    form = client.get(new_session).content.decode()
    crime = Workstream.objects.get(slug="crime")
    assert f'<option value="{crime.pk}" selected>' in form
    assert re.search(r'value="develop"[^>]* checked', form)

    response = client.post(
        new_session,
        {
            "kind": "drafting",
            "title": "Drafting meeting with partners",
            "held_on": "2022-04-01",
            "stage": "develop",
            "workstream": crime.pk,
        },
    )
    session = EngagementSession.objects.get()
    onward = reverse("proposals:engagement_new", args=[proposal.pk]) + f"?session={session.pk}"
    assert response["Location"] == onward
    assert f'<option value="{session.pk}" selected>' in client.get(onward).content.decode()


def test_a_lead_chooses_only_from_sessions_of_their_own_workstream(
    client: Any, officer: Any, lead_user: Any, deal: Deal, proposal: Proposal
) -> None:
    own = _session(officer, deal, title="Crime workstream consultation")
    other = _session(officer, deal, workstream="youth", title="Youth workstream consultation")
    client.force_login(lead_user)

    form = client.get(reverse("proposals:engagement_new", args=[proposal.pk])).content.decode()

    assert own.title in form
    assert other.title not in form
    refused = client.post(
        reverse("proposals:engagement_new", args=[proposal.pk]),
        {"session": other.pk, "text": "Not theirs.", "proposal": proposal.pk},
    )
    assert 'href="#id_session"' in refused.content.decode()
    assert not Feedback.objects.exists()


def test_someone_who_may_not_record_engagement_is_refused(
    client: Any, officer: Any, make_user: Any, deal: Deal, proposal: Proposal
) -> None:
    _session(officer, deal)
    client.force_login(make_user(Role.ANALYST))
    response = client.get(reverse("proposals:engagement_new", args=[proposal.pk]))
    assert response.status_code == 403
