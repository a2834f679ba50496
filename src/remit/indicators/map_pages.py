"""What the pages and the report show as maps: stored shapes joined to figures.

Each builder reads the shapes it needs in one query and returns the context a map
include renders (spec, table rows, CSV link, attribution), or None when no shapes have
been loaded, so a page without boundaries simply has no map.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from decimal import ROUND_HALF_UP
from decimal import Decimal
from typing import Any

from django.urls import reverse

from remit.core.models import Area
from remit.core.models import Region
from remit.indicators import charts
from remit.indicators import dashboards
from remit.indicators import hotspots
from remit.indicators import maps
from remit.indicators.neighbourhood_crime import NeighbourhoodCounts
from remit.indicators.neighbourhood_crime import neighbourhood_counts
from remit.indicators.places import Boundary
from remit.indicators.places import BoundaryLoad
from remit.indicators.places import Neighbourhood
from remit.indicators.services._common import crime_store
from remit.indicators.services.values import area_forces
from remit.regions import forces as police_forces

TWO = Decimal("0.01")


@dataclass
class MapBlock:
    id: str
    caption: str
    spec: dict[str, Any]
    rows: list[maps.MapRow]
    attribution: str
    csv: str = ""
    headings: tuple[str, ...] = ("Figure",)
    extra: list[tuple[str, ...]] = field(default_factory=list)  # more cells per row

    @property
    def spec_id(self) -> str:
        return f"{self.id}-spec"

    @property
    def table_caption_id(self) -> str:
        return f"{self.id}-table"

    @property
    def table(self) -> list[tuple[maps.MapRow, tuple[str, ...]]]:
        extra = self.extra or [()] * len(self.rows)
        return list(zip(self.rows, extra, strict=True))

    @property
    def no_data(self) -> list[maps.MapRow]:
        return [r for r in self.rows if not r.has_data]

    @property
    def svg_uri(self) -> str:
        from remit.ui.charts import svg_data_uri

        return svg_data_uri(self.spec)


def attribution(region: Region) -> str:
    load = BoundaryLoad.objects.filter(region=region).only("attribution").first()
    return load.attribution if load else ""


def _boundary(region: Region, area: Area | None) -> Boundary | None:
    level = Boundary.Level.LSOA if area is not None else Boundary.Level.DISTRICT
    return (
        Boundary.objects.filter(region=region, level=level, area=area)
        .select_related("load")
        .first()
    )


def _names(boundary: Boundary) -> dict[str, str]:
    geometries = boundary.topology["objects"][boundary.object_name]["geometries"]
    return {g["id"]: g.get("properties", {}).get("name", g["id"]) for g in geometries}


def _complete(rows: list[maps.MapRow], boundary: Boundary) -> list[maps.MapRow]:
    """Every shape gets a table row: those without a figure are listed as no data."""
    have = {r.code for r in rows}
    missing = [
        maps.MapRow(code, name, None, maps.NO_DATA, "no figure")
        for code, name in _names(boundary).items()
        if code not in have
    ]
    return rows + sorted(missing, key=lambda r: r.name)


# ---------------------------------------------------------------- districts


def district_boundary(region: Region) -> Boundary | None:
    """The region's district shapes, read once for a page with many maps."""
    return _boundary(region, None)


_UNREAD: Any = object()


def district_map(
    region: Region, summary: Any, ns: str, boundary: Boundary | None = _UNREAD
) -> MapBlock | None:
    """The indicator's latest figure for each district."""
    if boundary is _UNREAD:
        boundary = _boundary(region, None)
    if boundary is None or not summary.periods:
        return None
    indicator = summary.indicator
    rows = _complete(maps.district_rows(summary), boundary)
    title = maps.legend_title(summary)
    return MapBlock(
        id=f"map-{indicator.slug}",
        caption=f"Map: {indicator.name}, {dashboards.period_label(summary.latest_period)}",
        spec=maps.choropleth_spec(
            boundary.topology,
            boundary.object_name,
            rows,
            description=f"Map of {indicator.name} in each district, {title}.",
            legend_title=title,
        ),
        rows=rows,
        attribution=boundary.load.attribution,
        csv=reverse(f"{ns}:values_csv", args=[indicator.slug]),
    )


# ---------------------------------------------------------------- neighbourhoods


@dataclass
class NeighbourhoodData:
    boundary: Boundary
    places: list[Neighbourhood]
    counts: NeighbourhoodCounts
    force_name: str

    @property
    def latest(self) -> str | None:
        return self.counts.months[-1] if self.counts.months else None

    @property
    def latest_complete(self) -> bool:
        return self.latest is not None and self.latest in self.counts.complete


def neighbourhood_data(
    region: Region, area: Area, crime_types: list[str] | None
) -> NeighbourhoodData | None:
    boundary = _boundary(region, area)
    if boundary is None:
        return None
    places = list(Neighbourhood.objects.filter(area=area).order_by("name", "code"))
    forces = area_forces([area])[area.pk]
    counts = neighbourhood_counts(crime_store(), [p.code for p in places], crime_types, forces)
    return NeighbourhoodData(
        boundary, places, counts, " and ".join(police_forces.force_name(f) for f in forces)
    )


def rate_of(crimes: int, population: int | None) -> Decimal | None:
    if not population:
        return None
    return hotspots.rate(crimes, population).quantize(TWO, rounding=ROUND_HALF_UP)


