"""Each area names the police forces whose police.uk files cover it, and the crime pages say so."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.urls import reverse

from remit.core.models import Area
from remit.core.models import Region
from remit.core.services import region_load
from remit.indicators.services.values import area_forces
from remit.indicators.services.values import partial_month
from remit.regions import forces
from remit.regions.pack import FORCE_AREA_KINDS
from remit.regions.pack import load_pack
from remit.regions.pack import load_pack_file
from remit.regions.pack import shipped_packs
from remit.regions.pack import validate_pack as pack_problems

NORTHSHIRE = Path(__file__).parent / "fixtures" / "northshire.yaml"
_DATA: dict[str, Any] = yaml.safe_load(NORTHSHIRE.read_text(encoding="utf-8"))


def northshire() -> dict[str, Any]:
    return copy.deepcopy(_DATA)


def problems(data: dict[str, Any]) -> list[str]:
    text = yaml.safe_dump(data, sort_keys=False)
    return [f"{issue.path}: {issue.message}" for issue in pack_problems(text)]


# ---------------------------------------------------------------- the list of forces


def test_forces_are_named_by_their_police_uk_slug() -> None:
    assert forces.force_name("west-mercia") == "West Mercia Police"
    assert forces.force_name("metropolitan") == "Metropolitan Police Service"
    assert forces.force("dyfed-powys").area_code == "W15000004"
    assert forces.slug_for_name("cambridgeshire constabulary") == "cambridgeshire"
    assert forces.is_force("btp")
    assert not forces.is_force("northshire")
    # A force police.uk adds later still reads, by its slug.
    assert forces.force_name("new-force") == "new-force"
    assert len({f.slug for f in forces.FORCES}) == len(forces.FORCES) == 45


def test_every_force_in_the_shared_police_uk_files_is_known(shared_data: Path) -> None:
    found = forces.forces_in_folder(shared_data / "police-uk")
    assert found, "the shared data holds police.uk street files"
    assert all(forces.is_force(slug) for slug in found), found


def test_forces_in_folder_reads_only_street_files(tmp_path: Path) -> None:
    for name in ("2019-01-durham-street.csv", "2019-02-kent-outcomes.csv", "notes.csv"):
        (tmp_path / name).write_text("")
    assert forces.forces_in_folder(tmp_path) == {"durham"}
    assert forces.forces_in_folder(tmp_path / "missing") == set()


# ---------------------------------------------------------------- the pack


@pytest.mark.parametrize("slug", sorted(shipped_packs()))
def test_every_district_of_a_shipped_pack_names_known_forces(slug: str) -> None:
    pack = load_pack_file(shipped_packs()[slug])
    districts = [a for a in pack.areas if a.kind in FORCE_AREA_KINDS]
    assert districts
    for area in districts:
        assert area.forces, area.name
        assert all(forces.is_force(force) for force in area.forces), area


def test_the_shipped_packs_give_each_district_its_own_force() -> None:
    west = load_pack_file(shipped_packs()["west-midlands"])
    assert west.area("E08000025").forces == ("west-midlands",)
    assert west.area("E07000192").forces == ("staffordshire",)
    assert west.area("E06000051").forces == ("west-mercia",)
    east = load_pack_file(shipped_packs()["cambridgeshire-peterborough"])
    assert {a.forces for a in east.areas} == {("cambridgeshire",)}


def test_an_unknown_force_is_reported_at_its_path_with_the_nearest_slug() -> None:
    data = northshire()
    data["areas"][0]["forces"] = ["northumbira"]
    [problem] = problems(data)
    assert problem.startswith(
        "areas[0].forces[0]: unknown police force 'northumbira' (did you mean 'northumbria'?)"
    )


def test_a_district_without_forces_is_refused_from_version_2() -> None:
    data = northshire()
    del data["areas"][1]["forces"]
    assert problems(data) == [
        "areas[1].forces: is required for a district or unitary area: list the police.uk slugs "
        "of the forces whose files cover it, such as forces: [cumbria]"
    ]
    # The combined authority's own area may leave them out.
    data = northshire()
    del data["areas"][4]["forces"]
    assert problems(data) == []


def test_a_force_listed_twice_is_refused() -> None:
    data = northshire()
    data["areas"][0]["forces"] = ["northumbria", "durham", "northumbria"]
    assert problems(data) == ["areas[0].forces: lists 'northumbria' more than once; keep one"]


def test_an_area_may_be_covered_by_two_forces() -> None:
    data = northshire()
    data["areas"][2]["forces"] = ["durham", "cleveland"]
    pack = load_pack(yaml.safe_dump(data, sort_keys=False))
    assert pack.area("E06099903").forces == ("durham", "cleveland")


# ---------------------------------------------------------------- loading and pages


@pytest.fixture
def loaded(db: Any) -> Region:
    return region_load(by=None, text=NORTHSHIRE.read_text(encoding="utf-8")).region


def test_loading_records_each_areas_forces_and_a_change_updates_them(loaded: Region) -> None:
    assert dict(loaded.areas.values_list("code", "forces")) == {
        "E06099901": ["northumbria"],
        "E06099902": ["northumbria"],
        "E06099903": ["durham"],
        "E06099904": ["durham"],
        "E47099901": ["northumbria"],
    }
    data = northshire()
    data["areas"][2]["forces"] = ["durham", "cleveland"]
    report = region_load(by=None, text=yaml.safe_dump(data, sort_keys=False))
    area = Area.objects.get(region=loaded, code="E06099903")
    assert area.forces == ["durham", "cleveland"]
    assert report.updated["areas"] == 1
    assert area.history.latest().history_change_reason == "Region pack changed: forces"


def test_the_pack_forces_come_before_the_ons_lookup(loaded: Region) -> None:
    from remit.indicators.models import AreaForce

    ashby = loaded.areas.get(code="E06099901")
    AreaForce.objects.create(area=ashby, force="cumbria", force_name="Cumbria")
    unlisted = loaded.areas.get(code="E06099902")
    unlisted.forces = []
    unlisted.save()
    AreaForce.objects.create(area=unlisted, force="durham", force_name="Durham")
    found = area_forces([ashby, unlisted])
    assert found == {ashby.pk: ("northumbria",), unlisted.pk: ("durham",)}


def test_a_month_is_partial_when_any_of_the_areas_forces_is_missing() -> None:
    loaded = {("durham", "2019-01"), ("cleveland", "2019-01"), ("durham", "2019-02")}
    assert not partial_month(("durham", "cleveland"), "2019-01", loaded)
    assert partial_month(("durham", "cleveland"), "2019-02", loaded)
    assert not partial_month((), "2019-03", loaded)


def test_the_crime_data_page_says_which_force_covers_each_area(
    client: Any, loaded: Region, make_user: Any
) -> None:
    client.force_login(make_user("officer"))
    html = client.get(reverse("indicators:crime_data")).content.decode()
    assert "Police force whose files cover it" in html
    assert "Not recorded" not in html
    rows = {
        name: html.split(f">{name}</th>", 1)[1].split("</tr>", 1)[0]
        for name in ("Ashby Vale", "Brackenford", "Coldharbour")
    }
    assert "Northumbria Police" in rows["Ashby Vale"]
    assert "Northumbria Police" in rows["Brackenford"]
    assert "Durham Constabulary" in rows["Coldharbour"]
    # Nothing is imported: each area's own force is named as missing.
    assert "The police.uk files of Durham Constabulary and Northumbria Police" in html


def test_the_area_page_names_the_force_that_records_its_crimes(
    client: Any, loaded: Region, make_user: Any
) -> None:
    client.force_login(make_user("officer"))
    html = client.get(reverse("indicators:area", args=["E06099903"])).content.decode()
    assert "Crimes here are recorded by Durham Constabulary" in html
    public = client.get(reverse("indicators_public:area", args=["E06099901"])).content.decode()
    assert "Crimes here are recorded by Northumbria Police" in public
