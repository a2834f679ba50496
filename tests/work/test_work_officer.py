"""A policy officer's work: papers, write-ups, forums, screenings, bids, grants, forward plan."""

from __future__ import annotations

from datetime import date
from datetime import time
from typing import Any

import pytest
import work_support as w
from django.urls import reverse

from remit.core.models import GovernanceRoute
from remit.core.models import Region
from remit.core.models import RouteStep
from remit.core.models import Theme
from remit.core.models import User
from remit.core.models import Workstream
from remit.funding.models import InterestDeclaration
from remit.funding.models import Score
from remit.meetings.models import AgendaItem
from remit.meetings.models import Meeting
from remit.proposals.models import Deal
from remit.proposals.models import ImpactAssessment
from remit.proposals.models import Proposal
from remit.proposals.models import Routing
from remit.work import selectors

MEETING = "Testshire Community Safety Partnership meeting"


def work_of(user: User, region: Region) -> list[Any]:
    return selectors.your_work(user, region, today=w.TODAY, now=w.NOW, since=None)


@pytest.fixture
def meetings(board: Any) -> dict[str, Meeting]:
    soon = w.meeting(board, w.days(1))  # Thursday 5 March: papers were due 25 February
    next_ = w.meeting(board, w.days(13))  # Tuesday 17 March: papers due 9 March
    later = w.meeting(board, w.days(27))  # Tuesday 31 March: papers due 23 March
    cancelled = w.meeting(board, w.days(6), status=Meeting.Status.CANCELLED)
    w.item(soon, "Late item")
    w.item(next_, "Apologies", kind=AgendaItem.Kind.APOLOGIES)
    w.item(next_, "Budget report")
    w.paper(w.item(next_, "Crime plan"))
    w.paper(w.item(next_, "Published already"), published=True)
    w.item(next_, "Withdrawn item", state=AgendaItem.State.WITHDRAWN)
    w.item(later, "Annual report")
    w.item(cancelled, "Never needed")
    return {"soon": soon, "next": next_, "later": later}


def test_papers_due_overdue_first_with_the_clear_day_deadline(
    officer: User, region: Region, meetings: dict[str, Meeting]
) -> None:
    papers = w.section(work_of(officer, region), "Papers to publish")
    assert w.titles(papers) == [
        f"Late item: paper for {MEETING}, 5 March 2026",
        f"Budget report: paper for {MEETING}, 17 March 2026",
        f"Crime plan: paper for {MEETING}, 17 March 2026",
        f"Annual report: paper for {MEETING}, 31 March 2026",
    ]
    assert [i.due for i in papers.items] == [
        date(2026, 2, 25),
        date(2026, 3, 9),
        date(2026, 3, 9),
        date(2026, 3, 23),
    ]
    late, budget, plan, _ = papers.items
    assert late.when(w.TODAY) == "overdue by 7 days"
    assert budget.when(w.TODAY) == "5 days left"
    no_paper = meetings["next"].items.get(title="Budget report")
    assert budget.url == reverse("meetings:paper_create", args=[no_paper.pk])
    draft = meetings["next"].items.get(title="Crime plan").paper
    assert plan.url == reverse("meetings:paper", args=[draft.pk])
    assert "five clear days rule" in budget.detail


def test_meetings_held_without_decisions_or_minutes(
    officer: User, region: Region, board: Any
) -> None:
    undecided = w.meeting(board, w.days(-20), status=Meeting.Status.HELD)
    not_marked = w.meeting(board, w.days(-1), status=Meeting.Status.PAPERS_PUBLISHED)
    w.item(undecided, "Apologies", kind=AgendaItem.Kind.APOLOGIES)
    w.item(undecided, "Decide the budget", kind=AgendaItem.Kind.DECISION)
    minuted = w.meeting(board, w.days(-2), status=Meeting.Status.HELD)
    w.minutes(minuted)
    unminuted = w.meeting(board, w.days(-3), status=Meeting.Status.HELD)
    w.item(unminuted, "Noted", state=AgendaItem.State.DECIDED)
    w.meeting(board, w.days(-5), status=Meeting.Status.CANCELLED)
    approved = w.meeting(board, w.days(-60), status=Meeting.Status.MINUTES_APPROVED)
    w.item(approved, "Old business")

    section = w.section(work_of(officer, region), "Meetings to write up")
    assert w.titles(section) == [
        f"Record the decisions of {MEETING}, 12 February 2026",
        f"Write the minutes of {MEETING}, 12 February 2026",
        f"Write the minutes of {MEETING}, 1 March 2026",
        f"Record that {MEETING}, 3 March 2026 was held",
    ]
    assert [i.when(w.TODAY) for i in section.items] == [
        "overdue by 13 days",
        "overdue by 13 days",
        "4 days left",
        "6 days left",
    ]
    assert section.items[3].url == reverse("meetings:meeting", args=[not_marked.pk])
    assert section.items[0].url == reverse("meetings:meeting", args=[undecided.pk])
    assert section.items[2].url == reverse("meetings:minutes_edit", args=[unminuted.pk])


