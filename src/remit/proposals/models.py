"""Devolution deals, their proposals, and the record of how each went through governance.

Proposals are publishable: the default manager returns published proposals only, so a
query that forgets to ask gets nothing it should not show. Code that needs drafts uses
`Proposal.all_objects` and narrows it with `visible_to(user)`.

Forum decisions and their effects are append-only: a saved decision is never changed or
deleted; a correction is a new decision that supersedes it. A forum decision taken at a
board's meeting points at the meeting's `Decision`, which is the record of what was resolved.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from remit.core.errors import DomainError
from remit.core.models import SLUG
from remit.core.models import Board
from remit.core.models import GovernanceRoute
from remit.core.models import Mission
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Theme
from remit.core.models import User
from remit.core.models import Workstream
from remit.core.publishing import PublishedManager
from remit.core.records import AppendOnly
from remit.core.records import AppendOnlyQuerySet
from remit.core.records import supersedes_field
from remit.proposals import rules
from remit.proposals.workflow import AskType
from remit.proposals.workflow import DevolutionForm
from remit.proposals.workflow import GovernmentOutcome
from remit.proposals.workflow import Outcome
from remit.proposals.workflow import RoutingState
from remit.proposals.workflow import Stage
from remit.proposals.workflow import Status

FINANCIAL_YEAR = RegexValidator(r"^\d{4}/\d{2}$", "Write the financial year as 2023/24.")


def _as_validation_error(exc: DomainError) -> ValidationError:
    return ValidationError({exc.field or "__all__": exc.message})


class Deal(models.Model):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="deals")
    slug = models.SlugField(max_length=80, validators=[SLUG])
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    route = models.ForeignKey(
        GovernanceRoute,
        on_delete=models.PROTECT,
        related_name="deals",
        help_text="The forums every proposal and position paper passes through, in order.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "slug"],
                name="unique_deal_slug",
                violation_error_message=(
                    "There is already a deal with that short name. Enter a different short name."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Milestone(models.Model):
    class Kind(models.TextChoices):
        PROPOSITION_TO_BOARD = "proposition_to_board", "Proposition to the board"
        SUBMISSION = "submission", "Submission to government"
        ANNOUNCEMENT = "announcement", "Announcement"
        FISCAL_EVENT = "fiscal_event", "Fiscal event"
        OTHER = "other", "Other"

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=200)
    planned_on = models.DateField("Planned for", null=True, blank=True)
    actual_on = models.DateField("Happened on", null=True, blank=True)
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["deal", models.F("actual_on").asc(nulls_last=True), "planned_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_on__isnull=False) | Q(actual_on__isnull=False),
                name="milestone_has_a_date",
                violation_error_message="Enter a planned date or an actual date for the milestone.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.planned_on is None and self.actual_on is None:
            raise ValidationError(
                {"planned_on": "Give the planned date, the actual date, or both."}
            )


class ProposalQuerySet(models.QuerySet["Proposal"]):
    def published(self) -> ProposalQuerySet:
        return self.filter(is_published=True)

    def visible_to(self, user: Any) -> ProposalQuerySet:
        from remit.proposals.permissions import can_view_drafts

        return self if can_view_drafts(user).allowed else self.published()


class Proposal(models.Model):
    deal = models.ForeignKey(Deal, on_delete=models.PROTECT, related_name="proposals")
    workstream = models.ForeignKey(Workstream, on_delete=models.PROTECT, related_name="proposals")
    title = models.CharField(max_length=200)
    summary = models.TextField()
    ask_type = models.CharField("Asks for", max_length=10, choices=AskType.choices)
    amount_pence = models.BigIntegerField(
        "Amount asked for (pence)", null=True, blank=True, validators=[MinValueValidator(0)]
    )
    years_from = models.CharField(
        "First financial year", max_length=7, blank=True, validators=[FINANCIAL_YEAR]
    )
    years_to = models.CharField(
        "Last financial year", max_length=7, blank=True, validators=[FINANCIAL_YEAR]
    )
    powers_asked = models.TextField("Powers asked for", blank=True)
    legislation = models.TextField(blank=True, help_text="The Acts or regulations concerned.")
    form_of_devolution = models.CharField(max_length=20, choices=DevolutionForm.choices)
    lead_officer = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals_led"
    )
    sponsor = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals_sponsored",
    )
    partners = models.ManyToManyField(Organisation, blank=True, related_name="proposals_partnered")
    departments = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="proposals_negotiated",
        limit_choices_to={"kind": Organisation.Kind.GOVERNMENT_DEPARTMENT},
        verbose_name="government departments",
    )
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.DRAFT)
    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.DISCOVER)
    is_published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    source_idea = models.OneToOneField(
        "Idea", on_delete=models.SET_NULL, null=True, blank=True, related_name="proposal"
    )
    submitted_on = models.DateField("Submitted to government on", null=True, blank=True)
    outcome = models.CharField(max_length=30, choices=GovernmentOutcome.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    outcome_conditions = models.TextField("Conditions", blank=True)
    subject_to_business_case = models.BooleanField(
        "Subject to a business case",
        default=False,
        help_text="Agreed in principle on condition that a business case is approved.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = PublishedManager.from_queryset(ProposalQuerySet)()
    all_objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["workstream__theme__position", "workstream__position", "title", "pk"]
        base_manager_name = "all_objects"
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_pence__isnull=True) | Q(amount_pence__gte=0),
                name="proposal_amount_not_negative",
                violation_error_message="The amount must be £0 or more.",
            ),
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False),
                name="published_proposal_has_date",
                violation_error_message=(
                    "A published proposal needs the date it was published. Publish it again."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        try:
            rules.check_years(self.years_from, self.years_to)
        except DomainError as exc:
            raise _as_validation_error(exc) from exc
        if self.amount_pence is not None and not self.years_from:
            raise ValidationError({"years_from": "Give the years the amount covers."})


class MissionAlignment(models.Model):
    class Strength(models.TextChoices):
        PRIMARY = rules.PRIMARY, "Primary"
        SECONDARY = rules.SECONDARY, "Secondary"

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="alignments")
    mission = models.ForeignKey(Mission, on_delete=models.PROTECT, related_name="alignments")
    strength = models.CharField(max_length=10, choices=Strength.choices)
    rationale = models.CharField(
        max_length=300, help_text="One sentence: how it serves the mission."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["proposal", "mission__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "mission"],
                name="one_alignment_per_proposal_and_mission",
                violation_error_message="It is already aligned to that mission.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.proposal} → {self.mission}"

    def clean(self) -> None:
        try:
            rules.check_rationale(self.rationale)
        except DomainError as exc:
            raise _as_validation_error(exc) from exc


class EngagementSession(models.Model):
    class Kind(models.TextChoices):
        IDEA_GENERATION = "idea_generation", "Idea generation"
        DRAFTING = "drafting", "Drafting meeting"
        CONSULTATION = "consultation", "Consultation"
        BILATERAL = "bilateral", "Bilateral with a department"

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="sessions")
    workstream = models.ForeignKey(
        Workstream, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    held_on = models.DateField()
    stage = models.CharField(max_length=10, choices=Stage.choices)
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="sessions_attended", verbose_name="attending"
    )
    department = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bilaterals",
        limit_choices_to={"kind": Organisation.Kind.GOVERNMENT_DEPARTMENT},
        help_text="For a bilateral: the government department met.",
    )
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="bilateral") | Q(department__isnull=False),
                name="bilateral_names_its_department",
                violation_error_message=(
                    "Select the government department the bilateral session is with."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.kind == self.Kind.BILATERAL and self.department_id is None:
            raise ValidationError({"department": "Name the department a bilateral was with."})


class Idea(models.Model):
    session = models.ForeignKey(EngagementSession, on_delete=models.CASCADE, related_name="ideas")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        help_text="Who put it forward.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "pk"]

    def __str__(self) -> str:
        return self.title


class Feedback(models.Model):
    session = models.ForeignKey(
        EngagementSession, on_delete=models.CASCADE, related_name="feedback"
    )
    proposal = models.ForeignKey(
        Proposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="feedback"
    )
    text = models.TextField("Feedback")
    themes = models.ManyToManyField(Theme, blank=True, related_name="feedback")
    acted_on = models.BooleanField(default=False)
    acted_on_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acted_on_at = models.DateTimeField(null=True, blank=True)
    response = models.TextField("What was done", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["session", "pk"]
        verbose_name_plural = "feedback"
        constraints = [
            models.CheckConstraint(
                condition=Q(acted_on=False)
                | (Q(acted_on_by__isnull=False) & Q(acted_on_at__isnull=False)),
                name="feedback_acted_on_says_who_and_when",
                violation_error_message="Say who acted on the feedback and when.",
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]


class PositionPaper(models.Model):
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    proposals = models.ManyToManyField(Proposal, related_name="papers")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "title"]

    def __str__(self) -> str:
        return self.title


class Routing(models.Model):
    """One pass of a proposal, or of a paper and all its proposals, along the deal's route.

    `current_position` and `current_board` are written by the routing services in the same
    transaction as the decision that moves them.
    """

    route = models.ForeignKey(GovernanceRoute, on_delete=models.PROTECT, related_name="routings")
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, null=True, blank=True, related_name="routings"
    )
    paper = models.ForeignKey(
        PositionPaper, on_delete=models.CASCADE, null=True, blank=True, related_name="routings"
    )
    state = models.CharField(
        max_length=10, choices=RoutingState.choices, default=RoutingState.ACTIVE
    )
    current_position = models.PositiveSmallIntegerField(null=True, blank=True)
    current_board = models.ForeignKey(
        Board, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    current_decision_maker = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The person the item is before, at a final step that one person decides alone.",
    )
    awaiting_resubmission = models.BooleanField(default=False)
    started_at = models.DateTimeField(auto_now_add=True)
    started_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(proposal__isnull=True, paper__isnull=False)
                | Q(proposal__isnull=False, paper__isnull=True),
                name="routing_has_one_subject",
                violation_error_message="Route either a proposal or a position paper, not both.",
            ),
            models.UniqueConstraint(
                fields=["proposal"],
                condition=Q(state="active"),
                name="one_active_routing_per_proposal",
                violation_error_message="A proposal is on one route at a time.",
            ),
            models.UniqueConstraint(
                fields=["paper"],
                condition=Q(state="active"),
                name="one_active_routing_per_paper",
                violation_error_message="A position paper is on one route at a time.",
            ),
            models.CheckConstraint(
                condition=~Q(state="active") | Q(current_position__isnull=False),
                name="active_routing_has_a_step",
                violation_error_message="Choose the step of the route the item is at.",
            ),
            models.CheckConstraint(
                condition=Q(current_board__isnull=True) | Q(current_decision_maker__isnull=True),
                name="routing_waits_for_a_board_or_a_person",
                violation_error_message="An item waits for a board or for a person, not both.",
            ),
        ]

    def __str__(self) -> str:
        subject = self.proposal if self.proposal_id else self.paper
        return f"{subject} via {self.route}"

    @property
    def current_label(self) -> str:
        """Whom the item waits for: the board, or "Name, office"; empty once off the route."""
        if self.current_decision_maker_id:
            return self.current_decision_maker.name_with_office  # type: ignore[union-attr]
        return str(self.current_board) if self.current_board_id else ""


class ForumDecision(AppendOnly):
    """A step's decision: a board's, or that of the one person a route's final step names.

    A person's decision keeps the office they held when they took it (`office`), so the
    record still reads right after they leave it.
    """

    routing = models.ForeignKey(Routing, on_delete=models.PROTECT, related_name="decisions")
    position = models.PositiveSmallIntegerField("Step", validators=[MinValueValidator(1)])
    board = models.ForeignKey(
        Board, on_delete=models.PROTECT, null=True, blank=True, related_name="forum_decisions"
    )
    decision_maker = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forum_decisions",
        help_text="The person who decided alone, at a route's final step.",
    )
    office = models.CharField(
        max_length=200, blank=True, help_text="The office the person held when they decided."
    )
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    changes = models.TextField("Changes asked for", blank=True)
    reasons = models.TextField(blank=True)
    decided_on = models.DateField()
    meeting_reference = models.CharField(max_length=200, blank=True)
    meeting_decision = models.OneToOneField(
        "meetings.Decision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forum_decision",
        help_text="The board's decision at a meeting, which is the record of what it resolved.",
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    supersedes = supersedes_field()
    correction_note = models.TextField(blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["routing", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="endorsed_with_changes") | ~Q(changes=""),
                name="endorsed_with_changes_says_which",
                violation_error_message="Enter the changes the forum asked for.",
            ),
            models.CheckConstraint(
                condition=~Q(outcome="referred_back") | ~Q(reasons=""),
                name="referred_back_says_why",
                violation_error_message="Enter the reasons the forum referred it back.",
            ),
            models.CheckConstraint(
                condition=Q(meeting_decision__isnull=True) | Q(meeting_reference=""),
                name="meeting_decision_is_referenced_not_retyped",
                violation_error_message=(
                    "Give either the board meeting's decision or a meeting reference, not both."
                ),
            ),
            models.CheckConstraint(
                condition=Q(board__isnull=False, decision_maker__isnull=True, office="")
                | Q(board__isnull=True, decision_maker__isnull=False),
                name="decided_by_a_board_or_a_person",
                violation_error_message="A decision is a board's or one person's, not both.",
            ),
            models.CheckConstraint(
                condition=Q(decision_maker__isnull=True) | Q(meeting_decision__isnull=True),
                name="a_person_decides_outside_meetings",
                violation_error_message="A person deciding alone does not decide at a meeting.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decider_label}: {self.get_outcome_display()} on {self.decided_on:%d %b %Y}"

    @property
    def decider_label(self) -> str:
        """Who decided, as pages say it: the board, or "Name, office" as held at the time."""
        person = self.decision_maker
        if person is None:
            return str(self.board)
        return f"{person.name}, {self.office}" if self.office else person.name

    @property
    def decider_slug(self) -> str:
        return (self.decision_maker or self.board).slug  # type: ignore[union-attr]


class DecisionEffect(AppendOnly):
    """What one decision did to one proposal's status, for the timeline and for corrections."""

    decision = models.ForeignKey(ForumDecision, on_delete=models.PROTECT, related_name="effects")
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="decision_effects"
    )
    status_before = models.CharField(max_length=30, choices=Status.choices)
    status_after = models.CharField(max_length=30, choices=Status.choices)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["decision", "proposal"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "proposal"],
                name="one_effect_per_proposal",
                violation_error_message="The decision already records its effect on that proposal.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision}: {self.status_before} → {self.status_after}"


