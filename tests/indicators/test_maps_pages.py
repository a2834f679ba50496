"""Maps on the indicator, area and neighbourhood pages: shapes joined to figures, the
no-data rule, the attribution, a table and CSV beside each map, and flat query counts."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from map_shapes import topology
from map_shapes import write

from remit.core.models import Area
from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User
from remit.indicators import crime
from remit.indicators import maps
from remit.indicators import services
from remit.indicators.models import AreaForce
from remit.indicators.models import Neighbourhood
from remit.indicators.models import Origin
from remit.indicators.models import Unit
from remit.indicators.services.boundaries import boundaries_load

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BROMSGROVE_LSOAS = ["E01032134", "E01032138", "E01032149", "E01032150"]
BIRMINGHAM_LSOAS = ["E01009003", "E01009201", "E01009283"]


@pytest.fixture
def mapped(region: Region, make_user: Any, settings: Any, tmp_path: Path) -> dict[str, Any]:
    """Bromsgrove (West Mercia's files held) and Birmingham (West Midlands Police's not held),
    with shapes loaded and one published crime indicator."""
    for code, name, force, force_name in [
        ("E07000234", "Bromsgrove", "west-mercia", "West Mercia"),
        ("E08000025", "Birmingham", "west-midlands", "West Midlands"),
    ]:
        area = Area.objects.create(
            region=region,
            code=code,
            name=name,
            kind="non_metropolitan_district",
            population=100000,
            population_year=2019,
        )
        AreaForce.objects.create(area=area, force=force, force_name=force_name)
    crime.import_paths(settings.CRIME_STORE, [FIXTURES / "good"])
    codes = [a.code for a in region.areas.all()]
    files = [
        write(tmp_path / "lad.json", topology("lad", codes)),
        write(tmp_path / "E07000234.json", topology("E07000234", BROMSGROVE_LSOAS, lsoa=True)),
        write(tmp_path / "E08000025.json", topology("E08000025", BIRMINGHAM_LSOAS, lsoa=True)),
    ]
    boundaries_load(by=None, region=region, paths=files)
    Neighbourhood.objects.update(population=1500, imd_decile=4, imd_rank=12000)
    analyst: User = make_user(Role.ANALYST)
    indicator = services.indicator_create(
        by=analyst,
        region=region,
        data={
            "name": "All recorded crime",
            "slug": "all-crime",
            "origin": Origin.CRIME,
            "crime_types": ["Anti-social behaviour", "Burglary", "Violence and sexual offences"],
            "unit": Unit.RATE_PER_1000,
        },
        missions=region.missions.all(),
    )
    services.indicator_refresh(indicator, by=analyst)
    services.indicator_publish(by=analyst, indicator=indicator)
    return {"indicator": indicator, "analyst": analyst, "files": files}


def spec_in(html: str, spec_id: str) -> dict[str, Any]:
    found = re.search(rf'<script id="{spec_id}" type="application/json">(.*?)</script>', html, re.S)
    assert found, f"no spec {spec_id}"
    return dict(json.loads(found.group(1)))


def values_of(spec: dict[str, Any]) -> dict[str, Any]:
    return {v["code"]: v["value"] for v in spec["transform"][0]["from"]["data"]["values"]}


def test_the_indicator_map_marks_a_partial_area_as_no_data(
    client: Any, officer: User, mapped: dict[str, Any]
) -> None:
    client.force_login(officer)

    html = client.get(reverse("indicators:detail", args=["all-crime"])).content.decode()

    spec = spec_in(html, "map-all-crime-spec")
    assert values_of(spec)["E08000025"] is None
    assert values_of(spec)["E07000234"] is not None
    assert "E08000025" in maps.no_data_codes(spec)
    assert "E07000234" not in maps.no_data_codes(spec)
    assert "Birmingham (partial: only crimes recorded here by neighbouring forces)" in html


def test_no_data_areas_are_drawn_grey_and_labelled_no_data_never_given_a_colour() -> None:
    rows = [maps.MapRow("A", "A", None, maps.NO_DATA), maps.MapRow("B", "B", 0, "0")]
    spec = maps.choropleth_spec(
        topology("lad", ["A", "B"]), "lad", rows, description="x", legend_title="y"
    )

    no_data_layer, data_layer = spec["layer"]
    assert no_data_layer["encoding"]["color"]["scale"] == {
        "domain": [maps.NO_DATA],
        "range": [maps.NO_DATA_FILL],
    }
    assert no_data_layer["transform"] == [{"filter": "datum.status != ''"}]
    assert data_layer["transform"] == [{"filter": "datum.status == ''"}]
    assert maps.no_data_codes(spec) == ["A"]


def test_a_map_draws_a_legend_only_for_what_it_shows() -> None:
    shapes = topology("lad", ["A", "B"])
    all_data = [maps.MapRow("A", "A", 1, "1"), maps.MapRow("B", "B", 0, "0")]
    none = [maps.MapRow("A", "A", None, maps.NO_DATA), maps.MapRow("B", "B", None, maps.NO_DATA)]

    full = maps.choropleth_spec(shapes, "lad", all_data, description="x", legend_title="y")
    empty = maps.choropleth_spec(shapes, "lad", none, description="x", legend_title="y")
    one_missing = maps.choropleth_spec(
        shapes, "lad", all_data[:1], description="x", legend_title="y"
    )

    assert [layer["encoding"]["color"]["field"] for layer in full["layer"]] == ["value"]
    assert [layer["encoding"]["color"]["field"] for layer in empty["layer"]] == ["status"]
    assert len(one_missing["layer"]) == 2
    assert maps.no_data_codes(one_missing) == ["B"]


def test_the_map_is_rendered_by_vl_convert_with_the_no_data_area_grey() -> None:
    from remit.ui.charts import to_svg

    rows = [maps.MapRow("A", "A", None, maps.NO_DATA), maps.MapRow("B", "B", 5, "5")]
    spec = maps.choropleth_spec(
        topology("lad", ["A", "B"]), "lad", rows, description="x", legend_title="y"
    )

    svg = to_svg(spec)

    assert maps.NO_DATA_FILL in svg.lower()
    assert "No data" in svg


def test_every_map_page_carries_the_boundaries_attribution(
    client: Any, officer: User, mapped: dict[str, Any]
) -> None:
    client.force_login(officer)

    for url in (
        reverse("indicators:detail", args=["all-crime"]),
        reverse("indicators_public:detail", args=["all-crime"]),
        reverse("indicators:area", args=["E07000234"]),
        reverse("indicators:neighbourhoods", args=["E07000234"]),
    ):
        html = client.get(url).content.decode()
        assert "Martin Chorley" in html, url
        assert "Crown copyright" in html, url


def test_the_area_page_maps_each_neighbourhoods_crime_rate_and_deprivation(
    client: Any, officer: User, mapped: dict[str, Any]
) -> None:
    client.force_login(officer)

    html = client.get(reverse("indicators:area", args=["E07000234"])).content.decode()

    crimes = values_of(spec_in(html, "map-E07000234-crime-spec"))
    # February 2019: one West Mercia crime in E01032134? None in the others, which are zero.
    assert set(crimes) == set(BROMSGROVE_LSOAS)
    assert all(v is not None for v in crimes.values())
    imd = values_of(spec_in(html, "map-E07000234-imd-spec"))
    assert set(imd.values()) == {4}
    assert "IMD 2019 decile" in html


def test_a_district_whose_own_force_is_not_held_has_no_neighbourhood_coloured(
    client: Any, officer: User, mapped: dict[str, Any]
) -> None:
    client.force_login(officer)

    html = client.get(reverse("indicators:area", args=["E08000025"])).content.decode()

    crimes = values_of(spec_in(html, "map-E08000025-crime-spec"))
    assert set(crimes) == set(BIRMINGHAM_LSOAS)
    assert all(v is None for v in crimes.values())
    assert "are not held" in html


def test_the_neighbourhood_csv_gives_counts_and_leaves_months_without_the_force_blank(
    client: Any, officer: User, mapped: dict[str, Any]
) -> None:
    client.force_login(officer)

    bromsgrove = client.get(reverse("indicators:neighbourhoods_csv", args=["E07000234"]))
    birmingham = client.get(reverse("indicators:neighbourhoods_csv", args=["E08000025"]))

    lines = bromsgrove.content.decode().splitlines()
    assert lines[0].startswith("lsoa_code,lsoa_name,month,crimes,population,crimes_per_1000")
    assert "E01032138,Place E01032138,2019-01,2,1500,1.33,4,12000," in lines
    assert all(line.endswith(",yes") for line in birmingham.content.decode().splitlines()[1:])


def test_the_neighbourhood_page_lists_the_worst_tenth_and_the_gap_by_month(
    client: Any, officer: User, mapped: dict[str, Any]
) -> None:
    client.force_login(officer)

    html = client.get(reverse("indicators:neighbourhoods", args=["E07000234"])).content.decode()

    assert "The worst tenth of neighbourhoods" in html
    assert "Place E01032138" in html
    chart = spec_in(html, "gap-E07000234-spec")
    assert {v["period"] for v in chart["data"]["values"]} == {"2019-01", "2019-02"}
    worst = client.get(reverse("indicators:neighbourhoods_worst_csv", args=["E07000234"]))
    assert "worst,E01032138,Place E01032138,,2,1500,1.333" in worst.content.decode()


def test_the_indicator_page_makes_no_more_queries_with_more_areas_on_its_map(
    client: Any, officer: User, mapped: dict[str, Any], page_queries_stay_flat: Any
) -> None:
    client.force_login(officer)
    region = mapped["indicator"].region

    def grow() -> None:
        Area.objects.create(
            region=region, code="E07000236", name="Redditch", kind="non_metropolitan_district"
        )
        codes = [a.code for a in region.areas.all()]
        write(mapped["files"][0], topology("lad", codes))
        boundaries_load(by=None, region=region, paths=mapped["files"])
        services.indicator_refresh(mapped["indicator"], by=mapped["analyst"])

    html = page_queries_stay_flat(reverse("indicators:detail", args=["all-crime"]), grow)
    assert "E07000236" in html


def test_the_area_page_makes_no_more_queries_with_more_neighbourhoods(
    client: Any, officer: User, mapped: dict[str, Any], page_queries_stay_flat: Any
) -> None:
    client.force_login(officer)
    region = mapped["indicator"].region

    def grow() -> None:
        more = [*BROMSGROVE_LSOAS, "E01032151", "E01032152", "E01032153"]
        write(mapped["files"][1], topology("E07000234", more, lsoa=True))
        boundaries_load(by=None, region=region, paths=mapped["files"])

    html = page_queries_stay_flat(reverse("indicators:area", args=["E07000234"]), grow)
    assert "E01032153" in html


def test_the_neighbourhood_page_makes_no_more_queries_with_more_neighbourhoods(
    client: Any, officer: User, mapped: dict[str, Any], page_queries_stay_flat: Any
) -> None:
    client.force_login(officer)
    region = mapped["indicator"].region

    def grow() -> None:
        more = [*BROMSGROVE_LSOAS, "E01032151", "E01032152", "E01032153"]
        write(mapped["files"][1], topology("E07000234", more, lsoa=True))
        boundaries_load(by=None, region=region, paths=mapped["files"])
        Neighbourhood.objects.update(population=1500)

    url = reverse("indicators:neighbourhoods", args=["E07000234"])
    html = page_queries_stay_flat(url, grow)
    assert "E01032153" in html


def test_a_page_without_boundaries_loaded_has_no_map(
    client: Any, officer: User, region: Region
) -> None:
    client.force_login(officer)

    html = client.get(reverse("indicators:area", args=["E08000901"])).content.decode()

    assert "-crime-spec" not in html


def test_the_area_report_pdf_draws_the_neighbourhood_maps_with_their_attribution(
    client: Any, officer: User, mapped: dict[str, Any]
) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    client.force_login(officer)

    response = client.get(reverse("indicators:area_report_pdf", args=["E07000234"]))

    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Neighbourhoods of Bromsgrove" in text
    assert "Martin Chorley" in text
    assert "Crown copyright" in text


def test_the_area_report_page_has_the_map_specs_for_the_browser(
    client: Any, officer: User, mapped: dict[str, Any]
) -> None:
    client.force_login(officer)

    html = client.get(reverse("indicators:area_report", args=["E08000025"])).content.decode()

    crimes = values_of(spec_in(html, "map-E08000025-crime-spec"))
    assert all(v is None for v in crimes.values())


def test_the_mission_page_maps_each_indicator_and_reads_the_shapes_once(
    client: Any, officer: User, mapped: dict[str, Any], page_queries_stay_flat: Any
) -> None:
    client.force_login(officer)
    region = mapped["indicator"].region

    def grow() -> None:
        for slug, types in (("drugs", ["Drugs"]), ("asb", ["Anti-social behaviour"])):
            indicator = services.indicator_create(
                by=mapped["analyst"],
                region=region,
                data={
                    "name": slug.capitalize(),
                    "slug": slug,
                    "origin": Origin.CRIME,
                    "crime_types": types,
                    "unit": Unit.RATE_PER_1000,
                },
                missions=region.missions.all(),
            )
            services.indicator_refresh(indicator, by=mapped["analyst"])

    html = page_queries_stay_flat(reverse("indicators:mission", args=[11]), grow)
    for slug in ("all-crime", "drugs", "asb"):
        assert values_of(spec_in(html, f"map-{slug}-spec"))["E08000025"] is None
