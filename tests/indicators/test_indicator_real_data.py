"""The demo's indicators from the real published files, checked against independent counts.

The crime figures are recounted here with DuckDB SQL straight over the police.uk CSVs
joined to the IMD 2019 File 1; the deprivation and population figures against the
official district summaries (File 10) and the region pack's ONS populations.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from remit.core.models import Area
from remit.core.models import Region
from remit.core.services.demo import demo_load as region_demo
from remit.indicators import catalogue
from remit.indicators import deprivation
from remit.indicators import measures
from remit.indicators.demo import demo_load
from remit.indicators.models import NEIGHBOURHOOD_CRIME
from remit.indicators.models import AreaForce
from remit.indicators.models import Indicator
from remit.indicators.models import IndicatorValue
from remit.indicators.services import local_areas

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
POLICE_UK = SHARED / "police-uk"
IMD = SHARED / "imd2019"

pytestmark = pytest.mark.skipif(
    not POLICE_UK.is_dir() or not IMD.is_dir(),
    reason=f"the shared data is not at {SHARED} (see shared/data/README.md)",
)

METROPOLITAN = {f"E080000{n}" for n in range(25, 32)}


@pytest.fixture(scope="module")
def crime_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One store for the module: the demo skips files it already holds unchanged."""
    return tmp_path_factory.mktemp("crime") / "store"


@pytest.fixture
def west_midlands(db: Any, settings: Any, crime_dir: Path, monkeypatch: Any) -> Iterator[Region]:
    settings.CRIME_STORE = crime_dir
    monkeypatch.setenv("REMIT_SHARED", str(SHARED.parent))
    report, _ = region_demo(region="west-midlands")
    demo_load(report.region)
    return report.region


def _figures(region: Region, slug: str) -> dict[tuple[str, str], tuple[Decimal, bool]]:
    indicator = Indicator.all_objects.get(region=region, slug=slug)
    return {
        (v.area.code, v.period): (v.value, v.partial)
        for v in IndicatorValue.objects.filter(indicator=indicator).select_related("area")
    }


def independent_counts(
    types: list[str], districts: list[str], forces: list[str]
) -> dict[tuple[str, str], int]:
    files = [str(p) for f in forces for p in sorted(POLICE_UK.glob(f"*-{f}-street.csv"))]
    with duckdb.connect() as con:
        rows = con.execute(
            """
            SELECT l."Local Authority District code (2019)", c."Month", count(*)
            FROM read_csv($files, all_varchar = true) c
            JOIN read_csv($lookup, all_varchar = true) l
              ON l."LSOA code (2011)" = c."LSOA code"
            WHERE list_contains($types, c."Crime type")
              AND list_contains($districts, l."Local Authority District code (2019)")
            GROUP BY ALL
            """,
            {
                "files": files,
                "lookup": str(IMD / deprivation.FILE_1),
                "types": types,
                "districts": districts,
            },
        ).fetchall()
    return {(str(d), str(m)): int(n) for d, m, n in rows}


def test_crime_rates_equal_an_independent_duckdb_count_over_the_files(
    west_midlands: Region,
) -> None:
    areas = {a.code: a for a in local_areas(west_midlands)}
    forces = sorted(set(AreaForce.objects.values_list("force", flat=True)) - {"west-midlands"})
    assert forces == ["staffordshire", "warwickshire", "west-mercia"]
    months = [f"2018-{m}" for m in ("10", "11", "12")] + ["2019-01", "2019-02"]
    for slug, types in (
        ("neighbourhood-crime", list(NEIGHBOURHOOD_CRIME)),
        ("violence-and-sexual-offences", ["Violence and sexual offences"]),
        ("possession-of-weapons", ["Possession of weapons"]),
    ):
        counts = independent_counts(types, list(areas), forces)
        expected = {
            (code, month): measures.per_thousand(counts.get((code, month), 0), area.population)
            for code, area in areas.items()
            for month in months
            if area.population
        }
        found = _figures(west_midlands, slug)
        assert {k: v for k, (v, _) in found.items()} == expected, slug
        # The seven districts' own force is not held: every month is marked partial.
        assert {k[0] for k, (_, partial) in found.items() if partial} == METROPOLITAN
    # Birmingham's few neighbourhood crimes are real rows from the neighbouring forces.
    assert sum(independent_counts(list(NEIGHBOURHOOD_CRIME), ["E08000025"], forces).values()) < 50


