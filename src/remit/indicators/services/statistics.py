"""Loading the catalogue's official statistics into the region's indicators.

Every file is read and every figure checked before anything is written; then, in one
transaction, each catalogue indicator is defined if the region lacks it (informing the
missions whose short titles it names), its figures replaced, and the period, geography and
licence the catalogue gives for the region pack's own indicators filled in where blank.
A bad file is refused naming the file and where in it; nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from remit.core.errors import DomainError
from remit.core.models import Mission
from remit.core.models import Region
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services.writes import save_attributed
from remit.indicators import catalogue as catalogue_module
from remit.indicators import kinds
from remit.indicators import permissions
from remit.indicators import statistics
from remit.indicators.catalogue import Catalogue
from remit.indicators.catalogue import CatalogueError
from remit.indicators.catalogue import Entry
from remit.indicators.catalogue import Read
from remit.indicators.deprivation import ReferenceDataError
from remit.indicators.models import Indicator
from remit.indicators.models import Origin
from remit.indicators.services.indicators import _mission_note
from remit.indicators.services.values import local_areas
from remit.indicators.services.values import series_load

Figures = dict[str, Decimal]


@dataclass
class Loaded:
    slug: str
    name: str
    figures: int
    periods: tuple[str, ...]
    without: list[str]


@dataclass
class StatisticsReport:
    loaded: list[Loaded] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    unknown_missions: dict[str, list[str]] = field(default_factory=dict)
    described: list[str] = field(default_factory=list)
    unmeasured: list[Mission] = field(default_factory=list)


def _read_one(
    read: Read, cat: Catalogue, data: Path, held: dict[tuple[str, str], Figures]
) -> Figures:
    if read.method == "change":
        start, end = held.get((read.of, read.start)), held.get((read.of, read.end))
        if start is None or end is None:
            raise CatalogueError(
                f"{read.of} has no {read.start} or {read.end} figures to compare",
                where="catalogue",
            )
        return statistics.change(start, end)
    path = data / cat.files[read.file]
    if read.method == "district_summary":
        return statistics.district_summary(path, read.sheet, read.column)
    return statistics.share_most_deprived(path, read.sheet)


def read_all(cat: Catalogue, data: Path) -> dict[str, list[tuple[str, Figures]]]:
    """Every entry's figures by period, read before anything is written."""
    held: dict[tuple[str, str], Figures] = {}
    found: dict[str, list[tuple[str, Figures]]] = {}
    for entry in cat.entries:
        for read in entry.reads:
            try:
                figures = _read_one(read, cat, data, held)
            except (ReferenceDataError, CatalogueError) as exc:
                raise DomainError(f"{entry.name}: {exc}", field="file") from exc
            for code, value in figures.items():
                problem = kinds.value_problem(entry.kind, value)
                if problem:
                    raise DomainError(
                        f"{entry.name}: {read.file or read.of}, {code} {read.period}: value "
                        f"{problem}.",
                        field="file",
                    )
            held[(entry.slug, read.period)] = figures
            found.setdefault(entry.slug, []).append((read.period, figures))
    return found


def _define(
    region: Region, entry: Entry, missions: dict[str, Mission], by: User | None
) -> tuple[Indicator, bool, list[str]]:
    chosen, missing = catalogue_module.missions_informed(entry, missions)
    found = Indicator.all_objects.filter(region=region, slug=entry.slug).first()
    if found is not None:
        return found, False, missing
    indicator = Indicator(
        region=region,
        slug=entry.slug,
        name=entry.name,
        description=entry.measures,
        source=entry.source,
        period=entry.period,
        geography=entry.geography,
        licence=entry.licence,
        origin=Origin.UPLOADED,
        kind=entry.kind,
        unit_label=entry.unit_label,
        polarity=entry.polarity,
        decimal_places=entry.decimal_places,
    )
    save_attributed(
        indicator,
        by=by,
        reason=f"Defined from the statistics catalogue, informing {_mission_note(chosen)}",
    )
    indicator.missions.set(chosen)
    return indicator, True, missing


def _describe(region: Region, cat: Catalogue, by: User | None) -> list[str]:
    """Fill in the period, geography and licence of the pack's indicators where blank."""
    described = []
    for indicator in Indicator.all_objects.filter(region=region, slug__in=cat.provenance):
        details = cat.provenance[indicator.slug]
        blank = [k for k, v in details.items() if v and not getattr(indicator, k)]
        if not blank:
            continue
        for key in blank:
            setattr(indicator, key, details[key])
        save_attributed(indicator, by=by, reason="Described: " + ", ".join(blank))
        described.append(indicator.slug)
    return described


def statistics_load(
    *,
    region: Region,
    data: Path,
    by: User | None = None,
    catalogue: Catalogue | None = None,
    publish: bool = False,
) -> StatisticsReport:
    """Load every catalogue indicator's figures for the region's districts; all or nothing.

    `by=None` is the system (the demo, or the command line).
    """
    if by is not None:
        require(permissions.can_define_indicator(by))
        require(permissions.can_load_values(by))
        if publish:
            require(permissions.can_publish_indicator(by))
    try:
        cat = catalogue or catalogue_module.load()
    except CatalogueError as exc:
        raise DomainError(str(exc), field="catalogue") from exc
    figures = read_all(cat, data)
    districts = local_areas(region)
    codes = {a.code for a in districts}
    missions = {m.short_title: m for m in Mission.objects.filter(region=region)}
    report = StatisticsReport()
    with transaction.atomic():
        for entry in cat.entries:
            indicator, created, missing = _define(region, entry, missions, by)
            if created:
                report.created.append(entry.slug)
            if missing:
                report.unknown_missions[entry.slug] = missing
            rows = [
                (code, period, value)
                for period, by_code in figures[entry.slug]
                for code, value in sorted(by_code.items())
                if code in codes
            ]
            names = sorted({r.file for r in entry.reads if r.file})
            source = ", ".join(Path(cat.files[n]).name for n in names) or "the catalogue"
            written = series_load(indicator, rows, by=by, source=source)
            periods = tuple(p for p, _ in figures[entry.slug])
            with_all = {
                a.code
                for a in districts
                if all(a.code in by_code for _, by_code in figures[entry.slug])
            }
            report.loaded.append(
                Loaded(
                    slug=entry.slug,
                    name=entry.name,
                    figures=written,
                    periods=periods,
                    without=[a.name for a in districts if a.code not in with_all],
                )
            )
            if publish and written:
                indicator.refresh_from_db()
            if publish and written and not indicator.is_published:
                indicator.is_published = True
                indicator.published_at = timezone.now()
                save_attributed(indicator, by=by, reason="Published with its statistics")
        report.described = _describe(region, cat, by)
    report.unmeasured = list(
        Mission.objects.filter(region=region, indicators__isnull=True).order_by("number")
    )
    return report
