"""What needs this person, built from what the records already say.

Each section comes from one app's own selectors and is shown only to those that app's
permission functions let do the work; within a section each item is checked the same way,
so nobody is offered something they cannot open. Every section costs a fixed number of
queries, however many items it holds. ``today`` and ``now`` are passed in, never read here.

One module per seam; everything is importable from here.
"""

from remit.work.selectors.analyst import analyst_sections
from remit.work.selectors.commissioner import commissioner_sections
from remit.work.selectors.dates import RECENT_DAYS
from remit.work.selectors.dates import local_day
from remit.work.selectors.dates import long_date
from remit.work.selectors.failed_jobs import failed_job
from remit.work.selectors.failed_jobs import failed_job_action
from remit.work.selectors.failed_jobs import failed_jobs_section
from remit.work.selectors.failed_jobs import failure_of
from remit.work.selectors.failed_jobs import job_name
from remit.work.selectors.member import NEXT_MEETINGS
from remit.work.selectors.member import member_sections
from remit.work.selectors.notices import LATEST_NOTIFICATIONS
from remit.work.selectors.notices import last_looked
from remit.work.selectors.notices import latest_unread
from remit.work.selectors.notices import unread_count
from remit.work.selectors.officer import PAYMENTS_AHEAD_DAYS
from remit.work.selectors.officer import WRITE_UP_DAYS
from remit.work.selectors.officer import assessment_section
from remit.work.selectors.officer import forums_section
from remit.work.selectors.officer import forward_plan_section
from remit.work.selectors.officer import grants_section
from remit.work.selectors.officer import papers_section
from remit.work.selectors.officer import screenings_section
from remit.work.selectors.officer import write_up_section
from remit.work.selectors.page import your_work
from remit.work.selectors.partner import RETURNS_AHEAD_DAYS
from remit.work.selectors.partner import partner_sections

__all__ = [
    "LATEST_NOTIFICATIONS",
    "NEXT_MEETINGS",
    "PAYMENTS_AHEAD_DAYS",
    "RECENT_DAYS",
    "RETURNS_AHEAD_DAYS",
    "WRITE_UP_DAYS",
    "analyst_sections",
    "assessment_section",
    "commissioner_sections",
    "failed_job",
    "failed_job_action",
    "failed_jobs_section",
    "failure_of",
    "forums_section",
    "forward_plan_section",
    "grants_section",
    "job_name",
    "last_looked",
    "latest_unread",
    "local_day",
    "long_date",
    "member_sections",
    "papers_section",
    "partner_sections",
    "screenings_section",
    "unread_count",
    "write_up_section",
    "your_work",
]