def test_deprivation_and_population_match_the_official_figures(west_midlands: Region) -> None:
    districts = {a.code: a for a in local_areas(west_midlands)}
    score = deprivation.district_summary(IMD / deprivation.FILE_10, "IMD", "Average score")
    assert {
        code: v for (code, _), (v, _) in _figures(west_midlands, "imd-average-score").items()
    } == {code: score[code] for code in districts}
    assert _figures(west_midlands, "imd-average-score")[("E08000025", "2019")][0] == Decimal(
        "38.067"
    )
    official = deprivation.district_summary(IMD / deprivation.FILE_10, "Crime", "Average rank")
    ranks = _figures(west_midlands, "crime-domain-average-rank")
    assert {code for code, _ in ranks} == set(districts)
    for (code, _), (value, _) in ranks.items():
        assert abs(value - official[code]) <= Decimal("0.15"), code
    population = _figures(west_midlands, "population-mid-2019")
    assert {code: int(v) for (code, _), (v, _) in population.items()} == {
        code: a.population for code, a in districts.items()
    }


def test_the_demo_population_is_context_shown_as_whole_people(
    west_midlands: Region, client: Any
) -> None:
    kinds = dict(Indicator.all_objects.filter(region=west_midlands).values_list("slug", "kind"))
    assert kinds == {
        "neighbourhood-crime": "rate",
        "violence-and-sexual-offences": "rate",
        "possession-of-weapons": "rate",
        "imd-average-score": "score",
        "crime-domain-average-rank": "rank",
        "population-mid-2019": "context",
    } | {entry.slug: entry.kind for entry in catalogue.load().entries}
    page = client.get("/published/indicators/population-mid-2019/").content.decode()
    assert "1,141,816" in page
    assert "1,141,816.0" not in page
    assert "worst" not in page
    assert "Against target" not in page


def test_the_demo_is_idempotent(west_midlands: Region) -> None:
    def counts() -> tuple[int, int, int, int]:
        return (
            Indicator.all_objects.filter(region=west_midlands).count(),
            IndicatorValue.objects.filter(indicator__region=west_midlands).count(),
            Indicator.history.filter(region=west_midlands).count(),
            AreaForce.history.count(),
        )

    before = counts()
    demo_load(west_midlands)
    assert counts() == before
    assert all(i.is_published for i in Indicator.all_objects.filter(region=west_midlands))


def test_a_region_without_shared_data_gets_definitions_only(
    db: Any, settings: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    settings.CRIME_STORE = tmp_path / "crime"
    monkeypatch.setenv("REMIT_SHARED", str(tmp_path / "nowhere"))
    report, _ = region_demo(region="cambridgeshire-peterborough")
    demo_load(report.region)
    slugs = set(Indicator.all_objects.filter(region=report.region).values_list("slug", flat=True))
    assert slugs == {
        "neighbourhood-crime",
        "violence-and-sexual-offences",
        "possession-of-weapons",
        "imd-average-score",
        "crime-domain-average-rank",
        "population-mid-2019",
    }
    assert not IndicatorValue.objects.exists()
    assert not (tmp_path / "crime").exists()


def test_cambridgeshire_gets_its_own_force_and_no_partial_figures(
    db: Any, settings: Any, crime_dir: Path, monkeypatch: Any
) -> None:
    settings.CRIME_STORE = crime_dir
    monkeypatch.setenv("REMIT_SHARED", str(SHARED.parent))
    report, _ = region_demo(region="cambridgeshire-peterborough")
    demo_load(report.region)
    assert set(AreaForce.objects.values_list("force", flat=True)) == {"cambridgeshire"}
    found = _figures(report.region, "neighbourhood-crime")
    assert found
    assert not any(partial for _, partial in found.values())
    cambridge = Area.objects.get(region=report.region, code="E07000008")
    counts = independent_counts(list(NEIGHBOURHOOD_CRIME), ["E07000008"], ["cambridgeshire"])
    assert found[("E07000008", "2019-01")][0] == measures.per_thousand(
        counts[("E07000008", "2019-01")], cambridge.population or 0
    )
