"""Official area statistics for indicators: the English Indices of Deprivation 2019 and
ONS mid-2019 populations, read from the published files with DuckDB and openpyxl.

District figures are made the way the official district summaries (IoD 2019 File 10)
make them: a population-weighted average over the district's LSOAs, with the File 6
population denominators (mid-2015, excluding prisoners) as weights. The LSOA ranks are
turned round first (32,844 is the most deprived), so a higher average rank means a more
deprived district, as in File 10. The LSOA scores (Files 5 and 7) are not among the
shared files, so average *scores* are read from File 10 itself.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP
from decimal import Decimal
from pathlib import Path

import duckdb

FILE_1 = "File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz"
FILE_2 = "File_2_-_IoD2019_Domains_of_Deprivation.csv.gz"
FILE_6 = "File_6_-_IoD2019_Population_Denominators.csv.gz"
FILE_10 = "File_10_-_IoD2019_Local_Authority_District_Summaries__lower-tier__.xlsx"
LSOA_POPULATION = "2019_population.csv"

DOMAIN_RANK_COLUMNS = {
    "IMD": "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)",
    "Crime": "Crime Rank (where 1 is most deprived)",
}
TWO_PLACES = Decimal("0.01")


class ReferenceDataError(ValueError):
    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(f"{path}: {message}")
        self.message = message
        self.path = path


def _require(path: Path) -> str:
    if not path.is_file():
        raise ReferenceDataError("no such file", path=str(path))
    return str(path)


def district_summary(file_10: Path, sheet: str, measure: str) -> dict[str, Decimal]:
    """One measure of File 10 per district, e.g. sheet "IMD", measure "Average score"."""
    from openpyxl import load_workbook

    from remit.core.archives import ArchiveRefused
    from remit.core.archives import ZipLimits
    from remit.core.archives import open_zip

    try:
        with open_zip(_require(file_10), ZipLimits.configured(documents=True)):
            pass
    except ArchiveRefused as exc:
        raise ReferenceDataError(exc.message, path=str(file_10)) from exc
    workbook = load_workbook(_require(file_10), read_only=True, data_only=True)
    try:
        if sheet not in workbook.sheetnames:
            raise ReferenceDataError(f"no sheet {sheet!r}", path=str(file_10))
        rows = workbook[sheet].iter_rows(values_only=True)
        header = [str(h or "").strip() for h in next(rows)]
        wanted = f"{sheet} - {measure}"
        if wanted not in header:
            raise ReferenceDataError(f"sheet {sheet!r} has no column {wanted!r}", path=str(file_10))
        column = header.index(wanted)
        found: dict[str, Decimal] = {}
        for row in rows:
            code = row[0]
            if isinstance(code, str) and code.strip():
                found[code.strip()] = Decimal(str(row[column]))
        return found
    finally:
        workbook.close()


_AVERAGE_RANK = """
    WITH ranks AS (
        SELECT "LSOA code (2011)" AS lsoa,
               "Local Authority District code (2019)" AS district,
               replace("{rank_column}", ',', '')::INTEGER AS rank
        FROM read_csv($file_2, all_varchar = true, header = true)),
    people AS (
        SELECT "LSOA code (2011)" AS lsoa,
               replace("Total population: mid 2015 (excluding prisoners)", ',', '')::BIGINT AS pop
        FROM read_csv($file_6, all_varchar = true, header = true)),
    lsoas AS (SELECT count(*) AS n FROM ranks)
    SELECT district,
           sum((lsoas.n + 1 - rank)::DECIMAL(38, 6) * pop) / sum(pop) AS average_rank
    FROM ranks JOIN people USING (lsoa) CROSS JOIN lsoas
    GROUP BY district
"""


def average_rank(file_2: Path, file_6: Path, domain: str) -> dict[str, Decimal]:
    """Population-weighted average LSOA rank per district (higher: more deprived), 2 places."""
    if domain not in DOMAIN_RANK_COLUMNS:
        raise ReferenceDataError(f"no domain {domain!r}", path=str(file_2))
    sql = _AVERAGE_RANK.format(rank_column=DOMAIN_RANK_COLUMNS[domain])
    with duckdb.connect() as con:
        rows = con.execute(sql, {"file_2": _require(file_2), "file_6": _require(file_6)}).fetchall()
    return {
        str(code): Decimal(str(value)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
        for code, value in rows
    }


_DISTRICT_POPULATION = """
    WITH pop AS (
        SELECT lsoa, replace(pop, ',', '')::BIGINT AS pop
        FROM read_csv($population, all_varchar = true, header = true)
        WHERE lsoa LIKE 'E01%'),
    lookup AS (
        SELECT "LSOA code (2011)" AS lsoa, "Local Authority District code (2019)" AS district
        FROM read_csv($file_1, all_varchar = true, header = true))
    SELECT district, sum(pop)::BIGINT FROM pop JOIN lookup USING (lsoa) GROUP BY district
"""


def district_population(lsoa_population: Path, file_1: Path) -> dict[str, int]:
    """ONS mid-2019 population per 2019 district, summed from the LSOA estimates."""
    params = {"population": _require(lsoa_population), "file_1": _require(file_1)}
    with duckdb.connect() as con:
        rows = con.execute(_DISTRICT_POPULATION, params).fetchall()
    return {str(code): int(total) for code, total in rows}
