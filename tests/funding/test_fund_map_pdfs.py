"""The fund's maps on paper: a scenario's shares and the grants registers' money by area, each
drawn into its PDF by vl-convert from the page's own spec, with the table of the same figures
the database gives, the areas with no data named as such (never as zero) and the attribution
the boundaries' licence asks for."""

from __future__ import annotations

import json
import re
from base64 import b64decode
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.db.models import Sum
from django.urls import reverse
from funding_support import awarded, ready, square_districts
from pypdf import PdfReader

from remit.core.models import Area, Region, User
from remit.funding import rules, selectors, services
from remit.funding.models import Fund, Grant
from remit.funding.printing import fund_map_html
from remit.indicators import maps
from remit.indicators.places import BoundaryLoad
from remit.indicators.services.boundaries import boundaries_load
from remit.ui.charts import to_svg
from remit.ui.formatting import format_pence

NORTHTON, SOUTHBY, WHOLE = "E08000901", "E08000902", "E47000901"
ONLY_NORTHTON = """\
title: Test
financial_year: 2018/19
budget: 100000.00
weights: {population: 1}
areas:
  - {code: E08000901, name: Northton, population: 300000}
"""
NORTHTON_AND_WHOLE = (
    ONLY_NORTHTON + "  - {code: E47000901, name: All Testshire, population: 100000}\n"
)


@pytest.fixture
def shapes(region: Region, tmp_path: Path) -> BoundaryLoad:
    """District shapes for Northton and Southby, and an area for the whole region without one."""
    path = tmp_path / "lad.topo.json"
    path.write_text(json.dumps(square_districts([NORTHTON, SOUTHBY])), encoding="utf-8")
    boundaries_load(by=None, region=region, paths=[path])
    Area.objects.create(region=region, code=WHOLE, name="All Testshire", kind="other")
    return BoundaryLoad.objects.get(region=region)


def pdf_of(response: Any) -> PdfReader:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(BytesIO(response.content))


def text_of(reader: PdfReader) -> str:
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def unnumbered(svg: str) -> str:
    """An SVG without the numbers vl-convert counts up in its gradients' ids at each render."""
    return re.sub(r"gradient_\d+", "gradient", svg)


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_the_scenario_pdf_draws_the_map_with_its_table_and_attribution(
    client: Any, fund: Fund, officer: User, shapes: BoundaryLoad
) -> None:
    scenario = services.scenario_create(
        by=officer, fund=fund, name="Northton first", yaml_text=NORTHTON_AND_WHOLE
    )
    client.force_login(officer)
    page = client.get(reverse("funding:scenario", args=[fund.slug, scenario.pk])).content.decode()
    url = reverse("funding:scenario_areas_pdf", args=[fund.slug, scenario.pk])
    assert f'href="{url}"' in page

    reader = pdf_of(client.get(url))
    text = text_of(reader)

    assert "Share of the allocation (%)" in text, "the map's legend, drawn by vl-convert"
    assert "Map: each area's share of the allocation, Northton first" in text
    assert one_line(shapes.attribution) in text
    totals = {str(a["code"]): rules.pence(a["total"]) for a in scenario.result["areas"]}
    whole = sum(totals.values())
    share = f"{totals[NORTHTON] * 100 / whole:.2f}%"
    assert f"Northton {NORTHTON} {share} {format_pence(totals[NORTHTON])}" in text
    assert f"All Testshire, {format_pence(totals[WHOLE])}" in text, "off the map, still listed"
    assert f"Southby {SOUTHBY} No data (not in this scenario) No data" in text
    assert "Southby (not in this scenario)" in text
    assert "0.00%" not in text, "an area not in the scenario is never shown as zero"


