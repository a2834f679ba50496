"""Two people editing the same deal, engagement session or screening: the second save is
refused rather than silently wiping the first."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from remit.core.models import Workstream
from remit.proposals.models import Deal
from remit.proposals.models import EngagementSession
from remit.proposals.models import ImpactAssessment
from remit.proposals.models import Milestone
from remit.proposals.models import PositionPaper
from remit.proposals.services import milestone_create
from remit.proposals.services import paper_create
from remit.proposals.services import screening_save
from remit.proposals.services import session_create
from stale_editing import posted
from stale_editing import two_editors


def test_two_deal_editors_read_at_the_same_version_the_second_save_is_refused(
    client: Any, deal: Deal, officer: Any, make_user: Any
) -> None:
    other = make_user(organisation=officer.organisation)
    url = reverse("proposals:deal_edit", args=[deal.slug])
    mine, theirs = two_editors(client, url, officer, other)
    assert client.post(url, posted(theirs, name="Testshire Devolution Deal")).status_code == 302

    client.force_login(officer)
    second = client.post(url, posted(mine, name="Testshire Growth Deal"))

    assert second.status_code == 200
    body = second.content.decode()
    assert "Someone else changed this deal while you were editing it." in body
    assert "Testshire Deal → Testshire Devolution Deal" in body
    assert "Testshire Growth Deal" in body
    assert Deal.objects.get(pk=deal.pk).name == "Testshire Devolution Deal"


def test_two_session_editors_read_at_the_same_version_the_second_save_is_refused(
    client: Any, deal: Deal, officer: Any, make_user: Any
) -> None:
    session = session_create(
        by=officer,
        deal=deal,
        data={
            "kind": "idea_generation",
            "title": "Ideas session 1",
            "held_on": date(2022, 3, 15),
            "stage": "discover",
            "workstream": Workstream.objects.get(slug="crime"),
        },
    )
    other = make_user(organisation=officer.organisation)
    url = reverse("proposals:session_edit", args=[session.pk])
    mine, theirs = two_editors(client, url, officer, other)
    assert client.post(url, posted(theirs, title="Ideas session: violence")).status_code == 302

    client.force_login(officer)
    second = client.post(url, posted(mine, title="Ideas session: exploitation"))

    assert second.status_code == 200
    body = second.content.decode()
    assert "Someone else changed this engagement session while you were editing it." in body
    assert "Ideas session 1 → Ideas session: violence" in body
    assert "Ideas session: exploitation" in body
    assert EngagementSession.objects.get(pk=session.pk).title == "Ideas session: violence"


def test_two_screening_editors_read_at_the_same_version_the_second_save_is_refused(
    client: Any, make_proposal: Any, officer: Any, make_user: Any
) -> None:
    proposal = make_proposal()
    screening_save(
        by=officer,
        proposal=proposal,
        ratings={"age": "positive"},
        full_assessment_needed=False,
        mitigations="",
    )
    other = make_user(organisation=officer.organisation)
    url = reverse("proposals:screening", args=[proposal.pk])
    mine, theirs = two_editors(client, url, officer, other)
    first = client.post(url, posted(theirs, mitigations="Youth workers in every hub."))
    assert first.status_code == 302

    client.force_login(officer)
    second = client.post(url, posted(mine, mitigations="Translated leaflets."))

    assert second.status_code == 200
    body = second.content.decode()
    assert "Someone else changed this impact assessment while you were editing it." in body
    assert "(blank) → Youth workers in every hub." in body
    assert "Translated leaflets." in body
    assert ImpactAssessment.objects.get(proposal=proposal).mitigations == (
        "Youth workers in every hub."
    )


def test_two_milestone_editors_read_at_the_same_version_the_second_save_is_refused(
    client: Any, deal: Deal, officer: Any, make_user: Any
) -> None:
    other = make_user(organisation=officer.organisation)
    milestone = milestone_create(
        by=officer,
        deal=deal,
        data={"kind": "submission", "title": "Submission", "planned_on": date(2024, 3, 1)},
    )
    url = reverse("proposals:milestone_edit", args=[milestone.pk])
    mine, theirs = two_editors(client, url, officer, other)
    assert client.post(url, posted(theirs, title="Their submission")).status_code == 302

    client.force_login(officer)
    second = client.post(url, posted(mine, title="My submission"))

    assert second.status_code == 200
    assert "Someone else changed this milestone while you were editing it." in (
        second.content.decode()
    )
    assert Milestone.objects.get(pk=milestone.pk).title == "Their submission"


def test_two_paper_editors_read_at_the_same_version_the_second_save_is_refused(
    client: Any, deal: Deal, officer: Any, make_user: Any
) -> None:
    other = make_user(organisation=officer.organisation)
    paper = paper_create(by=officer, deal=deal, data={"title": "Transport asks"})
    url = reverse("proposals:paper_edit", args=[paper.pk])
    mine, theirs = two_editors(client, url, officer, other)
    assert client.post(url, posted(theirs, summary="Theirs.")).status_code == 302

    client.force_login(officer)
    second = client.post(url, posted(mine, title="My transport asks"))

    assert second.status_code == 200
    assert "Someone else changed this position paper while you were editing it." in (
        second.content.decode()
    )
    stored = PositionPaper.objects.get(pk=paper.pk)
    assert (stored.title, stored.summary) == ("Transport asks", "Theirs.")
