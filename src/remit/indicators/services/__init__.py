"""Every write to indicators, crime imports and results: one function per use case."""

from remit.indicators.services.imports import crime_import_request
from remit.indicators.services.imports import crime_import_run
from remit.indicators.services.indicators import indicator_create
from remit.indicators.services.indicators import indicator_publish
from remit.indicators.services.indicators import indicator_update
from remit.indicators.services.indicators import indicator_withdraw
from remit.indicators.services.indicators import indicators_define
from remit.indicators.services.indicators import target_add
from remit.indicators.services.indicators import target_remove
from remit.indicators.services.report_papers import report_attach
from remit.indicators.services.results import milestone_add
from remit.indicators.services.results import milestone_complete
from remit.indicators.services.results import result_create
from remit.indicators.services.results import result_progress
from remit.indicators.services.results import result_update
from remit.indicators.services.values import crime_indicators_refresh
from remit.indicators.services.values import indicator_refresh
from remit.indicators.services.values import local_areas
from remit.indicators.services.values import series_load
from remit.indicators.services.values import series_upload

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
