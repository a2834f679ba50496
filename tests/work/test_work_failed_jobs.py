"""An administrator deals with a background job that failed: runs it again, or dismisses it
with a reason. Either way it is recorded who did it, and the job leaves their work."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import work_support as w
from django.urls import reverse
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from remit.core.errors import DomainError
from remit.core.errors import NotPermitted
from remit.core.models import Region
from remit.core.models import User
from remit.notifications.models import Kind
from remit.notifications.models import Notification
from remit.work import selectors
from remit.work import services
from remit.work.models import FailedJobAction

JOBS = "Background jobs that failed"
FEW, MANY = 2, 12
FAILED_JOB_MOST_QUERIES = 8


def failed(task_path: str, kwargs: dict[str, Any] | None = None) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=TaskResultStatus.FAILED,
        task_path=task_path,
        args_kwargs={"args": [], "kwargs": kwargs or {}},
        backend_name="default",
        run_after=w.NOW,
        finished_at=w.NOW - timedelta(hours=2),
        exception_class_path="smtplib.SMTPServerDisconnected",
        traceback="Traceback (most recent call last):\n  ...\n"
        "smtplib.SMTPServerDisconnected: Connection unexpectedly closed\n",
    )


@pytest.fixture
def undelivered(officer: User) -> DBTaskResult:
    """Telling the officer about a bid failed when the mail server went away."""
    return failed(
        "remit.notifications.tasks.deliver_notifications",
        {
            "kind": Kind.BID_SUBMITTED.value,
            "event_key": "bid-submitted:7",
            "recipient_ids": [officer.pk],
            "title": "Bid to assess: Street pastors",
            "link": "/funds/bids/7/",
        },
    )


def jobs_of(admin: User, region: Region) -> list[str]:
    work = selectors.your_work(admin, region, today=w.TODAY, now=w.NOW, since=None)
    return w.titles(w.section(work, JOBS))


def test_a_failed_job_run_again_does_its_work_and_leaves_the_list(
    admin: User, officer: User, region: Region, undelivered: DBTaskResult
) -> None:
    assert jobs_of(admin, region) == ["Deliver notifications"]
    action = services.failed_job_retry(by=admin, job_id=undelivered.pk, now=w.NOW)
    assert action.action == FailedJobAction.Action.RETRIED
    assert action.retry_id
    told = Notification.objects.get(recipient=officer, event_key="bid-submitted:7")
    assert told.title == "Bid to assess: Street pastors"
    assert jobs_of(admin, region) == []
    record = action.history.get()
    assert record.history_user == admin
    assert record.history_change_reason == "Run again"


def test_a_dismissed_job_leaves_the_list_with_its_reason_and_who_dismissed_it(
    admin: User, region: Region, undelivered: DBTaskResult
) -> None:
    action = services.failed_job_dismiss(
        by=admin, job_id=undelivered.pk, reason="  The bid was withdrawn.  ", now=w.NOW
    )
    assert action.reason == "The bid was withdrawn."
    assert action.by == admin
    assert action.history.get().history_user == admin
    assert jobs_of(admin, region) == []
    assert not Notification.objects.exists()


def test_dismissing_a_job_needs_a_reason(admin: User, undelivered: DBTaskResult) -> None:
    with pytest.raises(DomainError) as refused:
        services.failed_job_dismiss(by=admin, job_id=undelivered.pk, reason="  ")
    assert refused.value.field == "reason"
    assert not FailedJobAction.objects.exists()


def test_a_failed_job_is_dealt_with_once(admin: User, undelivered: DBTaskResult) -> None:
    services.failed_job_dismiss(by=admin, job_id=undelivered.pk, reason="Withdrawn.")
    with pytest.raises(DomainError, match="already been dealt with: dismissed by"):
        services.failed_job_retry(by=admin, job_id=undelivered.pk)
    assert FailedJobAction.objects.count() == 1
    assert not Notification.objects.exists()


def test_only_administrators_deal_with_failed_jobs(
    officer: User, client: Any, undelivered: DBTaskResult
) -> None:
    with pytest.raises(NotPermitted):
        services.failed_job_retry(by=officer, job_id=undelivered.pk)
    client.force_login(officer)
    assert client.get(reverse("work:failed_job", args=[undelivered.pk])).status_code == 403
    response = client.post(reverse("work:failed_job_retry", args=[undelivered.pk]))
    assert response.status_code == 403
    assert not FailedJobAction.objects.exists()


def test_a_job_that_is_not_one_of_remit_s_own_is_never_run_again(admin: User) -> None:
    foreign = failed("os.system", {"command": "true"})
    with pytest.raises(DomainError, match="cannot be run again"):
        services.failed_job_retry(by=admin, job_id=foreign.pk)
    gone = failed("remit.meetings.tasks.no_such_task")
    with pytest.raises(DomainError, match="no longer be run"):
        services.failed_job_retry(by=admin, job_id=gone.pk)
    assert not FailedJobAction.objects.exists()


def test_the_failed_job_page_says_what_went_wrong_and_offers_both_ways(
    admin: User, client: Any, region: Region, undelivered: DBTaskResult
) -> None:
    client.force_login(admin)
    url = reverse("work:failed_job", args=[undelivered.pk])
    page = client.get(url).content.decode()
    assert "Deliver notifications" in page
    assert "smtplib.SMTPServerDisconnected: Connection unexpectedly closed" in page
    assert "Run the job again" in page
    assert "Dismiss the job" in page

    refused = client.post(url, {"reason": ""}).content.decode()
    assert "Error: A background job failed" in refused
    assert "Enter why the job can be dismissed." in refused
    assert not FailedJobAction.objects.exists()

    done = client.post(url, {"reason": "The bid was withdrawn."}, follow=True)
    assert done.redirect_chain[-1][0] == "/"
    assert "Deliver notifications: job dismissed." in done.content.decode()
    again = client.get(url).content.decode()
    assert "Dismissed by" in again
    assert "Run the job again" not in again


def test_running_a_job_again_from_its_page_returns_to_your_work(
    admin: User, client: Any, region: Region, undelivered: DBTaskResult
) -> None:
    client.force_login(admin)
    done = client.post(reverse("work:failed_job_retry", args=[undelivered.pk]), follow=True)
    assert done.redirect_chain[-1][0] == "/"
    assert "Deliver notifications: the job is running again." in done.content.decode()


@pytest.mark.parametrize("dealt_with", [False, True])
def test_the_failed_job_page_makes_no_more_queries_with_more_failed_jobs(
    admin: User,
    client: Any,
    undelivered: DBTaskResult,
    page_queries_stay_flat: Any,
    django_assert_max_num_queries: Any,
    dealt_with: bool,
) -> None:
    def fail(numbers: range) -> None:
        for n in numbers:
            job = failed("remit.meetings.tasks.build_pack", {"meeting_id": n})
            if n % 2:
                services.failed_job_dismiss(by=admin, job_id=job.pk, reason=f"Meeting {n} off.")

    if dealt_with:
        services.failed_job_dismiss(
            by=admin, job_id=undelivered.pk, reason="The bid was withdrawn."
        )
    client.force_login(admin)
    fail(range(FEW - 1))
    url = reverse("work:failed_job", args=[undelivered.pk])
    html = page_queries_stay_flat(url, lambda: fail(range(FEW - 1, MANY - 1)))
    assert DBTaskResult.objects.count() == MANY
    assert "Deliver notifications" in html
    assert "smtplib.SMTPServerDisconnected: Connection unexpectedly closed" in html
    assert "Build pack" not in html
    if dealt_with:
        assert f"Dismissed by {admin}" in html
        assert "The bid was withdrawn." in html
        assert "Run the job again" not in html
    else:
        assert "Run the job again" in html
    with django_assert_max_num_queries(FAILED_JOB_MOST_QUERIES):
        client.get(url)
