"""Where a person decides alone, the pages, the API and the public decisions feed name them
with their office: "Decided by Chris Chair, Police and Crime Commissioner"."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from remit.core.apikit.auth import token_create
from remit.core.models import GovernanceRoute
from remit.core.models import Person
from remit.core.models import Role
from remit.core.models import User
from remit.proposals.models import ForumDecision
from remit.proposals.models import Proposal
from remit.proposals.models import Routing
from remit.proposals.services import forum_decision_record
from remit.proposals.services import proposal_route

SIGNED = "Chris Chair, Police and Crime Commissioner"


@pytest.fixture
def chris(make_user: Any, deal: Any) -> User:
    person = Person.objects.get(region=deal.region, slug="commissioner")
    GovernanceRoute.objects.filter(pk=deal.route_id).update(
        final_board=None, final_decision_maker=person
    )
    return make_user(Role.DECISION_MAKER, person=person)  # type: ignore[no-any-return]


@pytest.fixture
def at_commissioner(
    make_proposal: Any, officer: User, decide: Any, chris: User
) -> tuple[Proposal, Routing]:
    proposal = make_proposal(title="Violence reduction", signed_off=True, published=True)
    routing = proposal_route(by=officer, proposal=proposal)
    for _ in range(3):
        decide(routing, "endorsed")
    routing.refresh_from_db()
    return Proposal.all_objects.get(pk=proposal.pk), routing


def _decide(routing: Routing, chris: User, **kw: Any) -> ForumDecision:
    return forum_decision_record(
        by=chris,
        routing=routing,
        position=4,
        outcome=kw.pop("outcome", "endorsed"),
        decided_on=date(2022, 7, 5),
        **kw,
    )


def test_the_page_says_it_waits_for_the_person_and_offers_them_the_form(
    client: Any, at_commissioner: tuple[Proposal, Routing], chris: User, officer: User
) -> None:
    proposal, _ = at_commissioner
    client.force_login(chris)

    page = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    client.force_login(officer)
    officers = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()

    assert f"It waits for the decision of {SIGNED}." in page
    assert f"<strong>{SIGNED}</strong> (final decision, taken alone)" in page
    assert reverse("proposals:decision_new", args=[proposal.pk]) in page
    assert reverse("proposals:decision_new", args=[proposal.pk]) not in officers


def test_the_person_records_their_decision_on_the_form(
    client: Any, at_commissioner: tuple[Proposal, Routing], chris: User
) -> None:
    proposal, routing = at_commissioner
    client.force_login(chris)
    url = reverse("proposals:decision_new", args=[proposal.pk])

    form = client.get(url).content.decode()
    response = client.post(
        url, {"position": "4", "outcome": "endorsed", "decided_on": "2022-07-05"}
    )

    assert "Record your decision" in form
    assert "meeting_reference" not in form
    assert response.status_code == 302
    decision = ForumDecision.objects.get(routing=routing, position=4)
    assert (decision.decision_maker_id, decision.recorded_by) == (chris.person_id, chris)


def test_an_officer_is_refused_the_persons_form(
    client: Any, at_commissioner: tuple[Proposal, Routing], officer: User
) -> None:
    proposal, _ = at_commissioner
    client.force_login(officer)

    response = client.post(
        reverse("proposals:decision_new", args=[proposal.pk]),
        {"position": "4", "outcome": "endorsed", "decided_on": "2022-07-05"},
    )

    assert response.status_code == 403
    assert f"Only {SIGNED} can record their own decision." in response.content.decode()
    assert not ForumDecision.objects.filter(position=4).exists()


def test_signed_in_and_public_pages_say_who_decided(
    client: Any, at_commissioner: tuple[Proposal, Routing], chris: User
) -> None:
    proposal, routing = at_commissioner
    _decide(routing, chris)
    client.force_login(chris)

    inside = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    client.logout()
    public = client.get(reverse("published_proposals:detail", args=[proposal.pk])).content.decode()

    for page in (inside, public):
        assert f"Decided by {SIGNED}" in page
        assert f"{SIGNED}: Endorsed" in page
    assert reverse("proposals:decision_correct", args=[routing.decisions.get(position=4).pk]) in (
        inside
    )


def test_the_deal_page_shows_the_route_ending_at_the_person(
    client: Any, chris: User, deal: Any
) -> None:
    client.force_login(chris)

    page = client.get(reverse("proposals:deal", args=[deal.slug])).content.decode()

    assert f"{SIGNED} (final decision, taken alone" in page


def test_the_api_names_the_person_and_their_office(
    client: Any, at_commissioner: tuple[Proposal, Routing], chris: User, deal: Any
) -> None:
    proposal, _ = at_commissioner
    token = token_create(user=chris, name="test")[1]

    created = client.post(
        f"/api/proposals/{proposal.pk}/decisions",
        {"outcome": "endorsed", "decided_on": "2022-07-05"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    listed = client.get(f"/api/proposals/{proposal.pk}/decisions").json()
    deal_out = client.get(f"/api/deals/{deal.slug}").json()

    assert created.status_code == 201, created.content
    final = listed["items"][-1] if isinstance(listed, dict) else listed[-1]
    assert (final["forum"], final["forum_name"]) == ("commissioner", SIGNED)
    assert final["decided_by"] == {
        "slug": "commissioner",
        "name": "Chris Chair",
        "office": "Police and Crime Commissioner",
    }
    assert deal_out["final_board"] is None
    assert deal_out["final_decision_maker"]["name"] == "Chris Chair"


def test_the_public_decisions_feed_carries_the_persons_decision(
    client: Any, at_commissioner: tuple[Proposal, Routing], chris: User
) -> None:
    proposal, routing = at_commissioner
    decision = _decide(routing, chris)

    feed = client.get(reverse("meetings_public:decisions_feed")).content.decode()

    assert f"<name>{SIGNED}</name>" in feed
    assert f"“Violence reduction”: endorsed, decided by {SIGNED}" in feed
    assert f"Decided by {SIGNED} on 5 July 2022: endorsed." in feed
    assert f"/published/proposals/{proposal.pk}/#decision-{decision.pk}" in feed


def test_the_feed_leaves_out_a_persons_decision_on_an_unpublished_proposal(
    client: Any, at_commissioner: tuple[Proposal, Routing], chris: User
) -> None:
    proposal, routing = at_commissioner
    Proposal.all_objects.filter(pk=proposal.pk).update(is_published=False, published_at=None)
    _decide(routing, chris)

    feed = client.get(reverse("meetings_public:decisions_feed")).content.decode()

    assert SIGNED not in feed
