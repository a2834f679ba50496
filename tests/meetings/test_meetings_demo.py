"""The demo year loads through the services, is idempotent, and leaves other regions alone."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import pytest

from remit.core.services.demo import demo_load as core_demo_load
from remit.meetings.demo import demo_load
from remit.meetings.models import AgendaItem
from remit.meetings.models import Decision
from remit.meetings.models import Meeting
from remit.meetings.models import Minutes
from remit.meetings.models import Paper


@pytest.fixture
def west_midlands(db: Any) -> Any:
    report, _ = core_demo_load(region="west-midlands")
    return report.region


def test_the_demo_year_is_loaded_and_loading_again_changes_nothing(west_midlands: Any) -> None:
    demo_load(west_midlands)
    counts = (Meeting.objects.count(), Paper.objects.count(), Decision.objects.count())
    wmcsp = Meeting.objects.filter(board__slug="wmcsp", date__year__in=[2018, 2019])
    spcb = Meeting.objects.filter(board__slug="spcb", date__lt=date(2019, 4, 1))
    assert wmcsp.count() == 4
    assert spcb.count() == 12
    late = Paper.objects.get(late=True)
    assert "Home Office set the bid deadline" in late.urgency_reason
    assert Decision.objects.filter(reference="WMCSP/D/2018/01").exists()
    assert Decision.objects.filter(reference="SPCB/D/2022/01").exists()
    devolution = Paper.objects.get(title__startswith="Trailblazer devolution deal")
    assert devolution.item.meeting.date == date(2022, 7, 26)
    progress = Paper.objects.get(
        title__startswith="West Midlands Community Safety Partnership: progress"
    )
    assert progress.recommendations.count() == 1
    assert Minutes.objects.filter(status="approved").count() >= 12
    inquorate = Meeting.objects.get(board__slug="spcb", date=date(2018, 8, 21))
    assert inquorate.quorate is False
    assert AgendaItem.objects.filter(rolled_from__meeting=inquorate, state="decided").exists()
    assert Paper.objects.filter(item__private=True).count() == 1
    demo_load(west_midlands)
    assert (Meeting.objects.count(), Paper.objects.count(), Decision.objects.count()) == counts


def test_a_region_without_the_boards_is_left_alone(region: Any) -> None:
    demo_load(region)
    assert not Meeting.objects.exists()


def test_a_region_without_a_meetings_story_is_left_alone_and_the_log_says_so(
    region: Any, caplog: Any
) -> None:
    with caplog.at_level(logging.INFO, logger="remit.meetings.demo"):
        demo_load(region)

    assert not Meeting.objects.exists()
    assert "No demo meetings for testshire: it has no meetings story" in caplog.text


def test_a_region_without_what_its_story_requires_is_left_alone(db: Any, caplog: Any) -> None:
    from remit.core.models import Region

    bare = Region.objects.create(slug="west-midlands", name="West Midlands", is_active=True)
    with caplog.at_level(logging.INFO, logger="remit.meetings.demo"):
        demo_load(bare)

    assert not Meeting.objects.exists()
    assert "No demo meetings for west-midlands: it has no alethea-fuller" in caplog.text
    assert "spcb, wmcsp" in caplog.text


def test_every_demo_page_renders_for_an_officer_and_the_public(
    west_midlands: Any, client: Any, settings: Any
) -> None:
    from django.urls import reverse

    from remit.core.models import User
    from remit.meetings.models import ForwardPlanEntry

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo_load(west_midlands)
    public = [
        reverse("meetings_public:home"),
        reverse("meetings_public:decisions"),
        reverse("meetings_public:forward_plan"),
        reverse("meetings_public:decisions_feed"),
        reverse("meetings_public:board", args=["wmcsp"]),
        reverse("meetings_public:calendar", args=["spcb"]),
    ]
    public += [reverse("meetings_public:meeting", args=[m.pk]) for m in Meeting.objects.all()]
    public += [
        reverse("meetings_public:minutes", args=[m.meeting_id])
        for m in Minutes.objects.filter(status="approved")
    ]
    public += [
        reverse("meetings_public:paper", args=[p.pk])
        for p in Paper.objects.filter(status="public", item__private=False)
    ]
    public += [
        reverse("meetings_public:decision", args=[d.pk])
        for d in Decision.objects.filter(item__private=False)
    ]
    for url in public:
        assert client.get(url).status_code == 200, url
    client.force_login(User.objects.get(username="officer"))
    private = [
        reverse("meetings:home"),
        reverse("meetings:compliance"),
        reverse("meetings:forward_plan"),
        reverse("meetings:schedule"),
    ]
    private += [reverse("meetings:meeting", args=[m.pk]) for m in Meeting.objects.all()]
    private += [reverse("meetings:paper", args=[p.pk]) for p in Paper.objects.all()]
    private += [reverse("meetings:decision", args=[d.pk]) for d in Decision.objects.all()]
    private += [
        reverse("meetings:forward_plan_edit", args=[e.pk]) for e in ForwardPlanEntry.objects.all()
    ]
    for url in private:
        assert client.get(url).status_code == 200, url
    dashboard = client.get(reverse("meetings:compliance")).content.decode()
    assert "Bids received" in dashboard
    assert "2018/19 Q3" in dashboard


def test_the_bus_proposal_is_decided_at_the_devolution_strategy_group_meeting(
    west_midlands: Any, client: Any
) -> None:
    from remit.proposals.demo import demo_load as proposals_demo
    from remit.proposals.models import ForumDecision
    from remit.proposals.models import Proposal

    proposals_demo(west_midlands)
    demo_load(west_midlands)

    buses = Proposal.all_objects.get(title="Bus fares and franchising settlement")
    decision = Decision.objects.get(board__slug="dsg")
    assert decision.reference == "DSG/D/2022/01"
    assert decision.item.proposal == buses
    forum = ForumDecision.objects.get(meeting_decision=decision)
    assert (forum.board.slug, forum.outcome) == ("dsg", "endorsed_with_changes")
    assert "fares cap" in forum.changes
    assert forum.decided_on == date(2022, 8, 18)
    assert buses.routings.get().current_board.slug == "fdg"
    counts = (Decision.objects.count(), ForumDecision.objects.count(), Meeting.objects.count())

    proposals_demo(west_midlands)
    demo_load(west_midlands)

    assert (
        Decision.objects.count(),
        ForumDecision.objects.count(),
        Meeting.objects.count(),
    ) == counts
    from django.urls import reverse

    public = client.get(reverse("published_proposals:detail", args=[buses.pk])).content.decode()
    assert reverse("meetings_public:decision", args=[decision.pk]) in public
    page = client.get(reverse("meetings_public:decision", args=[decision.pk])).content.decode()
    assert reverse("published_proposals:detail", args=[buses.pk]) in page
    from remit.core.models import User

    client.force_login(User.objects.get(username="officer"))
    for url in (
        reverse("meetings:meeting", args=[decision.item.meeting_id]),
        reverse("meetings:decision", args=[decision.pk]),
        reverse("proposals:detail", args=[buses.pk]),
    ):
        assert client.get(url).status_code == 200, url
