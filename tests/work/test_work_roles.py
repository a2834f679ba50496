"""The work of board members, partners, the commissioner, analysts and administrators."""

from __future__ import annotations

from datetime import date
from datetime import timedelta
from decimal import Decimal
from typing import Any

import work_support as w
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from remit.core.models import GovernanceRoute
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import RouteStep
from remit.core.models import Theme
from remit.core.models import User
from remit.core.models import Workstream
from remit.indicators.models import ImportJob
from remit.indicators.models import Indicator
from remit.indicators.models import IndicatorValue
from remit.indicators.models import Target
from remit.meetings.models import AgendaItem
from remit.meetings.models import Decision
from remit.meetings.models import Declaration
from remit.meetings.models import PackBuild
from remit.proposals.models import Deal
from remit.proposals.models import Proposal
from remit.proposals.models import Routing
from remit.work import selectors

MEETING = "Testshire Community Safety Partnership meeting"


def work_of(user: User, region: Region, since: Any = None) -> list[Any]:
    return selectors.your_work(user, region, today=w.TODAY, now=w.NOW, since=since)


def decision(item: AgendaItem, sequence: int) -> Decision:
    return Decision.objects.create(
        board=item.meeting.board,
        item=item,
        year=2026,
        sequence=sequence,
        reference=f"CSP/2026/{sequence:03d}",
        summary="The board agreed the plan.",
        published_on=item.meeting.date,
        effective_on=item.meeting.date,
    )


def test_board_member_next_meetings_declarations_minutes_and_new_decisions(
    member: User, region: Region, board: Any, make_user: Any
) -> None:
    held = w.meeting(board, w.days(-30))
    soon = w.meeting(board, w.days(6))
    later = w.meeting(board, w.days(20))
    w.paper(w.item(soon, "Crime plan"), published=True)
    w.paper(w.item(soon, "Draft only"))
    w.item(soon, "Minutes", kind=AgendaItem.Kind.MINUTES, minutes_of=held)
    PackBuild.objects.create(
        meeting=soon, audience=PackBuild.Audience.MEMBERS, content_hash="x", status="done"
    )
    Declaration.objects.create(
        meeting=later, person=member.person, kind="non_registrable", description="Governor"
    )
    other_board = region.boards.create(slug="other", name="Other Board", kind="committee")
    w.meeting(other_board, w.days(3))
    seen = decision(w.item(held, "Seen before"), 1)
    fresh = decision(w.item(held, "New since"), 2)
    elsewhere = w.item(w.meeting(other_board, w.days(-10)), "Elsewhere")
    decision(elsewhere, 1)

    sections = work_of(member, region, since=seen.recorded_at)
    looked = timezone.localdate(seen.recorded_at)
    assert [s.title for s in sections] == [
        "Your next meetings",
        "Declarations of interest to make",
        "Minutes to approve",
        f"Decisions of your boards since {looked.day} {looked:%B %Y}",
    ]
    nexts, declare, minutes, decisions = sections
    assert w.titles(nexts) == [f"{MEETING}, 10 March 2026", f"{MEETING}, 24 March 2026"]
    assert nexts.items[0].detail == "1 paper out; the members' pack is ready."
    assert nexts.items[1].detail == "0 papers out."
    assert w.titles(declare) == [f"Declare any interests for {MEETING}, 10 March 2026"]
    assert declare.items[0].url == reverse("meetings:declaration_add", args=[soon.pk])
    assert w.titles(minutes) == [f"Minutes of {MEETING}, 2 February 2026"]
    assert minutes.items[0].url == reverse("meetings:meeting", args=[soon.pk])
    assert w.titles(decisions) == ["CSP/2026/002: Testshire Community Safety Partnership"]
    assert decisions.items[0].url == reverse("meetings:decision", args=[fresh.pk])

    # a member of no board has no meetings part at all
    outsider = make_user(Role.BOARD_MEMBER, person=region.people.get(slug="trust-lead"))
    assert work_of(outsider, region) == []


