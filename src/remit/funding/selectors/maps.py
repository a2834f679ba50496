"""Maps of the fund: money, shares and bids per area."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from django.db.models import Count
from django.db.models import QuerySet
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.urls import reverse

from remit.core.models import Region
from remit.funding import charts
from remit.funding import rules
from remit.funding.models import AllocationScenario
from remit.funding.models import Bid
from remit.funding.models import BidAmount
from remit.funding.models import Grant
from remit.funding.models import Round
from remit.funding.workflow import BidStatus
from remit.indicators import map_pages
from remit.indicators import maps
from remit.ui.formatting import format_pence

SERVES_SEVERAL = (
    "A {what} that serves several areas counts in full in each of them, so the areas add up "
    "to more than the total."
)


@dataclass
class FundMap(map_pages.MapBlock):
    """A map of the fund with its table and CSV: ``csv_rows`` hold the plain figures (pounds to
    the penny, percentages, counts), ``off_map`` the areas with figures but no shape (such as the
    whole region), ``notes`` what a reader needs to read the figures right, and ``pdf`` where the
    map is printed with its table and attribution."""

    csv_rows: list[tuple[str, ...]] = field(default_factory=list)
    off_map: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    pdf: str = ""

    @property
    def csv_header(self) -> tuple[str, ...]:
        return ("Area", "Code", *self.headings, "Note")


@dataclass
class _Shapes:
    """The region's district shapes, each one's (code, name), and every area's name."""

    boundary: Any
    shapes: list[tuple[str, str]]
    names: dict[str, str]

    @property
    def codes(self) -> set[str]:
        return {code for code, _ in self.shapes}


def _district_shapes(region: Region) -> _Shapes | None:
    boundary = map_pages.district_boundary(region)
    if boundary is None:
        return None
    names = dict(region.areas.values_list("code", "name"))
    geometries = boundary.topology["objects"][boundary.object_name]["geometries"]
    shapes = [
        (str(g["id"]), names.get(str(g["id"])) or g.get("properties", {}).get("name", g["id"]))
        for g in geometries
    ]
    return _Shapes(boundary, shapes, names)


def _pounds(pence: int) -> str:
    sign = "-" if pence < 0 else ""
    pounds, pennies = divmod(abs(pence), 100)
    return f"{sign}{pounds}.{pennies:02d}"


def fund_reach(
    region: Region,
    figures: dict[str, charts.AreaFigure],
    *,
    id: str,
    caption: str,
    description: str,
    legend_title: str,
    headings: tuple[str, str],
    csv: str,
    what: str,
    notes: Sequence[str] = (),
    pdf: str = "",
) -> FundMap | None:
    """Money per district as a map, table and CSV: each area's amount and how many ``what``s
    (grants, bids) it has; an area with none has £0, a real zero. None without shapes, or
    with nothing to map."""
    found = _district_shapes(region) if figures else None
    if found is None:
        return None
    boundary = found.boundary
    rows = charts.money_rows(found.shapes, figures)
    counts = [figures[r.code].count if r.code in figures else 0 for r in rows]
    off_map = [
        (
            found.names.get(code, code),
            f"{format_pence(f.pence)} ({f.count} {what}{_plural(f.count)})",
        )
        for code, f in sorted(figures.items())
        if code not in found.codes
    ]
    return FundMap(
        id=id,
        caption=caption,
        spec=charts.fund_map_spec(
            boundary.topology,
            boundary.object_name,
            rows,
            description=description,
            legend_title=legend_title,
            attribution=boundary.load.attribution,
        ),
        rows=rows,
        attribution=boundary.load.attribution,
        csv=csv,
        headings=headings,
        extra=[(f"{n:,}",) for n in counts],
        csv_rows=[
            (r.name, r.code, _pounds(figures[r.code].pence if r.code in figures else 0), str(n), "")
            for r, n in zip(rows, counts, strict=True)
        ],
        off_map=off_map,
        notes=list(notes),
        pdf=pdf,
    )


def _plural(count: int) -> str:
    return "" if count == 1 else "s"


def _served(bids: QuerySet[Any], amount: str) -> tuple[dict[str, charts.AreaFigure], int]:
    """Each area's figure for the bids (or their grants) in ``bids``, a queryset of bid ids:
    ``amount``, a path from the bid, summed and the bids counted by the database, so the
    cost does not grow with the records; and how many of them serve more than one area."""
    through: Any = Bid.areas.through  # made by Django, so the type checker cannot see it
    served = through.objects.filter(bid_id__in=bids).order_by()
    figures = {
        code: charts.AreaFigure(code, int(pence), count)
        for code, pence, count in served.values("area__code")
        .annotate(pence=Coalesce(Sum(f"bid__{amount}"), 0), count=Count("bid_id", distinct=True))
        .values_list("area__code", "pence", "count")
    }
    several = served.values("bid_id").annotate(areas=Count("area_id")).filter(areas__gt=1)
    return figures, several.count()


def _money_notes(what: str, records: int, total_pence: int, several: int) -> list[str]:
    notes = [f"{records:,} {what}{_plural(records)}, {format_pence(total_pence)} in all."]
    if several:
        notes.append(
            f"{several:,} of them serve{'s' if several == 1 else ''} more than one area. "
            + SERVES_SEVERAL.format(what=what)
        )
    return notes


