"""Meetings in the admin: shown, and changed only through the services, a decision only by a
correction."""

from __future__ import annotations

from django.contrib import admin

from remit.core.admin import ReadOnlyAdmin
from remit.meetings.models import AgendaItem
from remit.meetings.models import Appendix
from remit.meetings.models import Attendance
from remit.meetings.models import Decision
from remit.meetings.models import Declaration
from remit.meetings.models import ForwardPlanEntry
from remit.meetings.models import Meeting
from remit.meetings.models import Minutes
from remit.meetings.models import PackBuild
from remit.meetings.models import Paper
from remit.meetings.models import RecommendationOutcome
from remit.meetings.models import Subscription
from remit.meetings.models import Vote


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ("reference", "board", "item", "published_on", "effective_on", "supersedes")
    list_filter = ("board",)
    search_fields = ("reference", "summary")


@admin.register(RecommendationOutcome)
class OutcomeAdmin(ReadOnlyAdmin):
    list_display = ("decision", "recommendation", "outcome")


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin):
    list_display = ("decision", "person", "choice")


@admin.register(Minutes)
class MinutesAdmin(ReadOnlyAdmin):
    list_display = ("meeting", "status", "approved_on")
    list_filter = ("status",)


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ("board", "date", "start_time", "status")
    list_filter = ("board", "status")
    date_hierarchy = "date"


@admin.register(Paper)
class PaperAdmin(ReadOnlyAdmin):
    list_display = ("title", "status", "late")
    list_filter = ("status", "late")
    search_fields = ("title",)


for model in (
    AgendaItem,
    Appendix,
    Attendance,
    Declaration,
    ForwardPlanEntry,
    PackBuild,
    Subscription,
):
    admin.site.register(model, ReadOnlyAdmin)
