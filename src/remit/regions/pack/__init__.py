"""Read a region pack: parse the YAML, validate it, check it hangs together, return dataclasses.

Pure on purpose (no Django): the loader, the CLI and the tests all need the same verdict on a
pack, and every problem in a pack is reported at once, each at its path and line, so that a
person editing a long file can fix them in one pass.

One module per seam; everything is importable from here.
"""

from remit.regions.pack.building import build_pack
from remit.regions.pack.consistency import CRIME_KINDS
from remit.regions.pack.consistency import consistency_issues
from remit.regions.pack.fields import check_listed
from remit.regions.pack.fields import day_field
from remit.regions.pack.fields import entries
from remit.regions.pack.fields import keys_of
from remit.regions.pack.fields import known_keys
from remit.regions.pack.fields import text_field
from remit.regions.pack.fields import unknown_reference
from remit.regions.pack.governance import check_board_parents
from remit.regions.pack.governance import check_funds
from remit.regions.pack.governance import check_memberships
from remit.regions.pack.governance import check_quorums
from remit.regions.pack.governance import check_routes
from remit.regions.pack.governance import check_substitutes
from remit.regions.pack.loading import examine_document
from remit.regions.pack.loading import load_pack
from remit.regions.pack.loading import load_pack_file
from remit.regions.pack.loading import pack_version_of
from remit.regions.pack.loading import read_document
from remit.regions.pack.loading import read_pack_text
from remit.regions.pack.loading import shipped_packs
from remit.regions.pack.loading import validate_pack
from remit.regions.pack.model import Area
from remit.regions.pack.model import Board
from remit.regions.pack.model import Fund
from remit.regions.pack.model import GovernanceRoute
from remit.regions.pack.model import Indicator
from remit.regions.pack.model import Membership
from remit.regions.pack.model import Mission
from remit.regions.pack.model import Organisation
from remit.regions.pack.model import Person
from remit.regions.pack.model import Region
from remit.regions.pack.model import RegionPack
from remit.regions.pack.model import Theme
from remit.regions.pack.model import Workstream
from remit.regions.pack.parsing import Document
from remit.regions.pack.parsing import parse
from remit.regions.pack.problems import DocumentCheck
from remit.regions.pack.problems import PackError
from remit.regions.pack.problems import PackIssue
from remit.regions.pack.problems import PathParts
from remit.regions.pack.problems import format_path
from remit.regions.pack.schema import load_schema
from remit.regions.pack.schema import schema_issues
from remit.regions.pack.schema import suggestion
from remit.regions.pack.schema import validator_at
from remit.regions.pack.terms import AMOUNT
from remit.regions.pack.terms import AREA_CODE_PREFIXES
from remit.regions.pack.terms import AREA_KINDS
from remit.regions.pack.terms import BOARD_KINDS
from remit.regions.pack.terms import DOCUMENT
from remit.regions.pack.terms import FINANCIAL_YEAR
from remit.regions.pack.terms import FORCE_AREA_KINDS
from remit.regions.pack.terms import FORCE_COUNTRIES
from remit.regions.pack.terms import GSS_CODE
from remit.regions.pack.terms import ISO_DATE
from remit.regions.pack.terms import MEETING_FREQUENCIES
from remit.regions.pack.terms import MEMBERSHIP_ROLES
from remit.regions.pack.terms import ORGANISATION_KINDS
from remit.regions.pack.terms import PACK_DIR
from remit.regions.pack.terms import PACK_VERSION
from remit.regions.pack.terms import PENNY
from remit.regions.pack.terms import SCHEMA_ID
from remit.regions.pack.terms import SCHEMA_PATH
from remit.regions.pack.terms import VOTING_ROLES

__all__ = [
    "AMOUNT",
    "AREA_CODE_PREFIXES",
    "AREA_KINDS",
    "BOARD_KINDS",
    "CRIME_KINDS",
    "DOCUMENT",
    "FINANCIAL_YEAR",
    "FORCE_AREA_KINDS",
    "FORCE_COUNTRIES",
    "GSS_CODE",
    "ISO_DATE",
    "MEETING_FREQUENCIES",
    "MEMBERSHIP_ROLES",
    "ORGANISATION_KINDS",
    "PACK_DIR",
    "PACK_VERSION",
    "PENNY",
    "SCHEMA_ID",
    "SCHEMA_PATH",
    "VOTING_ROLES",
    "Area",
    "Board",
    "Document",
    "DocumentCheck",
    "Fund",
    "GovernanceRoute",
    "Indicator",
    "Membership",
    "Mission",
    "Organisation",
    "PackError",
    "PackIssue",
    "PathParts",
    "Person",
    "Region",
    "RegionPack",
    "Theme",
    "Workstream",
    "build_pack",
    "check_board_parents",
    "check_funds",
    "check_listed",
    "check_memberships",
    "check_quorums",
    "check_routes",
    "check_substitutes",
    "consistency_issues",
    "day_field",
    "entries",
    "examine_document",
    "format_path",
    "keys_of",
    "known_keys",
    "load_pack",
    "load_pack_file",
    "load_schema",
    "pack_version_of",
    "parse",
    "read_document",
    "read_pack_text",
    "schema_issues",
    "shipped_packs",
    "suggestion",
    "text_field",
    "unknown_reference",
    "validate_pack",
    "validator_at",
]
