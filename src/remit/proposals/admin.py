"""Admin: records kept by services are shown read-only; drafts are listed for admins."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from remit.proposals.models import (
    Deal,
    DecisionEffect,
    EngagementSession,
    Feedback,
    ForumDecision,
    Idea,
    ImpactAssessment,
    Milestone,
    MissionAlignment,
    NegotiationEntry,
    PositionPaper,
    Proposal,
    Routing,
)

for model in (
    Deal,
    Milestone,
    MissionAlignment,
    EngagementSession,
    Idea,
    Feedback,
    PositionPaper,
    NegotiationEntry,
    ImpactAssessment,
):
    admin.site.register(model, SimpleHistoryAdmin)


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ("title", "workstream", "status", "stage", "is_published")
    list_filter = ("status", "stage", "is_published", "form_of_devolution")
    search_fields = ("title", "summary")
    readonly_fields = ("status", "is_published", "published_at")

    def get_queryset(self, request: HttpRequest) -> Any:
        return Proposal.with_drafts.select_related("workstream")


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    """Decisions and routes change only through the routing services."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ForumDecision)
class ForumDecisionAdmin(ReadOnly):
    list_display = (
        "board",
        "outcome",
        "decided_on",
        "meeting_decision",
        "recorded_by",
        "supersedes",
    )
    list_filter = ("outcome", "board")


@admin.register(DecisionEffect)
class DecisionEffectAdmin(ReadOnly):
    list_display = ("decision", "proposal", "status_before", "status_after")


@admin.register(Routing)
class RoutingAdmin(ReadOnly):
    list_display = ("__str__", "state", "current_board", "awaiting_resubmission")
    list_filter = ("state",)
