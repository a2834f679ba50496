"""Indicators of the region's missions, their values per area, crime imports and results."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from remit.core.models import Area
from remit.core.models import Mission
from remit.core.models import Region
from remit.core.models import User
from remit.core.publishing import PublishedManager
from remit.indicators import kinds
from remit.indicators import measures

SLUG = RegexValidator(r"^[a-z0-9][a-z0-9-]*$", "Use lower-case letters, digits and hyphens.")
PERIOD = RegexValidator(
    r"^\d{4}(-(0[1-9]|1[0-2]))?$", "Enter a month as YYYY-MM or a year as YYYY."
)

# The crime types police.uk publishes (street-level files, 2019 onwards).
CRIME_TYPES = (
    "Anti-social behaviour",
    "Bicycle theft",
    "Burglary",
    "Criminal damage and arson",
    "Drugs",
    "Other crime",
    "Other theft",
    "Possession of weapons",
    "Public order",
    "Robbery",
    "Shoplifting",
    "Theft from the person",
    "Vehicle crime",
    "Violence and sexual offences",
)
NEIGHBOURHOOD_CRIME = ("Burglary", "Robbery", "Theft from the person", "Vehicle crime")


NO_CONTEXT_BASELINE = "A context figure, such as population, is a fact: it has no baseline."


class Origin(models.TextChoices):
    CRIME = "crime", "Crimes from the police.uk store"
    UPLOADED = "uploaded", "Uploaded series"


class Kind(models.TextChoices):
    """What the figures are, which decides how they read, add up and are judged (`kinds`)."""

    COUNT = kinds.COUNT, "Count"
    RATE = kinds.RATE, "Rate"
    SCORE = kinds.SCORE, "Score"
    RANK = kinds.RANK, "Rank"
    CONTEXT = kinds.CONTEXT, "Context"


class Unit(models.TextChoices):
    COUNT = measures.COUNT, "Count"
    RATE_PER_1000 = measures.RATE_PER_1000, "Rate per 1,000 population"
    VALUE = measures.VALUE, "Value as published (score, rank, people)"


class Polarity(models.TextChoices):
    LOWER_IS_BETTER = measures.LOWER_IS_BETTER, "Lower is better"
    HIGHER_IS_BETTER = measures.HIGHER_IS_BETTER, "Higher is better"


def unit_for(origin: str, kind: str) -> str:
    """How a figure is made: crimes counted, or per 1,000 people; an upload's as published."""
    if kind == Kind.COUNT:
        return Unit.COUNT
    if kind == Kind.RATE and origin == Origin.CRIME:
        return Unit.RATE_PER_1000
    return Unit.VALUE


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    def published(self) -> IndicatorQuerySet:
        return self.filter(is_published=True)

    def visible_to(self, user: Any) -> IndicatorQuerySet:
        from remit.indicators.permissions import can_view_drafts

        return self if can_view_drafts(user).allowed else self.published()


