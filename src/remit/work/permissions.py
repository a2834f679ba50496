"""Who sees which part of "Your work" beyond what each app's own rules already decide."""

from __future__ import annotations

from typing import Any

from remit.core.models import Role
from remit.core.permissions import Verdict
from remit.core.permissions import only_roles


def can_see_failed_jobs(user: Any) -> Verdict:
    """Background jobs run for everyone, so only administrators look after the failed ones."""
    return only_roles(user, (Role.ADMIN,), "see failed background jobs")


def can_handle_failed_jobs(user: Any) -> Verdict:
    """Running a job again or dismissing it is for those who look after failed jobs."""
    return only_roles(user, (Role.ADMIN,), "run failed background jobs again or dismiss them")
