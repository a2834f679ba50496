"""What tells a person that something needs them: notifications, and how each person wants them.

One event never notifies a person twice: a notification is unique per recipient, kind and
event key (such as ``bid-submitted:42``), so a trigger that runs again finds it already made.
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from remit.core.models import User


class Kind(models.TextChoices):
    PAPER_PUBLISHED = "paper_published", "Papers published to a board I sit on"
    PAPERS_LATE = "papers_late", "A meeting's papers are late"
    BID_SUBMITTED = "bid_submitted", "A bid is submitted for assessment"
    MODERATION_OPENED = "moderation_opened", "Moderation opens on a funding round"
    RECOMMENDATION_RECORDED = "recommendation_recorded", "A recommendation awaits a determination"
    DETERMINATION_MADE = "determination_made", "A determination is made on my organisation's bid"
    RETURN_DUE = "return_due", "A monitoring return is due within 7 days"
    RETURN_OVERDUE = "return_overdue", "A monitoring return is overdue"
    RETURN_SUBMITTED = "return_submitted", "A grantee submits a monitoring return"
    PROPOSAL_REFERRED_BACK = "proposal_referred_back", "A proposal I lead is referred back"
    IMPORT_FINISHED = "import_finished", "An import I started finishes or fails"


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", "Straight away, by e-mail"
    DIGEST = "digest", "In one e-mail a day"
    OFF = "off", "Do not tell me"


DEFAULT_DELIVERY = Delivery.IMMEDIATELY


class NotificationQuerySet(models.QuerySet["Notification"]):
    def for_user(self, user: User) -> NotificationQuerySet:
        return self.filter(recipient_id=user.pk)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def awaiting_digest(self) -> NotificationQuerySet:
        return self.filter(delivery=Delivery.DIGEST, emailed_at__isnull=True)


class Notification(models.Model):
    """One event told to one person: in their list, and by e-mail as they chose."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40, choices=Kind.choices)
    event_key = models.CharField(
        max_length=200, help_text="Names the event, so it is told to each person once."
    )
    title = models.CharField(max_length=300)
    link = models.CharField(max_length=500, help_text="The page where the thing is, on this site.")
    created = models.DateTimeField()
    delivery = models.CharField(
        max_length=20,
        choices=Delivery.choices,
        help_text="How the recipient wanted this kind when it was made.",
    )
    emailed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "event_key"],
                name="one_notification_per_event",
                violation_error_message="That notification has already been sent.",
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    """How one person wants to hear about one kind of event; without a row, straight away."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=40, choices=Kind.choices)
    delivery = models.CharField(max_length=20, choices=Delivery.choices, default=DEFAULT_DELIVERY)
    history = HistoricalRecords()

    class Meta:
        ordering = ["user", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                name="one_preference_per_kind",
                violation_error_message=(
                    "There is already a setting for that kind of notification. Change that setting"
                    " instead."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_delivery_display()}"
