"""Meetings of boards, their agendas and report papers, and what the boards decide.

Decisions, their outcomes and votes are append-only; approved minutes are
frozen. A correction is a new decision that supersedes the old one. An item can be
about a proposal: its decision is then also the board's forum decision on it, which
points back at the decision. An item about a fund's round is where the board recommends on the
round's bids: its decision lists them, and each bid's recommendation points back at it.
"""

from __future__ import annotations

from typing import Any
from typing import ClassVar

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from remit.core.errors import ImmutableRecord
from remit.core.models import Board
from remit.core.models import Person
from remit.core.records import AppendOnly
from remit.core.records import supersedes_field
from remit.meetings import deadlines
from remit.meetings.workflow import MeetingStatus
from remit.meetings.workflow import MinutesStatus
from remit.meetings.workflow import PaperStatus
from remit.meetings.workflow import PlanStatus


class Exemption(models.TextChoices):
    """Paragraphs of Schedule 12A to the Local Government Act 1972 (England)."""

    INDIVIDUAL = "1", "Paragraph 1: information about an individual"
    IDENTITY = "2", "Paragraph 2: information likely to identify an individual"
    FINANCIAL = "3", "Paragraph 3: financial or business affairs of any person"
    LABOUR = "4", "Paragraph 4: labour relations consultations or negotiations"
    LEGAL = "5", "Paragraph 5: legal professional privilege"
    NOTICE = "6", "Paragraph 6: a proposed notice, order or direction"
    CRIME = "7", "Paragraph 7: prevention, investigation or prosecution of crime"


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def for_region(self, region: Any) -> MeetingQuerySet:
        return self.filter(board__region=region)

    def upcoming(self, on: Any) -> MeetingQuerySet:
        return self.filter(date__gte=on).exclude(status=MeetingStatus.CANCELLED)

    def agenda_public(self) -> MeetingQuerySet:
        return self.filter(public_at__isnull=False)


