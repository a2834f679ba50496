"""Engagement: sessions, the ideas they produce becoming proposals, feedback acted on."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import Region
from remit.core.models import Theme
from remit.core.models import Workstream
from remit.proposals.models import Deal
from remit.proposals.models import EngagementSession
from remit.proposals.models import Idea
from remit.proposals.services import feedback_add
from remit.proposals.services import feedback_mark_acted_on
from remit.proposals.services import idea_add
from remit.proposals.services import idea_adopt
from remit.proposals.services import session_create
from remit.proposals.services import session_update


@pytest.fixture
def session(officer: Any, deal: Deal, region: Region) -> EngagementSession:
    return session_create(
        by=officer,
        deal=deal,
        data={
            "kind": "idea_generation",
            "title": "Ideas session 1: violence and exploitation",
            "held_on": date(2022, 3, 15),
            "stage": "discover",
            "workstream": Workstream.objects.get(slug="crime"),
            "organisations": list(region.organisations.filter(kind="local_authority")),
        },
    )


def test_a_session_records_who_attended_with_history(
    session: EngagementSession, officer: Any
) -> None:
    assert [o.slug for o in session.organisations.all()] == ["northton-council"]
    assert session.history.get().history_user == officer


def test_a_bilateral_names_its_department(officer: Any, deal: Deal) -> None:
    with pytest.raises(DomainError) as refused:
        session_create(
            by=officer,
            deal=deal,
            data={
                "kind": "bilateral",
                "title": "Home Office officials",
                "held_on": date(2022, 6, 1),
                "stage": "define",
            },
        )
    assert refused.value.field == "department"


def test_an_idea_becomes_a_proposal_that_remembers_where_it_came_from(
    session: EngagementSession, officer: Any
) -> None:
    idea = idea_add(
        by=officer,
        session=session,
        data={"title": "Pool victims' services money", "description": "One commissioning pot."},
    )
    proposal = idea_adopt(
        by=officer,
        idea=idea,
        data={
            "workstream": session.workstream,
            "title": "Devolved victims' services budget",
            "summary": "Commission victims' services once for the area.",
            "ask_type": "funding",
            "form_of_devolution": "single",
        },
    )
    assert proposal.source_idea == idea
    assert Idea.objects.get(pk=idea.pk).proposal == proposal
    assert proposal.history.get().history_change_reason == (
        "Created from the idea “Pool victims' services money”"
    )
    with pytest.raises(DomainError, match="already become a proposal"):
        idea_adopt(by=officer, idea=idea, data={"workstream": session.workstream})


def test_feedback_is_tagged_with_themes_and_marked_acted_on_with_who_and_when(
    session: EngagementSession, officer: Any, make_proposal: Any, region: Region
) -> None:
    proposal = make_proposal()
    feedback = feedback_add(
        by=officer,
        session=session,
        data={
            "text": "Include the voluntary sector in commissioning.",
            "proposal": proposal,
            "themes": [Theme.objects.get(slug="safety")],
        },
    )
    assert [t.slug for t in feedback.themes.all()] == ["safety"]

    feedback_mark_acted_on(
        by=officer, feedback=feedback, response="Added a triple devolution route."
    )

    feedback.refresh_from_db()
    assert feedback.acted_on
    assert feedback.acted_on_by == officer
    assert feedback.acted_on_at is not None
    assert feedback.history.latest().history_change_reason == "Marked as acted on"
    with pytest.raises(DomainError, match="already"):
        feedback_mark_acted_on(by=officer, feedback=feedback, response="Again.")


def test_acting_on_feedback_says_what_was_done(session: EngagementSession, officer: Any) -> None:
    feedback = feedback_add(by=officer, session=session, data={"text": "More data sharing."})
    with pytest.raises(DomainError) as refused:
        feedback_mark_acted_on(by=officer, feedback=feedback, response="")
    assert refused.value.field == "response"


def test_the_workstream_lead_records_engagement_for_their_workstream_only(
    session: EngagementSession, lead_user: Any, deal: Deal
) -> None:
    idea_add(by=lead_user, session=session, data={"title": "Youth diversion hubs"})
    with pytest.raises(NotPermitted):
        session_create(
            by=lead_user,
            deal=deal,
            data={
                "kind": "consultation",
                "title": "Skills consultation",
                "held_on": date(2022, 7, 1),
                "stage": "develop",
                "workstream": Workstream.objects.get(slug="skills"),
            },
        )


def test_editing_a_session_names_the_changes(session: EngagementSession, officer: Any) -> None:
    session_update(by=officer, session=session, data={"stage": "define", "organisations": []})
    assert session.history.latest().history_change_reason == "Edited: organisations, stage"
    assert not session.organisations.exists()
