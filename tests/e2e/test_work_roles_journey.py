"""Each role's working day in a real browser, axe-core on every page.

A board member declares an interest for their next meeting; a partner submits a monitoring
return that is due, and the officer is told it has arrived (in Remit and by e-mail); an
analyst loads the figures of an indicator that is out of date; an administrator runs a
failed background job again, and the notification it was carrying reaches the officer.
Each signs in to their own work, follows the item to where it is done, does it, and the
item leaves their list.
"""

from __future__ import annotations

from datetime import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from journeys import demo_round
from journeys import sign_in
from journeys import sign_out

from remit.core.models import Region
from remit.core.models import User
from remit.core.services.demo import demo_load
from remit.funding import services as funding
from remit.funding.models import Grant
from remit.funding.models import MonitoringReturn
from remit.indicators import services as indicators
from remit.indicators.models import Origin
from remit.indicators.models import Unit
from remit.meetings.models import Meeting
from remit.meetings.permissions import member_board_ids
from remit.notifications.models import Kind
from remit.notifications.models import Notification
from remit.work.models import FailedJobAction

pytestmark = pytest.mark.e2e


@pytest.fixture
def mail_dir(settings: Any, tmp_path: Path) -> Path:
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"
    return tmp_path / "mail"


@pytest.fixture
def west_midlands(transactional_db: Any, settings: Any, tmp_path: Path) -> Region:
    """The demo region and its accounts, nobody with anything unread."""
    settings.MEDIA_ROOT = tmp_path / "media"
    region = demo_load(region="west-midlands")[0].region
    Notification.objects.update(read_at=timezone.now())
    return region


def _day(value: Any) -> str:
    return f"{value.day} {value:%B %Y}"


def _section(page: Any, title: str) -> str:
    heading = page.locator("main h2", has_text=title).first
    return str(heading.locator("xpath=..").inner_text())


def _follow(page: Any, visit: Any, name: str) -> None:
    page.get_by_role("link", name=name).first.click()
    page.wait_for_load_state()
    visit(page, page.url.split("#")[0])


def _your_work(page: Any, visit: Any) -> None:
    visit(page, "/")
    assert page.get_by_role("heading", level=1).inner_text() == "Your work"


def test_a_board_member_declares_an_interest_for_their_next_meeting_and_it_leaves_the_list(
    page: Any, visit: Any, west_midlands: Region
) -> None:
    member = User.objects.get(username="member")
    board = west_midlands.boards.get(pk=min(member_board_ids(member)))
    meeting = Meeting.objects.create(
        board=board,
        title="Budget meeting",
        date=timezone.localdate() + timedelta(days=9),
        start_time=time(10),
        location="Lloyd House",
    )
    declare = f"Declare any interests for Budget meeting, {_day(meeting.date)}"

    sign_in(page, visit, "member")
    _your_work(page, visit)
    assert declare in _section(page, "Declarations of interest to make")
    _follow(page, visit, declare)
    assert page.url.endswith(reverse("meetings:declaration_add", args=[meeting.pk]))
    page.get_by_label("Member").select_option(label=str(member.person))
    page.get_by_label("Other registrable interest (not prejudicial)").check()
    page.get_by_label("Description").fill("I am a trustee of a charity that bids to the fund.")
    page.get_by_role("button", name="Record declaration").click()
    page.wait_for_load_state()
    assert "Declaration recorded." in page.content()

    _your_work(page, visit)
    assert declare not in _section(page, "Declarations of interest to make")
    assert "Budget meeting" in _section(page, "Your next meetings")


@pytest.fixture
def return_due(transactional_db: Any, settings: Any, tmp_path: Path) -> MonitoringReturn:
    """The demo partner's grant, begun about a hundred days ago: its first quarterly return
    falls due within the month."""
    settings.MEDIA_ROOT = tmp_path / "media"
    round = demo_round()
    officer = User.objects.get(username="officer")
    partner = User.objects.get(username="partner")
    commissioner = User.objects.get(username="commissioner")
    area = round.fund.region.areas.get(code="E08000030")
    bid = funding.bid_create(
        by=partner,
        round=round,
        data={
            "title": "Victim navigators in Walsall",
            "summary": "Volunteers who guide victims through the justice system.",
            "lead_area": area,
            "priorities": round.fund.priorities[:1],
            "amounts": {round.years[0]: 2_500_000},
            "answers": {q.pk: "Victims drop out of cases." for q in round.questions.all()},
        },
    )
    funding.outcome_add(
        by=partner, bid=bid, data={"outcome": "Victims stay", "measure": "Cases reaching court"}
    )
    bid = funding.bid_submit(by=partner, bid=bid)
    today = timezone.localdate()
    funding.recommendation_record(
        by=officer, bid=bid, outcome="fund_in_full", reasons="Strong.", recommended_on=today
    )
    funding.determination_record(
        by=commissioner, bid=bid, outcome="fund_in_full", reasons="", decided_on=today
    )
    grant = Grant.all_objects.get(bid=bid)
    funding.grant_agreement_set(
        by=officer,
        grant=grant,
        data={
            "agreement_start": today - timedelta(days=100),
            "agreement_end": today + timedelta(days=265),
        },
    )
    Notification.objects.update(read_at=timezone.now())
    first = grant.returns.order_by("due_on").first()
    assert today <= first.due_on <= today + timedelta(days=30)
    return first