class Indicator(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="indicators")
    slug = models.SlugField(max_length=80, validators=[SLUG])
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="What it measures and why it matters.")
    source = models.CharField(
        max_length=300,
        blank=True,
        help_text="Where the figures come from: the publisher and the file.",
    )
    period = models.CharField(
        max_length=120, blank=True, help_text="The time the figures cover, such as 2019."
    )
    geography = models.CharField(
        max_length=200, blank=True, help_text="The areas the figures are for, such as districts."
    )
    licence = models.CharField(
        max_length=120, blank=True, help_text="The licence the figures are published under."
    )
    origin = models.CharField(max_length=20, choices=Origin.choices, default=Origin.CRIME)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COUNT)
    decimal_places = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(kinds.MAX_PLACES)],
        help_text="For rates and scores: how many decimal places figures are shown to.",
    )
    crime_types = models.JSONField(
        default=list, blank=True, help_text="The police.uk crime types counted."
    )
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.COUNT)
    unit_label = models.CharField(
        max_length=60, blank=True, help_text="How a value reads, such as 'crimes' or 'score'."
    )
    polarity = models.CharField(
        max_length=20, choices=Polarity.choices, default=Polarity.LOWER_IS_BETTER
    )
    missions = models.ManyToManyField(Mission, blank=True, related_name="indicators")
    baseline_period = models.CharField(
        max_length=7, blank=True, validators=[PERIOD], help_text="YYYY-MM or YYYY."
    )
    baseline_value = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    is_published = models.BooleanField(default=False, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    refreshed_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords()

    objects = PublishedManager.from_queryset(IndicatorQuerySet)()
    all_objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        base_manager_name = "all_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"],
                name="unique_indicator_slug",
                violation_error_message=(
                    "There is already an indicator with that short name. Enter a different short "
                    "name."
                ),
            ),
            models.CheckConstraint(
                condition=Q(baseline_period="") | Q(baseline_value__isnull=False),
                name="indicator_baseline_has_value",
                violation_error_message="Give the baseline's value as well as its period.",
            ),
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False),
                name="published_indicator_has_date",
                violation_error_message=(
                    "A published indicator needs the date it was published. Publish it again."
                ),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=kinds.KINDS),
                name="indicator_kind_known",
                violation_error_message=(
                    "Select the kind of indicator: count, rate, score, rank or context."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        problem = kinds.unknown_kind(self.kind)
        if problem:
            raise ValidationError({"kind": problem[0].upper() + problem[1:] + "."})
        self.unit = unit_for(self.origin, self.kind)
        if self.origin == Origin.CRIME:
            self._clean_crime_types()
            if self.kind not in (Kind.COUNT, Kind.RATE):
                raise ValidationError(
                    {"kind": "A crime indicator counts crimes: choose count or rate."}
                )
        if not self.is_performance and (self.baseline_period or self.baseline_value is not None):
            raise ValidationError({"baseline_period": NO_CONTEXT_BASELINE})
        if self.baseline_value is not None and not self.baseline_period:
            raise ValidationError({"baseline_period": "Give the period the baseline is for."})

    def _clean_crime_types(self) -> None:
        types = self.crime_types
        if not isinstance(types, list) or not types:
            raise ValidationError({"crime_types": "Choose at least one crime type."})
        unknown = [t for t in types if t not in CRIME_TYPES]
        if unknown:
            raise ValidationError(
                {"crime_types": f"Not a police.uk crime type: {', '.join(map(str, unknown))}."}
            )

    @property
    def is_performance(self) -> bool:
        """Ranked, targeted and rated; a context figure is shown as a fact only."""
        return kinds.is_performance(self.kind)

    @property
    def places(self) -> int:
        return kinds.places(self.kind, self.decimal_places)

    @property
    def baseline(self) -> tuple[str, Any] | None:
        if self.baseline_period and self.baseline_value is not None:
            return (self.baseline_period, self.baseline_value)
        return None

    @property
    def value_label(self) -> str:
        if self.unit_label:
            return self.unit_label
        if self.unit == Unit.RATE_PER_1000:
            return "per 1,000 people"
        labels: dict[str, str] = {Kind.COUNT: "count", Kind.SCORE: "score", Kind.RANK: "rank"}
        return labels.get(str(self.kind), "value")


NO_CONTEXT_TARGET = (
    "A context figure, such as population, is shown as a fact: it cannot have a target. "
    "Set targets on the indicators that measure performance."
)


class Target(models.Model):
    """A value to reach by a date, for the whole region or one area."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    area = models.ForeignKey(
        Area,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="Leave blank for a target for the region as a whole.",
    )
    due = models.DateField("Due by")
    value = models.DecimalField(max_digits=18, decimal_places=4)
    note = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "area", "due"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "due"],
                condition=Q(area__isnull=False),
                name="one_target_per_area_and_date",
                violation_error_message="There is already a target for that area and date.",
            ),
            models.UniqueConstraint(
                fields=["indicator", "due"],
                condition=Q(area__isnull=True),
                name="one_region_target_per_date",
                violation_error_message="There is already a target for the region on that date.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.value} by {self.due:%d %b %Y}"

    def clean(self) -> None:
        if self.indicator_id and not self.indicator.is_performance:
            raise ValidationError({"value": NO_CONTEXT_TARGET})


class IndicatorValue(models.Model):
    """One figure for one area and period.

    Rows are written in bulk by a refresh or an upload, each recorded (who, when, how
    many) in the indicator's history; the rows themselves carry no history of their own.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="indicator_values")
    period = models.CharField(max_length=7, validators=[PERIOD])
    value = models.DecimalField(max_digits=18, decimal_places=4)
    partial = models.BooleanField(
        default=False,
        help_text="The area's own police force's file for the month is not in the store.",
    )

    class Meta:
        ordering = ["indicator", "area", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "period"],
                name="one_value_per_area_and_period",
                violation_error_message=(
                    "There is already a figure for that area and period. Change that figure "
                    "instead."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.area_id} {self.period}: {self.value}"


class ImportJob(models.Model):
    """A police.uk upload being imported into the crime store in the background."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Refused"

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="crime_imports")
    upload = models.FileField(upload_to="indicators/imports/%Y/%m/", max_length=300)
    original_name = models.CharField(max_length=255)
    allow_empty = models.BooleanField(
        default=False, help_text="Files with no crimes may replace months already held."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    files_total = models.PositiveIntegerField(default=0)
    files_done = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveBigIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True)
    errors = models.JSONField(default=list, blank=True)
    indicators_refreshed = models.PositiveIntegerField(default=0)
    requested_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Import of {self.original_name}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.files_total:
            return 0
        return min(99, self.files_done * 100 // self.files_total)


class ResultQuerySet(models.QuerySet["Result"]):
    def published(self) -> ResultQuerySet:
        return self.filter(is_published=True)

    def visible_to(self, user: Any) -> ResultQuerySet:
        from remit.indicators.permissions import can_view_drafts

        return self if can_view_drafts(user).allowed else self.published()


class Result(models.Model):
    """What a proposal or grant says it will deliver, and how far it has got.

    The owner is named by label and link, and, where it is a record here, by a
    generic relation, so any part of Remit can declare results.
    """

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="results")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner_label = models.CharField(
        "Declared by", max_length=200, help_text="The proposal or grant, as people know it."
    )
    owner_url = models.CharField(
        "Link to it", max_length=300, blank=True, help_text="Its page, such as /proposals/12/."
    )
    owner_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    owner_id = models.PositiveBigIntegerField(null=True, blank=True)
    owner = GenericForeignKey("owner_type", "owner_id")
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="results", help_text="The indicators it should move."
    )
    missions = models.ManyToManyField(
        Mission,
        blank=True,
        related_name="results",
        help_text="Missions it serves beyond those of its indicators.",
    )
    progress_percent = models.PositiveSmallIntegerField(
        "Progress (%)", default=0, validators=[MaxValueValidator(100)]
    )
    is_published = models.BooleanField(default=False)
    history = HistoricalRecords()

    objects = PublishedManager.from_queryset(ResultQuerySet)()
    all_objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        base_manager_name = "all_objects"
        indexes = [models.Index(fields=["owner_type", "owner_id"], name="result_owner")]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress_percent__lte=100),
                name="result_progress_at_most_100",
                violation_error_message="Progress must be 100 or less.",
            ),
            models.CheckConstraint(
                condition=Q(owner_type__isnull=True, owner_id__isnull=True)
                | Q(owner_type__isnull=False, owner_id__isnull=False),
                name="result_owner_whole",
                violation_error_message=(
                    "Link the result to both the kind of record and the record, or to neither."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ResultMilestone(models.Model):
    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due = models.DateField("Due by")
    done_on = models.DateField("Done on", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["result", "due", "pk"]

    def __str__(self) -> str:
        return self.title


class AreaForce(models.Model):
    """The police force whose police.uk files cover an area (ONS district to force lookup).

    It tells the dashboards whether an area's own force's crimes are in the store, or
    only the few that a neighbouring force recorded there.
    """

    area = models.OneToOneField(Area, on_delete=models.CASCADE, related_name="police_force")
    force = models.CharField(
        max_length=80, validators=[SLUG], help_text="The police.uk file slug, such as west-mercia."
    )
    force_name = models.CharField(max_length=120)
    history = HistoricalRecords()

    class Meta:
        ordering = ["area__code"]

    def __str__(self) -> str:
        return f"{self.area.name}: {self.force_name}"


class SharedCrimeStore(models.Model):
    """Which published copy of the crime store is the shared one (one row).

    Every machine's store is a working copy of it. A publish moves `index` on only from
    the value it read while holding this row, so an import that started from an older
    copy is merged into the newer one rather than published over it.
    """

    index = models.CharField(max_length=255, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.index or "No shared copy yet"


# Boundary shapes and neighbourhoods for maps live in their own module.
from remit.indicators.places import Boundary  # noqa: E402, F401
from remit.indicators.places import BoundaryLoad  # noqa: E402, F401
from remit.indicators.places import Neighbourhood  # noqa: E402, F401