class Meeting(models.Model):
    Status = MeetingStatus

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(
        max_length=200, blank=True, help_text="Leave blank for an ordinary meeting."
    )
    date = models.DateField()
    start_time = models.TimeField("Starts at")
    end_time = models.TimeField("Ends at", null=True, blank=True)
    location = models.CharField("Place", max_length=300, blank=True)
    online_link = models.URLField("Online meeting link", blank=True)
    status = models.CharField(max_length=20, choices=MeetingStatus.choices, default="scheduled")
    series = models.UUIDField(null=True, blank=True, db_index=True, editable=False)
    agenda_published_at = models.DateTimeField(null=True, blank=True)
    public_at = models.DateTimeField("Published to the public", null=True, blank=True)
    public_urgency_reason = models.TextField(blank=True)
    quorate = models.BooleanField(null=True, blank=True)
    cancelled_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(location="") | ~Q(online_link=""),
                name="meeting_has_a_place",
                violation_error_message=(
                    "Enter where the meeting is held, an online meeting link, or both."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(end_time__gt=models.F("start_time")),
                name="meeting_ends_after_it_starts",
                violation_error_message="The end time must be after the start time.",
            ),
            models.UniqueConstraint(
                fields=["board", "date", "start_time"],
                name="one_meeting_per_board_slot",
                violation_error_message=(
                    "The board already has a meeting on that date at that time. Change the date or"
                    " the start time."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.board.name}, {self.date.day} {self.date:%B %Y}"

    @property
    def name(self) -> str:
        return self.title or f"{self.board.name} meeting"

    def deadline(self) -> deadlines.Deadline:
        return deadlines.deadline_for(self.date, self.board.paper_deadline_days)


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        APOLOGIES = "apologies", "Apologies"
        DECLARATIONS = "declarations", "Declarations of interest"
        MINUTES = "minutes", "Minutes of the last meeting"
        REPORT = "report", "Report"
        DECISION = "decision", "For decision"
        INFORMATION = "information", "For information"

    class State(models.TextChoices):
        OPEN = "open", "Open"
        DECIDED = "decided", "Decided"
        ROLLED_FORWARD = "rolled_forward", "Rolled forward"
        WITHDRAWN = "withdrawn", "Withdrawn"

    STANDARD: ClassVar[tuple[str, ...]] = ("apologies", "declarations")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REPORT)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    presenter = models.CharField("Presented by", max_length=200, blank=True)
    private = models.BooleanField(
        "Take in private", default=False, help_text="Exempt from publication."
    )
    exemption = models.CharField("Exemption", max_length=2, choices=Exemption.choices, blank=True)
    exemption_reason = models.TextField("Why the public interest favours exemption", blank=True)
    related_label = models.CharField("Related record", max_length=200, blank=True)
    related_url = models.URLField("Link to the related record", blank=True)
    proposal = models.ForeignKey(
        "proposals.Proposal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        help_text="The proposal the board decides on: its decision is the board's forum decision.",
    )
    fund_round = models.ForeignKey(
        "funding.Round",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        help_text="The fund's round whose bids the board recommends on: its decision is the "
        "board's recommendation on them.",
    )
    minutes_of = models.ForeignKey(
        Meeting,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approval_items",
        help_text="The meeting whose minutes this item approves.",
    )
    rolled_from = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="rolled_to"
    )
    origin = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The first meeting's item, which holds the paper, when an item rolls forward.",
    )
    state = models.CharField(max_length=20, choices=State.choices, default=State.OPEN)
    withdrawn_reason = models.TextField("Why the item was withdrawn", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(private=False) | ~Q(exemption=""),
                name="private_item_names_exemption",
                violation_error_message=(
                    "Select the exemption that allows the item to be taken in private, or untick "
                    "Take in private."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(kind="minutes") | Q(minutes_of__isnull=False),
                name="minutes_item_names_meeting",
                violation_error_message="Select the meeting whose minutes the item approves.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def paper_holder(self) -> AgendaItem:
        return self.origin or self

    @property
    def takes_decision(self) -> bool:
        return self.kind not in self.STANDARD

    @property
    def withdrawn(self) -> bool:
        """A withdrawn item is not business of the meeting: pages say so, packs carry no paper."""
        return self.state == self.State.WITHDRAWN


class PaperQuerySet(models.QuerySet["Paper"]):
    def published(self) -> PaperQuerySet:
        """Out to members at least (withdrawn papers stay on the record)."""
        return self.exclude(members_published_at__isnull=True)

    def public(self) -> PaperQuerySet:
        return self.filter(
            status__in=[PaperStatus.PUBLIC, PaperStatus.WITHDRAWN],
            public_published_at__isnull=False,
            item__private=False,
        )


class Paper(models.Model):
    Status = PaperStatus

    item = models.OneToOneField(AgendaItem, on_delete=models.PROTECT, related_name="paper")
    title = models.CharField(max_length=300)
    purpose = models.TextField(help_text="Why the paper comes to the board, in a sentence or two.")
    financial_implications = models.TextField(blank=True)
    legal_implications = models.TextField(blank=True)
    equality_implications = models.TextField(blank=True)
    author = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="papers_written"
    )
    contact_officer = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="papers_contact"
    )
    presented_by = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=PaperStatus.choices, default="draft")
    members_published_at = models.DateTimeField(null=True, blank=True)
    public_published_at = models.DateTimeField(null=True, blank=True)
    late = models.BooleanField("Late (supplementary) paper", default=False)
    urgency_reason = models.TextField("Chair's reason for urgency", blank=True)
    after_meeting = models.BooleanField(
        "Supplementary information to the minutes",
        default=False,
        help_text="Published after the meeting began, so it informs the record, not the debate.",
    )
    withdrawn_reason = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = PaperQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(late=False) | ~Q(urgency_reason=""),
                name="late_paper_gives_reason",
                violation_error_message="Enter the chair's reason for urgency: the paper is late.",
            ),
            models.CheckConstraint(
                condition=Q(late=False) | Q(after_meeting=False),
                name="paper_is_late_or_after_the_meeting",
                violation_error_message=(
                    "A paper cannot be both late and published after the meeting."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def meeting(self) -> Meeting:
        return self.item.meeting

    @property
    def editable(self) -> bool:
        return self.status == PaperStatus.DRAFT


class Recommendation(models.Model):
    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="recommendations")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["paper", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["paper", "position"],
                name="one_recommendation_per_number",
                violation_error_message=(
                    "The paper already has a recommendation with that number. Use a different "
                    "number."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.text


class PaperSection(models.Model):
    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField()
    heading = models.CharField(max_length=200)
    body = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["paper", "position", "pk"]

    def __str__(self) -> str:
        return self.heading


def appendix_path(instance: Appendix, filename: str) -> str:
    return f"meetings/appendices/{instance.paper_id}/{filename}"


class Appendix(models.Model):
    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (DOCX)"

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="appendices")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=300)
    file = models.FileField(upload_to=appendix_path, max_length=300)
    original_name = models.CharField(max_length=255)
    kind = models.CharField(max_length=4, choices=Kind.choices)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    pages = models.PositiveIntegerField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["paper", "position"]
        verbose_name_plural = "appendices"

    def __str__(self) -> str:
        return self.title

    @property
    def letter(self) -> str:
        return chr(ord("A") + self.position - 1) if 1 <= self.position <= 26 else str(self.position)


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        APOLOGIES = "apologies", "Apologies"
        ABSENT = "absent", "Absent"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(max_length=20, choices=Status.choices)
    in_place_of = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="substituted_at",
        verbose_name="in place of",
        help_text="The member this person attended for, as their named substitute.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="one_attendance_per_person",
                violation_error_message=(
                    "That person's attendance at the meeting is already recorded. Change it "
                    "instead."
                ),
            ),
            models.UniqueConstraint(
                fields=["meeting", "in_place_of"],
                name="one_substitute_per_member",
                violation_error_message=(
                    "Someone is already recorded as attending in place of that member. Only one "
                    "person can attend in a member's place."
                ),
            ),
            models.CheckConstraint(
                condition=Q(in_place_of__isnull=True) | ~Q(in_place_of=models.F("person")),
                name="substitute_is_not_the_member",
                violation_error_message="A member cannot attend as their own substitute.",
            ),
            models.CheckConstraint(
                condition=Q(in_place_of__isnull=True) | Q(status="present"),
                name="substitute_attends_present",
                violation_error_message="A substitute is recorded only when they attended.",
            ),
        ]

    def __str__(self) -> str:
        if self.in_place_of_id:
            return f"{self.person} (substitute for {self.in_place_of})"
        return f"{self.person}: {self.get_status_display()}"


