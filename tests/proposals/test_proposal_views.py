"""Proposal pages: sign-in, refusals, forms that call services, and errors that name fields."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from remit.core.models import Mission
from remit.core.models import Organisation
from remit.core.models import Region
from remit.core.models import Workstream
from remit.proposals.models import ForumDecision
from remit.proposals.models import MissionAlignment
from remit.proposals.models import Proposal
from remit.proposals.services import proposal_route
from remit.proposals.workflow import Status


def test_the_register_needs_sign_in(client: Any, deal: Any) -> None:
    response = client.get(reverse("proposals:register"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_partners_are_sent_to_what_is_published(client: Any, partner: Any, deal: Any) -> None:
    client.force_login(partner)
    response = client.get(reverse("proposals:register"))
    assert response.status_code == 403
    assert "Partners see published proposals only." in response.content.decode()


def test_the_register_lists_drafts_for_officers_and_filters_them(
    client: Any, officer: Any, make_proposal: Any, region: Region
) -> None:
    crime = make_proposal(title="Violence reduction partnership")
    make_proposal(title="Youth diversion", workstream="youth")
    MissionAlignment.objects.create(
        proposal=crime, mission=Mission.objects.get(region=region, number=11), strength="primary"
    )
    client.force_login(officer)

    everything = client.get(reverse("proposals:register")).content.decode()
    by_mission = client.get(reverse("proposals:register"), {"mission": 11}).content.decode()
    by_theme = client.get(reverse("proposals:register"), {"workstream": "youth"}).content.decode()

    assert "Violence reduction partnership" in everything
    assert "Youth diversion" in everything
    assert "Youth diversion" not in by_mission
    assert "Violence reduction partnership" in by_mission
    assert "Violence reduction partnership" not in by_theme


def test_adding_a_proposal_takes_pounds_and_stores_pence(
    client: Any, officer: Any, deal: Any
) -> None:
    client.force_login(officer)
    response = client.post(
        reverse("proposals:create"),
        {
            "deal": deal.pk,
            "workstream": Workstream.objects.get(slug="crime").pk,
            "title": "Devolved victims' services budget",
            "summary": "Commission victims' services once for the area.",
            "ask_type": "funding",
            "amount": "4500000.50",
            "years_from": "2023/24",
            "years_to": "2025/26",
            "form_of_devolution": "single",
            "stage": "define",
            "departments": [Organisation.objects.get(slug="moj").pk],
        },
    )
    assert response.status_code == 302, response.content.decode()
    proposal = Proposal.all_objects.get(title="Devolved victims' services budget")
    assert proposal.amount_pence == 450_000_050
    assert response["Location"] == reverse("proposals:detail", args=[proposal.pk])


def test_a_form_error_names_the_field(client: Any, officer: Any, deal: Any) -> None:
    client.force_login(officer)
    response = client.post(
        reverse("proposals:create"),
        {
            "deal": deal.pk,
            "workstream": Workstream.objects.get(slug="crime").pk,
            "title": "Backwards years",
            "summary": "…",
            "ask_type": "funding",
            "amount": "10",
            "years_from": "2025/26",
            "years_to": "2023/24",
            "form_of_devolution": "single",
            "stage": "define",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert 'href="#id_years_to"' in body
    assert not Proposal.all_objects.filter(title="Backwards years").exists()


def test_a_decision_out_of_turn_is_shown_against_the_forum_field(
    client: Any, officer: Any, make_proposal: Any
) -> None:
    proposal = make_proposal()
    proposal_route(by=officer, proposal=proposal)
    client.force_login(officer)
    response = client.post(
        reverse("proposals:decision_new", args=[proposal.pk]),
        {"position": 3, "outcome": "endorsed", "decided_on": "2022-07-01"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Finance Directors Group cannot decide before Senior Officers Group" in body
    assert 'href="#id_position"' in body
    assert not ForumDecision.objects.exists()


def test_referral_and_resending_through_the_pages(
    client: Any, officer: Any, make_proposal: Any
) -> None:
    proposal = make_proposal()
    client.force_login(officer)
    assert client.post(reverse("proposals:route", args=[proposal.pk])).status_code == 302
    client.post(
        reverse("proposals:decision_new", args=[proposal.pk]),
        {"position": 1, "outcome": "endorsed", "decided_on": "2022-07-01"},
    )
    client.post(
        reverse("proposals:decision_new", args=[proposal.pk]),
        {
            "position": 2,
            "outcome": "referred_back",
            "reasons": "Costs by year needed.",
            "decided_on": "2022-07-08",
        },
    )
    page = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert "Send to Devolution Strategy Group again" in page
    assert "Costs by year needed." in page

    client.post(reverse("proposals:route", args=[proposal.pk]), follow=True)

    proposal.refresh_from_db()
    assert proposal.status == Status.IN_GOVERNANCE
    assert proposal.routings.get().current_board.slug == "dsg"


def test_a_refused_action_is_explained_on_the_next_page(
    client: Any, officer: Any, make_proposal: Any
) -> None:
    proposal = make_proposal(ask_type="powers", powers_asked="")
    client.force_login(officer)
    response = client.post(reverse("proposals:route", args=[proposal.pk]), follow=True)
    assert "Describe the powers asked for" in response.content.decode()


def test_a_correction_keeps_both_decisions_on_the_page(
    client: Any, officer: Any, make_proposal: Any, decide: Any
) -> None:
    proposal = make_proposal()
    routing = proposal_route(by=officer, proposal=proposal)
    wrong = decide(routing, "noted")
    client.force_login(officer)
    response = client.post(
        reverse("proposals:decision_correct", args=[wrong.pk]),
        {"outcome": "endorsed", "decided_on": "2022-07-01", "note": "The minutes say endorsed."},
    )
    assert response.status_code == 302
    page = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert "Corrected" in page
    assert "The minutes say endorsed." in page


def test_publishing_shows_it_signed_out_and_drafts_never_appear(
    client: Any, officer: Any, make_proposal: Any
) -> None:
    shown = make_proposal(title="Probation co-commissioning", status="in_governance")
    hidden = make_proposal(title="Secret draft")
    client.force_login(officer)
    client.post(reverse("proposals:publish", args=[shown.pk]))
    client.logout()

    listing = client.get(reverse("published_proposals:list")).content.decode()
    assert "Probation co-commissioning" in listing
    assert "Secret draft" not in listing
    assert client.get(reverse("published_proposals:detail", args=[shown.pk])).status_code == 200
    assert client.get(reverse("published_proposals:detail", args=[hidden.pk])).status_code == 404


def test_the_public_page_leaves_out_negotiation_notes(
    client: Any, officer: Any, make_proposal: Any
) -> None:
    from datetime import date

    from remit.proposals.models import NegotiationEntry

    proposal = make_proposal(status="submitted", published=True)
    NegotiationEntry.objects.create(
        proposal=proposal,
        department=Organisation.objects.get(slug="home-office"),
        held_on=date(2022, 10, 1),
        summary="Officials hinted at a smaller settlement.",
        recorded_by=officer,
    )
    public = client.get(reverse("published_proposals:detail", args=[proposal.pk]))
    assert "smaller settlement" not in public.content.decode()
    client.force_login(officer)
    internal = client.get(reverse("proposals:detail", args=[proposal.pk]))
    assert "smaller settlement" in internal.content.decode()


def test_the_screening_form_records_effects_per_group(
    client: Any, officer: Any, make_proposal: Any
) -> None:
    proposal = make_proposal()
    client.force_login(officer)
    response = client.post(
        reverse("proposals:screening", args=[proposal.pk]),
        {"age": "positive", "disability": "negative", "mitigations": ""},
    )
    assert 'href="#id_mitigations"' in response.content.decode()
    client.post(
        reverse("proposals:screening", args=[proposal.pk]),
        {"age": "positive", "disability": "negative", "mitigations": "Step-free venues."},
    )
    client.post(reverse("proposals:sign_off", args=[proposal.pk]))
    page = client.get(reverse("proposals:detail", args=[proposal.pk])).content.decode()
    assert "Screening signed off by" in page
    assert "Disability" in page


def test_the_history_page_names_who_changed_what(
    client: Any, officer: Any, make_proposal: Any
) -> None:
    proposal = make_proposal()
    client.force_login(officer)
    client.post(reverse("proposals:route", args=[proposal.pk]))
    page = client.get(reverse("proposals:history", args=[proposal.pk])).content.decode()
    assert officer.username in page


@pytest.mark.parametrize("name", ["deals", "coverage", "create"])
def test_the_other_pages_open(client: Any, officer: Any, deal: Any, name: str) -> None:
    client.force_login(officer)
    assert client.get(reverse(f"proposals:{name}")).status_code == 200
    assert client.get(reverse("proposals:deal", args=[deal.slug])).status_code == 200


def test_an_agreed_proposal_offers_to_start_its_business_case(
    client: Any, officer: Any, make_proposal: Any
) -> None:
    agreed = make_proposal(status=Status.AGREED)
    client.force_login(officer)
    body = client.get(reverse("proposals:detail", args=[agreed.pk])).content.decode()
    assert f"{reverse('appraisal:create')}?proposal={agreed.pk}" in body


def test_a_draft_proposal_does_not_offer_a_business_case(
    client: Any, officer: Any, make_proposal: Any
) -> None:
    draft = make_proposal()
    client.force_login(officer)
    body = client.get(reverse("proposals:detail", args=[draft.pk])).content.decode()
    assert reverse("appraisal:create") not in body