def area_maps(region: Region, area: Area, ns: str) -> dict[str, Any] | None:
    """The district's neighbourhoods: crimes per 1,000 residents in the latest month, and
    IMD 2019 deciles."""
    data = neighbourhood_data(region, area, None)
    if data is None:
        return None
    month = data.latest
    attribution_text = data.boundary.load.attribution
    crime_rows: list[maps.MapRow] = []
    extra: list[tuple[str, ...]] = []
    for p in data.places:
        count = data.counts.counts.get(p.code, {}).get(month or "", 0)
        rate = rate_of(count, p.population) if data.latest_complete else None
        if not data.latest_complete:
            note = "own force's file not held"
        elif rate is None:
            note = "no population"
        else:
            note = ""
        crime_rows.append(
            maps.MapRow(p.code, p.name, rate, maps.NO_DATA if rate is None else f"{rate}", note)
        )
        extra.append((f"{count:,}" if data.latest_complete else maps.NO_DATA,))
    month_label = dashboards.period_label(month) if month else ""
    crime_map = MapBlock(
        id=f"map-{area.code}-crime",
        caption=f"Map: crimes per 1,000 residents in each neighbourhood of {area.name}"
        + (f", {month_label}" if month_label else ""),
        spec=maps.choropleth_spec(
            data.boundary.topology,
            data.boundary.object_name,
            crime_rows,
            description=f"Map of crimes per 1,000 residents in each neighbourhood of {area.name}.",
            legend_title="Crimes per 1,000",
        ),
        rows=crime_rows,
        attribution=attribution_text,
        csv=reverse(f"{ns}:neighbourhoods_csv", args=[area.code]),
        headings=("Crimes per 1,000 residents", "Crimes"),
        extra=extra,
    )
    imd_rows = [
        maps.MapRow(
            p.code,
            p.name,
            None if p.imd_decile is None else Decimal(p.imd_decile),
            maps.NO_DATA if p.imd_decile is None else str(p.imd_decile),
            "",
        )
        for p in data.places
    ]
    imd_map = MapBlock(
        id=f"map-{area.code}-imd",
        caption=(
            "Map: Index of Multiple Deprivation 2019 decile of each neighbourhood of " + area.name
        ),
        spec=maps.choropleth_spec(
            data.boundary.topology,
            data.boundary.object_name,
            imd_rows,
            description=(
                f"Map of the IMD 2019 decile of each neighbourhood of {area.name}; "
                "decile 1 is the most deprived tenth in England."
            ),
            legend_title="IMD decile (1 = most deprived)",
            scale=maps.DECILES,
        ),
        rows=imd_rows,
        attribution=attribution_text,
        csv=reverse(f"{ns}:neighbourhoods_csv", args=[area.code]),
        headings=("IMD 2019 decile", "IMD 2019 rank"),
        extra=[(f"{p.imd_rank:,}" if p.imd_rank else maps.NO_DATA,) for p in data.places],
    )
    return {
        "crime": crime_map,
        "imd": imd_map if any(r.has_data for r in imd_rows) else None,
        "data": data,
        "month": month_label,
    }


# ---------------------------------------------------------------- the worst tenth


@dataclass
class HotspotPage:
    data: NeighbourhoodData
    result: hotspots.Hotspots
    names: dict[str, str]
    months: list[str]
    chart: dict[str, Any]
    map: MapBlock
    crime_label: str

    @property
    def worst_named(self) -> list[tuple[str, hotspots.Hotspot]]:
        return [(self.names.get(h.code, h.code), h) for h in self.result.worst]

    @property
    def direction(self) -> str:
        return hotspots.direction(self.result.months)


def hotspot_page(
    region: Region, area: Area, crime_types: list[str] | None, crime_label: str
) -> HotspotPage | None:
    data = neighbourhood_data(region, area, crime_types)
    if data is None:
        return None
    months = data.counts.complete
    population = {p.code: p.population for p in data.places}
    result = hotspots.hotspots(data.counts.counts, population, months)
    names = {p.code: p.name for p in data.places}
    worst = {h.code for h in result.worst}
    chart = charts.line_spec(
        [
            point
            for g in result.months
            for point in (
                charts.SeriesPoint(
                    charts.WORST.replace("areas", "neighbourhoods"), g.month, g.worst_mean
                ),
                charts.SeriesPoint("Median neighbourhood", g.month, g.median),
            )
        ],
        description=(
            f"{crime_label} per 1,000 residents in {area.name}: the worst tenth of neighbourhoods "
            "against the median neighbourhood, by month; the distance between the lines is the gap."
        ),
        y_title="Crimes per 1,000 residents",
        order=[charts.WORST.replace("areas", "neighbourhoods"), "Median neighbourhood"],
        height=200,
    )
    totals = {
        p.code: sum(data.counts.counts.get(p.code, {}).get(m, 0) for m in months)
        for p in data.places
    }
    rows = []
    for p in data.places:
        rate = rate_of(totals[p.code], p.population) if months else None
        note = "" if rate is not None else ("no population" if months else "no complete month")
        rows.append(
            maps.MapRow(p.code, p.name, rate, maps.NO_DATA if rate is None else f"{rate}", note)
        )
    block = MapBlock(
        id=f"map-{area.code}-worst",
        caption=f"Map: the worst tenth of neighbourhoods in {area.name} for {crime_label.lower()}",
        spec=maps.choropleth_spec(
            data.boundary.topology,
            data.boundary.object_name,
            rows,
            description=(
                f"Map of {crime_label.lower()} per 1,000 residents in each neighbourhood of "
                f"{area.name} over the complete months held; the worst tenth have a thick outline."
            ),
            legend_title="Crimes per 1,000",
            highlight=sorted(worst),
        ),
        rows=rows,
        attribution=data.boundary.load.attribution,
    )
    return HotspotPage(data, result, names, months, chart, block, crime_label)
