from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from remit.core.models import (
    Area,
    Board,
    GovernanceRoute,
    Membership,
    Mission,
    Organisation,
    Person,
    Region,
    Theme,
    User,
    Workstream,
)

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
    GovernanceRoute,
):
    admin.site.register(model, SimpleHistoryAdmin)


@admin.register(User)
class RemitUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Remit", {"fields": ("role", "organisation", "person")}))
    list_display = ("username", "email", "role", "organisation", "is_active")
    list_filter = ("role", "is_active")
