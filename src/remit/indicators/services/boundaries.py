"""Loading the region's boundary shapes and its neighbourhoods' figures.

A load is all or nothing: every district of the region needs a shape, else nothing is
written and the refusal names each district without one. A load replaces the region's
shapes whole and records who loaded them, from which files, with the attribution the
licence asks for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
from django.db import transaction

from remit.core.errors import DomainError
from remit.core.models import Area
from remit.core.models import Region
from remit.core.models import User
from remit.core.services.writes import save_attributed
from remit.indicators import boundaries
from remit.indicators.places import Boundary
from remit.indicators.places import BoundaryLoad
from remit.indicators.places import Neighbourhood
from remit.indicators.services.values import local_areas


@dataclass
class BoundaryReport:
    load: BoundaryLoad
    without_neighbourhoods: list[str]  # district names with no LSOA shapes loaded
    size_bytes: int


def boundaries_load(
    *,
    by: User | None,
    region: Region,
    paths: Sequence[Path],
    attribution: str = boundaries.ATTRIBUTION,
) -> BoundaryReport:
    """Read, check and store the shapes of the region's districts and their LSOAs."""
    areas = local_areas(region)
    codes = [a.code for a in areas]
    try:
        files = boundaries.files_to_read(paths, codes)
        found = boundaries.scan((str(f), boundaries.read_topology(f)) for f in files)
    except boundaries.BoundaryError as exc:
        raise DomainError(f"{exc}; nothing was loaded.", field="files") from exc
    missing = boundaries.missing_districts(found, codes)
    if missing:
        names = {a.code: a.name for a in areas}
        raise DomainError(
            "No shape for "
            + ", ".join(f"{names[c]} ({c})" for c in missing)
            + ": every area of the region needs one, so nothing was loaded.",
            field="files",
        )
    shapes = boundaries.region_shapes(found, codes)
    by_code = {a.code: a for a in areas}
    with transaction.atomic():
        load = save_attributed(
            BoundaryLoad(
                region=region,
                sources="\n".join(str(f) for f in files),
                attribution=attribution,
                districts=len(codes),
                neighbourhoods=sum(len(s.codes) for s in shapes if s.level == boundaries.LSOA),
                loaded_by=by if getattr(by, "pk", None) else None,
            ),
            by=by if getattr(by, "pk", None) else None,
            reason="Boundaries loaded from " + ", ".join(f.name for f in files),
        )
        Boundary.objects.filter(region=region).delete()
        Boundary.objects.bulk_create(
            Boundary(
                load=load,
                region=region,
                level=s.level,
                area=by_code[s.district] if s.district else None,
                object_name=s.object_name,
                topology=s.topology,
                codes=s.codes,
            )
            for s in shapes
        )
        _neighbourhoods(region, [s for s in shapes if s.level == boundaries.LSOA], by_code)
    held = {s.district for s in shapes if s.level == boundaries.LSOA}
    return BoundaryReport(
        load=load,
        without_neighbourhoods=[a.name for a in areas if a.code not in held],
        size_bytes=boundaries.topology_size(shapes),
    )


def _neighbourhoods(
    region: Region, shapes: list[boundaries.Shapes], by_code: dict[str, Area]
) -> None:
    """Each LSOA shape as a neighbourhood of its district; figures already held are kept."""
    existing = {(n.area_id, n.code): n for n in Neighbourhood.objects.filter(area__region=region)}
    wanted: set[tuple[int, str]] = set()
    new: list[Neighbourhood] = []
    changed: list[Neighbourhood] = []
    for s in shapes:
        area = by_code[s.district]
        for code, name in s.names.items():
            wanted.add((area.pk, code))
            found = existing.get((area.pk, code))
            if found is None:
                new.append(Neighbourhood(area=area, code=code, name=name))
            elif found.name != name:
                found.name = name
                changed.append(found)
    gone = [n.pk for key, n in existing.items() if key not in wanted]
    Neighbourhood.objects.filter(pk__in=gone).delete()
    Neighbourhood.objects.bulk_create(new)
    Neighbourhood.objects.bulk_update(changed, ["name"])


_FIGURES = """
    WITH imd AS (
        SELECT "LSOA code (2011)" AS lsoa,
               replace("Index of Multiple Deprivation (IMD) Rank", ',', '')::INTEGER AS rank,
               "Index of Multiple Deprivation (IMD) Decile"::INTEGER AS decile
        FROM read_csv($file_1, all_varchar = true, header = true)),
    pop AS (
        SELECT lsoa, replace(pop, ',', '')::BIGINT AS pop
        FROM read_csv($population, all_varchar = true, header = true))
    SELECT imd.lsoa, imd.rank, imd.decile, pop.pop
    FROM imd FULL JOIN pop USING (lsoa)
    WHERE list_contains($codes::VARCHAR[], lsoa)
"""


def neighbourhood_figures_load(*, region: Region, imd_file_1: Path, population: Path) -> int:
    """IMD 2019 rank and decile (File 1) and ONS mid-2019 population for each neighbourhood."""
    for path in (imd_file_1, population):
        if not path.is_file():
            raise DomainError(f"{path}: no such file", field="files")
    found = list(Neighbourhood.objects.filter(area__region=region))
    if not found:
        return 0
    with duckdb.connect() as con:
        rows = con.execute(
            _FIGURES,
            {
                "file_1": str(imd_file_1),
                "population": str(population),
                "codes": [n.code for n in found],
            },
        ).fetchall()
    figures = {str(code): (rank, decile, pop) for code, rank, decile, pop in rows}
    for n in found:
        n.imd_rank, n.imd_decile, n.population = figures.get(n.code, (None, None, None))
    with transaction.atomic():
        Neighbourhood.objects.bulk_update(found, ["imd_rank", "imd_decile", "population"])
    return sum(1 for n in found if n.code in figures)
