"""When each person last opened their work, so the page can show what is new since."""

from __future__ import annotations

from django.conf import settings
from django.db import models


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
