"""The fund in the admin: shown, drafts included, and changed only through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from remit.core.admin import ReadOnlyAdmin, ReadOnlyInline, ReadOnlyModelAdmin
from remit.funding.models import (
    AllocationScenario,
    Bid,
    Criterion,
    DecisionNotice,
    Determination,
    Fund,
    Grant,
    GrantPublication,
    MakerDecision,
    Payment,
    Question,
    Recommendation,
    Round,
    ScenarioAdoption,
    Score,
)


@admin.register(Fund)
class FundAdmin(ReadOnlyAdmin):
    list_display = ["name", "region", "financial_year", "budget_pence", "owner", "decision_maker"]
    list_filter = ["region", "financial_year"]


@admin.register(AllocationScenario)
class AllocationScenarioAdmin(ReadOnlyAdmin):
    list_display = ["name", "fund", "created_by", "created_at"]


class QuestionInline(ReadOnlyInline):
    model = Question


class CriterionInline(ReadOnlyInline):
    model = Criterion


@admin.register(Round)
class RoundAdmin(ReadOnlyAdmin):
    list_display = ["title", "fund", "opens_at", "closes_at", "max_years"]
    inlines = [QuestionInline, CriterionInline]


@admin.register(Bid)
class BidAdmin(ReadOnlyAdmin):
    list_display = ["title", "organisation", "round", "status", "submitted_at"]
    list_filter = ["status", "round"]
    search_fields = ["title", "organisation__name"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return Bid.all_objects.select_related("organisation", "round")


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdmin):
    list_display = ["bid", "criterion", "assessor", "score"]


@admin.register(Grant)
class GrantAdmin(ReadOnlyAdmin):
    list_display = ["bid", "amount_pence", "is_published", "withdrawn_at"]

    def get_queryset(self, request: HttpRequest) -> Any:
        return Grant.all_objects.select_related("bid__organisation")


@admin.register(ScenarioAdoption)
class ScenarioAdoptionAdmin(ReadOnlyAdmin):
    list_display = ["fund", "scenario", "decided_on", "adopted_by"]


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ["bid", "outcome", "amount_pence", "recommended_on", "recorded_by"]


@admin.register(Determination)
class DeterminationAdmin(ReadOnlyAdmin):
    list_display = ["bid", "outcome", "amount_pence", "decided_on", "decided_by", "agreed"]


@admin.register(MakerDecision)
class MakerDecisionAdmin(ReadOnlyAdmin):
    list_display = ["bid", "person", "outcome", "amount_pence", "decided_on", "corrects"]


@admin.register(GrantPublication)
class GrantPublicationAdmin(ReadOnlyModelAdmin):
    list_display = ["grant", "version", "recipient_name", "amount_pence", "published_at"]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyModelAdmin):
    list_display = ["grant", "reference", "paid_on", "amount_pence", "recorded_by"]


@admin.register(DecisionNotice)
class DecisionNoticeAdmin(ReadOnlyModelAdmin):
    list_display = ["reference", "round", "decided_on", "signatory_name", "published_at"]
