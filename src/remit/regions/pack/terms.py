"""What a pack may say: its format version, the kinds and roles it names, and the
patterns its values follow.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

from remit.regions import versions

PACK_DIR = Path(__file__).resolve().parent.parent  # the packs sit beside this package
SCHEMA_PATH = PACK_DIR / "schema.json"
SCHEMA_ID = "https://remit.example/schemas/region-pack.json"
PACK_VERSION = versions.CURRENT

AREA_KINDS = (
    "metropolitan_district",
    "unitary",
    "non_metropolitan_district",
    "county",
    "combined_authority_area",
    "police_force_area",
    "community_safety_partnership_area",
    "other",
)
ORGANISATION_KINDS = (
    "combined_authority",
    "local_authority",
    "police_force",
    "pcc_office",
    "fire_and_rescue",
    "violence_reduction_unit",
    "health",
    "probation",
    "youth_justice",
    "voluntary_sector",
    "business",
    "government_department",
    "other",
)
BOARD_KINDS = ("board", "committee", "forum", "officer_group", "partnership", "negotiating_team")
MEETING_FREQUENCIES = (
    "weekly",
    "fortnightly",
    "monthly",
    "bimonthly",
    "quarterly",
    "biannual",
    "annual",
    "ad_hoc",
)
MEMBERSHIP_ROLES = ("chair", "vice_chair", "member", "adviser", "secretariat")
VOTING_ROLES = frozenset({"chair", "vice_chair", "member"})

# ONS entity codes (the first three characters of a GSS code) that each kind of area carries.
AREA_CODE_PREFIXES: Mapping[str, tuple[str, ...]] = {
    "metropolitan_district": ("E08",),
    "unitary": ("E06", "W06", "S12", "N09"),
    "non_metropolitan_district": ("E07",),
    "county": ("E10",),
    "combined_authority_area": ("E47",),
    "police_force_area": ("E23", "W15"),
}

# Areas that must name their police forces (from pack version 2): the districts and unitaries
# of England and Wales, where police.uk publishes crimes.
FORCE_AREA_KINDS = frozenset({"metropolitan_district", "unitary", "non_metropolitan_district"})
FORCE_COUNTRIES = ("E", "W")

DOCUMENT = "(document)"
GSS_CODE = re.compile(r"[EWSN]\d{8}")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
FINANCIAL_YEAR = re.compile(r"(\d{4})/(\d{2})")
AMOUNT = re.compile(r"\d+(?:\.(\d+))?")
PENNY = Decimal("0.01")
