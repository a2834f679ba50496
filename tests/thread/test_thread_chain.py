"""The golden thread of a seeded mission: every part, in order, for a signed-in officer."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from thread_support import PREFERRED
from thread_support import TODAY
from thread_support import Seeded
from thread_support import appraisal_result

from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User
from remit.thread import selectors


def test_the_chain_has_each_record_in_order(seeded: Seeded, region: Region, officer: User) -> None:
    found = selectors.thread(region, 11, officer, today=TODAY)
    assert found.mission == seeded.mission

    assert [line.proposal.title for line in found.proposals] == [
        "Safer night-time economy",
        "Secret draft proposal",
        "Violence reduction unit",
    ]
    night, draft, unit = found.proposals
    assert [(line.strength, line.url) for line in found.proposals] == [
        ("Secondary", reverse("proposals:detail", args=[night.proposal.pk])),
        ("Primary", reverse("proposals:detail", args=[draft.proposal.pk])),
        ("Primary", reverse("proposals:detail", args=[unit.proposal.pk])),
    ]
    assert [(d.board, d.outcome, d.decided_on, d.reference) for d in unit.decisions] == [
        ("Combined Authority Board", "Endorsed", date(2024, 1, 10), ""),
        ("Testshire Community Safety Partnership", "Endorsed", date(2024, 2, 5), "CSP/2024/1"),
    ]
    assert unit.decisions[1].url == reverse("meetings:decision", args=[seeded.public_decision.pk])
    # An officer opens the meeting that is not yet public, so its decision is on their thread.
    assert [(d.reference, d.url) for d in night.decisions] == [
        ("CSP/2024/9", reverse("meetings:decision", args=[seeded.hidden_decision.pk]))
    ]
    assert [c.title for c in unit.cases] == ["Violence unit business case"]
    assert [r.result.title for r in unit.results] == ["Fewer assaults", "Result not yet published"]
    assert [r.result.title for r in draft.results] == ["Result of the draft proposal"]

    assert [c.title for c in found.cases] == [
        "Draft case for the mission",
        "Street lighting case",
        "Violence unit business case",
    ]
    draft_case, lighting, unit_case = found.cases
    assert draft_case.decision == "Not yet approved"
    assert lighting.decision == "Approved by Combined Authority Board on 1 March 2024"
    assert unit_case.proposal_id == unit.proposal.pk
    assert lighting.proposal_id is None
    preferred = next(o for o in appraisal_result()["options"] if o["name"] == PREFERRED)
    assert (unit_case.option, unit_case.npsv, unit_case.bcr, unit_case.run) == (
        PREFERRED,
        Decimal(preferred["npsv"]),
        preferred["bcr"],
        1,
    )

    assert [g.title for g in found.grants] == ["Safer routes home", "Unpublished grant project"]
    grant = found.grants[0]
    assert grant.url == reverse("funding:grant", args=[seeded.grant.pk])
    assert (grant.recipient, grant.amount_pence) == ("Safe Streets Trust", 2_000_000)
    assert [r.result.title for r in grant.results] == ["Walks home completed"]
    assert [(r.period_start, r.submitted, r.late, r.rag) for r in grant.returns] == [
        (date(2024, 4, 1), True, False, "Green: on track")
    ]

    assert [i.indicator.name for i in found.indicators] == [
        "Draft measure of harm",
        "Violent crime",
    ]
    violent = found.indicators[1]
    assert violent.summary.region_latest is not None
    assert violent.summary.region_latest.value == Decimal(200)
    assert violent.change is not None
    assert violent.change.absolute == Decimal(-40)
    assert violent.direction == "Better"
    assert [(c.label, c.result) for c in violent.claims] == [
        ("Proposal: Violence reduction unit", "Fewer assaults"),
        ("Grant to Safe Streets Trust: Safer routes home", "Walks home completed"),
    ]


def test_the_page_shows_the_chain_in_order(client: Any, seeded: Seeded, officer: User) -> None:
    client.force_login(officer)
    html = client.get(reverse("thread:mission", args=[11])).content.decode()
    night, unit = seeded.proposals[1], seeded.proposals[0]
    order = [
        f'id="proposal-{night.pk}"',
        f'id="proposal-{unit.pk}"',
        "CSP/2024/1",
        f'id="case-{seeded.cases[0].pk}"',
        f'id="case-{seeded.cases[1].pk}"',
        f'id="grant-{seeded.grant.pk}"',
        "Monitoring returns",
        'id="indicator-violent-crime"',
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)


def test_signing_in_is_needed_for_the_internal_thread(client: Any, seeded: Seeded) -> None:
    response = client.get(reverse("thread:mission", args=[11]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_an_unknown_mission_has_no_thread(client: Any, seeded: Seeded, officer: User) -> None:
    assert client.get(reverse("thread_public:mission", args=[99])).status_code == 404
    client.force_login(officer)
    assert client.get(reverse("thread:mission", args=[99])).status_code == 404


def test_a_partner_sees_only_what_they_may_open(
    client: Any, seeded: Seeded, region: Region, make_user: Any
) -> None:
    """Another organisation's partner: published proposals, approved cases, published grants."""
    outsider = make_user(Role.PARTNER, organisation=region.organisations.get(slug="opcc"))
    found = selectors.thread(region, 11, outsider, today=TODAY)
    assert "Secret draft proposal" not in [p.proposal.title for p in found.proposals]
    assert [c.title for c in found.cases] == ["Street lighting case", "Violence unit business case"]
    assert [g.title for g in found.grants] == ["Safer routes home"]
    assert found.grants[0].url == reverse("funding_public:detail", args=[seeded.grant.pk])
    night = next(p for p in found.proposals if p.proposal.title == "Safer night-time economy")
    assert night.decisions == []  # its meeting is not public and a partner cannot open it


def test_a_board_member_of_the_meeting_board_sees_its_decision(
    seeded: Seeded, region: Region, make_user: Any
) -> None:
    member = make_user(Role.BOARD_MEMBER, person=region.people.get(slug="northton-rep"))
    found = selectors.thread(region, 11, member, today=TODAY)
    night = next(p for p in found.proposals if p.proposal.title == "Safer night-time economy")
    assert [d.reference for d in night.decisions] == ["CSP/2024/9"]


@pytest.mark.parametrize("strength", ["primary"])
def test_a_proposal_aligned_to_another_mission_is_not_on_the_thread(
    seeded: Seeded, region: Region, officer: User, strength: str
) -> None:
    from thread_support import make_proposal

    from remit.core.models import Mission

    other = Mission.objects.create(region=region, number=3, short_title="Transport", target="…")
    deal = seeded.proposals[0].deal
    make_proposal(deal, other, "Bus lanes", strength=strength)
    assert "Bus lanes" not in [
        p.proposal.title for p in selectors.thread(region, 11, officer, today=TODAY).proposals
    ]
    assert [p.proposal.title for p in selectors.thread(region, 3, officer).proposals] == [
        "Bus lanes"
    ]
