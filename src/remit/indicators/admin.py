from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from remit.indicators.models import (
    AreaForce,
    ImportJob,
    Indicator,
    Result,
    ResultMilestone,
    Target,
)


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ("name", "slug", "region", "kind", "unit", "is_published")
    list_filter = ("region", "kind", "is_published")
    search_fields = ("name", "slug")

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return Indicator.all_indicators.all()


@admin.register(Target)
class TargetAdmin(SimpleHistoryAdmin):
    list_display = ("indicator", "area", "due", "value")


@admin.register(ImportJob)
class ImportJobAdmin(SimpleHistoryAdmin):
    list_display = ("original_name", "region", "status", "files_done", "rows_done", "created_at")
    list_filter = ("status",)


@admin.register(Result)
class ResultAdmin(SimpleHistoryAdmin):
    list_display = ("title", "owner_label", "progress_percent", "is_published")

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return Result.all_results.all()


@admin.register(ResultMilestone)
class ResultMilestoneAdmin(SimpleHistoryAdmin):
    list_display = ("title", "result", "due", "done_on")


@admin.register(AreaForce)
class AreaForceAdmin(SimpleHistoryAdmin):
    list_display = ("area", "force", "force_name")