def _grant_money(
    region: Region,
    figures: dict[str, charts.AreaFigure],
    notes: tuple[int, int, int],
    id: str,
    grants: str,
    files: tuple[str, str],
) -> FundMap | None:
    """Every map of grant money in the same words: each area's grants and their money, with
    ``notes`` (how many grants, their total, how many serve several areas) and the CSV and
    PDF (``files``)."""
    return fund_reach(
        region,
        figures,
        id=id,
        caption=f"Map: money awarded to {grants} in each area",
        description=f"Map of the money awarded to the {grants} serving each district.",
        legend_title="Awarded (£)",
        headings=("Awarded", "Grants"),
        csv=files[0],
        pdf=files[1],
        what="grant",
        notes=_money_notes("grant", *notes),
    )


def grants_by_area(region: Region, user: Any) -> FundMap | None:
    """The money awarded to the grants the user may list (not those withdrawn), by each area
    the grant serves."""
    grants = (
        Grant.all_objects.visible_to(user)
        .filter(bid__round__fund__region=region, withdrawn_at__isnull=True)
        .order_by()
    )
    figures, several = _served(grants.values("bid_id"), "grant__amount_pence")
    total = grants.aggregate(count=Count("pk"), pence=Coalesce(Sum("amount_pence"), 0))
    notes = (total["count"], int(total["pence"]), several)
    files = reverse("funding:grants_areas_csv"), reverse("funding:grants_areas_pdf")
    return _grant_money(region, figures, notes, "map-grants", "grants", files)


def published_grants_by_area(region: Region) -> FundMap | None:
    """The public register's money by area, as each grant was published (its amount and the
    areas it serves in the version in force); the areas are read from each grant's published
    record, so they are counted here rather than by the database."""
    published = (
        Grant.objects.filter(bid__round__fund__region=region, publication__isnull=False)
        .order_by()
        .values_list("pk", "publication__amount_pence", "publication__areas")
    )
    figures: dict[str, charts.AreaFigure] = {}
    grants = total = several = 0
    for _, pence, areas in published:
        codes = {str(area["code"]) for area in areas or []}
        grants, total, several = grants + 1, total + int(pence), several + (len(codes) > 1)
        for code in codes:
            was = figures.get(code, charts.AreaFigure(code, 0, 0))
            figures[code] = charts.AreaFigure(code, was.pence + int(pence), was.count + 1)
    files = reverse("funding_public:areas_csv"), reverse("funding_public:areas_pdf")
    return _grant_money(
        region, figures, (grants, total, several), "map-published-grants", "published grants", files
    )


def bids_by_area(round: Round) -> FundMap | None:
    """The round's bids (submitted, not withdrawn) on the areas they serve: how many, and the
    amount they ask for over every year."""
    bids = Bid.objects.filter(round=round).exclude(status=BidStatus.WITHDRAWN).order_by()
    figures, several = _served(bids.values("pk"), "amounts__amount_pence")
    count = bids.count()
    asked = BidAmount.objects.filter(bid__in=bids.values("pk")).aggregate(
        pence=Coalesce(Sum("amount_pence"), 0)
    )["pence"]
    return fund_reach(
        round.fund.region,
        figures,
        id="map-bids",
        caption=f"Map: bids to {round.title} in each area",
        description=(
            f"Map of the amount asked for by the bids to {round.title} serving each district."
        ),
        legend_title="Asked for (£)",
        headings=("Asked for", "Bids"),
        csv=reverse("funding:round_areas_csv", args=[round.pk]),
        pdf=reverse("funding:round_areas_pdf", args=[round.pk]),
        what="bid",
        notes=_money_notes("bid", count, int(asked), several),
    )


def scenario_map(scenario: AllocationScenario) -> FundMap | None:
    """Each area's share of the money the scenario shares between the areas (their totals,
    protected amounts included); a district not in the scenario is no data, never 0%."""
    fund = scenario.fund
    found = _district_shapes(fund.region)
    if found is None:
        return None
    boundary = found.boundary
    totals = {str(a["code"]): rules.pence(a["total"]) for a in scenario.result.get("areas", [])}
    rows = charts.share_rows(found.shapes, totals, no_data="not in this scenario")
    names = {str(a["code"]): str(a["name"]) for a in scenario.result.get("areas", [])}
    whole = sum(totals.values())
    return FundMap(
        id="map-scenario",
        caption=f"Map: each area's share of the allocation, {scenario.name}",
        spec=charts.fund_map_spec(
            boundary.topology,
            boundary.object_name,
            rows,
            description=f"Map of each district's share of the allocation in {scenario.name}.",
            legend_title="Share of the allocation (%)",
            attribution=boundary.load.attribution,
        ),
        rows=rows,
        attribution=boundary.load.attribution,
        csv=reverse("funding:scenario_areas_csv", args=[fund.slug, scenario.pk]),
        pdf=reverse("funding:scenario_areas_pdf", args=[fund.slug, scenario.pk]),
        headings=("Share", "Allocation"),
        extra=[(format_pence(totals[r.code]) if r.code in totals else maps.NO_DATA,) for r in rows],
        csv_rows=[
            (
                r.name,
                r.code,
                "" if r.value is None else str(r.value),
                _pounds(totals[r.code]) if r.code in totals else "",
                r.note,
            )
            for r in rows
        ],
        off_map=[
            (names[code], format_pence(pence))
            for code, pence in totals.items()
            if code not in found.codes
        ],
        notes=[
            f"Shares of {format_pence(whole)}, the money the areas share after top slices, "
            "protected amounts included."
        ],
    )
