"""The one write "Your work" makes: when its owner last looked."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction

from remit.core.permissions import ALLOW, SIGN_IN, require, signed_in
from remit.work.models import LastLooked


@transaction.atomic
def looked(*, by: Any, at: datetime) -> LastLooked:
    """Record that the person has seen their work as it stood at ``at``."""
    require(ALLOW if signed_in(by) else SIGN_IN)
    mark, _ = LastLooked.objects.update_or_create(user=by, defaults={"at": at})
    return mark
