"""States of meetings, papers, minutes and forward plan entries, and the moves between them.

Each table is the whole rule: a service performs one move after `remit.core.transitions.check`
says it is allowed, and the transition-matrix tests read the same tables.
"""

from __future__ import annotations

from django.db import models


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    PAPERS_PUBLISHED = "papers_published", "Papers published"
    HELD = "held", "Held"
    MINUTES_APPROVED = "minutes_approved", "Minutes approved"
    CANCELLED = "cancelled", "Cancelled"


class PaperStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    MEMBERS = "members", "Published to members"
    PUBLIC = "public", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"


class PlanStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    ON_AGENDA = "on_agenda", "On an agenda"
    DECIDED = "decided", "Decided"
    WITHDRAWN = "withdrawn", "Withdrawn"


MEETING_TRANSITIONS: dict[str, set[str]] = {
    MeetingStatus.SCHEDULED: {MeetingStatus.PAPERS_PUBLISHED, MeetingStatus.CANCELLED},
    MeetingStatus.PAPERS_PUBLISHED: {MeetingStatus.HELD, MeetingStatus.CANCELLED},
    MeetingStatus.HELD: {MeetingStatus.MINUTES_APPROVED},
    MeetingStatus.MINUTES_APPROVED: set(),
    MeetingStatus.CANCELLED: set(),
}

PAPER_TRANSITIONS: dict[str, set[str]] = {
    PaperStatus.DRAFT: {PaperStatus.MEMBERS, PaperStatus.WITHDRAWN},
    PaperStatus.MEMBERS: {PaperStatus.PUBLIC, PaperStatus.WITHDRAWN},
    PaperStatus.PUBLIC: {PaperStatus.WITHDRAWN},
    PaperStatus.WITHDRAWN: set(),
}

MINUTES_TRANSITIONS: dict[str, set[str]] = {
    MinutesStatus.DRAFT: {MinutesStatus.APPROVED},
    MinutesStatus.APPROVED: set(),
}

PLAN_TRANSITIONS: dict[str, set[str]] = {
    PlanStatus.PLANNED: {PlanStatus.ON_AGENDA, PlanStatus.WITHDRAWN},
    PlanStatus.ON_AGENDA: {PlanStatus.DECIDED, PlanStatus.PLANNED, PlanStatus.WITHDRAWN},
    PlanStatus.DECIDED: set(),
    PlanStatus.WITHDRAWN: set(),
}
