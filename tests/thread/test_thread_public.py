"""The public thread shows published parts only: one test per kind of unpublished record."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from thread_support import Seeded

from remit.core.models import Region
from remit.thread import selectors

PUBLIC_URL = "/published/missions/11/thread/"


@pytest.fixture
def public_page(client: Any, seeded: Seeded) -> str:
    response = client.get(PUBLIC_URL)
    assert response.status_code == 200
    return str(response.content.decode())


def test_the_public_url_is_the_published_thread() -> None:
    assert reverse("thread_public:mission", args=[11]) == PUBLIC_URL


def test_published_parts_are_on_the_public_thread(public_page: str, seeded: Seeded) -> None:
    for text in (
        "Violence reduction unit",
        "Safer night-time economy",
        "CSP/2024/1",
        "Street lighting case",
        "Violence unit business case",
        "Safer routes home",
        "Walks home completed",
        "Fewer assaults",
        "Violent crime",
    ):
        assert text in public_page, text
    assert reverse("published_proposals:detail", args=[seeded.proposals[0].pk]) in public_page
    assert reverse("funding_public:detail", args=[seeded.grant.pk]) in public_page
    assert reverse("appraisal_public:detail", args=[seeded.cases[0].pk]) in public_page
    assert reverse("indicators_public:detail", args=["violent-crime"]) in public_page
    assert reverse("meetings_public:decision", args=[seeded.public_decision.pk]) in public_page
    # Nothing on it leads to a signed-in page.
    for internal in ("/proposals/", "/funds/", "/business-cases/", "/meetings/", "/indicators/"):
        assert f'href="{internal}' not in public_page


def test_a_draft_proposal_stays_off(public_page: str, seeded: Seeded) -> None:
    assert "Secret draft proposal" not in public_page
    assert "Result of the draft proposal" not in public_page


def test_a_decision_not_yet_public_stays_off(public_page: str, seeded: Seeded) -> None:
    assert "CSP/2024/9" not in public_page
    assert reverse("meetings_public:decision", args=[seeded.hidden_decision.pk]) not in public_page


def test_a_forum_decision_taken_at_a_meeting_not_yet_public_stays_off(
    seeded: Seeded, region: Region
) -> None:
    found = selectors.thread(region, 11, None, public=True)
    night = next(p for p in found.proposals if p.proposal.title == "Safer night-time economy")
    assert night.decisions == []


def test_a_decision_published_later_stays_off_until_its_day(seeded: Seeded, region: Region) -> None:
    before = seeded.public_decision.published_on - timedelta(days=1)
    found = selectors.thread(region, 11, None, public=True, today=before)
    unit = next(p for p in found.proposals if p.proposal.title == "Violence reduction unit")
    assert [d.board for d in unit.decisions] == ["Combined Authority Board"]
    on_the_day = selectors.thread(
        region, 11, None, public=True, today=seeded.public_decision.published_on
    )
    unit = next(p for p in on_the_day.proposals if p.proposal.title == "Violence reduction unit")
    assert [d.reference for d in unit.decisions] == ["", "CSP/2024/1"]


def test_a_draft_business_case_stays_off(public_page: str) -> None:
    assert "Draft case for the mission" not in public_page


def test_an_unpublished_grant_stays_off(public_page: str) -> None:
    assert "Unpublished grant project" not in public_page
    assert "Result of the unpublished grant" not in public_page


def test_a_bid_stays_off(public_page: str) -> None:
    assert "Bid still being assessed" not in public_page


def test_monitoring_returns_stay_off(public_page: str) -> None:
    assert "Monitoring returns" not in public_page
    assert "Green: on track" not in public_page


def test_an_unpublished_result_stays_off(public_page: str) -> None:
    assert "Result not yet published" not in public_page


def test_a_draft_indicator_stays_off(public_page: str) -> None:
    assert "Draft measure of harm" not in public_page


def test_the_public_thread_is_the_same_whoever_reads_it(
    client: Any, seeded: Seeded, officer: Any, public_page: str
) -> None:
    client.force_login(officer)
    signed_in = client.get(PUBLIC_URL).content.decode()
    assert "Secret draft proposal" not in signed_in
    assert "Draft case for the mission" not in signed_in
