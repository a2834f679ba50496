"""`remit boundaries load`: every district needs a shape; all or nothing; attributed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from map_shapes import lsoa_codes
from map_shapes import region_files
from map_shapes import topology
from map_shapes import write
from typer.testing import CliRunner

from remit.cli import app
from remit.core.errors import DomainError
from remit.core.models import Region
from remit.indicators import boundaries
from remit.indicators.models import Boundary
from remit.indicators.models import BoundaryLoad
from remit.indicators.models import Neighbourhood
from remit.indicators.services.boundaries import boundaries_load

runner = CliRunner()
DISTRICTS = ["E08000901", "E08000902"]


def _load(region: Region, paths: list[Path]) -> Any:
    return boundaries_load(by=None, region=region, paths=paths)


def test_loading_stores_every_districts_shape_and_its_neighbourhoods(
    region: Region, tmp_path: Path
) -> None:
    report = _load(region, region_files(tmp_path, DISTRICTS))

    districts = Boundary.objects.get(region=region, level="district")
    assert sorted(districts.codes) == DISTRICTS
    assert Boundary.objects.filter(region=region, level="lsoa").count() == 2
    assert Neighbourhood.objects.filter(area__region=region).count() == 10
    assert report.without_neighbourhoods == []


def test_a_file_missing_an_areas_shape_is_refused_naming_it_and_loading_nothing(
    region: Region, tmp_path: Path
) -> None:
    only_north = write(tmp_path / "north.json", topology("lad", ["E08000901"]))

    with pytest.raises(DomainError) as refused:
        _load(region, [only_north])

    assert "Southby (E08000902)" in refused.value.message
    assert "nothing was loaded" in refused.value.message
    assert not Boundary.objects.exists()
    assert not BoundaryLoad.objects.exists()
    assert not Neighbourhood.objects.exists()


def test_a_refused_load_keeps_the_shapes_loaded_before(region: Region, tmp_path: Path) -> None:
    _load(region, region_files(tmp_path, DISTRICTS))
    before = list(Boundary.objects.values_list("pk", flat=True))
    broken = write(tmp_path / "broken.json", {"type": "Topology"})

    with pytest.raises(DomainError):
        _load(region, [broken])

    assert list(Boundary.objects.values_list("pk", flat=True)) == before


def test_the_command_names_the_area_without_a_shape_and_exits_2(
    region: Region, tmp_path: Path
) -> None:
    only_south = write(tmp_path / "south.json", topology("lad", ["E08000902"]))

    result = runner.invoke(app, ["boundaries", "load", str(only_south)])

    assert result.exit_code == 2
    assert "Northton (E08000901)" in result.stderr
    assert not Boundary.objects.exists()


def test_the_command_loads_and_prints_the_attribution(region: Region, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["boundaries", "load", *map(str, region_files(tmp_path, DISTRICTS))]
    )

    assert result.exit_code == 0, result.output
    assert "2 districts and 10 neighbourhoods" in result.stdout
    assert "Martin Chorley" in result.stdout
    assert "Crown copyright" in result.stdout


def test_a_load_is_attributed_with_the_licence_and_its_files(
    region: Region, tmp_path: Path
) -> None:
    _load(region, region_files(tmp_path, DISTRICTS))

    load = BoundaryLoad.objects.get()
    assert "CC BY 4.0" in load.attribution
    assert "lad.topo.json" in load.sources
    assert load.history.count() == 1


def test_a_district_without_neighbourhood_shapes_is_named_but_still_loads(
    region: Region, tmp_path: Path
) -> None:
    districts = write(tmp_path / "lad.json", topology("lad", DISTRICTS))
    north = write(
        tmp_path / "E08000901.json", topology("E08000901", lsoa_codes("E08000901"), lsoa=True)
    )

    report = _load(region, [districts, north])

    assert report.without_neighbourhoods == ["Southby"]


def test_loading_again_replaces_the_shapes_and_keeps_neighbourhood_figures(
    region: Region, tmp_path: Path
) -> None:
    _load(region, region_files(tmp_path, DISTRICTS))
    Neighbourhood.objects.update(imd_decile=3)

    _load(region, region_files(tmp_path, DISTRICTS, lsoas=4))

    assert Boundary.objects.filter(region=region).count() == 3
    assert Neighbourhood.objects.count() == 8
    assert set(Neighbourhood.objects.values_list("imd_decile", flat=True)) == {3}


def test_trimming_keeps_only_the_wanted_shapes_and_their_arcs() -> None:
    big = topology("lad", ["E08000901", "E08000902", "E08000903"])
    found = boundaries.scan([("lad.json", big)])

    (shapes,) = boundaries.region_shapes(found, ["E08000903"])

    assert shapes.codes == ["E08000903"]
    assert len(shapes.topology["arcs"]) == 1
    assert shapes.topology["objects"]["areas"]["geometries"][0]["arcs"] == [[0]]


def test_lsoa_shapes_are_put_on_a_coarser_grid_and_stay_topology() -> None:
    fine = topology("E08000901", lsoa_codes("E08000901"), lsoa=True)
    found = boundaries.scan([("lad.json", topology("lad", ["E08000901"])), ("l.json", fine)])

    lsoas = boundaries.region_shapes(found, ["E08000901"])[1]

    assert lsoas.topology["type"] == "Topology"
    assert lsoas.topology["transform"]["scale"][0] == pytest.approx(boundaries.LSOA_GRID)
    assert len(json.dumps(lsoas.topology)) < len(json.dumps(fine))
