"""Demo indicators from real published data only, loaded idempotently.

For any region pack: each district's police force from the ONS district to police force
area lookup; the police.uk files in the shared data for those forces (for the West
Midlands: Warwickshire, West Mercia and Staffordshire — West Midlands Police's own files
are not among them, and the pages say so); the IMD 2019 File 1 as the LSOA lookup; the
indicators the region's pack defines (`indicators:`, each with its kind), with the crime
indicators counted from the store and the IMD 2019 and ONS mid-2019 figures per district
read by `READERS`; then the official statistics of the catalogue (`catalogue.yaml`: the IMD
2019 domains and the IMD 2019 to 2025 comparison, each informing the missions it names).
Nothing is invented: no targets or results are made up.

The shared data is found at $REMIT_SHARED/data, else next to the project
(`../shared/data`); without it the crime and statistics steps are skipped with a log line.
"""

from __future__ import annotations

import csv
import hashlib
import logging
import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from remit.core.models import Region
from remit.core.services.writes import save_attributed
from remit.indicators import crime
from remit.indicators import deprivation
from remit.indicators.crime_files import force_slug
from remit.indicators.crime_files import parse_street_file_name
from remit.indicators.models import AreaForce
from remit.indicators.models import Indicator
from remit.indicators.models import Origin
from remit.indicators.services import shared_store
from remit.indicators.services._common import crime_store
from remit.indicators.services.indicators import indicators_define
from remit.indicators.services.values import crime_indicators_refresh
from remit.indicators.services.values import local_areas
from remit.indicators.services.values import series_load
from remit.regions.pack import Indicator as PackIndicator
from remit.regions.pack import load_pack_file
from remit.regions.pack import shipped_packs

log = logging.getLogger(__name__)


def shared_data() -> Path | None:
    root = os.environ.get("REMIT_SHARED")
    base = Path(root) if root else Path(settings.PROJECT_DIR).parent / "shared"
    data = base / "data"
    return data if data.is_dir() else None


def pack_definitions(region: Region) -> tuple[PackIndicator, ...]:
    """The indicators the region's shipped pack defines, each with its kind."""
    path = shipped_packs().get(region.slug)
    if path is None:
        log.info("No shipped pack for %s: no indicators defined", region.slug)
        return ()
    return load_pack_file(path).indicators


def _area_forces(region: Region, data: Path) -> set[str]:
    """Record each district's police force; returns the forces' police.uk slugs (those the
    region pack lists for its areas, and those the ONS lookup gives)."""
    listed = {force for area in local_areas(region) for force in area.forces}
    lookup = data / "ons-lookups" / "194.csv"
    if not lookup.is_file():
        log.info("No district to police force lookup at %s: forces not recorded", lookup)
        return listed
    with lookup.open(encoding="utf-8-sig", newline="") as handle:
        force_of = {row["LAD19CD"]: row["PFA19NM"] for row in csv.DictReader(handle)}
    slugs = set()
    for area in local_areas(region):
        name = force_of.get(area.code)
        if name is None:
            continue
        slug = force_slug(name)
        slugs.add(slug)
        found = AreaForce.objects.filter(area=area).first()
        if found is None or (found.force, found.force_name) != (slug, name):
            record = found or AreaForce(area=area)
            record.force, record.force_name = slug, name
            save_attributed(record, by=None, reason="From the ONS district to police force lookup")
    return slugs | listed


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _import_crimes(store: Path, data: Path, forces: set[str]) -> bool:
    """Import the shared police.uk files of the region's forces not already held as they are."""
    folder = data / "police-uk"
    held = {(fm.force, fm.month): fm.sha256 for fm in crime.status(store)}
    wanted = []
    for path in sorted(folder.glob("*-street.csv")):
        parsed = parse_street_file_name(path.name)
        if parsed is None or parsed[1] not in forces:
            continue
        month, force = parsed
        if held.get((force, month)) != _sha256(path):
            wanted.append(path)
    if wanted:
        report = crime.import_paths(store, wanted)
        log.info("Imported %s crimes from %s police.uk files", report.rows, len(wanted))
    lookup = data / "imd2019" / deprivation.FILE_1
    info = crime.lookup_info(store)
    if lookup.is_file() and (info is None or info.sha256 != _sha256(lookup)):
        crime.load_lsoa_lookup(store, lookup)
        return True
    return bool(wanted)