def test_key_decisions_due_onto_the_forward_plan(officer: User, region: Region, board: Any) -> None:
    w.plan_entry(board, "Agree the budget", w.days(60))
    w.plan_entry(board, "Adopt the plan", w.days(20))
    w.plan_entry(board, "Published", w.days(40), published_at=w.NOW)
    w.plan_entry(board, "Dropped", w.days(30), status="withdrawn")
    section = w.section(work_of(officer, region), "Key decisions for the forward plan")
    assert w.titles(section) == [
        "Put Adopt the plan (Testshire Community Safety Partnership) on the forward plan",
        "Put Agree the budget (Testshire Community Safety Partnership) on the forward plan",
    ]
    # 28 clear days: published no later than 29 days before the decision
    assert [i.due for i in section.items] == [w.days(20 - 29), w.days(60 - 29)]
    assert section.items[0].overdue(w.TODAY)


@pytest.fixture
def deal(region: Region, board: Any) -> Deal:
    route = GovernanceRoute.objects.create(
        region=region, slug="route", name="Deal route", final_board=board
    )
    RouteStep.objects.create(route=route, position=1, board=board)
    return Deal.objects.create(region=region, slug="deal", name="Testshire Deal", route=route)


def proposal(deal: Deal, title: str, **kwargs: Any) -> Proposal:
    theme, _ = Theme.objects.get_or_create(region=deal.region, slug="safety", name="Safety")
    workstream, _ = Workstream.objects.get_or_create(theme=theme, slug="crime", name="Crime")
    return Proposal.all_objects.create(
        deal=deal,
        workstream=workstream,
        title=title,
        summary="A proposal.",
        ask_type="powers",
        form_of_devolution="single",
        **kwargs,
    )


def test_proposals_at_a_forum_with_its_next_meeting_and_screenings_to_sign_off(
    officer: User, region: Region, board: Any, deal: Deal
) -> None:
    waiting = proposal(deal, "Violence reduction", status="in_governance")
    sent_back = proposal(deal, "Youth diversion", status="in_governance")
    for subject, resubmit in ((waiting, False), (sent_back, True)):
        Routing.objects.create(
            route=deal.route,
            proposal=subject,
            current_position=1,
            current_board=board,
            awaiting_resubmission=resubmit,
        )
    w.meeting(board, w.days(8))
    w.meeting(board, w.days(-8))
    ImpactAssessment.objects.create(proposal=waiting, full_assessment_needed=True)
    signed = proposal(deal, "Signed off")
    ImpactAssessment.objects.create(proposal=signed, signed_off_by=officer, signed_off_at=w.NOW)
    withdrawn = proposal(deal, "Withdrawn one", status="withdrawn")
    ImpactAssessment.objects.create(proposal=withdrawn)

    sections = work_of(officer, region)
    forums = w.section(sections, "Proposals waiting at a forum")
    assert w.titles(forums) == [
        "Violence reduction, waiting for Testshire Community Safety Partnership"
    ]
    assert forums.items[0].due == w.days(8)
    assert forums.items[0].url == reverse("proposals:detail", args=[waiting.pk])
    screenings = w.section(sections, "Impact screenings to sign off")
    assert w.titles(screenings) == ["Impact screening of Violence reduction"]
    assert screenings.items[0].url == reverse("proposals:screening", args=[waiting.pk])


