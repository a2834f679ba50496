"""Business cases in the five case model, their appraisals and the boards' decisions on them.

A business case is publishable: the default manager returns approved cases only, so a query
that forgets to ask cannot leak a draft; code that needs drafts uses `BusinessCase.all_objects`
narrowed by `visible_to(user)`.

Appraisal runs and approval decisions are append-only: a saved row is never changed or
deleted. A new appraisal is a new run; a correction to a decision is a new decision that
supersedes it.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import MaxValueValidator
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from remit.appraisal.workflow import APPROVING
from remit.appraisal.workflow import Outcome
from remit.appraisal.workflow import SectionKind
from remit.appraisal.workflow import SectionStatus
from remit.appraisal.workflow import Stage
from remit.core.models import Board
from remit.core.models import Mission
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import User
from remit.core.publishing import PublishedManager
from remit.core.records import AppendOnly
from remit.core.records import AppendOnlyQuerySet
from remit.core.records import correction_says_why
from remit.core.records import supersedes_field

YEAR = [MinValueValidator(1000), MaxValueValidator(9999)]
ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]


class BusinessCaseQuerySet(models.QuerySet["BusinessCase"]):
    def published(self) -> BusinessCaseQuerySet:
        """Cases whose current decision approves them."""
        return self.filter(approved_decision__isnull=False)

    def visible_to(self, user: Any) -> BusinessCaseQuerySet:
        from remit.appraisal.permissions import can_view_all_cases

        if can_view_all_cases(user).allowed:
            return self
        person_id = getattr(user, "person_id", None) if user.is_authenticated else None
        if person_id:
            return self.filter(Q(approved_decision__isnull=False) | Q(owner_id=person_id))
        return self.published()


class BusinessCase(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="business_cases")
    title = models.CharField(max_length=200)
    summary = models.TextField(
        blank=True, help_text="A few sentences for the public summary once the case is approved."
    )
    proposal = models.ForeignKey(
        "proposals.Proposal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="business_cases",
        help_text="The devolution proposal this case develops, if any.",
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.STRATEGIC_OUTLINE)
    owner = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="business_cases_owned",
        help_text="The senior responsible owner; they may edit the case's sections.",
    )
    missions = models.ManyToManyField(
        Mission, blank=True, related_name="business_cases", verbose_name="missions served"
    )
    preferred_option = models.CharField(
        max_length=200,
        blank=True,
        help_text="The option the case recommends; affordability is shown against its costs.",
    )
    base_year = models.PositiveSmallIntegerField(
        "Base year",
        null=True,
        blank=True,
        validators=YEAR,
        help_text="Year 0 of the appraisal: its price base and the year discounting starts.",
    )
    appraisal_period = models.PositiveSmallIntegerField(
        "Years in the grid",
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="How many years, from the base year, the grid of flows shows.",
    )
    approved_decision = models.ForeignKey(
        "ApprovalDecision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        help_text="The current decision approving the case; written with each decision.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    history = HistoricalRecords()

    objects = PublishedManager.from_queryset(BusinessCaseQuerySet)()
    all_objects = BusinessCaseQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        base_manager_name = "all_objects"
        default_manager_name = "objects"

    def __str__(self) -> str:
        return self.title


class Section(models.Model):
    """One of the five cases; `text` is its main narrative, `objectives` the strategic case's."""

    business_case = models.ForeignKey(
        BusinessCase, on_delete=models.CASCADE, related_name="sections"
    )
    kind = models.CharField(max_length=20, choices=SectionKind.choices)
    position = models.PositiveSmallIntegerField(default=0, editable=False)
    status = models.CharField(
        max_length=20, choices=SectionStatus.choices, default=SectionStatus.NOT_STARTED
    )
    text = models.TextField(blank=True)
    objectives = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["business_case", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["business_case", "kind"],
                name="one_section_per_kind",
                violation_error_message=(
                    "The business case already has that section. Change that section instead."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.business_case}"


class ReviewComment(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["section", "created_at", "pk"]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.section}"


class FundingLine(models.Model):
    business_case = models.ForeignKey(
        BusinessCase, on_delete=models.CASCADE, related_name="funding_lines"
    )
    source = models.CharField(max_length=200, help_text="Who provides the money, and from what.")
    year = models.PositiveSmallIntegerField(
        validators=YEAR, help_text="The year, as the appraisal counts years (such as 2026)."
    )
    amount_pence = models.BigIntegerField("Amount (pence)", validators=[MinValueValidator(0)])
    history = HistoricalRecords()

    class Meta:
        ordering = ["business_case", "year", "source", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_pence__gte=0),
                name="funding_amount_not_negative",
                violation_error_message="The amount must be £0 or more.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source}, {self.year}"


class DeliveryMilestone(models.Model):
    business_case = models.ForeignKey(
        BusinessCase, on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(max_length=200)
    due_on = models.DateField("Due on")
    achieved_on = models.DateField("Achieved on", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["business_case", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Risk(models.Model):
    business_case = models.ForeignKey(BusinessCase, on_delete=models.CASCADE, related_name="risks")
    title = models.CharField("Risk", max_length=300)
    owner = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    likelihood = models.PositiveSmallIntegerField(
        validators=ONE_TO_FIVE, help_text="1 (rare) to 5 (almost certain)."
    )
    impact = models.PositiveSmallIntegerField(
        validators=ONE_TO_FIVE, help_text="1 (negligible) to 5 (severe)."
    )
    mitigation = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["business_case", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=5),
                name="risk_likelihood_1_to_5",
                violation_error_message="Likelihood must be from 1 to 5.",
            ),
            models.CheckConstraint(
                condition=Q(impact__gte=1, impact__lte=5),
                name="risk_impact_1_to_5",
                violation_error_message="Impact must be from 1 to 5.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def score(self) -> int:
        return int(self.likelihood) * int(self.impact)


class AppraisalRun(AppendOnly):
    """One appraisal: the canonical inputs, their hash and the engine's result for them."""

    class Source(models.TextChoices):
        GRID = "grid", "Grid of flows"
        SETTINGS = "settings", "Appraisal settings"
        YAML = "yaml", "YAML upload"
        XLSX = "xlsx", "Excel upload"
        API = "api", "API"
        DEMO = "demo", "Demo data"

    business_case = models.ForeignKey(
        BusinessCase, on_delete=models.CASCADE, related_name="appraisal_runs"
    )
    number = models.PositiveIntegerField()
    inputs_yaml = models.TextField("Inputs (canonical YAML)")
    inputs_sha256 = models.CharField("SHA-256 of the inputs", max_length=64)
    result = models.JSONField()
    source = models.CharField(max_length=10, choices=Source.choices)
    note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["business_case", "-number"]
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(
                fields=["business_case", "number"],
                name="unique_run_number",
                violation_error_message=(
                    "That appraisal run number is already used for the business case. Refresh the "
                    "page and try again."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"Appraisal {self.number} of {self.business_case}"


class ApprovalDecision(AppendOnly):
    """A board's decision on a business case at one stage, with what it saw."""

    business_case = models.ForeignKey(
        BusinessCase, on_delete=models.PROTECT, related_name="decisions"
    )
    board = models.ForeignKey(
        Board, on_delete=models.PROTECT, related_name="business_case_decisions"
    )
    stage = models.CharField(max_length=20, choices=Stage.choices)
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    conditions = models.TextField(blank=True)
    reasons = models.TextField(blank=True)
    decided_on = models.DateField("Decided on")
    minute_reference = models.CharField(max_length=200, blank=True)
    appraisal_run = models.ForeignKey(
        AppraisalRun, on_delete=models.PROTECT, null=True, blank=True, related_name="decisions"
    )
    snapshot = models.JSONField(
        default=dict, help_text="The public summary of the case as the board decided on it."
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    supersedes = supersedes_field()
    correction_note = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["business_case", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.APPROVED_WITH_CONDITIONS) | ~Q(conditions=""),
                name="conditions_are_stated",
                violation_error_message="Enter the conditions of the approval.",
            ),
            correction_says_why("correction_says_why"),
        ]

    def __str__(self) -> str:
        return f"{self.board}: {self.get_outcome_display()} on {self.decided_on:%d %b %Y}"

    @property
    def approves(self) -> bool:
        return self.outcome in APPROVING