def test_the_printed_map_is_the_pages_spec_drawn_with_its_legend_and_no_data_grey(
    fund: Fund, officer: User, shapes: BoundaryLoad
) -> None:
    scenario = services.scenario_create(
        by=officer, fund=fund, name="Northton first", yaml_text=NORTHTON_AND_WHOLE
    )
    found = selectors.scenario_map(scenario)
    assert found is not None

    html = fund_map_html(found, caption="c", title="t", lines=[])

    images = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert len(images) == 1
    drawn = b64decode(images[0]).decode()
    assert unnumbered(drawn) == unnumbered(to_svg(found.spec)), "the spec the page sends"
    assert "Share of the allocation (%)" in drawn, "the legend"
    assert maps.NO_DATA in drawn
    assert maps.NO_DATA_FILL in drawn.lower(), "the area not in the scenario grey, not a colour"


@pytest.fixture
def grants(make_bid: Any, officer: User, commissioner: User, shapes: BoundaryLoad) -> list[Grant]:
    """Northton £20,000; Northton and Southby £10,000; the whole region £5,000."""
    made = []
    for areas, pence, title in (
        ([NORTHTON], 2_000_000, "North only"),
        ([NORTHTON, SOUTHBY], 1_000_000, "Both"),
        ([WHOLE], 500_000, "Everywhere"),
    ):
        grant = awarded(make_bid, officer, commissioner, lead=areas[0], amount=pence, title=title)
        grant.bid.areas.set(grant.bid.round.fund.region.areas.filter(code__in=areas))
        made.append(grant)
    return made


def _awarded_in(code: str, grants: Any) -> int:
    return int(grants.filter(bid__areas__code=code).aggregate(t=Sum("amount_pence"))["t"] or 0)


def test_the_grants_pdf_draws_the_money_by_area_as_the_database_sums_it(
    client: Any, officer: User, grants: list[Grant], shapes: BoundaryLoad
) -> None:
    client.force_login(officer)
    page = client.get(reverse("funding:grants")).content.decode()
    url = reverse("funding:grants_areas_pdf")
    assert f'href="{url}"' in page

    reader = pdf_of(client.get(url))
    text = text_of(reader)

    assert "Awarded (£)" in text, "the map's legend, drawn by vl-convert"
    assert "Map: money awarded to grants in each area" in text
    assert one_line(shapes.attribution) in text
    for code, name, count in ((NORTHTON, "Northton", 2), (SOUTHBY, "Southby", 1)):
        pence = _awarded_in(code, Grant.all_objects)
        assert f"{name} {code} {format_pence(pence)} {count}" in text
    assert f"All Testshire, {format_pence(_awarded_in(WHOLE, Grant.all_objects))} (1 grant)" in text


def test_the_public_register_pdf_maps_only_published_grants(
    client: Any, officer: User, grants: list[Grant], shapes: BoundaryLoad
) -> None:
    ready(grants[0], officer)
    ready(grants[1], officer)
    page = client.get(reverse("funding_public:list")).content.decode()
    url = reverse("funding_public:areas_pdf")
    assert f'href="{url}"' in page

    reader = pdf_of(client.get(url))
    text = text_of(reader)

    assert "Awarded (£)" in text, "the map's legend, drawn by vl-convert"
    assert "Grants register" in text
    assert one_line(shapes.attribution) in text
    published = Grant.objects.filter(publication__isnull=False)
    assert f"Northton {NORTHTON} {format_pence(_awarded_in(NORTHTON, published))} 2" in text
    assert f"Southby {SOUTHBY} {format_pence(_awarded_in(SOUTHBY, published))} 1" in text
    assert "All Testshire" not in text, "not published, not mapped"


def test_without_shapes_there_is_no_map_to_print(client: Any, fund: Fund, officer: User) -> None:
    scenario = services.scenario_create(
        by=officer, fund=fund, name="Northton first", yaml_text=ONLY_NORTHTON
    )
    client.force_login(officer)
    url = reverse("funding:scenario_areas_pdf", args=[fund.slug, scenario.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("funding_public:areas_pdf")).status_code == 404
