"""The Django admin shows every record and edits only accounts.

Every other record changes through its services, which check who may make the change,
keep the workflow's rules (a published grant's amount, a recorded decision, a submitted
score) and write the history with the reason. An admin form would skip all three, so
Remit's records are read-only here, simple-history's revert included.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http import HttpResponse
from simple_history.admin import SimpleHistoryAdmin

from remit.core.models import Area
from remit.core.models import Board
from remit.core.models import GovernanceRoute
from remit.core.models import Membership
from remit.core.models import Mission
from remit.core.models import Organisation
from remit.core.models import Person
from remit.core.models import Region
from remit.core.models import Substitute
from remit.core.models import Theme
from remit.core.models import User
from remit.core.models import Workstream

# Registered admins that may change their records: accounts, and other packages' own
# bookkeeping (sign-in lockouts, which an administrator clears; background task results).
EDITABLE_IN_ADMIN = frozenset(
    {
        "core.User",
        "auth.Group",
        "axes.AccessAttempt",
        "axes.AccessLog",
        "axes.AccessFailureLog",
        "django_tasks_database.DBTaskResult",
    }
)

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class NoWritesHere:
    """Records are added, changed and deleted through the services, never in the admin."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyModelAdmin(NoWritesHere, admin.ModelAdmin):  # type: ignore[type-arg]
    """Shown; never added, changed or deleted here."""


class ReadOnlyAdmin(ReadOnlyModelAdmin, SimpleHistoryAdmin):  # type: ignore[misc]
    """Shown with its history; never added, changed, deleted or reverted here."""

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """simple-history saves a posted past version whatever the change permission says."""
        if request.method not in SAFE_METHODS:
            raise PermissionDenied
        response: HttpResponse = super().history_form_view(
            request, object_id, version_id, extra_context
        )
        return response


class ReadOnlyInline(NoWritesHere, admin.TabularInline):  # type: ignore[type-arg]
    """A record's parts, shown with it and changed only through the services."""

    extra = 0


for model in (
    Region,
    Area,
    Organisation,
    Person,
    Mission,
    Theme,
    Workstream,
    Board,
    Membership,
    Substitute,
    GovernanceRoute,
):
    admin.site.register(model, ReadOnlyAdmin)


@admin.register(User)
class RemitUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Remit", {"fields": ("role", "organisation", "person")}))
    list_display = ("username", "email", "role", "organisation", "is_active")
    list_filter = ("role", "is_active")