class Declaration(models.Model):
    class Kind(models.TextChoices):
        DISCLOSABLE_PECUNIARY = "disclosable_pecuniary", "Disclosable pecuniary interest"
        OTHER_PREJUDICIAL = "other_prejudicial", "Other prejudicial interest"
        OTHER_REGISTRABLE = "other_registrable", "Other registrable interest (not prejudicial)"
        NON_REGISTRABLE = "non_registrable", "Non-registrable interest (not prejudicial)"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations")
    item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="declarations"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="declarations")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    description = models.TextField(help_text="What the interest is.")
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()}"

    @property
    def prejudicial(self) -> bool:
        return self.kind in (self.Kind.DISCLOSABLE_PECUNIARY, self.Kind.OTHER_PREJUDICIAL)


class Decision(AppendOnly):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="decisions")
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="decisions")
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    reference = models.CharField(max_length=60)
    summary = models.TextField("Resolution", help_text="What the board resolved, in its words.")
    published_on = models.DateField()
    effective_on = models.DateField()
    supersedes = supersedes_field()
    correction_reason = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["board", "year", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "year", "sequence"],
                name="decision_series",
                violation_error_message=(
                    "That decision number is already used for the board this year. Refresh the "
                    "page and try again."
                ),
            ),
            models.UniqueConstraint(
                fields=["board", "reference"],
                name="decision_reference",
                violation_error_message=(
                    "The board already has a decision with that reference. Use a different "
                    "reference."
                ),
            ),
            models.CheckConstraint(
                condition=Q(effective_on__gte=models.F("published_on")),
                name="decision_effective_after_publication",
                violation_error_message=(
                    "The date the decision takes effect must be the same as or after the date it "
                    "is published."
                ),
            ),
            models.CheckConstraint(
                condition=Q(supersedes__isnull=True) | ~Q(correction_reason=""),
                name="correction_gives_reason",
                violation_error_message="Enter the reason for the correction.",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class RecommendationOutcome(AppendOnly):
    class Outcome(models.TextChoices):
        AGREED = "agreed", "Agreed"
        AGREED_AS_AMENDED = "agreed_as_amended", "Agreed as amended"
        NOT_AGREED = "not_agreed", "Not agreed"
        DEFERRED = "deferred", "Deferred"
        NOTED = "noted", "Noted"

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="outcomes")
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, null=True, blank=True, related_name="outcomes"
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    amended_text = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "recommendation__position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="agreed_as_amended") | ~Q(amended_text=""),
                name="amendment_is_written_down",
                violation_error_message="Enter the recommendation as amended.",
            )
        ]

    def __str__(self) -> str:
        return self.get_outcome_display()


