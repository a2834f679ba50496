"""Indicators and results in the admin: shown, drafts included, changed only through services."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from remit.core.admin import ReadOnlyAdmin
from remit.indicators.models import AreaForce
from remit.indicators.models import ImportJob
from remit.indicators.models import Indicator
from remit.indicators.models import Result
from remit.indicators.models import ResultMilestone
from remit.indicators.models import Target


class DraftsShownAdmin(ReadOnlyAdmin):
    """Drafts shown too: the model's default manager leaves unpublished records out."""

    def get_queryset(self, request: HttpRequest) -> Any:
        return self.model.all_objects.all()


@admin.register(Indicator)
class IndicatorAdmin(DraftsShownAdmin):
    list_display = ("name", "slug", "region", "origin", "kind", "is_published")
    list_filter = ("region", "origin", "kind", "is_published")
    search_fields = ("name", "slug")


@admin.register(Target)
class TargetAdmin(ReadOnlyAdmin):
    list_display = ("indicator", "area", "due", "value")


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    list_display = ("original_name", "region", "status", "files_done", "rows_done", "created_at")
    list_filter = ("status",)


@admin.register(Result)
class ResultAdmin(DraftsShownAdmin):
    list_display = ("title", "owner_label", "progress_percent", "is_published")


@admin.register(ResultMilestone)
class ResultMilestoneAdmin(ReadOnlyAdmin):
    list_display = ("title", "result", "due", "done_on")


@admin.register(AreaForce)
class AreaForceAdmin(ReadOnlyAdmin):
    list_display = ("area", "force", "force_name")
