"""Background jobs that failed, for the administrator."""

from __future__ import annotations

from datetime import datetime
from datetime import timedelta
from typing import Any

from django.urls import reverse

from remit.work.items import Item
from remit.work.items import Section
from remit.work.models import FailedJobAction
from remit.work.selectors.dates import RECENT_DAYS
from remit.work.selectors.dates import local_day
from remit.work.selectors.dates import long_date


def _failed_jobs() -> Any:
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status=TaskResultStatus.FAILED)


def failed_job(job_id: Any, *, lock: bool = False) -> Any:
    """One failed background job, or None; ``lock`` holds its row while it is dealt with."""
    jobs = _failed_jobs().filter(pk=job_id)
    return (jobs.select_for_update() if lock else jobs).first()


def failed_job_action(job_id: Any) -> FailedJobAction | None:
    return FailedJobAction.objects.select_related("by").filter(job_id=job_id).first()


def job_name(task_path: str) -> str:
    """What a job did, in words: ``remit.meetings.tasks.build_pack`` is "Build pack"."""
    return task_path.rsplit(".", 1)[-1].replace("_", " ").capitalize()


def failure_of(job: Any) -> str:
    """The error a failed job ended with: the last line of its traceback."""
    lines = [line for line in (job.traceback or "").splitlines() if line.strip()]
    return lines[-1].strip() if lines else job.exception_class_path or "No error was recorded."


def failed_jobs_section(now: datetime) -> Section:
    """Failed jobs of the last 30 days that nobody has run again or dismissed."""
    jobs = (
        _failed_jobs()
        .filter(finished_at__gte=now - timedelta(days=RECENT_DAYS))
        .exclude(pk__in=FailedJobAction.objects.values("job_id"))
        .order_by("-finished_at")
    )
    items = [
        Item(
            title=job_name(job.task_path),
            url=reverse("work:failed_job", args=[job.pk]),
            detail=f"Failed on {long_date(local_day(job.finished_at))}: "
            f"{job.exception_class_path.rsplit('.', 1)[-1] or 'an error'}.",
        )
        for job in jobs
    ]
    return Section(
        "Background jobs that failed",
        f"No background job has failed in the last {RECENT_DAYS} days without being run "
        "again or dismissed.",
        items,
        ordered=False,
    )