def _population(data: Path) -> dict[str, Decimal]:
    imd = data / "imd2019"
    counts = deprivation.district_population(
        data / "ons-population" / deprivation.LSOA_POPULATION, imd / deprivation.FILE_1
    )
    return {code: Decimal(n) for code, n in counts.items()}


# How each uploaded indicator's figures are read from the shared data, by slug.
READERS: dict[str, Callable[[Path], dict[str, Decimal]]] = {
    "imd-average-score": lambda data: deprivation.district_summary(
        data / "imd2019" / deprivation.FILE_10, "IMD", "Average score"
    ),
    "crime-domain-average-rank": lambda data: deprivation.average_rank(
        data / "imd2019" / deprivation.FILE_2, data / "imd2019" / deprivation.FILE_6, "Crime"
    ),
    "population-mid-2019": _population,
}


def _statistics(indicators: list[Indicator], data: Path) -> None:
    for indicator in indicators:
        read = READERS.get(indicator.slug)
        if read is None or indicator.origin != Origin.UPLOADED or indicator.values.exists():
            continue
        try:
            figures = read(data)
        except (deprivation.ReferenceDataError, OSError) as exc:
            log.info("Skipped %s: %s", indicator.slug, exc)
            continue
        series_load(
            indicator,
            ((code, "2019", value) for code, value in figures.items()),
            by=None,
            source=indicator.source.split(";")[0],
        )


def _catalogue_statistics(region: Region, data: Path) -> None:
    """The catalogue's statistics (IMD 2019 domains, IMD 2019 to 2025), loaded once."""
    from remit.core.errors import DomainError
    from remit.indicators import catalogue
    from remit.indicators.services.statistics import statistics_load

    slugs = [entry.slug for entry in catalogue.load().entries]
    held = set(
        Indicator.all_objects.filter(region=region, slug__in=slugs, values__isnull=False)
        .values_list("slug", flat=True)
        .distinct()
    )
    if held == set(slugs):
        return
    try:
        report = statistics_load(region=region, data=data)
    except DomainError as exc:
        log.info("Statistics not loaded: %s", exc.message)
        return
    log.info(
        "Loaded %s statistics figures for %s indicators",
        sum(i.figures for i in report.loaded),
        len(report.loaded),
    )


def _publish(region: Region) -> None:
    from django.utils import timezone

    for indicator in Indicator.all_objects.filter(region=region, is_published=False):
        if indicator.values.exists():
            indicator.is_published = True
            indicator.published_at = timezone.now()
            save_attributed(indicator, by=None, reason="Published with the demo")


def demo_load(region: Region, definitions: tuple[PackIndicator, ...] | None = None) -> None:
    """Real crime data and statistics for the indicators the region's pack defines (given,
    or read from its shipped pack); safe to run again."""
    data = shared_data()
    if definitions is None:
        definitions = pack_definitions(region)
    defined = indicators_define(region=region, definitions=definitions)
    indicators = [i for i in defined if i.origin == Origin.CRIME]
    if data is None:
        log.info("Shared data not found (set REMIT_SHARED): indicators defined without figures")
        return
    with transaction.atomic():
        forces = _area_forces(region, data)
    store = crime_store()
    shared_store.refresh(store, force=True)
    changed = _import_crimes(store, data, forces) if forces else False
    if changed:
        shared_store.publish(store)
    if crime.status(store) and (changed or any(not i.values.exists() for i in indicators)):
        crime_indicators_refresh(region, by=None, store=store)
    with transaction.atomic():
        _statistics(defined, data)
        _catalogue_statistics(region, data)
        _publish(region)
