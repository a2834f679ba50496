"""Reads of the fund for pages, exports and the API, with the joins done once.

Every listing costs the same number of queries whether a round has five bids or five hundred:
sums come from subqueries, related rows from one prefetch each, and scores are summarised in
Python from one flat query. One module per seam; everything is importable from here.
"""

from remit.funding.selectors.assessment import Moderation
from remit.funding.selectors.assessment import ModerationRow
from remit.funding.selectors.assessment import assessed_bids
from remit.funding.selectors.assessment import bid_scores
from remit.funding.selectors.assessment import declared_interests
from remit.funding.selectors.assessment import moderation
from remit.funding.selectors.assessment import my_scores
from remit.funding.selectors.assessment import scored_in_full
from remit.funding.selectors.assessment import withheld_from
from remit.funding.selectors.bids import HISTORY_PARTS
from remit.funding.selectors.bids import BidPage
from remit.funding.selectors.bids import bid_history
from remit.funding.selectors.bids import bid_list
from remit.funding.selectors.bids import bid_page
from remit.funding.selectors.bids import find_bid
from remit.funding.selectors.bids import find_round
from remit.funding.selectors.bids import own_bids
from remit.funding.selectors.bids import round_detail
from remit.funding.selectors.bids import with_sums
from remit.funding.selectors.funds import BOUND_LABELS
from remit.funding.selectors.funds import Allocation
from remit.funding.selectors.funds import BuilderChoices
from remit.funding.selectors.funds import Comparison
from remit.funding.selectors.funds import ComparisonRow
from remit.funding.selectors.funds import Difference
from remit.funding.selectors.funds import EnvelopeRow
from remit.funding.selectors.funds import FundPage
from remit.funding.selectors.funds import ScenarioPage
from remit.funding.selectors.funds import ScenarioRow
from remit.funding.selectors.funds import adoptions
from remit.funding.selectors.funds import allocation
from remit.funding.selectors.funds import builder_choices
from remit.funding.selectors.funds import compare
from remit.funding.selectors.funds import difference
from remit.funding.selectors.funds import find_fund
from remit.funding.selectors.funds import fund_list
from remit.funding.selectors.funds import fund_page
from remit.funding.selectors.funds import prefill_areas
from remit.funding.selectors.funds import previous_allocation
from remit.funding.selectors.funds import scenario_page
from remit.funding.selectors.funds import scenario_prefill
from remit.funding.selectors.funds import scenarios
from remit.funding.selectors.grants import PUBLISHED_FIELDS
from remit.funding.selectors.grants import GrantRow
from remit.funding.selectors.grants import InstalmentLine
from remit.funding.selectors.grants import MeasureLine
from remit.funding.selectors.grants import Publication
from remit.funding.selectors.grants import find_grant
from remit.funding.selectors.grants import find_published_grant
from remit.funding.selectors.grants import grant_history
from remit.funding.selectors.grants import grant_publication
from remit.funding.selectors.grants import grant_row
from remit.funding.selectors.grants import grant_rows
from remit.funding.selectors.grants import instalment_lines
from remit.funding.selectors.grants import measure_lines
from remit.funding.selectors.grants import publication_changes
from remit.funding.selectors.grants import publication_figures
from remit.funding.selectors.grants import published_grants
from remit.funding.selectors.grants import status_counts
from remit.funding.selectors.maps import SERVES_SEVERAL
from remit.funding.selectors.maps import FundMap
from remit.funding.selectors.maps import bids_by_area
from remit.funding.selectors.maps import fund_reach
from remit.funding.selectors.maps import grants_by_area
from remit.funding.selectors.maps import published_grants_by_area
from remit.funding.selectors.maps import scenario_map
from remit.funding.selectors.open_data import ExportVersion
from remit.funding.selectors.open_data import export_version
from remit.funding.selectors.openness import awaiting_determination
from remit.funding.selectors.openness import bids_to_assess
from remit.funding.selectors.openness import determinations_by
from remit.funding.selectors.openness import export_grants
from remit.funding.selectors.openness import grant_records
from remit.funding.selectors.openness import grants_for
from remit.funding.selectors.openness import instalments_due
from remit.funding.selectors.openness import live_bids_for
from remit.funding.selectors.openness import open_rounds_for
from remit.funding.selectors.openness import published_versions
from remit.funding.selectors.openness import returns_outstanding
from remit.funding.selectors.openness import rounds_in_moderation
from remit.funding.selectors.openness import rounds_to_moderate
from remit.funding.selectors.paged import LIST_PAGE_SIZE
from remit.funding.selectors.paged import BidList
from remit.funding.selectors.paged import GrantList
from remit.funding.selectors.paged import ModerationPage
from remit.funding.selectors.paged import bid_list_page
from remit.funding.selectors.paged import grant_list
from remit.funding.selectors.paged import moderation_page
from remit.funding.selectors.public_rounds import agenda_meetings
from remit.funding.selectors.public_rounds import asked_by_year
from remit.funding.selectors.public_rounds import awaiting_recommendation
from remit.funding.selectors.public_rounds import corrected_by
from remit.funding.selectors.public_rounds import find_notice
from remit.funding.selectors.public_rounds import find_public_notice
from remit.funding.selectors.public_rounds import find_public_round
from remit.funding.selectors.public_rounds import open_rounds
from remit.funding.selectors.public_rounds import public_notices
from remit.funding.selectors.public_rounds import recommendation_items
from remit.funding.selectors.public_rounds import round_agenda_items
from remit.funding.selectors.public_rounds import round_notices
from remit.funding.selectors.suggested_package import PackageLine
from remit.funding.selectors.suggested_package import PackageView
from remit.funding.selectors.suggested_package import suggested_package

