"""When each person last opened their work, so the page can show what is new since."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class LastLooked(models.Model):
    """A bookmark, not a business record: it changes on every visit, so it keeps no history."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="work_last_looked"
    )
    at = models.DateTimeField()

    class Meta:
        verbose_name = "last look at their work"

    def __str__(self) -> str:
        return f"{self.user} last looked at {self.at:%d %b %Y %H:%M}"


class FailedJobAction(models.Model):
    """What an administrator did about a background job that failed: ran it again, or set it
    aside with a reason. One per failed job, never changed; the job then leaves their list."""

    class Action(models.TextChoices):
        RETRIED = "retried", "Run again"
        DISMISSED = "dismissed", "Dismissed"

    job_id = models.UUIDField(unique=True, help_text="The failed background job.")
    task = models.CharField(max_length=200, help_text="What the job was doing.")
    action = models.CharField(max_length=20, choices=Action.choices)
    reason = models.TextField(blank=True)
    retry_id = models.CharField(max_length=64, blank=True, help_text="The job that ran it again.")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "action on a failed background job"

    def __str__(self) -> str:
        return f"{self.task}: {self.get_action_display().lower()}"
