"""The equality and health impact screening: recorded, signed off, and re-signed after change."""

from __future__ import annotations

from typing import Any

import pytest

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.proposals.models import ImpactAssessment
from remit.proposals.services import screening_save
from remit.proposals.services import screening_sign_off


def test_a_screening_is_recorded_with_history(officer: Any, make_proposal: Any) -> None:
    proposal = make_proposal()
    assessment = screening_save(
        by=officer,
        proposal=proposal,
        ratings={"age": "positive", "race": "neutral", "justice_contact": "positive"},
        full_assessment_needed=True,
        mitigations="",
    )
    assert assessment.full_assessment_needed
    assert assessment.rows() == [
        ("Age", "Positive"),
        ("Race", "Neutral"),
        ("People in contact with the criminal justice system", "Positive"),
    ]
    assert assessment.history.get().history_user == officer


def test_sign_off_records_who_and_when(officer: Any, make_proposal: Any) -> None:
    proposal = make_proposal()
    screening_save(
        by=officer,
        proposal=proposal,
        ratings={"age": "positive"},
        full_assessment_needed=False,
        mitigations="",
    )
    assessment = screening_sign_off(by=officer, proposal=proposal)
    assert assessment.signed_off_by == officer
    assert assessment.signed_off_at is not None
    assert assessment.history.latest().history_change_reason == "Screening signed off"


def test_changing_a_signed_off_screening_withdraws_the_sign_off(
    officer: Any, make_proposal: Any
) -> None:
    proposal = make_proposal()
    screening_save(
        by=officer,
        proposal=proposal,
        ratings={"age": "positive"},
        full_assessment_needed=False,
        mitigations="",
    )
    screening_sign_off(by=officer, proposal=proposal)
    assessment = screening_save(
        by=officer,
        proposal=proposal,
        ratings={"age": "positive", "disability": "negative"},
        full_assessment_needed=False,
        mitigations="Accessible venues and formats.",
    )
    assert not assessment.signed_off
    assert "sign-off withdrawn" in assessment.history.latest().history_change_reason


def test_an_empty_screening_cannot_be_signed_off(officer: Any, make_proposal: Any) -> None:
    with pytest.raises(DomainError) as refused:
        screening_sign_off(by=officer, proposal=make_proposal())
    assert refused.value.field == "ratings"


def test_a_workstream_lead_prepares_but_does_not_sign_off(
    lead_user: Any, make_proposal: Any
) -> None:
    proposal = make_proposal()
    screening_save(
        by=lead_user,
        proposal=proposal,
        ratings={"sex": "neutral"},
        full_assessment_needed=False,
        mitigations="",
    )
    with pytest.raises(NotPermitted):
        screening_sign_off(by=lead_user, proposal=proposal)
    assert ImpactAssessment.objects.get(proposal=proposal).signed_off_at is None
