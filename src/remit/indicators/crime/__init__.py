"""The police.uk crime store: Parquet files written and read by DuckDB.

Crime rows never pass through Python or the ORM: a national archive is
about 100 million rows, so every import and every count is a DuckDB query
over files on disk, and nothing another process needs is kept in memory.

`store` holds the layout, manifest, engine, locks and commits; `importing`
reads, checks and writes police.uk files; `lookup` loads the LSOA to
district lookup; `counting` counts crimes per area, month and crime type.
"""

from remit.indicators.crime.counting import SUMMARY_HEADER
from remit.indicators.crime.counting import Area
from remit.indicators.crime.counting import SummaryRow
from remit.indicators.crime.counting import row_files
from remit.indicators.crime.counting import series
from remit.indicators.crime.counting import status
from remit.indicators.crime.counting import summary
from remit.indicators.crime.counting import summary_csv
from remit.indicators.crime.importing import ImportReport
from remit.indicators.crime.importing import Progress
from remit.indicators.crime.importing import import_paths
from remit.indicators.crime.lookup import LookupInfo
from remit.indicators.crime.lookup import load_lsoa_lookup
from remit.indicators.crime.lookup import lookup_info
from remit.indicators.crime.store import EngineLimits
from remit.indicators.crime.store import ForceMonth
from remit.indicators.crime.store import backup_files
from remit.indicators.crime.store import connect
from remit.indicators.crime.store import held_still
from remit.indicators.crime.store import read_manifest
from remit.indicators.crime.store import reading

__all__ = [
    "SUMMARY_HEADER",
    "Area",
    "EngineLimits",
    "ForceMonth",
    "ImportReport",
    "LookupInfo",
    "Progress",
    "SummaryRow",
    "backup_files",
    "connect",
    "held_still",
    "import_paths",
    "load_lsoa_lookup",
    "lookup_info",
    "read_manifest",
    "reading",
    "row_files",
    "series",
    "status",
    "summary",
    "summary_csv",
]
