"""Reads for indicator pages, dashboards, the API and the area report.

Each page loads its indicators, all their figures, targets and areas in a fixed number
of queries, then works out trends, ranks, gaps and RAG with `measures`.

Areas whose own police force's crimes are not in the store for a month (their figure
is only what a neighbouring force recorded there) are shown, marked as partial, and
left out of that month's ranks, gap and region figure.

Areas a region pack lists for comparison (``Area.context``) are shown with their figures
but are not part of the region: never in its figure, ranks or gap, nor in whether the
region's figure is complete.

One module per seam; everything is importable from here.
"""

from remit.indicators.selectors.crime_data import (
    AreaCoverage,
    CrimeData,
    ForceCoverage,
    crime_data,
    crime_indicators,
    crime_summary,
    import_job,
)
from remit.indicators.selectors.figures import (
    GAP_PERIODS,
    NO_TARGET,
    AreaRow,
    Summary,
    ValueRow,
    find_indicator,
    indicator_list,
    indicators_for,
    summaries,
    summarise,
    value_rows,
    with_links,
)
from remit.indicators.selectors.for_work import (
    imports_to_watch,
    latest_periods,
    targets_without_data,
)
from remit.indicators.selectors.formula import (
    HeldIndicator,
    figures_for,
    held_indicators,
)
from remit.indicators.selectors.headlines import (
    Headline,
    headline_indicators,
    movement,
)
from remit.indicators.selectors.pages import (
    AreaPage,
    MissionPage,
    ProposalClaim,
    area_for,
    area_page,
    mission_for,
    mission_page,
    missions_overview,
)
from remit.indicators.selectors.results import (
    OWNER_KEY,
    RESULTS_PAGE_SIZE,
    SOON_DAYS,
    MissionResults,
    MissionTally,
    Owner,
    ResultsPage,
    ResultView,
    accountability,
    find_owner,
    find_result,
    mission_results,
    mission_tallies,
    owner_key,
    owner_of,
    owner_region_id,
    owner_results,
    proposal_link,
    region_results,
    result_history,
    result_views,
    results_page,
)
from remit.indicators.selectors.versions import (
    area_indicators,
    figures_version,
)

__all__ = [
    "GAP_PERIODS",
    "NO_TARGET",
    "OWNER_KEY",
    "RESULTS_PAGE_SIZE",
    "SOON_DAYS",
    "AreaCoverage",
    "AreaPage",
    "AreaRow",
    "CrimeData",
    "ForceCoverage",
    "Headline",
    "HeldIndicator",
    "MissionPage",
    "MissionResults",
    "MissionTally",
    "Owner",
    "ProposalClaim",
    "ResultView",
    "ResultsPage",
    "Summary",
    "ValueRow",
    "accountability",
    "area_for",
    "area_indicators",
    "area_page",
    "crime_data",
    "crime_indicators",
    "crime_summary",
    "figures_for",
    "figures_version",
    "find_indicator",
    "find_owner",
    "find_result",
    "headline_indicators",
    "held_indicators",
    "import_job",
    "imports_to_watch",
    "indicator_list",
    "indicators_for",
    "latest_periods",
    "mission_for",
    "mission_page",
    "mission_results",
    "mission_tallies",
    "missions_overview",
    "movement",
    "owner_key",
    "owner_of",
    "owner_region_id",
    "owner_results",
    "proposal_link",
    "region_results",
    "result_history",
    "result_views",
    "results_page",
    "summaries",
    "summarise",
    "targets_without_data",
    "value_rows",
    "with_links",
]
