"""The writes "Your work" makes: when its owner last looked, and what an administrator did
about a background job that failed."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import Task

from remit.core.errors import DomainError
from remit.core.models import User
from remit.core.permissions import ALLOW
from remit.core.permissions import SIGN_IN
from remit.core.permissions import require
from remit.core.permissions import signed_in
from remit.core.services.writes import save_attributed
from remit.work import permissions
from remit.work import selectors
from remit.work.models import FailedJobAction
from remit.work.models import LastLooked

OWN_TASKS = "remit."
"""Only Remit's own jobs are run again: a job row naming anything else is never imported."""


@transaction.atomic
def looked(*, by: User, at: datetime) -> LastLooked:
    """Record that the person has seen their work as it stood at ``at``."""
    require(ALLOW if signed_in(by) else SIGN_IN)
    mark, _ = LastLooked.objects.update_or_create(user=by, defaults={"at": at})
    return mark


def _failed_job(by: User, job_id: UUID) -> Any:
    require(permissions.can_handle_failed_jobs(by))
    job = selectors.failed_job(job_id, lock=True)
    if job is None:
        raise DomainError("That background job has not failed, or no longer exists.", field=None)
    done = FailedJobAction.objects.filter(job_id=job.pk).first()
    if done is not None:
        raise DomainError(
            f"This job has already been dealt with: {done.get_action_display().lower()} "
            f"by {done.by} on {timezone.localdate(done.at):%-d %B %Y}.",
            field=None,
        )
    return job


@transaction.atomic
def failed_job_retry(*, by: User, job_id: UUID, now: datetime | None = None) -> FailedJobAction:
    """Run a failed job again with what it was first given; the failed one is then dealt with."""
    job = _failed_job(by, job_id)
    if not job.task_path.startswith(OWN_TASKS):
        raise DomainError("This job cannot be run again; dismiss it instead.", field=None)
    try:
        task = import_string(job.task_path)
    except ImportError:
        task = None
    if not isinstance(task, Task):
        raise DomainError(
            "This job can no longer be run: what it did has been removed. Dismiss it instead.",
            field=None,
        )
    given = job.args_kwargs or {}
    retry = task.enqueue(*given.get("args", []), **given.get("kwargs", {}))
    action = FailedJobAction(
        job_id=job.pk,
        task=job.task_path,
        action=FailedJobAction.Action.RETRIED,
        retry_id=str(retry.id),
        by=by,
        at=now or timezone.now(),
    )
    return save_attributed(action, by=by, reason="Run again")


@transaction.atomic
def failed_job_dismiss(
    *, by: User, job_id: UUID, reason: str, now: datetime | None = None
) -> FailedJobAction:
    """Set a failed job aside without running it again, saying why."""
    job = _failed_job(by, job_id)
    reason = reason.strip()
    if not reason:
        raise DomainError("Enter why the job can be dismissed.", field="reason")
    action = FailedJobAction(
        job_id=job.pk,
        task=job.task_path,
        action=FailedJobAction.Action.DISMISSED,
        reason=reason,
        by=by,
        at=now or timezone.now(),
    )
    return save_attributed(action, by=by, reason=f"Dismissed: {reason}")
