"""The region registry: what a region pack describes, kept with its history."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.validators import MinValueValidator
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

GSS_CODE = RegexValidator(
    r"^[EWSN]\d{8}$", "Enter a GSS code: E, W, S or N and 8 digits, such as E06000001."
)
SLUG = RegexValidator(r"^[a-z0-9][a-z0-9-]*$", "Use lower-case letters, digits and hyphens.")


class Role(models.TextChoices):
    ADMIN = "admin", "Administrator"
    OFFICER = "officer", "Policy officer"
    BOARD_MEMBER = "board_member", "Board member"
    PARTNER = "partner", "Partner organisation"
    DECISION_MAKER = "decision_maker", "Decision maker"
    ANALYST = "analyst", "Analyst"


class RegionQuerySet(models.QuerySet["Region"]):
    def active(self) -> Region | None:
        return self.filter(is_active=True).first() or self.order_by("pk").first()


class Region(models.Model):
    slug = models.SlugField(unique=True, validators=[SLUG])
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    as_of = models.DateField(null=True, blank=True)
    population_source = models.CharField(max_length=300, blank=True)
    is_active = models.BooleanField(default=False)
    pack_sha256 = models.CharField(max_length=64, blank=True)
    loaded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    objects = RegionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=Q(is_active=True),
                name="one_active_region",
                violation_error_message=(
                    "Only one region can be active at a time. Switch off the other region first."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


# What analysts keep about an area; its name, kind and membership are the registry's.
AREA_DATA_FIELDS = ("population", "population_year")


class Area(models.Model):
    class Kind(models.TextChoices):
        METROPOLITAN_DISTRICT = "metropolitan_district", "Metropolitan district"
        UNITARY = "unitary", "Unitary authority"
        NON_METROPOLITAN_DISTRICT = "non_metropolitan_district", "Non-metropolitan district"
        COUNTY = "county", "County"
        COMBINED_AUTHORITY_AREA = "combined_authority_area", "Combined authority area"
        POLICE_FORCE_AREA = "police_force_area", "Police force area"
        COMMUNITY_SAFETY_PARTNERSHIP_AREA = (
            "community_safety_partnership_area",
            "Community safety partnership area",
        )
        OTHER = "other", "Other"

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField("GSS code", max_length=9, validators=[GSS_CODE])
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=40, choices=Kind.choices)
    population = models.PositiveIntegerField(null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(null=True, blank=True)
    constituent = models.BooleanField(
        null=True, blank=True, help_text="Member of the combined authority (not a non-constituent)."
    )
    forces = models.JSONField(
        "police forces",
        default=list,
        blank=True,
        help_text="The police.uk slugs of the forces whose files cover the area.",
    )
    context = models.BooleanField(
        "for comparison",
        default=False,
        help_text="Shown for comparison only, outside the region's figures and ranks.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "code"],
                name="unique_area_code_per_region",
                violation_error_message=(
                    "There is already an area with that code. Enter a different area code."
                ),
            ),
            models.CheckConstraint(
                condition=Q(population__isnull=True) | Q(population_year__isnull=False),
                name="area_population_has_year",
                violation_error_message="Enter the year the population figure is for.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COMBINED_AUTHORITY = "combined_authority", "Combined authority"
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        POLICE_FORCE = "police_force", "Police force"
        PCC_OFFICE = "pcc_office", "Police and crime commissioner's office"
        FIRE_AND_RESCUE = "fire_and_rescue", "Fire and rescue service"
        VIOLENCE_REDUCTION_UNIT = "violence_reduction_unit", "Violence reduction unit"
        HEALTH = "health", "Health"
        PROBATION = "probation", "Probation"
        YOUTH_JUSTICE = "youth_justice", "Youth justice"
        VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
        BUSINESS = "business", "Business"
        GOVERNMENT_DEPARTMENT = "government_department", "Government department"
        OTHER = "other", "Other"

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="organisations")
    slug = models.SlugField(max_length=80, validators=[SLUG])
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=40, choices=Kind.choices)
    area = models.ForeignKey(
        Area, on_delete=models.SET_NULL, null=True, blank=True, related_name="organisations"
    )
    areas_served = models.ManyToManyField(
        Area,
        blank=True,
        related_name="organisations_serving",
        help_text=(
            "Every area the organisation serves, where it serves more than one: a fire and "
            "rescue service covering four districts, say."
        ),
    )
    constituent = models.BooleanField(null=True, blank=True)
    org_id = models.CharField(
        "Org ID", max_length=100, blank=True, help_text="org-id.guide identifier, e.g. GB-LAE-BIR."
    )
    website = models.URLField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"],
                name="unique_organisation_slug",
                violation_error_message=(
                    "There is already an organisation with that short name. Enter a different "
                    "short name."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="people")
    slug = models.SlugField(max_length=80, validators=[SLUG])
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="people"
    )
    email = models.EmailField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"],
                name="unique_person_slug",
                violation_error_message=(
                    "There is already a person with that short name. Enter a different short name."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name_with_office(self) -> str:
        """How a decision taken alone is signed: "Name, office"."""
        return f"{self.name}, {self.job_title}" if self.job_title else self.name


class Mission(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="missions")
    number = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    short_title = models.CharField(max_length=120)
    target = models.TextField(help_text="What the mission aims for, and by when.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "number"],
                name="unique_mission_number",
                violation_error_message=(
                    "There is already a mission with that number. Enter a different number."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"Mission {self.number}: {self.short_title}"


class Theme(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="themes")
    slug = models.SlugField(max_length=80, validators=[SLUG])
    name = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"],
                name="unique_theme_slug",
                violation_error_message=(
                    "There is already a theme with that short name. Enter a different short name."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Workstream(models.Model):
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="workstreams")
    slug = models.SlugField(max_length=80, validators=[SLUG])
    name = models.CharField(max_length=200)
    lead = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="workstreams_led"
    )
    sponsor = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workstreams_sponsored",
    )
    beyond_deal = models.BooleanField(
        default=False, help_text="Some of its work goes ahead outside the deal itself."
    )
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["theme__position", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["theme", "slug"],
                name="unique_workstream_slug",
                violation_error_message=(
                    "This theme already has a workstream with that short name. Enter a different "
                    "short name."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Board(models.Model):
    class Kind(models.TextChoices):
        BOARD = "board", "Board"
        COMMITTEE = "committee", "Committee"
        FORUM = "forum", "Forum"
        OFFICER_GROUP = "officer_group", "Officer group"
        PARTNERSHIP = "partnership", "Partnership"
        NEGOTIATING_TEAM = "negotiating_team", "Negotiating team"

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", "Weekly"
        FORTNIGHTLY = "fortnightly", "Fortnightly"
        MONTHLY = "monthly", "Monthly"
        BIMONTHLY = "bimonthly", "Every two months"
        QUARTERLY = "quarterly", "Quarterly"
        BIANNUAL = "biannual", "Twice a year"
        ANNUAL = "annual", "Annually"
        AD_HOC = "ad_hoc", "As required"

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="boards")
    slug = models.SlugField(max_length=80, validators=[SLUG])
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=40, choices=Kind.choices, default=Kind.BOARD)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="boards_run",
        help_text="The body that runs the board and provides its secretariat.",
    )
    parent = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="sub_groups"
    )
    meeting_frequency = models.CharField(
        max_length=20, choices=Frequency.choices, default=Frequency.AD_HOC
    )
    paper_deadline_days = models.PositiveSmallIntegerField(
        default=5, help_text="Papers go to members this many days before a meeting."
    )
    quorum = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    decision_reference_prefix = models.CharField(max_length=30, blank=True)
    substitutes_allowed = models.BooleanField(
        "Substitutes allowed",
        default=False,
        help_text="A member who cannot come may send one of the substitutes named for their seat.",
    )
    substitutes_count_towards_quorum = models.BooleanField(
        "Substitutes count towards quorum",
        default=True,
        help_text="A substitute counts once, in place of the member they stand in for.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"],
                name="unique_board_slug",
                violation_error_message=(
                    "There is already a board with that short name. Enter a different short name."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")),
                name="board_not_own_parent",
                violation_error_message=(
                    "A board cannot report to itself. Select a different parent board."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def substitutes_counted(self) -> bool:
        """Whether a substitute who attends counts towards quorum in the member's place."""
        return self.substitutes_allowed and self.substitutes_count_towards_quorum


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self, on: object = None) -> MembershipQuerySet:
        from django.utils import timezone

        day = on or timezone.localdate()
        return self.filter(Q(start__lte=day) | Q(start__isnull=True)).filter(
            Q(end__gte=day) | Q(end__isnull=True)
        )


