"""Every write to indicators, crime imports and results: one function per use case."""

from remit.indicators.services.imports import crime_import_request, crime_import_run
from remit.indicators.services.indicators import (
    indicator_create,
    indicator_publish,
    indicator_update,
    indicator_withdraw,
    indicators_define,
    target_add,
    target_remove,
)
from remit.indicators.services.report_papers import report_attach
from remit.indicators.services.results import (
    milestone_add,
    milestone_complete,
    result_create,
    result_progress,
    result_update,
)
from remit.indicators.services.values import (
    crime_indicators_refresh,
    indicator_refresh,
    local_areas,
    series_load,
    series_upload,
)

__all__ = [
    "crime_import_request",
    "crime_import_run",
    "crime_indicators_refresh",
    "indicator_create",
    "indicator_publish",
    "indicator_refresh",
    "indicator_update",
    "indicator_withdraw",
    "indicators_define",
    "local_areas",
    "milestone_add",
    "milestone_complete",
    "report_attach",
    "result_create",
    "result_progress",
    "result_update",
    "series_load",
    "series_upload",
    "target_add",
    "target_remove",
]
