"""The community safety fund: funds, allocation scenarios, rounds, bids, assessment,
recommendations, determinations and grants.

Drafts stay private: the default manager of `Bid` returns submitted bids only and the default
manager of `Grant` published grants only, so a query that forgets to ask cannot leak a draft;
code that needs more uses `Bid.all_objects` or `Grant.all_objects` narrowed by `visible_to(user)`.

Scenario adoptions, recommendations and determinations are recorded decisions: a saved row is
never changed or deleted; a correction is a new row that supersedes it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.validators import MaxValueValidator
from django.core.validators import MinValueValidator
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from remit.core.errors import ImmutableRecord
from remit.core.models import Area
from remit.core.models import Board
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import User
from remit.core.publishing import PublishedManager
from remit.core.records import AppendOnly
from remit.core.records import AppendOnlyQuerySet
from remit.core.records import correction_says_why
from remit.core.records import supersedes_field
from remit.funding.rules import MOST_YEARS
from remit.funding.rules import financial_years
from remit.funding.workflow import BidStatus
from remit.funding.workflow import Outcome
from remit.funding.workflow import Rag
from remit.funding.workflow import ReturnFrequency
from remit.funding.workflow import RoundState

FINANCIAL_YEAR = RegexValidator(r"^\d{4}/\d{2}$", "Write the financial year as 2018/19.")
PREFIX = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9-]*$",
    "Use only letters, digits and hyphens, starting with a letter or digit.",
)
NOTICE_PREFIX = RegexValidator(
    r"^[A-Z][A-Z0-9]{0,15}$",
    "Use capital letters and digits only, starting with a letter, such as DN.",
)


class DecisionRule(models.TextChoices):
    """How a fund's decision makers determine a bid between them."""

    ALL = "all", "Every decision maker must agree"
    ANY = "any", "Any one decision maker decides"
    LEAD = "lead", "The lead decision maker decides"


