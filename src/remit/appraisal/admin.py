"""Read-mostly admin for business cases: appraisal runs and decisions are append-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from remit.appraisal.models import (
    AppraisalRun,
    ApprovalDecision,
    BusinessCase,
    DeliveryMilestone,
    FundingLine,
    Risk,
    Section,
)


class SectionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Section
    fields = ["kind", "status"]
    readonly_fields = ["kind"]
    extra = 0
    can_delete = False


@admin.register(BusinessCase)
class BusinessCaseAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["title", "region", "stage", "owner", "approved_decision"]
    list_filter = ["region", "stage"]
    search_fields = ["title"]
    inlines = [SectionInline]
    raw_id_fields = ["proposal", "owner"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return BusinessCase.all_cases.select_related("region", "owner", "approved_decision")


class AppendOnlyAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    """Shown, never changed or deleted here: corrections go through the service."""

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(AppraisalRun)
class AppraisalRunAdmin(AppendOnlyAdmin):
    list_display = ["business_case", "number", "source", "inputs_sha256", "created_at"]


@admin.register(ApprovalDecision)
class ApprovalDecisionAdmin(AppendOnlyAdmin):
    list_display = ["business_case", "board", "stage", "outcome", "decided_on", "supersedes"]


for model in (FundingLine, DeliveryMilestone, Risk):
    admin.site.register(model, SimpleHistoryAdmin)
