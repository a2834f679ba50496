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

from remit.indicators.selectors.crime_data import AreaCoverage
from remit.indicators.selectors.crime_data import CrimeData
from remit.indicators.selectors.crime_data import ForceCoverage
from remit.indicators.selectors.crime_data import crime_data
from remit.indicators.selectors.crime_data import crime_indicators
from remit.indicators.selectors.crime_data import crime_summary
from remit.indicators.selectors.crime_data import import_job
from remit.indicators.selectors.figures import GAP_PERIODS
from remit.indicators.selectors.figures import NO_TARGET
from remit.indicators.selectors.figures import AreaRow
from remit.indicators.selectors.figures import Summary
from remit.indicators.selectors.figures import ValueRow
from remit.indicators.selectors.figures import find_indicator
from remit.indicators.selectors.figures import indicator_list
from remit.indicators.selectors.figures import indicators_for
from remit.indicators.selectors.figures import summaries
from remit.indicators.selectors.figures import summarise
from remit.indicators.selectors.figures import value_rows
from remit.indicators.selectors.figures import with_links
from remit.indicators.selectors.for_work import imports_to_watch
from remit.indicators.selectors.for_work import latest_periods
from remit.indicators.selectors.for_work import targets_without_data
from remit.indicators.selectors.formula import HeldIndicator
from remit.indicators.selectors.formula import figures_for
from remit.indicators.selectors.formula import held_indicators
from remit.indicators.selectors.headlines import Headline
from remit.indicators.selectors.headlines import headline_indicators
from remit.indicators.selectors.headlines import movement
from remit.indicators.selectors.pages import AreaPage
from remit.indicators.selectors.pages import MissionPage
from remit.indicators.selectors.pages import ProposalClaim
from remit.indicators.selectors.pages import area_for
from remit.indicators.selectors.pages import area_page
from remit.indicators.selectors.pages import mission_for
from remit.indicators.selectors.pages import mission_page
from remit.indicators.selectors.pages import missions_overview
from remit.indicators.selectors.results import OWNER_KEY
from remit.indicators.selectors.results import RESULTS_PAGE_SIZE
from remit.indicators.selectors.results import SOON_DAYS
from remit.indicators.selectors.results import MissionResults
from remit.indicators.selectors.results import MissionTally
from remit.indicators.selectors.results import Owner
from remit.indicators.selectors.results import ResultsPage
from remit.indicators.selectors.results import ResultView
from remit.indicators.selectors.results import accountability
from remit.indicators.selectors.results import find_owner
from remit.indicators.selectors.results import find_result
from remit.indicators.selectors.results import mission_results
from remit.indicators.selectors.results import mission_tallies
from remit.indicators.selectors.results import owner_key
from remit.indicators.selectors.results import owner_of
from remit.indicators.selectors.results import owner_region_id
from remit.indicators.selectors.results import owner_results
from remit.indicators.selectors.results import proposal_link
from remit.indicators.selectors.results import region_results
from remit.indicators.selectors.results import result_history
from remit.indicators.selectors.results import result_views
from remit.indicators.selectors.results import results_page
from remit.indicators.selectors.versions import area_indicators
from remit.indicators.selectors.versions import figures_version

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