def test_bids_to_assess_leave_out_conflicts_finished_scoring_and_recommended_bids(
    officer: User, partner: User, region: Region, make_user: Any
) -> None:
    fund = w.fund(region)
    closed = w.round(fund, "spring", w.days(-40), w.days(-10))
    charity = partner.organisation
    opcc = region.organisations.get(slug="opcc")
    to_score = w.bid(closed, charity, "Street pastors", partner, submitted=w.days(-20))
    half_scored = w.bid(closed, charity, "Night buses", partner, submitted=w.days(-15))
    Score.objects.create(
        bid=half_scored, criterion=closed.criteria.first(), assessor=officer, score=3
    )
    done = w.bid(closed, charity, "Scored in full", partner, submitted=w.days(-14))
    for criterion in closed.criteria.all():
        Score.objects.create(bid=done, criterion=criterion, assessor=officer, score=4)
    declared = w.bid(closed, charity, "My sister's charity", partner, submitted=w.days(-13))
    InterestDeclaration.objects.create(bid=declared, user=officer, nature="Family")
    own_office = w.bid(closed, opcc, "Our own bid", partner, submitted=w.days(-12))
    recommended = w.bid(closed, charity, "Already recommended", partner, submitted=w.days(-11))
    w.recommend(recommended, officer, w.days(-2))
    w.bid(closed, charity, "Still a draft", partner)

    section = w.section(work_of(officer, region), "Bids to assess")
    assert w.titles(section) == [
        "Score Street pastors (Safe Streets Trust)",
        "Score Night buses (Safe Streets Trust)",
    ]
    assert section.items[1].detail.endswith("you have scored 1 of 2 criteria.")
    assert section.items[0].url == reverse("funding:bid_score", args=[to_score.pk])
    listed = {i.url for i in section.items}
    for hidden in (done, declared, own_office, recommended):
        assert reverse("funding:bid_score", args=[hidden.pk]) not in listed
    # a colleague with no conflict is offered the bids this officer may not score
    colleague = make_user(
        "officer", organisation=charity.region.organisations.get(slug="northton-council")
    )
    offered = w.titles(w.section(work_of(colleague, region), "Bids to assess"))
    assert "Score My sister's charity (Safe Streets Trust)" in offered
    assert "Score Our own bid (Office of the Testshire PCC)" in offered


def test_instalments_to_pay_soon_and_returns_overdue(
    officer: User, partner: User, commissioner: User, region: Region
) -> None:
    fund = w.fund(region, decision_maker=commissioner.person)
    spring = w.round(fund, "spring", w.days(-100), w.days(-80))
    grant = w.grant(
        w.bid(spring, partner.organisation, "Street pastors", partner, submitted=w.days(-90)),
        commissioner,
    )
    w.instalment(grant, w.days(5), 250_000)
    w.instalment(grant, w.days(40))
    w.instalment(grant, w.days(-1))
    late = w.monitoring_return(grant, w.days(-3))
    w.monitoring_return(grant, w.days(3))
    w.monitoring_return(grant, w.days(-30), submitted=True)

    section = w.section(work_of(officer, region), "Grant payments")
    assert w.titles(section) == [
        "Monitoring return from Safe Streets Trust",
        "Pay £2,500.00 to Safe Streets Trust",
    ]
    assert [i.due for i in section.items] == [w.days(-3), w.days(5)]
    assert section.items[0].url == reverse("funding:grant_return", args=[grant.pk, late.pk])


def test_empty_sections_say_there_is_nothing_to_do(officer: User, region: Region) -> None:
    sections = work_of(officer, region)
    assert [s.title for s in sections] == [
        "Papers to publish",
        "Meetings to write up",
        "Proposals waiting at a forum",
        "Impact screenings to sign off",
        "Bids to assess or moderate",
        "Grant payments and overdue returns",
        "Key decisions for the forward plan",
    ]
    assert all(s.count == 0 and s.empty for s in sections)


def test_the_meeting_start_time_orders_two_meetings_on_one_day(
    officer: User, region: Region, board: Any
) -> None:
    morning = w.meeting(board, w.days(13))
    afternoon = Meeting.objects.create(
        board=board, date=w.days(13), start_time=time(14), location="Lloyd House", title="Extra"
    )
    w.item(afternoon, "Afternoon paper")
    w.item(morning, "Morning paper")
    papers = w.section(work_of(officer, region), "Papers to publish")
    assert [i.title.split(":")[0] for i in papers.items] == ["Morning paper", "Afternoon paper"]
