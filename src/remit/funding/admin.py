"""Admin for the fund: decisions are read-only here, and drafts are visible to admins only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from remit.funding.models import (
    AllocationScenario,
    Bid,
    Criterion,
    Determination,
    Fund,
    Grant,
    GrantPublication,
    Question,
    Recommendation,
    Round,
    ScenarioAdoption,
    Score,
)


@admin.register(Fund)
class FundAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["name", "region", "financial_year", "budget_pence", "owner", "decision_maker"]
    list_filter = ["region", "financial_year"]
    readonly_fields = ["adopted_scenario"]


@admin.register(AllocationScenario)
class AllocationScenarioAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["name", "fund", "created_by", "created_at"]
    readonly_fields = ["result"]


class QuestionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Question
    extra = 0


class CriterionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Criterion
    extra = 0


@admin.register(Round)
class RoundAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["title", "fund", "opens_at", "closes_at", "max_years"]
    inlines = [QuestionInline, CriterionInline]


@admin.register(Bid)
class BidAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["title", "organisation", "round", "status", "submitted_at"]
    list_filter = ["status", "round"]
    search_fields = ["title", "organisation__name"]
    readonly_fields = ["recommendation", "determination"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return Bid.all_bids.select_related("organisation", "round")


@admin.register(Score)
class ScoreAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["bid", "criterion", "assessor", "score"]


@admin.register(Grant)
class GrantAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    list_display = ["bid", "amount_pence", "is_published", "withdrawn_at"]
    readonly_fields = ["determination", "is_published", "published_at", "withdrawn_at"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return Grant.all_grants.select_related("bid__organisation")


class RecordAdmin(SimpleHistoryAdmin):  # type: ignore[misc]
    """Recorded decisions: read here, never added, changed or deleted; corrections supersede."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ScenarioAdoption)
class ScenarioAdoptionAdmin(RecordAdmin):
    list_display = ["fund", "scenario", "decided_on", "adopted_by"]


@admin.register(Recommendation)
class RecommendationAdmin(RecordAdmin):
    list_display = ["bid", "outcome", "amount_pence", "recommended_on", "recorded_by"]


@admin.register(Determination)
class DeterminationAdmin(RecordAdmin):
    list_display = ["bid", "outcome", "amount_pence", "decided_on", "decided_by"]


@admin.register(GrantPublication)
class GrantPublicationAdmin(RecordAdmin):
    list_display = ["grant", "version", "recipient_name", "amount_pence", "published_at"]
