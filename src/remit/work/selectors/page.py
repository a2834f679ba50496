"""The whole page: each part shown only to those its own app lets do that work."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from datetime import datetime
from datetime import timedelta
from typing import Any

from remit.core.models import Region
from remit.core.models import Role
from remit.core.permissions import role_of
from remit.funding import permissions as funding_permissions
from remit.indicators import permissions as indicator_permissions
from remit.meetings import permissions as meeting_permissions
from remit.proposals import permissions as proposal_permissions
from remit.work import permissions
from remit.work.items import Section
from remit.work.selectors.analyst import analyst_sections
from remit.work.selectors.commissioner import commissioner_sections
from remit.work.selectors.dates import RECENT_DAYS
from remit.work.selectors.failed_jobs import failed_jobs_section
from remit.work.selectors.member import member_sections
from remit.work.selectors.officer import assessment_section
from remit.work.selectors.officer import forums_section
from remit.work.selectors.officer import forward_plan_section
from remit.work.selectors.officer import grants_section
from remit.work.selectors.officer import papers_section
from remit.work.selectors.officer import screenings_section
from remit.work.selectors.officer import write_up_section
from remit.work.selectors.partner import partner_sections


def your_work(
    user: Any, region: Region, *, today: date, now: datetime, since: datetime | None
) -> list[Section]:
    """The sections of the person's work, in the order their day runs.

    Each part is shown only to those its own app's permission functions let do that work.
    """
    role = role_of(user)
    since = since or now - timedelta(days=RECENT_DAYS)
    sits = role in meeting_permissions.MEMBER_ROLES and meeting_permissions.member_board_ids(user)
    parts: list[tuple[object, Callable[[], list[Section]]]] = [
        (role == Role.DECISION_MAKER, lambda: commissioner_sections(region, user, today)),
        (meeting_permissions.can_write_paper(user), lambda: [papers_section(region, today)]),
        (
            meeting_permissions.can_record_decision(user),
            lambda: [write_up_section(region, today)],
        ),
        (proposal_permissions.can_record_decision(user), lambda: [forums_section(region, today)]),
        (
            proposal_permissions.can_sign_off_assessment(user, None),  # type: ignore[arg-type]
            lambda: [screenings_section(region)],
        ),
        (
            funding_permissions.can_view_scores(user),
            lambda: [assessment_section(region, user, now)],
        ),
        (funding_permissions.can_manage_grant(user), lambda: [grants_section(region, user, today)]),
        (meeting_permissions.can_manage_forward_plan(user), lambda: [forward_plan_section(region)]),
        (sits, lambda: member_sections(region, user, today, since)),
        (role == Role.PARTNER, lambda: partner_sections(region, user, today, now)),
        (
            role in (Role.ANALYST, Role.ADMIN) and indicator_permissions.can_load_values(user),
            lambda: analyst_sections(region, today, now),
        ),
        (permissions.can_see_failed_jobs(user), lambda: [failed_jobs_section(now)]),
    ]
    return [section for allowed, build in parts if allowed for section in build()]
