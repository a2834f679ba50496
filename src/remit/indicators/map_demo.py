"""The demo's boundaries: the shared TopoJSON shapes and each neighbourhood's IMD 2019 and
population, loaded once (a second run finds them loaded and changes nothing)."""

from __future__ import annotations

import logging

from remit.core.errors import DomainError
from remit.core.models import Region
from remit.indicators import deprivation
from remit.indicators.demo import shared_data
from remit.indicators.places import Boundary
from remit.indicators.services.boundaries import boundaries_load
from remit.indicators.services.boundaries import neighbourhood_figures_load
from remit.indicators.services.values import local_areas

log = logging.getLogger(__name__)


def demo_load(region: Region) -> None:
    data = shared_data()
    folder = data / "boundaries" if data else None
    if folder is None or not folder.is_dir():
        log.info("Shared boundaries not found (set REMIT_SHARED): no maps")
        return
    held = Boundary.objects.filter(region=region, level=Boundary.Level.DISTRICT).first()
    if held is None or {a.code for a in local_areas(region)} - set(held.codes):
        files = [*sorted(folder.glob("*.topo.json")), folder / "lsoa-by-lad"]
        try:
            boundaries_load(by=None, region=region, paths=[f for f in files if f.exists()])
        except DomainError as exc:
            log.warning("Boundaries not loaded: %s", exc.message)
            return
    imd = data / "imd2019" / deprivation.FILE_1 if data else None
    population = data / "ons-population" / deprivation.LSOA_POPULATION if data else None
    if imd and population and imd.is_file() and population.is_file():
        neighbourhood_figures_load(region=region, imd_file_1=imd, population=population)