__all__ = [
    "BOUND_LABELS",
    "HISTORY_PARTS",
    "LIST_PAGE_SIZE",
    "PUBLISHED_FIELDS",
    "SERVES_SEVERAL",
    "Allocation",
    "BidList",
    "BidPage",
    "BuilderChoices",
    "Comparison",
    "ComparisonRow",
    "Difference",
    "EnvelopeRow",
    "ExportVersion",
    "FundMap",
    "FundPage",
    "GrantList",
    "GrantRow",
    "InstalmentLine",
    "MeasureLine",
    "Moderation",
    "ModerationPage",
    "ModerationRow",
    "PackageLine",
    "PackageView",
    "Publication",
    "ScenarioPage",
    "ScenarioRow",
    "adoptions",
    "agenda_meetings",
    "allocation",
    "asked_by_year",
    "assessed_bids",
    "awaiting_determination",
    "awaiting_recommendation",
    "bid_history",
    "bid_list",
    "bid_list_page",
    "bid_page",
    "bid_scores",
    "bids_by_area",
    "bids_to_assess",
    "builder_choices",
    "compare",
    "corrected_by",
    "declared_interests",
    "determinations_by",
    "difference",
    "export_grants",
    "export_version",
    "find_bid",
    "find_fund",
    "find_grant",
    "find_notice",
    "find_public_notice",
    "find_public_round",
    "find_published_grant",
    "find_round",
    "fund_list",
    "fund_page",
    "fund_reach",
    "grant_history",
    "grant_list",
    "grant_publication",
    "grant_records",
    "grant_row",
    "grant_rows",
    "grants_by_area",
    "grants_for",
    "instalment_lines",
    "instalments_due",
    "live_bids_for",
    "measure_lines",
    "moderation",
    "moderation_page",
    "my_scores",
    "open_rounds",
    "open_rounds_for",
    "own_bids",
    "prefill_areas",
    "previous_allocation",
    "public_notices",
    "publication_changes",
    "publication_figures",
    "published_grants",
    "published_grants_by_area",
    "published_versions",
    "recommendation_items",
    "returns_outstanding",
    "round_agenda_items",
    "round_detail",
    "round_notices",
    "rounds_in_moderation",
    "rounds_to_moderate",
    "scenario_map",
    "scenario_page",
    "scenario_prefill",
    "scenarios",
    "scored_in_full",
    "status_counts",
    "suggested_package",
    "with_sums",
    "withheld_from",
]
