"""The fund in the admin: shown, drafts included, and changed only through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from remit.core.admin import ReadOnlyAdmin
from remit.core.admin import ReadOnlyInline
from remit.core.admin import ReadOnlyModelAdmin
from remit.funding.models import AllocationScenario
from remit.funding.models import Bid
from remit.funding.models import Criterion
from remit.funding.models import DecisionNotice
from remit.funding.models import Determination
from remit.funding.models import Fund
from remit.funding.models import Grant
from remit.funding.models import GrantPublication
from remit.funding.models import MakerDecision
from remit.funding.models import Payment
from remit.funding.models import Question
from remit.funding.models import Recommendation
from remit.funding.models import Round
from remit.funding.models import ScenarioAdoption
from remit.funding.models import Score


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
