"""What the crime store holds for the region: which police forces' files, for which months,
cover each area, and the imports that loaded them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.http import Http404

from remit.core.models import Area
from remit.core.models import Region
from remit.indicators import crime
from remit.indicators.models import ImportJob
from remit.indicators.models import Indicator
from remit.indicators.models import IndicatorQuerySet
from remit.indicators.models import Origin
from remit.indicators.services._common import crime_store
from remit.indicators.services.values import area_forces
from remit.indicators.services.values import local_areas
from remit.regions import forces as police_forces


@dataclass(frozen=True)
class ForceCoverage:
    force: str
    months: tuple[str, ...]
    rows: int
    unlocated: int


@dataclass
class AreaCoverage:
    """Which police forces' files cover an area, and the months all of them are held for."""

    area: Area
    forces: tuple[str, ...]
    months_loaded: tuple[str, ...]

    @property
    def force_names(self) -> list[str]:
        return police_forces.force_names(self.forces)

    @property
    def covered(self) -> bool:
        return bool(self.months_loaded)


@dataclass
class CrimeData:
    force_months: list[crime.ForceMonth]
    forces: list[ForceCoverage]
    lookup: crime.LookupInfo | None
    areas: list[AreaCoverage]
    months: list[str]
    jobs: list[ImportJob]

    @property
    def uncovered(self) -> list[AreaCoverage]:
        return [a for a in self.areas if a.forces and not a.covered]

    @property
    def missing_forces(self) -> list[str]:
        held = {f.force for f in self.forces}
        return sorted(
            {
                police_forces.force_name(slug)
                for a in self.uncovered
                for slug in a.forces
                if slug not in held
            }
        )


def crime_data(region: Region, store: Path | None = None) -> CrimeData:
    store = store or crime_store()
    force_months = crime.status(store)
    by_force: dict[str, list[crime.ForceMonth]] = defaultdict(list)
    for fm in force_months:
        by_force[fm.force].append(fm)
    forces = [
        ForceCoverage(
            force,
            tuple(fm.month for fm in items),
            sum(fm.rows for fm in items),
            sum(fm.unlocated for fm in items),
        )
        for force, items in sorted(by_force.items())
    ]
    loaded = {f.force: f.months for f in forces}
    areas = local_areas(region)
    assigned = area_forces(areas)
    coverage = [
        AreaCoverage(a, assigned[a.pk], _months_held(assigned[a.pk], loaded)) for a in areas
    ]
    return CrimeData(
        force_months=force_months,
        forces=forces,
        lookup=crime.lookup_info(store),
        areas=coverage,
        months=sorted({fm.month for fm in force_months}),
        jobs=list(ImportJob.objects.filter(region=region).select_related("requested_by")[:10]),
    )


def _months_held(forces: Sequence[str], loaded: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """The months the store holds the files of every one of an area's forces."""
    if not forces:
        return ()
    months = set(loaded.get(forces[0], ()))
    for force in forces[1:]:
        months &= set(loaded.get(force, ()))
    return tuple(sorted(months))


def crime_summary(
    region: Region,
    *,
    area: str | None = None,
    month_from: str | None = None,
    month_to: str | None = None,
    crime_type: str | None = None,
    store: Path | None = None,
) -> list[crime.SummaryRow]:
    """Crimes per area, month and type from the store (DuckDB; no rows through the ORM)."""
    areas = [(a.code, a.name) for a in local_areas(region)]
    return list(
        crime.summary(
            store or crime_store(),
            areas,
            area=area,
            month_from=month_from,
            month_to=month_to,
            crime_type=crime_type,
        )
    )


def import_job(region: Region, pk: int) -> ImportJob:
    job = ImportJob.objects.filter(region=region, pk=pk).select_related("requested_by").first()
    if job is None:
        raise Http404("No such import.")
    return job


def crime_indicators(region: Region) -> IndicatorQuerySet:
    return Indicator.all_objects.filter(region=region, origin=Origin.CRIME)
