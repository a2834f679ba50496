"""Who is told about an import: the person who asked for it."""

from __future__ import annotations

from remit.core.models import User
from remit.indicators.models import ImportJob


def requester(job: ImportJob) -> list[User]:
    return [job.requested_by] if job.requested_by_id else []
