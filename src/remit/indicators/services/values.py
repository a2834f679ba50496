"""Loading an indicator's figures: refreshed from the crime store, or uploaded as a CSV.

Either way the indicator's values are replaced in one transaction, and the indicator's
history records who loaded how many figures from where.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from remit.core.errors import DomainError
from remit.core.models import Area
from remit.core.models import Region
from remit.core.models import User
from remit.core.permissions import require
from remit.core.services.writes import locked
from remit.core.services.writes import save_attributed
from remit.indicators import crime
from remit.indicators import kinds
from remit.indicators import measures
from remit.indicators import permissions
from remit.indicators.crime_files import CrimeDataError
from remit.indicators.models import AreaForce
from remit.indicators.models import Indicator
from remit.indicators.models import IndicatorValue
from remit.indicators.models import Origin
from remit.indicators.models import Unit
from remit.indicators.series_file import SeriesFileError
from remit.indicators.series_file import decode
from remit.indicators.series_file import parse_series
from remit.indicators.services._common import crime_store

log = logging.getLogger(__name__)

LOCAL_KINDS = (
    Area.Kind.METROPOLITAN_DISTRICT,
    Area.Kind.UNITARY,
    Area.Kind.NON_METROPOLITAN_DISTRICT,
)
ValueRow = tuple[Area, str, Decimal, bool]


def local_areas(region: Region) -> list[Area]:
    """The districts crimes are placed in; every area when a region lists none."""
    areas = list(region.areas.order_by("code"))
    local = [a for a in areas if a.kind in LOCAL_KINDS]
    return local or areas


def area_forces(areas: Iterable[Area]) -> dict[int, tuple[str, ...]]:
    """Each area's police forces, as police.uk slugs: those its region pack lists, else the
    one the ONS district to force lookup gave (recorded by the demo); empty when neither."""
    areas = list(areas)
    looked_up = dict(
        AreaForce.objects.filter(area__in=[a.pk for a in areas]).values_list("area_id", "force")
    )
    return {
        area.pk: tuple(area.forces)
        if area.forces
        else ((looked_up[area.pk],) if area.pk in looked_up else ())
        for area in areas
    }


def partial_month(forces: Sequence[str], month: str, loaded: set[tuple[str, str]]) -> bool:
    """Whether an area's figure for a month is only part of it: one of its own forces' files
    for that month is not in the store (an area with no force recorded is never partial)."""
    return any((force, month) not in loaded for force in forces)


def _replace(indicator: Indicator, rows: Iterable[ValueRow]) -> int:
    IndicatorValue.objects.filter(indicator=indicator).delete()
    created = IndicatorValue.objects.bulk_create(
        (
            IndicatorValue(
                indicator=indicator, area=area, period=period, value=value, partial=partial
            )
            for area, period, value, partial in rows
        ),
        batch_size=2000,
    )
    return len(created)


def _loaded(indicator: Indicator, rows: Sequence[ValueRow], *, by: User | None, reason: str) -> int:
    with transaction.atomic():
        indicator = locked(indicator)
        written = _replace(indicator, rows)
        indicator.refreshed_at = timezone.now()
        save_attributed(indicator, by=by, reason=reason)
    return written


def crime_rows(indicator: Indicator, areas: Sequence[Area], store: Any = None) -> list[ValueRow]:
    """The indicator's figure per area and month, counted by DuckDB in the crime store.

    A month counts as partial for an area whose own police force's file for that month
    is not in the store: its figure is only what neighbouring forces recorded there.
    """
    store = store or crime_store()
    by_code = {a.code: a for a in areas}
    try:
        counted = crime.series(store, [(a.code, a.name) for a in areas], indicator.crime_types)
        loaded = {(fm.force, fm.month) for fm in crime.status(store)}
    except CrimeDataError as exc:
        raise DomainError(str(exc), field=exc.field) from exc
    forces = area_forces(areas)
    rows: list[ValueRow] = []
    for code, month, count in counted:
        area = by_code[code]
        if indicator.unit == Unit.RATE_PER_1000:
            if not area.population:
                continue
            value = measures.per_thousand(count, area.population)
        else:
            value = Decimal(count)
        rows.append((area, month, value, partial_month(forces[area.pk], month, loaded)))
    return rows


def indicator_refresh(indicator: Indicator, *, by: User | None = None, store: Any = None) -> int:
    """Recount a crime indicator from the store and replace its figures; returns how many.

    `by=None` is the system (after an import it requested, or the demo).
    """
    if by is not None:
        require(permissions.can_load_values(by, indicator))
    if indicator.origin != Origin.CRIME:
        raise DomainError("Only crime indicators are counted from the crime store.", field="origin")
    store = store or crime_store()
    if not crime.status(store):
        raise DomainError(
            "The crime store is empty: import police.uk files first.", field="crime_types"
        )
    rows = crime_rows(indicator, local_areas(indicator.region), store)
    months = len({period for _, period, _, _ in rows})
    return _loaded(
        indicator,
        rows,
        by=by,
        reason=f"Refreshed from the crime store: {len(rows)} figures over {months} months",
    )


def crime_indicators_refresh(region: Region, *, by: User | None = None, store: Any = None) -> int:
    """Recount every crime indicator of the region; returns how many were refreshed."""
    refreshed = 0
    for indicator in Indicator.all_objects.filter(region=region, origin=Origin.CRIME):
        indicator_refresh(indicator, by=by, store=store)
        refreshed += 1
    return refreshed


def series_upload(*, by: User, indicator: Indicator, data: bytes, name: str) -> int:
    """Replace an uploaded series with a CSV of area_code,period,value; all or nothing."""
    require(permissions.can_load_values(by, indicator))
    if indicator.origin != Origin.UPLOADED:
        raise DomainError(
            "This indicator is counted from the crime store; refresh it instead.", field="file"
        )
    areas = {a.code: a for a in indicator.region.areas.all()}
    try:
        parsed = parse_series(
            decode(data, name), known_areas=areas, source=name, kind=indicator.kind
        )
    except SeriesFileError as exc:
        raise DomainError(str(exc), field="file") from exc
    rows = [(areas[r.area_code], r.period, r.value, False) for r in parsed]
    return _loaded(indicator, rows, by=by, reason=f"Uploaded {len(rows)} figures from {name}")


def series_load(
    indicator: Indicator,
    figures: Iterable[tuple[str, str, Decimal]],
    *,
    by: User | None,
    source: str,
) -> int:
    """Replace an uploaded series with figures read by the application (the demo's files)."""
    if by is not None:
        require(permissions.can_load_values(by, indicator))
    areas = {a.code: a for a in indicator.region.areas.all()}
    rows = [(areas[code], period, value, False) for code, period, value in figures if code in areas]
    for area, period, value, _ in rows:
        problem = kinds.value_problem(indicator.kind, value)
        if problem:
            raise DomainError(f"{source}, {area.code} {period}: value {problem}.", field="value")
    return _loaded(indicator, rows, by=by, reason=f"Loaded {len(rows)} figures from {source}")