def test_partner_sees_open_rounds_and_only_its_own_bids_grants_and_returns(
    partner: User, commissioner: User, region: Region, make_user: Any
) -> None:
    fund = w.fund(region, decision_maker=commissioner.person)
    open_ = w.round(fund, "open-round", w.days(-5), w.days(10))
    w.round(fund, "closed-round", w.days(-50), w.days(-1))
    w.round(fund, "future-round", w.days(5), w.days(40))
    later = w.round(fund, "later-round", w.days(-5), w.days(25))
    mine = partner.organisation
    theirs = Organisation.objects.create(
        region=region, slug="youth", name="Youth Trust", kind="voluntary_sector"
    )
    rival = make_user(Role.PARTNER, organisation=theirs)
    draft_late = w.bid(later, mine, "Draft closing later", partner)
    draft_soon = w.bid(open_, mine, "Draft closing soon", partner)
    sent = w.bid(open_, mine, "Submitted bid", partner, submitted=w.days(-1))
    w.bid(open_, theirs, "Their bid", rival, submitted=w.days(-2))
    w.bid(open_, theirs, "Their draft", rival)
    old = w.round(fund, "old-round", w.days(-200), w.days(-150))
    my_grant = w.grant(w.bid(old, mine, "Our grant", partner, submitted=w.days(-160)), commissioner)
    their_grant = w.grant(
        w.bid(old, theirs, "Their grant", rival, submitted=w.days(-160)), commissioner
    )
    overdue = w.monitoring_return(my_grant, w.days(-2))
    w.monitoring_return(my_grant, w.days(20))
    w.monitoring_return(my_grant, w.days(45))
    w.monitoring_return(my_grant, w.days(-40), submitted=True)
    w.monitoring_return(their_grant, w.days(-2))

    rounds, bids, grants, returns = work_of(partner, region)
    assert w.titles(rounds) == [
        "Open round (Community Safety Fund)",
        "Later round (Community Safety Fund)",
    ]
    assert rounds.items[0].detail == "Open for bids; you have 2 bids in it."
    assert rounds.items[0].due == w.days(10)
    assert w.titles(bids) == ["Draft closing soon", "Draft closing later", "Submitted bid"]
    assert [i.url for i in bids.items] == [
        reverse("funding:bid", args=[b.pk]) for b in (draft_soon, draft_late, sent)
    ]
    assert w.titles(grants) == ["Our grant"]
    assert w.titles(returns) == ["Monitoring return for Our grant"] * 2
    assert [i.due for i in returns.items] == [w.days(-2), w.days(20)]
    assert returns.items[0].url == reverse("funding:grant_return", args=[my_grant.pk, overdue.pk])


def test_commissioner_determines_oldest_recommendation_first_and_sees_recent_determinations(
    commissioner: User, officer: User, partner: User, region: Region, board: Any
) -> None:
    fund = w.fund(region, decision_maker=commissioner.person, board=board)
    closed = w.round(fund, "spring", w.days(-60), w.days(-30))
    charity = partner.organisation
    newer = w.bid(closed, charity, "Newer recommendation", partner, submitted=w.days(-40))
    older = w.bid(closed, charity, "Older recommendation", partner, submitted=w.days(-39))
    w.recommend(newer, officer, w.days(-10), amount=1_250_000, board=board)
    w.recommend(older, officer, w.days(-30), board=board)
    decided = w.bid(closed, charity, "Decided last week", partner, submitted=w.days(-38))
    w.recommend(decided, officer, w.days(-20), board=board)
    w.determine(decided, commissioner, w.days(-7), amount=300_000)
    long_ago = w.bid(closed, charity, "Decided long ago", partner, submitted=w.days(-37))
    w.recommend(long_ago, officer, w.days(-50), board=board)
    w.determine(long_ago, commissioner, w.days(-40))
    w.bid(closed, charity, "Not yet recommended", partner, submitted=w.days(-36))
    other_fund = type(fund).objects.create(
        region=region,
        slug="other",
        name="Other Fund",
        financial_year="2026/27",
        budget_pence=1,
        owner=fund.owner,
    )
    elsewhere = w.bid(
        w.round(other_fund, "other", w.days(-60), w.days(-30)),
        charity,
        "Another decision maker's",
        partner,
        submitted=w.days(-40),
    )
    w.recommend(elsewhere, officer, w.days(-45))

    sections = work_of(commissioner, region)
    awaiting, recent = sections[0], sections[1]
    assert awaiting.title == "Recommendations awaiting your determination"
    assert w.titles(awaiting) == [
        "Older recommendation (Safe Streets Trust)",
        "Newer recommendation (Safe Streets Trust)",
    ]
    assert awaiting.items[1].detail == (
        "Fund in full £12,500.00, recommended by Testshire Community Safety Partnership on "
        "22 February 2026; waiting 10 days."
    )
    assert awaiting.items[0].url == reverse("funding:determine", args=[older.pk])
    assert w.titles(recent) == ["Decided last week: fund in full"]
    assert recent.items[0].detail == "£3,000.00, decided on 25 February 2026."
    assert sections[2].title == "Proposals waiting for your decision"
    # the commissioner chairs the partnership, so their board's part follows
    assert sections[3].title == "Your next meetings"


