"""The scheduled checks (`remit notify due`): late papers and monitoring returns due or overdue,
each told once to the people who act on it, however often the check runs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from notifications_support import schedule
from notifications_support import told
from notifications_support import write_paper
from typer.testing import CliRunner

from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User
from remit.funding.models import Grant
from remit.funding.models import MonitoringReturn
from remit.notifications.cli import notify_app
from remit.notifications.models import Kind
from remit.notifications.models import Notification
from remit.notifications.services import due_check


@pytest.fixture
def late_meeting(region: Region, officer: User) -> Any:
    """A meeting in 40 days with one paper still in draft."""
    meeting = schedule(
        region.boards.get(slug="csp"), officer, timezone.localdate() + timedelta(days=40)
    )
    write_paper(meeting, officer)
    return meeting


def test_papers_still_to_publish_after_the_deadline_tell_the_officers_who_publish_them(
    late_meeting: Any,
    officer: User,
    make_user: Callable[..., User],
    region: Region,
    committed: Callable[[], Any],
) -> None:
    member = make_user(Role.BOARD_MEMBER, person=region.people.get(slug="northton-rep"))
    with committed():
        report = due_check(today=late_meeting.date - timedelta(days=3))
    assert report.count("papers_late") == 1
    assert told(Kind.PAPERS_LATE, f"papers-late:{late_meeting.pk}") == {officer.username}
    assert member.username not in told(Kind.PAPERS_LATE)


def test_papers_before_their_deadline_are_not_late(
    late_meeting: Any, officer: User, committed: Callable[[], Any]
) -> None:
    with committed():
        report = due_check(today=late_meeting.date - timedelta(days=30))
    assert report.count("papers_late") == 0
    assert told(Kind.PAPERS_LATE) == set()


def _first_return(grant: Grant) -> MonitoringReturn:
    return grant.returns.order_by("due_on").first()


def test_a_return_due_within_7_days_tells_the_grantee_and_the_officers(
    grant: Grant,
    partner: User,
    officer: User,
    other_partner: User,
    commissioner: User,
    committed: Callable[[], Any],
) -> None:
    row = _first_return(grant)
    with committed():
        report = due_check(today=row.due_on - timedelta(days=7))
    assert report.count("returns_due") == 1
    assert told(Kind.RETURN_DUE, f"return-due:{row.pk}") == {partner.username, officer.username}
    assert told(Kind.RETURN_OVERDUE) == set()


def test_a_return_due_in_more_than_7_days_waits(grant: Grant, committed: Callable[[], Any]) -> None:
    row = _first_return(grant)
    with committed():
        due_check(today=row.due_on - timedelta(days=8))
    assert told(Kind.RETURN_DUE) == set()


def test_a_return_past_its_due_day_is_overdue(
    grant: Grant, partner: User, officer: User, committed: Callable[[], Any]
) -> None:
    row = _first_return(grant)
    with committed():
        report = due_check(today=row.due_on + timedelta(days=1))
    assert report.count("returns_overdue") == 1
    assert told(Kind.RETURN_OVERDUE, f"return-overdue:{row.pk}") == {
        partner.username,
        officer.username,
    }


def test_a_submitted_return_is_neither_due_nor_overdue(
    grant: Grant, committed: Callable[[], Any]
) -> None:
    row = _first_return(grant)
    MonitoringReturn.objects.filter(pk=row.pk).update(submitted_at=timezone.now())
    with committed():
        due_check(today=row.due_on + timedelta(days=1))
    assert told(Kind.RETURN_OVERDUE) == set()


def test_running_the_checks_again_tells_nobody_anything_new(
    grant: Grant, late_meeting: Any, committed: Callable[[], Any], mailoutbox: Any
) -> None:
    row = _first_return(grant)
    days = [row.due_on - timedelta(days=3), late_meeting.date - timedelta(days=3)]
    for today in days:
        with committed():
            due_check(today=today)
    made, sent = Notification.objects.count(), len(mailoutbox)
    assert made >= 3
    for today in days:
        with committed():
            report = due_check(today=today)
        assert (
            report.count("papers_late"),
            report.count("returns_due"),
            report.count("returns_overdue"),
        ) == (0, 0, 0)
    assert (Notification.objects.count(), len(mailoutbox)) == (made, sent)


def test_the_command_runs_the_checks_for_the_day_given(
    grant: Grant, partner: User, committed: Callable[[], Any]
) -> None:
    row = _first_return(grant)
    with committed():
        result = CliRunner().invoke(notify_app, ["due", "--today", row.due_on.isoformat()])
    assert result.exit_code == 0, result.output
    assert "Returns due within 7 days: 1." in result.output
    assert partner.username in told(Kind.RETURN_DUE)


def test_the_command_refuses_a_day_that_is_not_a_date() -> None:
    result = CliRunner().invoke(notify_app, ["due", "--today", "next tuesday"])
    assert result.exit_code == 2
    assert "--today: next tuesday is not a date" in result.output
