"""Business cases in the admin: shown, changed only through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from remit.appraisal.models import AppraisalRun
from remit.appraisal.models import ApprovalDecision
from remit.appraisal.models import BusinessCase
from remit.appraisal.models import DeliveryMilestone
from remit.appraisal.models import FundingLine
from remit.appraisal.models import Risk
from remit.appraisal.models import Section
from remit.core.admin import ReadOnlyAdmin
from remit.core.admin import ReadOnlyInline


class SectionInline(ReadOnlyInline):
    model = Section
    fields = ["kind", "status"]


@admin.register(BusinessCase)
class BusinessCaseAdmin(ReadOnlyAdmin):
    list_display = ["title", "region", "stage", "owner", "approved_decision"]
    list_filter = ["region", "stage"]
    search_fields = ["title"]
    inlines = [SectionInline]

    def get_queryset(self, request: HttpRequest) -> Any:
        return BusinessCase.all_objects.select_related("region", "owner", "approved_decision")


@admin.register(AppraisalRun)
class AppraisalRunAdmin(ReadOnlyAdmin):
    list_display = ["business_case", "number", "source", "inputs_sha256", "created_at"]


@admin.register(ApprovalDecision)
class ApprovalDecisionAdmin(ReadOnlyAdmin):
    list_display = ["business_case", "board", "stage", "outcome", "decided_on", "supersedes"]


for model in (FundingLine, DeliveryMilestone, Risk):
    admin.site.register(model, ReadOnlyAdmin)