class Membership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        MEMBER = "member", "Member"
        ADVISER = "adviser", "Adviser"
        SECRETARIAT = "secretariat", "Secretariat"

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        null=True,
        blank=True,
        help_text=(
            "The organisation this member represents. Leave empty for an independent member, "
            "such as a co-opted independent member of a police and crime panel."
        ),
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    start = models.DateField("From", null=True, blank=True)
    end = models.DateField("To", null=True, blank=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["board", "role", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True)
                | Q(start__isnull=True)
                | Q(end__gte=models.F("start")),
                name="membership_ends_after_it_starts",
                violation_error_message="The end date must be the same as or after the start date.",
            ),
            models.UniqueConstraint(
                fields=["board", "person", "role", "start"],
                name="unique_membership_term",
                violation_error_message=(
                    "This person already has that role on the board from that start date. Change "
                    "the role or the start date."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()}, {self.board}"

    INDEPENDENT = "Independent member"

    @property
    def represents(self) -> str:
        """Whom the member speaks for: an organisation, or no one (an independent member)."""
        return self.organisation.name if self.organisation is not None else self.INDEPENDENT


class Substitute(models.Model):
    """Someone nominated to attend in a member's place, named for the seat the member holds.

    Constituent councils nominate substitutes for their own members, so a substitute stands
    in for one seat, not for the board at large.
    """

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="substitutes")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="substitute_seats")
    history = HistoricalRecords()

    class Meta:
        ordering = ["membership", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "person"],
                name="one_nomination_per_seat",
                violation_error_message="That person is already a named substitute for this seat.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} (substitute for {self.membership.person})"