class Vote(AppendOnly):
    class Choice(models.TextChoices):
        FOR = "for", "For"
        AGAINST = "against", "Against"
        ABSTAIN = "abstain", "Abstained"

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="votes")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="votes")
    choice = models.CharField(max_length=10, choices=Choice.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "person"],
                name="one_vote_per_person",
                violation_error_message="That person's vote on the decision is already recorded.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_choice_display()}"


class Minutes(models.Model):
    Status = MinutesStatus

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="minutes")
    body = models.TextField(
        help_text="The record of discussion; decisions are added from the record."
    )
    status = models.CharField(max_length=20, choices=MinutesStatus.choices, default="draft")
    approved_at_item = models.OneToOneField(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approved_minutes",
    )
    approved_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "minutes"
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(approved_at_item__isnull=False) & Q(approved_on__isnull=False)),
                name="approved_minutes_say_where",
                violation_error_message=(
                    "Say at which meeting item, and on what date, the minutes were approved."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"Minutes: {self.meeting}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._stored_approved():
            raise ImmutableRecord("Approved minutes cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self._stored_approved():
            raise ImmutableRecord("Approved minutes cannot be deleted.")
        return super().delete(*args, **kwargs)

    def _stored_approved(self) -> bool:
        return (
            self.pk is not None
            and type(self).objects.filter(pk=self.pk, status=MinutesStatus.APPROVED).exists()
        )


class NoticeException(models.TextChoices):
    """How a key decision is taken without 28 clear days on the forward plan (SI 2012/2089)."""

    GENERAL = "general_exception", "General exception (regulation 15)"
    SPECIAL_URGENCY = "special_urgency", "Special urgency (regulation 16)"


class ForwardPlanEntry(models.Model):
    Status = PlanStatus

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="forward_plan")
    decision_maker = models.CharField(
        max_length=200, blank=True, help_text="Leave blank when the board itself decides."
    )
    title = models.CharField("Decision", max_length=300)
    summary = models.TextField(blank=True)
    expected_date = models.DateField("Expected decision date")
    private = models.BooleanField("To be taken in private", default=False)
    exemption = models.CharField(max_length=2, choices=Exemption.choices, blank=True)
    exemption_reason = models.TextField(blank=True)
    contact = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="forward_plan"
    )
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default="planned")
    published_at = models.DateTimeField(null=True, blank=True)
    item = models.OneToOneField(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forward_plan_entry",
    )
    notice_exception = models.TextField(
        "Why the decision cannot wait for 28 clear days' notice", blank=True
    )
    notice_exception_kind = models.CharField(
        "Short notice taken under", max_length=20, choices=NoticeException.choices, blank=True
    )
    urgency_agreed_by = models.CharField(
        "Who agreed the decision is urgent and cannot reasonably be deferred",
        max_length=200,
        blank=True,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["expected_date", "pk"]
        verbose_name_plural = "forward plan entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(private=False) | ~Q(exemption=""),
                name="private_entry_names_exemption",
                violation_error_message=(
                    "Select the exemption that allows the decision to be taken in private, or "
                    "untick To be taken in private."
                ),
            ),
            models.CheckConstraint(
                condition=Q(notice_exception_kind="") | ~Q(notice_exception=""),
                name="short_notice_gives_reason",
                violation_error_message=(
                    "Enter why the decision cannot wait for 28 clear days' notice."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(notice_exception_kind="special_urgency") | ~Q(urgency_agreed_by=""),
                name="special_urgency_names_who_agreed",
                violation_error_message=(
                    "Enter who agreed the decision is urgent and cannot reasonably be deferred."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def maker(self) -> str:
        return self.decision_maker or self.board.name

    @property
    def notice_given(self) -> bool | None:
        if self.published_at is None:
            return None
        from django.utils import timezone

        published_on = timezone.localdate(self.published_at)
        return published_on <= deadlines.forward_plan_deadline(self.expected_date)


class Subscription(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="subscriptions")
    email = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["email"])

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["board", "email"],
                name="one_subscription_per_address",
                violation_error_message=(
                    "That email address already gets updates about this board's meetings."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.board}: subscriber {self.pk}"


class PackBuild(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Building"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    class Audience(models.TextChoices):
        MEMBERS = "members", "Members"
        PUBLIC = "public", "Public"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="pack_builds")
    audience = models.CharField(max_length=10, choices=Audience.choices)
    content_hash = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default="queued")
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=200, blank=True)
    file = models.FileField(upload_to="meetings/packs/", null=True, blank=True, max_length=300)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["meeting", "audience", "content_hash"])]

    def __str__(self) -> str:
        return f"Pack for {self.meeting} ({self.get_audience_display().lower()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
