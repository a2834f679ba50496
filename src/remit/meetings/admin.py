"""Admin for meetings. Decisions, their outcomes and votes, and minutes are read-only here:
the record changes only through the services, and a decision only by a correction."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from remit.meetings.models import (
    AgendaItem,
    Appendix,
    Attendance,
    Decision,
    Declaration,
    ForwardPlanEntry,
    Meeting,
    Minutes,
    PackBuild,
    Paper,
    RecommendationOutcome,
    Subscription,
    Vote,
)


class ReadOnlyAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


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
class MeetingAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("board", "date", "start_time", "status")
    list_filter = ("board", "status")
    date_hierarchy = "date"


@admin.register(Paper)
class PaperAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
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
    admin.site.register(model, SimpleHistoryAdmin)