def test_a_partner_submits_a_return_that_is_due_and_the_officer_is_told(
    page: Any, visit: Any, return_due: MonitoringReturn, mail_dir: Path
) -> None:
    item = "Monitoring return for Victim navigators in Walsall"

    sign_in(page, visit, "partner")
    _your_work(page, visit)
    assert item in _section(page, "Monitoring returns due")
    _follow(page, visit, item)
    assert page.url.endswith(
        reverse("funding:grant_return", args=[return_due.grant_id, return_due.pk])
    )
    page.get_by_label("Spend to date (£)").fill("6,000")
    page.get_by_label("Outcomes against measures").fill("Twelve victims stayed with their case.")
    page.get_by_label("Green: on track").check()
    page.get_by_label("Cases reaching court so far").fill("12")
    page.get_by_role("button", name="Submit the return").click()
    page.wait_for_load_state()
    assert "Monitoring return submitted." in page.content()

    _your_work(page, visit)
    assert item not in _section(page, "Monitoring returns due")
    sign_out(page)

    sign_in(page, visit, "officer")
    _your_work(page, visit)
    told = _section(page, "Notifications")
    assert "You have 1 unread notification:" in told
    title = "Monitoring return received: Victim navigators in Walsall"
    assert title in told
    _follow(page, visit, title)
    assert page.url.endswith(
        reverse("funding:grant_return", args=[return_due.grant_id, return_due.pk])
    )
    sent = [p.read_text() for p in mail_dir.glob("*.log")]
    assert [m for m in sent if "To: officer@demo.remit.invalid" in m and title in m]


def test_an_analyst_loads_the_figures_of_an_indicator_out_of_date_and_it_leaves_the_list(
    page: Any, visit: Any, west_midlands: Region, tmp_path: Path
) -> None:
    analyst = User.objects.get(username="analyst")
    indicator = indicators.indicator_create(
        by=analyst,
        region=west_midlands,
        data={
            "name": "Young people in education or work",
            "slug": "young-people-in-education",
            "origin": Origin.UPLOADED,
            "unit": Unit.VALUE,
        },
    )
    indicators.series_upload(
        by=analyst,
        indicator=indicator,
        data=b"area_code,period,value\nE08000026,2015,88\n",
        name="old.csv",
    )
    last_year = timezone.localdate().year - 1

    sign_in(page, visit, "analyst")
    _your_work(page, visit)
    assert indicator.name in _section(page, "Indicators out of date")
    _follow(page, visit, indicator.name)
    _follow(page, visit, "Upload figures")
    figures = tmp_path / "figures.csv"
    figures.write_text(f"area_code,period,value\nE08000026,2015,88\nE08000026,{last_year},91\n")
    page.get_by_label("CSV file").set_input_files(str(figures))
    page.get_by_role("button", name="Upload").click()
    page.wait_for_load_state()
    assert "2 figures loaded." in page.content()

    _your_work(page, visit)
    assert indicator.name not in _section(page, "Indicators out of date")


def test_an_administrator_runs_a_failed_job_again_and_the_officer_is_told(
    page: Any, visit: Any, west_midlands: Region
) -> None:
    officer = User.objects.get(username="officer")
    now = timezone.now()
    job = DBTaskResult.objects.create(
        status=TaskResultStatus.FAILED,
        task_path="remit.notifications.tasks.deliver_notifications",
        args_kwargs={
            "args": [],
            "kwargs": {
                "kind": Kind.PAPERS_LATE.value,
                "event_key": "papers-late:journey",
                "recipient_ids": [officer.pk],
                "title": "Papers are late for the Budget meeting",
                "link": reverse("meetings:home"),
            },
        },
        backend_name="default",
        run_after=now,
        finished_at=now - timedelta(hours=1),
        exception_class_path="smtplib.SMTPServerDisconnected",
        traceback="smtplib.SMTPServerDisconnected: Connection unexpectedly closed\n",
    )

    sign_in(page, visit, "admin")
    _your_work(page, visit)
    assert "Deliver notifications" in _section(page, "Background jobs that failed")
    _follow(page, visit, "Deliver notifications")
    assert page.url.endswith(reverse("work:failed_job", args=[job.pk]))
    assert "Connection unexpectedly closed" in page.locator("main").inner_text()
    page.get_by_role("button", name="Run the job again").click()
    page.wait_for_load_state()
    assert "Deliver notifications: the job is running again." in page.content()
    visit(page, page.url)
    assert "Deliver notifications" not in _section(page, "Background jobs that failed")
    assert FailedJobAction.objects.get(job_id=job.pk).by.username == "admin"
    sign_out(page)

    sign_in(page, visit, "officer")
    _your_work(page, visit)
    assert "Papers are late for the Budget meeting" in _section(page, "Notifications")