class Fund(models.Model):
    """A pot of money with its owners, decision makers, recommending board and geography.

    `owner` is the lead owner and `decision_maker` the lead decision maker (who signs the
    decision notice and, under the lead rule, decides); a joint fund adds joint owners and
    joint decision makers. A fund with no areas may fund every area of its region.
    """

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="funds")
    slug = models.SlugField(max_length=80)
    name = models.CharField(max_length=200)
    financial_year = models.CharField(max_length=7, validators=[FINANCIAL_YEAR])
    budget_pence = models.BigIntegerField(validators=[MinValueValidator(0)])
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="funds")
    decision_maker = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="funds_decided"
    )
    recommending_board = models.ForeignKey(
        Board, on_delete=models.SET_NULL, null=True, blank=True, related_name="funds_recommended"
    )
    joint_owners = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="funds_jointly_owned",
        help_text="The organisations that own the fund with the lead owner.",
    )
    joint_decision_makers = models.ManyToManyField(
        Person,
        blank=True,
        related_name="funds_decided_jointly",
        help_text="The people who determine bids with the lead decision maker.",
    )
    decision_rule = models.CharField(
        max_length=10,
        choices=DecisionRule.choices,
        default=DecisionRule.ALL,
        help_text="When the decision makers' decisions make the determination.",
    )
    areas = models.ManyToManyField(
        Area,
        blank=True,
        related_name="funds",
        verbose_name="areas funded",
        help_text="The areas the fund may fund; none means every area of the region.",
    )
    description = models.TextField(blank=True)
    priorities = models.JSONField(
        default=list,
        blank=True,
        help_text="The priorities the fund serves, in order, such as those of the owner's plan.",
    )
    transition_year = models.BooleanField(
        default=False,
        help_text="A transition year keeps funding for capabilities named as critical "
        "(the scenario's protected amounts).",
    )
    identifier_prefix = models.CharField(
        "360Giving prefix",
        max_length=60,
        blank=True,
        validators=[PREFIX],
        help_text="The part after 360G- in your grant identifiers; blank uses the owner's slug.",
    )
    notice_reference_prefix = models.CharField(
        "Decision notice prefix",
        max_length=16,
        default="DN",
        validators=[NOTICE_PREFIX],
        help_text="Starts the reference of each decision notice, as DN in DN-2026-001. "
        "Use capital letters and digits, starting with a letter. Each prefix is numbered "
        "from 001 every year; notices already signed keep their references.",
    )
    adopted_scenario = models.ForeignKey(
        "AllocationScenario",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The scenario whose area envelopes apply; written with each adoption.",
    )
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="next_year",
        help_text="The previous year's fund this one was set up from.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-financial_year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"],
                name="unique_fund_slug",
                violation_error_message=(
                    "There is already a fund with that short name. Enter a different short name."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(budget_pence__gte=0),
                name="fund_budget_not_negative",
                violation_error_message="The budget must be £0 or more.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def prefix(self) -> str:
        return self.identifier_prefix or self.owner.slug

    @property
    def owners(self) -> list[Organisation]:
        """The lead owner first, then the joint owners by name."""
        return [self.owner, *sorted(self.joint_owners.all(), key=lambda o: o.name)]

    @property
    def decision_makers(self) -> list[Person]:
        """The lead decision maker first, then the joint decision makers by name."""
        lead = [self.decision_maker] if self.decision_maker is not None else []
        others = sorted(
            (p for p in self.joint_decision_makers.all() if p.pk != self.decision_maker_id),
            key=lambda p: p.name,
        )
        return [*lead, *others]

    @property
    def is_joint(self) -> bool:
        return len(self.decision_makers) > 1

    def fundable_areas(self) -> models.QuerySet[Area]:
        """The fund's areas; with none set, every area of the region not shown for comparison."""
        if self.pk and self.areas.exists():
            return self.areas.all()
        return Area.objects.filter(region_id=self.region_id, context=False)


class AllocationScenario(models.Model):
    """A what-if for sharing the budget between areas: the formula's YAML and its result."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="scenarios")
    name = models.CharField(max_length=200)
    yaml = models.TextField("Scenario (YAML)")
    result = models.JSONField(help_text="The allocation, as `allocation_to_json` writes it.")
    provenance = models.JSONField(
        default=dict,
        blank=True,
        help_text="For a scenario built from held figures: each indicator's name, source, "
        "period and weight, where last year's allocations came from, and the choices made.",
    )
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["fund", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["fund", "name"],
                name="unique_scenario_name",
                violation_error_message=(
                    "This fund already has a scenario with that name. Enter a different name."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


class ScenarioAdoption(AppendOnly):
    """The decision that a scenario's envelopes apply to the fund."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="adoptions")
    scenario = models.ForeignKey(
        AllocationScenario, on_delete=models.PROTECT, related_name="adoptions"
    )
    reasons = models.TextField()
    decided_on = models.DateField("Decided on")
    adopted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    adopted_at = models.DateTimeField(default=timezone.now)
    supersedes = supersedes_field()
    history = HistoricalRecords()

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["fund", "adopted_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reasons=""),
                name="adoption_says_why",
                violation_error_message="Give the reasons for adopting the scenario.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.scenario} adopted on {self.decided_on:%d %b %Y}"


class Round(models.Model):
    """A call for bids: when it is open, who may bid, what they answer and how it is judged."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="rounds")
    slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    opens_at = models.DateTimeField("Opens at")
    closes_at = models.DateTimeField(
        "Closes at", help_text="Bids submitted after this are refused."
    )
    eligibility = models.TextField("Who may bid", blank=True)
    max_years = models.PositiveSmallIntegerField(
        "Longest grant (years)",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MOST_YEARS)],
        help_text=f"1 for single-year grants; up to {MOST_YEARS} for multi-year grants.",
    )
    match_funding_rules = models.TextField(blank=True)
    match_funding_min_percent = models.DecimalField(
        "Least match funding (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="Match funding as a percentage of the amount asked for; blank for no minimum.",
    )
    budget_pence = models.BigIntegerField(
        "Amount available (pence)",
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Blank: the fund's whole budget.",
    )
    moderation_opened_at = models.DateTimeField(
        "Moderation opened at",
        null=True,
        blank=True,
        editable=False,
        help_text="Until then each assessor sees the others' scores on a bid only once they "
        "have scored it on every criterion.",
    )
    moderation_opened_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["fund", "opens_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["fund", "slug"],
                name="unique_round_slug",
                violation_error_message=(
                    "This fund already has a round with that short name. Enter a different short "
                    "name."
                ),
            ),
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="round_closes_after_opening",
                violation_error_message="A round must close after it opens.",
            ),
            models.CheckConstraint(
                condition=Q(max_years__gte=1, max_years__lte=MOST_YEARS),
                name="round_years_1_to_3",
                violation_error_message="The longest grant must be 1, 2 or 3 years.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def state(self, now: datetime | None = None) -> RoundState:
        now = now or timezone.now()
        if now < self.opens_at:
            return RoundState.UPCOMING
        if now > self.closes_at:
            return RoundState.CLOSED
        return RoundState.OPEN

    @property
    def years(self) -> tuple[str, ...]:
        return financial_years(self.fund.financial_year, self.max_years)

    @property
    def available_pence(self) -> int:
        return self.budget_pence if self.budget_pence is not None else self.fund.budget_pence

    @property
    def moderation_open(self) -> bool:
        return self.moderation_opened_at is not None


class Question(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    text = models.CharField("Question", max_length=500)
    hint = models.CharField(max_length=500, blank=True)
    required = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "position"],
                name="unique_question_position",
                violation_error_message=(
                    "The round already has a question in that position. Choose a different "
                    "position."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.text


class Criterion(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    weight = models.DecimalField(
        max_digits=6, decimal_places=2, validators=[MinValueValidator(0)], default=1
    )
    scale_max = models.PositiveSmallIntegerField(
        "Top score",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="Scores run from 0 to this.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "position"]
        verbose_name_plural = "criteria"
        constraints = [
            models.UniqueConstraint(
                fields=["round", "position"],
                name="unique_criterion_position",
                violation_error_message=(
                    "The round already has a criterion in that position. Choose a different "
                    "position."
                ),
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=0),
                name="criterion_weight_not_negative",
                violation_error_message="The weight must be 0 or more.",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class BidQuerySet(models.QuerySet["Bid"]):
    def submitted(self) -> BidQuerySet:
        return self.exclude(status=BidStatus.DRAFT)

    def visible_to(self, user: Any) -> BidQuerySet:
        """Drafts to their own organisation and the fund's officers; the rest by role."""
        from remit.funding.permissions import bid_scope

        scope = bid_scope(user)
        if scope == "all":
            return self
        if scope == "submitted":
            return self.exclude(status=BidStatus.DRAFT)
        if scope == "own":
            return self.filter(organisation_id=user.organisation_id)
        return self.none()


class SubmittedBidManager(models.Manager["Bid"]):
    """The default manager: never a draft."""

    def get_queryset(self) -> BidQuerySet:
        return BidQuerySet(self.model, using=self._db).submitted()


class Bid(models.Model):
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="bids")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="bids")
    title = models.CharField("Project title", max_length=200)
    summary = models.TextField(blank=True)
    lead_area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The area the bid counts against when the budget is shared by area.",
    )
    areas = models.ManyToManyField(
        Area, blank=True, related_name="bids", verbose_name="areas served"
    )
    priorities = models.JSONField("Priorities addressed", default=list, blank=True)
    status = models.CharField(max_length=20, choices=BidStatus.choices, default=BidStatus.DRAFT)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    recommendation = models.ForeignKey(
        "Recommendation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The current recommendation; written with each recommendation.",
    )
    determination = models.ForeignKey(
        "Determination",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The current determination; written with each determination.",
    )
    history = HistoricalRecords()

    objects = SubmittedBidManager()
    all_objects = BidQuerySet.as_manager()

    class Meta:
        ordering = ["round", "organisation__name", "title", "pk"]
        base_manager_name = "all_objects"
        default_manager_name = "objects"
        constraints = [
            models.CheckConstraint(
                condition=Q(status=BidStatus.DRAFT)
                | Q(submitted_at__isnull=False)
                | Q(status=BidStatus.WITHDRAWN),
                name="submitted_bid_has_time",
                violation_error_message=(
                    "A submitted bid needs the time it was submitted. Submit the bid again."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def reference(self) -> str:
        return f"B{self.pk:05d}" if self.pk else ""


class BidAmount(models.Model):
    """What the bid asks of the fund in one financial year."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="amounts")
    financial_year = models.CharField(max_length=7, validators=[FINANCIAL_YEAR])
    amount_pence = models.BigIntegerField(validators=[MinValueValidator(0)])
    history = HistoricalRecords()

    class Meta:
        ordering = ["bid", "financial_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["bid", "financial_year"],
                name="one_amount_per_year",
                violation_error_message=(
                    "The bid already has an amount for that financial year. Change that amount "
                    "instead."
                ),
            ),
            models.CheckConstraint(
                condition=Q(amount_pence__gte=0),
                name="bid_amount_not_negative",
                violation_error_message="The amount for each year must be £0 or more.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.financial_year}: {self.amount_pence}p"


class MatchFunding(models.Model):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="match_funding")
    source = models.CharField(max_length=200, help_text="Who provides the money.")
    amount_pence = models.BigIntegerField(validators=[MinValueValidator(1)])
    confirmed = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["bid", "pk"]
        verbose_name_plural = "match funding"
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_pence__gt=0),
                name="match_amount_positive",
                violation_error_message="Enter a match funding amount more than £0.",
            )
        ]

    def __str__(self) -> str:
        return self.source


class BidOutcome(models.Model):
    """An outcome the project promises and how it will be measured."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="outcomes")
    outcome = models.CharField(max_length=300)
    measure = models.CharField(max_length=300)
    target = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["bid", "pk"]

    def __str__(self) -> str:
        return self.outcome


class Answer(models.Model):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["bid", "question__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["bid", "question"],
                name="one_answer_per_question",
                violation_error_message=(
                    "The bid already has an answer to that question. Change that answer instead."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question}"


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"funding/bids/{instance.bid_id}/{filename}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (DOCX)"
        XLSX = "xlsx", "Excel (XLSX)"

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=300)
    name = models.CharField(max_length=255)
    kind = models.CharField(max_length=4, choices=Kind.choices)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["bid", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class InterestDeclaration(models.Model):
    """An assessor's interest in a bid: they may not score it."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="interests")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    nature = models.TextField("Nature of the interest")
    declared_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["bid", "declared_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["bid", "user"],
                name="one_declaration_per_assessor",
                violation_error_message="You have already declared your interests for this bid.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.bid}"


class Score(models.Model):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    assessor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    scored_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["bid", "criterion__position", "assessor__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["bid", "criterion", "assessor"],
                name="one_score_per_assessor",
                violation_error_message=(
                    "You have already scored this bid against that criterion. Change your score "
                    "instead."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.score} for {self.criterion}"


def amount_matches_outcome(name: str) -> models.CheckConstraint:
    """A bid to be funded has an amount above nothing; a bid not to be funded has none."""
    return models.CheckConstraint(
        condition=Q(outcome=Outcome.DO_NOT_FUND, amount_pence__isnull=True)
        | (~Q(outcome=Outcome.DO_NOT_FUND) & Q(amount_pence__gt=0)),
        name=name,
        violation_error_message=(
            "Enter an amount more than £0 for a bid to be funded, and no amount for a bid "
            "not to be funded."
        ),
    )


class Recommendation(AppendOnly):
    """The recommending board's recommendation on a bid, as recorded by an officer."""

    bid = models.ForeignKey(Bid, on_delete=models.PROTECT, related_name="recommendations")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    amount_pence = models.BigIntegerField(
        "Amount (pence)", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    amounts = models.JSONField(
        "Amount for each year",
        default=dict,
        blank=True,
        help_text='Pence for each financial year funded, such as {"2018/19": 1000000}.',
    )
    reasons = models.TextField()
    board = models.ForeignKey(
        Board, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recommended_on = models.DateField("Recommended on")
    meeting_decision = models.ForeignKey(
        "meetings.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fund_recommendations",
        help_text="The board's decision at the meeting where it was made; blank for "
        "recommendations recorded before they were taken at meetings.",
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    supersedes = supersedes_field()
    correction_note = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["bid", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reasons=""),
                name="recommendation_says_why",
                violation_error_message="Enter the reasons for the recommendation.",
            ),
            amount_matches_outcome("recommendation_amount_matches_outcome"),
            correction_says_why("recommendation_correction_says_why"),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.bid}"


class Determination(AppendOnly):
    """The commissioner's final decision on a bid."""

    bid = models.ForeignKey(Bid, on_delete=models.PROTECT, related_name="determinations")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    amount_pence = models.BigIntegerField(
        "Amount awarded (pence)", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    amounts = models.JSONField(
        "Amount for each year",
        default=dict,
        blank=True,
        help_text='Pence for each financial year funded, such as {"2018/19": 1000000}.',
    )
    reasons = models.TextField(blank=True)
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="determinations",
        help_text="The recommendation in force when the decision was made.",
    )
    differs_from_recommendation = models.BooleanField(default=False)
    decided_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="determinations")
    decided_on = models.DateField("Decided on")
    rule = models.CharField(
        max_length=10,
        choices=DecisionRule.choices,
        default=DecisionRule.ALL,
        help_text="The fund's decision rule when the determination was made.",
    )
    agreed = models.BooleanField(
        default=True,
        help_text="False where the decision makers had to agree and did not: the bid is not "
        "funded.",
    )
    reference = models.CharField("Decision reference", max_length=100, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    supersedes = supersedes_field()
    correction_note = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["bid", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(differs_from_recommendation=False) | ~Q(reasons=""),
                name="determination_differing_says_why",
                violation_error_message=(
                    "Enter the reasons for deciding differently from the panel's recommendation."
                ),
            ),
            amount_matches_outcome("determination_amount_matches_outcome"),
            correction_says_why("determination_correction_says_why"),
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.bid}"

    @property
    def funds(self) -> bool:
        return self.outcome != Outcome.DO_NOT_FUND


class MakerDecision(AppendOnly):
    """One decision maker's own decision on a bid, towards the fund's determination.

    `corrects` is the determination in force when it was recorded (none for the first
    determination): the decisions sharing it are one round of deciding, and the fund's rule
    makes the determination from them. A determination that corrects another starts a new
    round.
    """

    bid = models.ForeignKey(Bid, on_delete=models.PROTECT, related_name="maker_decisions")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="bid_decisions")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    amount_pence = models.BigIntegerField(
        "Amount (pence)", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    amounts = models.JSONField("Amount for each year", default=dict, blank=True)
    reasons = models.TextField(blank=True)
    decided_on = models.DateField("Decided on")
    corrects = models.ForeignKey(
        Determination,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections_decided",
        help_text="The determination in force when this decision was recorded.",
    )
    correction_note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["bid", "recorded_at", "pk"]
        verbose_name = "decision maker's decision"
        constraints = [
            amount_matches_outcome("maker_decision_amount_matches_outcome"),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_outcome_display()}"


class DecisionNoticeQuerySet(AppendOnlyQuerySet):
    def published(self) -> DecisionNoticeQuerySet:
        return self.filter(published_at__isnull=False)


class DecisionNotice(models.Model):
    """The decision makers' formal decision notice on a round's bids, as signed and published.

    Its reference is the fund's prefix, the year and the next number under that prefix in
    that year (DN-2026-001), kept as signed even if the fund's prefix changes later. What it
    says is a snapshot (`lines` lists each bid with its organisation and amounts), so a later
    change elsewhere does not rewrite it. It is never edited: a correction is a new notice
    that supersedes it. The one change allowed is publishing it, once; until then it is not
    public.
    """

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="notices")
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    prefix = models.CharField(max_length=16, editable=False)
    reference = models.CharField("Decision reference", max_length=40, unique=True)
    title = models.CharField(max_length=300)
    decision = models.TextField()
    reasons = models.TextField()
    declarations = models.TextField("Declarations of interest", blank=True)
    decided_on = models.DateField("Decided on")
    lines = models.JSONField(
        default=list,
        help_text="Each bid decided: reference, title, organisation, outcome, amounts by year "
        "and total, in pence.",
    )
    total_pence = models.BigIntegerField("Total awarded (pence)", default=0)
    decision_makers = models.JSONField(
        default=list,
        blank=True,
        help_text="Everyone who decides the fund's bids, as signed: name and job title.",
    )
    decision_rule = models.CharField(max_length=10, choices=DecisionRule.choices, blank=True)
    signatory_name = models.CharField("Signed by", max_length=200)
    signatory_role = models.CharField("Role", max_length=200)
    signed_on = models.DateField("Date signed")
    supersedes = supersedes_field()
    correction_note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    objects = DecisionNoticeQuerySet.as_manager()

    PUBLICATION = ("published_at", "published_by")

    class Meta:
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["prefix", "year", "sequence"],
                name="one_notice_per_number",
                violation_error_message=(
                    "Another decision notice took this reference at the same moment: "
                    "sign the notice again to give it the next one."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(reasons=""),
                name="notice_says_why",
                violation_error_message="Enter the reasons for the decision.",
            ),
            correction_says_why(
                "notice_correction_says_why", "Enter what the correction changes and why."
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Inserted once; afterwards only its publication is written, and only once."""
        if not self._state.adding and not self._only_publishing():
            raise ImmutableRecord(
                "A decision notice is never changed: issue a corrected notice that supersedes it."
            )
        super().save(*args, **kwargs)

    def _only_publishing(self) -> bool:
        stored = type(self).objects.filter(pk=self.pk).first()
        if stored is None or stored.published_at is not None:
            return False
        kept = [f.attname for f in self._meta.concrete_fields if f.name not in self.PUBLICATION]
        return all(getattr(stored, name) == getattr(self, name) for name in kept)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableRecord("A decision notice is never deleted: issue a corrected notice.")

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_joint(self) -> bool:
        """Decided by more than one decision maker: the notice names each of them."""
        return len(self.decision_makers or []) > 1


class GrantQuerySet(models.QuerySet["Grant"]):
    def published(self) -> GrantQuerySet:
        return self.filter(is_published=True, withdrawn_at__isnull=True)

    def visible_to(self, user: Any) -> GrantQuerySet:
        from remit.funding.permissions import bid_scope

        scope = bid_scope(user)
        if scope in ("all", "submitted"):
            return self
        if scope == "own":
            return self.filter(bid__organisation_id=user.organisation_id)
        return self.published()


class Grant(models.Model):
    """An awarded bid, its agreement, payments and monitoring."""

    bid = models.OneToOneField(Bid, on_delete=models.PROTECT, related_name="grant")
    determination = models.ForeignKey(
        Determination, on_delete=models.PROTECT, related_name="grants", editable=False
    )
    amount_pence = models.BigIntegerField(
        "Amount awarded (pence)", validators=[MinValueValidator(1)]
    )
    agreement_start = models.DateField("Agreement starts", null=True, blank=True)
    agreement_end = models.DateField("Agreement ends", null=True, blank=True)
    agreement_signed_on = models.DateField("Agreement signed on", null=True, blank=True)
    conditions = models.TextField(blank=True)
    return_frequency = models.CharField(
        "Monitoring returns",
        max_length=20,
        choices=ReturnFrequency.choices,
        default=ReturnFrequency.QUARTERLY,
    )
    is_published = models.BooleanField(default=False, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    publication = models.ForeignKey(
        "GrantPublication",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The version of the grant the register shows; written with each version.",
    )
    withdrawn_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="A later determination declined the bid."
    )
    history = HistoricalRecords()

    objects = PublishedManager.from_queryset(GrantQuerySet)()
    all_objects = GrantQuerySet.as_manager()

    class Meta:
        ordering = ["bid__round", "bid__organisation__name", "pk"]
        base_manager_name = "all_objects"
        default_manager_name = "objects"
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_pence__gt=0),
                name="grant_amount_positive",
                violation_error_message="Enter a grant amount more than £0.",
            ),
            models.CheckConstraint(
                condition=Q(agreement_end__isnull=True)
                | Q(agreement_start__isnull=True)
                | Q(agreement_end__gte=models.F("agreement_start")),
                name="grant_ends_after_it_starts",
                violation_error_message="The agreement must end on or after the day it starts.",
            ),
        ]

    def __str__(self) -> str:
        return f"Grant to {self.bid.organisation}: {self.bid}"


class GrantPublication(AppendOnly):
    """The grant as the register, the 360Giving file and the API publish it.

    A snapshot taken when the grant is published, so a later edit of the organisation, the
    fund or the grant does not rewrite what was published; a correction is a new version that
    supersedes the one in force, and every version stays on the public page.
    """

    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="publications")
    version = models.PositiveIntegerField()
    identifier = models.CharField("360Giving identifier", max_length=200)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    recipient_name = models.CharField(max_length=200)
    recipient_identifier = models.CharField(max_length=200)
    funder_name = models.CharField(max_length=200)
    funder_identifier = models.CharField(max_length=200)
    amount_pence = models.BigIntegerField("Amount awarded (pence)")
    amount_applied_for_pence = models.BigIntegerField("Amount applied for (pence)", default=0)
    award_date = models.DateField("Awarded on")
    decided_by = models.CharField(max_length=200)
    decision_reference = models.CharField(max_length=100, blank=True)
    outcome = models.CharField(max_length=100, blank=True)
    planned_start = models.DateField("Agreement starts", null=True, blank=True)
    planned_end = models.DateField("Agreement ends", null=True, blank=True)
    areas = models.JSONField(
        default=list, blank=True, help_text="Each area served: its code and name."
    )
    programme_code = models.CharField(max_length=200)
    programme_title = models.CharField(max_length=400)
    fund_name = models.CharField(max_length=200)
    round_title = models.CharField(max_length=200)
    published_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Blank for grants published before versions were kept.",
    )
    published_at = models.DateTimeField(default=timezone.now)
    supersedes = supersedes_field()
    correction_note = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["grant", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["grant", "version"],
                name="one_publication_version",
                violation_error_message=(
                    "This version of the grant has already been published. Refresh the page and "
                    "try again."
                ),
            ),
            correction_says_why("publication_correction_says_why"),
        ]

    def __str__(self) -> str:
        return f"{self.title}, version {self.version}"


class Instalment(models.Model):
    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="instalments")
    due_on = models.DateField("Due on")
    amount_pence = models.BigIntegerField(validators=[MinValueValidator(1)])
    history = HistoricalRecords()

    class Meta:
        ordering = ["grant", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_pence__gt=0),
                name="instalment_positive",
                violation_error_message="Enter an instalment amount more than £0.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.due_on}: {self.amount_pence}p"


class Payment(AppendOnly):
    """Money actually paid against an instalment: the schedule says what is due, this what went.

    Never changed or deleted: a payment recorded wrongly is put right by a reversal, a new
    record for the opposite amount that names the payment it reverses and says why.
    """

    grant = models.ForeignKey(Grant, on_delete=models.PROTECT, related_name="payments")
    instalment = models.ForeignKey(Instalment, on_delete=models.PROTECT, related_name="payments")
    paid_on = models.DateField("Date paid")
    amount_pence = models.BigIntegerField("Amount (pence)")
    reference = models.CharField("Payment reference", max_length=100)
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversed_by"
    )
    note = models.TextField("Why it is reversed", blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["grant", "paid_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reverses__isnull=True, amount_pence__gt=0)
                | Q(reverses__isnull=False, amount_pence__lt=0),
                name="payment_positive_reversal_negative",
                violation_error_message="Enter an amount more than £0.",
            ),
            models.CheckConstraint(
                condition=~Q(reference=""),
                name="payment_has_reference",
                violation_error_message="Enter the payment reference.",
            ),
            models.CheckConstraint(
                condition=Q(reverses__isnull=True) | ~Q(note=""),
                name="reversal_says_why",
                violation_error_message="Say why the payment is reversed.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.amount_pence}p on {self.paid_on}"

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None


class MonitoringReturn(models.Model):
    """What the grantee reports for one period: spend, outcomes against measures, RAG."""

    grant = models.ForeignKey(Grant, on_delete=models.CASCADE, related_name="returns")
    period_start = models.DateField()
    period_end = models.DateField()
    due_on = models.DateField("Due on")
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    spend_to_date_pence = models.BigIntegerField(
        "Spend to date (pence)", null=True, blank=True, validators=[MinValueValidator(0)]
    )
    outcomes_report = models.TextField("Outcomes against measures", blank=True)
    rag = models.CharField("RAG status", max_length=10, choices=Rag.choices, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["grant", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["grant", "period_start"],
                name="one_return_per_period",
                violation_error_message=(
                    "There is already a monitoring return for this period. Change that return "
                    "instead."
                ),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="period_ends_after_start",
                violation_error_message=(
                    "The end of the return period must be the same as or after its start."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"Return for {self.period_start:%d %b %Y} to {self.period_end:%d %b %Y}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def is_late(self, today: Any = None) -> bool:
        today = today or timezone.localdate()
        if self.submitted_at is None:
            return today > self.due_on
        return timezone.localtime(self.submitted_at).date() > self.due_on


class ReturnFigure(models.Model):
    """The number a monitoring return reports against one of the grant's declared measures."""

    monitoring_return = models.ForeignKey(
        MonitoringReturn, on_delete=models.CASCADE, related_name="figures"
    )
    outcome = models.ForeignKey(BidOutcome, on_delete=models.PROTECT, related_name="figures")
    value = models.DecimalField("Figure", max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        ordering = ["monitoring_return", "outcome"]
        constraints = [
            models.UniqueConstraint(
                fields=["monitoring_return", "outcome"],
                name="one_figure_per_measure",
                violation_error_message=(
                    "The return already has a figure for that measure. Change that figure instead."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.outcome.measure}: {self.value}"