def test_analyst_sees_imports_stale_indicators_and_targets_without_data(
    analyst: User, region: Region
) -> None:
    north, south = region.areas.order_by("code")
    ImportJob.objects.create(
        region=region, upload="x.zip", original_name="running.zip", status="running"
    )
    ImportJob.objects.create(
        region=region,
        upload="x.zip",
        original_name="refused.zip",
        status="failed",
        message="The zip holds no police.uk files.",
        finished_at=w.NOW - timedelta(days=2),
    )
    ImportJob.objects.create(
        region=region,
        upload="x.zip",
        original_name="old.zip",
        status="failed",
        finished_at=w.NOW - timedelta(days=90),
    )
    ImportJob.objects.create(region=region, upload="x.zip", original_name="done.zip", status="done")
    current = Indicator.all_objects.create(region=region, slug="current", name="Current")
    IndicatorValue.objects.create(indicator=current, area=north, period="2026-01", value=1)
    stale = Indicator.all_objects.create(region=region, slug="stale", name="Stale")
    IndicatorValue.objects.create(indicator=stale, area=north, period="2025-10", value=1)
    IndicatorValue.objects.create(indicator=stale, area=north, period="2025-09", value=1)
    Indicator.all_objects.create(region=region, slug="empty", name="Empty")
    Target.objects.create(indicator=stale, area=south, due=w.days(300), value=Decimal(1))
    Target.objects.create(indicator=stale, area=north, due=w.days(100), value=Decimal(1))
    empty = Indicator.all_objects.get(slug="empty")
    Target.objects.create(indicator=empty, due=w.days(200), value=Decimal(1))
    Target.objects.create(indicator=current, due=w.days(50), value=Decimal(1))

    imports, indicators, targets = work_of(analyst, region)
    assert w.titles(imports) == ["Importing: running.zip", "Refused: refused.zip"]
    assert imports.items[1].detail == "The zip holds no police.uk files."
    assert w.titles(indicators) == ["Stale", "Empty"]
    assert indicators.items[0].due == date(2026, 2, 1)
    assert indicators.items[0].detail == "The latest figures are for 2025-10."
    assert w.titles(targets) == ["Empty: target for the region", "Stale: target for Southby"]


def test_admin_sees_every_officer_part_the_analyst_part_and_failed_jobs(
    admin: User, region: Region
) -> None:
    failed = DBTaskResult.objects.create(
        status=TaskResultStatus.FAILED,
        task_path="remit.meetings.tasks.build_pack",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        run_after=w.NOW,
        finished_at=w.NOW - timedelta(days=1),
        exception_class_path="builtins.ValueError",
        traceback="",
    )
    DBTaskResult.objects.create(
        status=TaskResultStatus.SUCCESSFUL,
        task_path="remit.meetings.tasks.build_pack",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        queue_name="default",
        run_after=w.NOW,
        finished_at=w.NOW,
        exception_class_path="",
        traceback="",
    )
    sections = work_of(admin, region)
    assert [s.title for s in sections] == [
        "Papers to publish",
        "Meetings to write up",
        "Proposals waiting at a forum",
        "Impact screenings to sign off",
        "Bids to assess or moderate",
        "Grant payments and overdue returns",
        "Key decisions for the forward plan",
        "Crime data imports",
        "Indicators out of date",
        "Targets without data",
        "Background jobs that failed",
    ]
    jobs = sections[-1]
    assert w.titles(jobs) == ["Build pack"]
    assert jobs.items[0].detail == "Failed on 3 March 2026: ValueError."
    assert jobs.items[0].url == reverse("work:failed_job", args=[failed.pk])


def test_admin_is_asked_to_open_moderation_of_a_closed_round(
    admin: User, officer: User, partner: User, region: Region
) -> None:
    fund = w.fund(region)
    closed = w.round(fund, "spring", w.days(-40), w.days(-10))
    w.bid(closed, partner.organisation, "Street pastors", partner, submitted=w.days(-20))
    w.round(fund, "still-open", w.days(-5), w.days(5))
    admin_items = w.titles(w.section(work_of(admin, region), "Bids to assess"))
    assert admin_items[0] == "Open moderation of Spring (Community Safety Fund)"
    officer_items = w.titles(w.section(work_of(officer, region), "Bids to assess"))
    assert officer_items == ["Score Street pastors (Safe Streets Trust)"]
    closed.moderation_opened_at = w.NOW
    closed.save()
    officer_items = w.titles(w.section(work_of(officer, region), "Bids to assess"))
    assert officer_items[0] == "Record recommendations for Spring (Community Safety Fund)"


def test_the_commissioner_sees_proposals_whose_route_ends_with_their_decision(
    commissioner: User, region: Region, board: Any
) -> None:
    route = GovernanceRoute.objects.create(
        region=region,
        slug="alone",
        name="Commissioner's route",
        final_decision_maker_id=commissioner.person_id,
    )
    RouteStep.objects.create(route=route, position=1, board=board)
    deal = Deal.objects.create(region=region, slug="deal", name="Testshire Deal", route=route)
    theme = Theme.objects.create(region=region, slug="safety", name="Safety")
    workstream = Workstream.objects.create(theme=theme, slug="crime", name="Crime")
    other = Person.objects.create(region=region, slug="mayor", name="Mo Mayor")
    for title, at_person, sent_back in (
        ("Waiting for the commissioner", commissioner.person, False),
        ("Referred back by the commissioner", commissioner.person, True),
        ("Waiting for the mayor", other, False),
    ):
        subject = Proposal.all_objects.create(
            deal=deal,
            workstream=workstream,
            title=title,
            summary="A proposal.",
            ask_type="powers",
            form_of_devolution="single",
            status="cleared" if not sent_back else "draft",
        )
        Routing.objects.create(
            route=route,
            proposal=subject,
            current_position=2,
            current_decision_maker=at_person,
            awaiting_resubmission=sent_back,
        )

    section = w.section(work_of(commissioner, region), "Proposals waiting for your decision")

    assert w.titles(section) == ["Waiting for the commissioner"]
    assert section.items[0].detail == "Its governance route ends with your decision."
