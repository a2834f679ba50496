"""Proposals in the admin: shown, drafts included, and changed only through the services."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from remit.core.admin import ReadOnlyAdmin
from remit.core.admin import ReadOnlyModelAdmin
from remit.proposals.models import Deal
from remit.proposals.models import DecisionEffect
from remit.proposals.models import EngagementSession
from remit.proposals.models import Feedback
from remit.proposals.models import ForumDecision
from remit.proposals.models import Idea
from remit.proposals.models import ImpactAssessment
from remit.proposals.models import Milestone
from remit.proposals.models import MissionAlignment
from remit.proposals.models import NegotiationEntry
from remit.proposals.models import PositionPaper
from remit.proposals.models import Proposal
from remit.proposals.models import Routing

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
    admin.site.register(model, ReadOnlyAdmin)


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ("title", "workstream", "status", "stage", "is_published")
    list_filter = ("status", "stage", "is_published", "form_of_devolution")
    search_fields = ("title", "summary")

    def get_queryset(self, request: HttpRequest) -> Any:
        return Proposal.all_objects.select_related("workstream")


@admin.register(ForumDecision)
class ForumDecisionAdmin(ReadOnlyModelAdmin):
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
class DecisionEffectAdmin(ReadOnlyModelAdmin):
    list_display = ("decision", "proposal", "status_before", "status_after")


@admin.register(Routing)
class RoutingAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "state", "current_board", "awaiting_resubmission")
    list_filter = ("state",)
