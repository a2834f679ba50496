"""Demo indicators from real published data only, loaded idempotently.

For any region pack: each district's police force from the ONS district to police force
area lookup; the police.uk files in the shared data for those forces (for the West
Midlands: Warwickshire, West Mercia and Staffordshire — West Midlands Police's own files
are not among them, and the pages say so); the IMD 2019 File 1 as the LSOA lookup; three
crime indicators for mission 11; and the IMD 2019 and ONS mid-2019 figures per district.
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
from typing import Any

from django.conf import settings
from django.db import transaction

from remit.core.models import Mission, Region
from remit.core.services.writes import save_attributed
from remit.indicators import crime, deprivation
from remit.indicators.crime_files import force_slug, parse_street_file_name
from remit.indicators.models import (
    NEIGHBOURHOOD_CRIME,
    AreaForce,
    Indicator,
    Kind,
    Origin,
    Polarity,
)
from remit.indicators.services._common import crime_store
from remit.indicators.services.values import crime_indicators_refresh, local_areas, series_load

log = logging.getLogger(__name__)

POLICE_UK_LICENCE = (
    "police.uk street-level crime; contains public sector information licensed under the "
    "Open Government Licence v3.0"
)
IOD_SOURCE = "English Indices of Deprivation 2019 (MHCLG), {what}; Open Government Licence v3.0"


def shared_data() -> Path | None:
    root = os.environ.get("REMIT_SHARED")
    base = Path(root) if root else Path(settings.PROJECT_DIR).parent / "shared"
    data = base / "data"
    return data if data.is_dir() else None


def _mission(region: Region, number: int) -> list[Mission]:
    return list(Mission.objects.filter(region=region, number=number))


def _indicator(region: Region, slug: str, missions: list[Mission], **fields: Any) -> Indicator:
    found = Indicator.all_indicators.filter(region=region, slug=slug).first()
    if found is not None:
        return found
    indicator = Indicator(region=region, slug=slug, **fields)
    save_attributed(indicator, by=None, reason="Created for the demo")
    indicator.missions.set(missions)
    return indicator


def _crime_indicators(region: Region) -> list[Indicator]:
    crime_missions = _mission(region, 11)
    common = {
        "origin": Origin.CRIME,
        "kind": Kind.RATE,
        "polarity": Polarity.LOWER_IS_BETTER,
        "source": POLICE_UK_LICENCE + "; ONS mid-2019 population estimates",
    }
    return [
        _indicator(
            region,
            "neighbourhood-crime",
            crime_missions,
            name="Neighbourhood crime",
            description="Burglary, robbery, theft from the person and vehicle crime recorded "
            "each month, per 1,000 residents: the neighbourhood crime the mission names.",
            crime_types=list(NEIGHBOURHOOD_CRIME),
            unit_label="crimes per 1,000 people",
            **common,
        ),
        _indicator(
            region,
            "violence-and-sexual-offences",
            crime_missions,
            name="Violence and sexual offences",
            description="Violence against the person and sexual offences recorded each month, "
            "per 1,000 residents.",
            crime_types=["Violence and sexual offences"],
            unit_label="crimes per 1,000 people",
            **common,
        ),
        _indicator(
            region,
            "possession-of-weapons",
            crime_missions,
            name="Possession of weapons",
            description="Possession of weapons offences recorded each month, per 1,000 "
            "residents: a marker of serious violence.",
            crime_types=["Possession of weapons"],
            unit_label="crimes per 1,000 people",
            **common,
        ),
    ]


def _area_forces(region: Region, data: Path) -> set[str]:
    """Record each district's police force; returns the forces' police.uk slugs."""
    lookup = data / "ons-lookups" / "194.csv"
    if not lookup.is_file():
        log.info("No district to police force lookup at %s: forces not recorded", lookup)
        return set()
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
    return slugs


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


def _statistics(region: Region, data: Path) -> None:
    imd = data / "imd2019"
    population = data / "ons-population" / deprivation.LSOA_POPULATION
    loads: list[tuple[str, dict[str, Any], Callable[[], dict[str, Decimal]]]] = [
        (
            "imd-average-score",
            {
                "name": "Deprivation: IMD 2019 average score",
                "description": "The Index of Multiple Deprivation's population-weighted average "
                "LSOA score for the district, as published in the district summaries. Higher "
                "is more deprived.",
                "source": IOD_SOURCE.format(what="File 10, district summaries, IMD average score"),
                "unit_label": "average score",
                "kind": Kind.SCORE,
                "decimal_places": 3,
                "polarity": Polarity.LOWER_IS_BETTER,
                "missions": _mission(region, 1),
            },
            lambda: deprivation.district_summary(imd / deprivation.FILE_10, "IMD", "Average score"),
        ),
        (
            "crime-domain-average-rank",
            {
                "name": "Crime deprivation: IMD 2019 crime domain average rank",
                "description": "The crime domain's LSOA ranks averaged over the district, "
                "weighted by population (File 6), the way the official district summaries do "
                "it. Ranks are turned round so that a higher average means more crime "
                "deprivation (32,844 is the most deprived LSOA).",
                "source": IOD_SOURCE.format(
                    what="File 2 crime domain ranks weighted by File 6 population denominators"
                ),
                "unit_label": "average rank",
                "kind": Kind.RANK,
                "polarity": Polarity.LOWER_IS_BETTER,
                "missions": _mission(region, 11),
            },
            lambda: deprivation.average_rank(
                imd / deprivation.FILE_2, imd / deprivation.FILE_6, "Crime"
            ),
        ),
        (
            "population-mid-2019",
            {
                "name": "Population, mid-2019",
                "description": "Residents at mid-2019: the denominator of every rate per 1,000. "
                "Context rather than performance: it is not ranked and has no target.",
                "source": "ONS mid-2019 small-area population estimates summed to 2019 "
                "districts with the IMD 2019 File 1 lookup; Open Government Licence v3.0",
                "unit_label": "people",
                "kind": Kind.CONTEXT,
                "missions": [],
            },
            lambda: {
                code: Decimal(n)
                for code, n in deprivation.district_population(
                    population, imd / deprivation.FILE_1
                ).items()
            },
        ),
    ]
    for slug, fields, read in loads:
        missions = fields.pop("missions")
        indicator = _indicator(region, slug, missions, origin=Origin.UPLOADED, **fields)
        if indicator.values.exists():
            continue
        try:
            figures = read()
        except (deprivation.ReferenceDataError, OSError) as exc:
            log.info("Skipped %s: %s", slug, exc)
            continue
        series_load(
            indicator,
            ((code, "2019", value) for code, value in figures.items()),
            by=None,
            source=str(fields["source"]).split(";")[0],
        )


def _publish(region: Region) -> None:
    from django.utils import timezone

    for indicator in Indicator.all_indicators.filter(region=region, is_published=False):
        if indicator.values.exists():
            indicator.is_published = True
            indicator.published_at = timezone.now()
            save_attributed(indicator, by=None, reason="Published with the demo")


def demo_load(region: Region) -> None:
    """Real crime data and statistics for the region's indicators; safe to run again."""
    data = shared_data()
    with transaction.atomic():
        indicators = _crime_indicators(region)
    if data is None:
        log.info("Shared data not found (set REMIT_SHARED): indicators defined without figures")
        return
    with transaction.atomic():
        forces = _area_forces(region, data)
    store = crime_store()
    changed = _import_crimes(store, data, forces) if forces else False
    if crime.status(store) and (changed or any(not i.values.exists() for i in indicators)):
        crime_indicators_refresh(region, by=None, store=store)
    with transaction.atomic():
        _statistics(region, data)
        _publish(region)
