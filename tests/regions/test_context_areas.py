"""An area listed for comparison is shown, labelled, but is never part of the region's figures."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.urls import reverse

from remit.core.models import Area
from remit.core.models import Organisation
from remit.core.models import Region
from remit.core.services import region_load
from remit.indicators import selectors
from remit.indicators import services
from remit.indicators.models import Indicator
from remit.indicators.models import IndicatorValue
from remit.indicators.models import Kind
from remit.indicators.models import Origin
from remit.regions.pack import PackError
from remit.regions.pack import load_pack
from remit.regions.pack import validate_pack

NORTHSHIRE = Path(__file__).parent / "fixtures" / "northshire.yaml"
_DATA: dict[str, Any] = yaml.safe_load(NORTHSHIRE.read_text(encoding="utf-8"))
DUNMERE = "E06099904"


def with_context(**changes: Any) -> dict[str, Any]:
    """Northshire, whose Dunmere is a neighbouring unitary listed for comparison."""
    data = copy.deepcopy(_DATA)
    [dunmere] = [area for area in data["areas"] if area["code"] == DUNMERE]
    assert dunmere["context"] is True
    dunmere.update(changes)
    return data


def without_context() -> dict[str, Any]:
    """Northshire with its comparison area taken out of the pack."""
    data = copy.deepcopy(_DATA)
    data["areas"] = [area for area in data["areas"] if area["code"] != DUNMERE]
    return data


def text(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False)


# ---------------------------------------------------------------- the pack


def test_a_context_area_is_read_apart_from_the_regions_own() -> None:
    pack = load_pack(text(with_context()))
    assert pack.area(DUNMERE).context is True
    assert pack.area("E06099901").context is False
    assert DUNMERE not in {a.code for a in pack.region_areas}
    assert len(pack.region_areas) == len(pack.areas) - 1


def test_a_constituent_member_cannot_be_for_comparison() -> None:
    [issue] = validate_pack(text(with_context(constituent=True)))
    assert issue.path == "areas[3].context"
    assert issue.message.startswith("a constituent member is part of the region")


def test_a_region_of_nothing_but_comparison_areas_is_refused() -> None:
    data = with_context()
    for area in data["areas"]:
        area.pop("constituent", None)
        area["context"] = True
    issues = [f"{i.path}: {i.message}" for i in validate_pack(text(data))]
    assert issues == [
        "areas: every area is for comparison (context: true); at least one must be part of "
        "the region"
    ]


# ---------------------------------------------------------------- figures


FIGURES = {"E06099901": "10", "E06099902": "20", "E06099903": "30", DUNMERE: "1000"}


@pytest.fixture
def loaded(db: Any) -> Region:
    return region_load(by=None, text=text(with_context())).region


@pytest.fixture
def analyst(make_user: Any) -> Any:
    return make_user("analyst")


def uploaded(region: Region, by: Any, slug: str, kind: str) -> Indicator:
    indicator = services.indicator_create(
        by=by,
        region=region,
        data={"name": slug.capitalize(), "slug": slug, "origin": Origin.UPLOADED, "kind": kind},
    )
    rows = "".join(
        f"{code},{year},{value}\n" for year in (2022, 2023) for code, value in FIGURES.items()
    )
    services.series_upload(
        by=by, indicator=indicator, data=f"area_code,period,value\n{rows}".encode(), name="f.csv"
    )
    services.indicator_publish(by=by, indicator=indicator)
    return indicator


def summary_of(region: Region, indicator: Indicator) -> selectors.Summary:
    return selectors.summaries(region, [indicator])[0]


def test_a_context_area_changes_no_region_total_or_rank(loaded: Region, analyst: Any) -> None:
    summary = summary_of(loaded, uploaded(loaded, analyst, "incidents", Kind.COUNT))
    assert summary.region_latest is not None
    assert summary.region_latest.value == Decimal(60)  # 10 + 20 + 30, not Dunmere's 1,000
    assert summary.compared == 3
    ranks = {row.area.name: row.rank for row in summary.areas}
    assert ranks == {"Coldharbour": 1, "Brackenford": 2, "Ashby Vale": 3, "Dunmere": None}
    assert [row.area.name for row in summary.areas][-1] == "Dunmere"
    assert all(DUNMERE not in gap.worst_areas for gap in summary.gaps)
    assert summary.has_comparison_areas
    # Dunmere's own figures are still shown.
    dunmere = next(row for row in summary.areas if row.area.code == DUNMERE)
    assert dunmere.latest is not None
    assert dunmere.latest.value == Decimal(1000)


def test_a_context_area_is_left_out_of_a_population_weighted_region_rate(
    loaded: Region, analyst: Any
) -> None:
    summary = summary_of(loaded, uploaded(loaded, analyst, "rate", Kind.RATE))
    populations = {"E06099901": 210000, "E06099902": 145500, "E06099903": 98250}
    weighted = sum(Decimal(FIGURES[c]) * p for c, p in populations.items())
    expected = weighted / sum(populations.values())
    assert summary.region_latest is not None
    assert summary.region_latest.value == expected.quantize(summary.region_latest.value)


def test_removing_the_context_area_leaves_the_region_figures_as_they_were(
    loaded: Region, analyst: Any
) -> None:
    indicator = uploaded(loaded, analyst, "incidents", Kind.COUNT)
    before = summary_of(loaded, indicator)
    region_load(by=None, text=text(without_context()))
    after = summary_of(loaded, indicator)
    assert after.region_points == before.region_points
    assert after.gaps == before.gaps
    assert [(r.area.code, r.rank) for r in after.areas] == [
        (r.area.code, r.rank) for r in before.areas if r.area.code != DUNMERE
    ]


def test_context_areas_appear_labelled_for_comparison(
    client: Any, loaded: Region, analyst: Any
) -> None:
    uploaded(loaded, analyst, "incidents", Kind.COUNT)
    detail = client.get(reverse("indicators_public:detail", args=["incidents"])).content.decode()
    row = detail.split(">Dunmere</a>", 1)[1].split("</tr>", 1)[0]
    assert "(for comparison)" in row
    assert "Areas marked “for comparison” are not part of the region" in detail
    area = client.get(reverse("indicators_public:area", args=[DUNMERE])).content.decode()
    assert "Dunmere is shown for comparison. It is not part of the region" in area
    assert "Not ranked: shown for comparison" in area
    home = client.get(reverse("portal:home")).content.decode()
    assert "For comparison: not part of the region" in home
    client.force_login(analyst)
    crime = client.get(reverse("indicators:crime_data")).content.decode()
    assert 'Dunmere <span class="govuk-body-s">(for comparison)</span>' in crime


# ---------------------------------------------------------------- removal


def test_an_area_left_out_of_the_pack_is_removed_with_its_figures(
    loaded: Region, analyst: Any
) -> None:
    uploaded(loaded, analyst, "incidents", Kind.COUNT)
    report = region_load(by=None, text=text(without_context()))
    assert not Area.objects.filter(code=DUNMERE).exists()
    assert report.removed["areas"] == 1
    assert not IndicatorValue.objects.filter(area__code=DUNMERE).exists()
    assert not any("Dunmere" in line for line in report.not_in_pack)


def test_an_area_still_in_use_is_not_removed_and_what_uses_it_is_named(loaded: Region) -> None:
    Organisation.objects.create(
        region=loaded,
        slug="dunmere-trust",
        name="Dunmere Community Trust",
        kind="voluntary_sector",
        area=Area.objects.get(code=DUNMERE),
    )
    changed = without_context()
    changed["region"]["name"] = "Northshire renamed"
    with pytest.raises(PackError) as refused:
        region_load(by=None, text=text(changed))
    message = str(refused.value)
    assert message.startswith("areas: Dunmere (E06099904) is no longer in the pack")
    assert "1 organisation: Dunmere Community Trust" in message
    assert "put the area back in the pack, or change those records first" in message
    assert Area.objects.filter(code=DUNMERE).exists()
    assert Region.objects.get(pk=loaded.pk).name == "Northshire"  # nothing was loaded