class NegotiationEntry(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="negotiation")
    department = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="negotiation_entries",
        limit_choices_to={"kind": Organisation.Kind.GOVERNMENT_DEPARTMENT},
    )
    held_on = models.DateField("Date")
    summary = models.TextField()
    next_steps = models.TextField(blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["proposal", "held_on", "pk"]
        verbose_name_plural = "negotiation entries"

    def __str__(self) -> str:
        return f"{self.department} on {self.held_on:%d %b %Y}"


class ImpactAssessment(models.Model):
    """The equality and health impact screening of one proposal."""

    proposal = models.OneToOneField(
        Proposal, on_delete=models.CASCADE, related_name="impact_assessment"
    )
    ratings = models.JSONField(
        default=dict, blank=True, help_text="Affected group → positive, negative or neutral."
    )
    full_assessment_needed = models.BooleanField(default=False)
    mitigations = models.TextField(blank=True)
    signed_off_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(signed_off_by__isnull=True, signed_off_at__isnull=True)
                | Q(signed_off_by__isnull=False, signed_off_at__isnull=False),
                name="sign_off_says_who_and_when",
                violation_error_message="Say who signed off the impact assessment and when.",
            )
        ]

    def __str__(self) -> str:
        return f"Impact screening of {self.proposal}"

    @property
    def signed_off(self) -> bool:
        return self.signed_off_at is not None

    def rows(self) -> list[tuple[str, str]]:
        """Each affected group with its effect, protected characteristics first."""
        labels = dict(rules.EFFECTS)
        return [
            (label, labels[self.ratings[key]])
            for key, label in rules.PROTECTED_CHARACTERISTICS + rules.HEALTH_GROUPS
            if key in self.ratings
        ]