class GovernanceRoute(models.Model):
    """Boards in order, then the final say: a board's, or one person's who decides alone
    (a police and crime commissioner or a mayor)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="governance_routes")
    slug = models.SlugField(max_length=80, validators=[SLUG])
    name = models.CharField(max_length=200)
    final_board = models.ForeignKey(
        Board, on_delete=models.PROTECT, null=True, blank=True, related_name="final_for_routes"
    )
    final_decision_maker = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="final_for_routes",
        help_text="The person who takes the final decision alone, instead of a board.",
    )
    retired_on = models.DateField(
        "retired on",
        null=True,
        blank=True,
        help_text="The day the partnership stopped sending anything new along the route.",
    )
    retired_reason = models.TextField("reason for retiring", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"],
                name="unique_route_slug",
                violation_error_message=(
                    "There is already a governance route with that short name. Enter a different "
                    "short name."
                ),
            ),
            models.CheckConstraint(
                condition=Q(final_board__isnull=False, final_decision_maker__isnull=True)
                | Q(final_board__isnull=True, final_decision_maker__isnull=False),
                name="route_ends_at_a_board_or_a_person",
                violation_error_message=(
                    "Choose who takes the final decision: a board or a person, not both."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def retired(self) -> bool:
        """A retired route takes nothing new; what is already on it goes on to the end."""
        return self.retired_on is not None

    @property
    def final_decider(self) -> Board | Person:
        """The board or the person whose decision ends the route."""
        return self.final_board or self.final_decision_maker  # type: ignore[return-value]

    @property
    def final_label(self) -> str:
        """The final step as pages name it: the board, or "Name, office"."""
        person = self.final_decision_maker
        return person.name_with_office if person is not None else str(self.final_board)


class RouteStep(models.Model):
    route = models.ForeignKey(GovernanceRoute, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField()
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="route_steps")

    class Meta:
        ordering = ["route", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["route", "position"],
                name="unique_route_position",
                violation_error_message=(
                    "The route already has a step in that position. Choose a different position."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.board}"


class User(AbstractUser):
    """A person who signs in; the role decides what they may do.

    A partner user is bound to one organisation.
    """

    role = models.CharField(max_length=20, choices=Role.choices, default=Role.OFFICER)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="users"
    )
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="users"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="partner") | Q(organisation__isnull=False),
                name="partner_has_organisation",
                violation_error_message="Select the organisation a partner works for.",
            )
        ]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class ApiToken(models.Model):
    """A bearer token for API writes; only its hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
