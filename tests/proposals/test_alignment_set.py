"""Aligning proposals to missions: one row per pair, a one-sentence rationale, history."""

from __future__ import annotations

from typing import Any

import pytest

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import Mission
from remit.core.models import Region
from remit.proposals.models import MissionAlignment
from remit.proposals.services import alignment_remove
from remit.proposals.services import alignment_set


def test_aligning_records_strength_rationale_and_who(
    officer: Any, make_proposal: Any, region: Region
) -> None:
    proposal = make_proposal()
    mission = Mission.objects.get(region=region, number=11)

    alignment = alignment_set(
        by=officer,
        proposal=proposal,
        mission=mission,
        strength="primary",
        rationale="It targets the neighbourhoods with the most knife crime.",
    )

    assert (alignment.strength, alignment.mission.number) == ("primary", 11)
    record = alignment.history.get()
    assert (record.history_user, record.history_change_reason) == (officer, "Aligned to mission 11")


def test_aligning_again_changes_the_one_row(
    officer: Any, make_proposal: Any, region: Region
) -> None:
    proposal = make_proposal()
    mission = Mission.objects.get(region=region, number=11)
    alignment_set(
        by=officer, proposal=proposal, mission=mission, strength="primary", rationale="A."
    )
    alignment_set(
        by=officer, proposal=proposal, mission=mission, strength="secondary", rationale="B."
    )
    alignment = MissionAlignment.objects.get(proposal=proposal)
    assert alignment.strength == "secondary"
    assert alignment.history.latest().history_change_reason == "Alignment to mission 11 changed"


def test_the_rationale_is_one_sentence(officer: Any, make_proposal: Any, region: Region) -> None:
    with pytest.raises(DomainError) as refused:
        alignment_set(
            by=officer,
            proposal=make_proposal(),
            mission=Mission.objects.get(region=region, number=11),
            strength="primary",
            rationale="It cuts violence. It also helps health.",
        )
    assert refused.value.field == "rationale"


def test_the_pair_is_unique_in_the_database(make_proposal: Any, region: Region) -> None:
    from django.db import IntegrityError
    from django.db import transaction

    proposal = make_proposal()
    mission = Mission.objects.get(region=region, number=11)
    MissionAlignment.objects.create(proposal=proposal, mission=mission, strength="primary")
    with pytest.raises(IntegrityError), transaction.atomic():
        MissionAlignment.objects.create(proposal=proposal, mission=mission, strength="secondary")


def test_a_mission_of_another_region_is_refused(officer: Any, make_proposal: Any) -> None:
    other = Region.objects.create(slug="other", name="Other")
    mission = Mission.objects.create(region=other, number=1, short_title="Pay", target="…")
    with pytest.raises(DomainError) as refused:
        alignment_set(
            by=officer,
            proposal=make_proposal(),
            mission=mission,
            strength="primary",
            rationale="X.",
        )
    assert refused.value.field == "mission"


def test_removing_an_alignment_leaves_a_history_row(
    officer: Any, make_proposal: Any, region: Region
) -> None:
    proposal = make_proposal()
    mission = Mission.objects.get(region=region, number=11)
    alignment = alignment_set(
        by=officer, proposal=proposal, mission=mission, strength="primary", rationale="A."
    )
    alignment_remove(by=officer, alignment=alignment)
    assert not MissionAlignment.objects.filter(proposal=proposal).exists()
    record = MissionAlignment.history.latest()
    assert (record.history_type, record.history_user) == ("-", officer)


def test_the_workstream_lead_may_align_but_another_member_may_not(
    lead_user: Any, make_user: Any, make_proposal: Any, region: Region
) -> None:
    mission = Mission.objects.get(region=region, number=11)
    proposal = make_proposal()
    alignment_set(
        by=lead_user, proposal=proposal, mission=mission, strength="primary", rationale="A."
    )
    with pytest.raises(NotPermitted):
        alignment_set(
            by=make_user("board_member"),
            proposal=proposal,
            mission=mission,
            strength="secondary",
            rationale="B.",
        )
