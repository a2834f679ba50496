"""The scale benchmark's growth still runs against the models: the demo grown a little.

The benchmarks are not run by the tests (they take minutes); this keeps the part of them
that writes rows in bulk from falling behind the models it copies, and the fund maps'
measure and table from falling behind the maps they build.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from django.test import Client

from remit.core.models import Region
from remit.core.models import User
from remit.core.services.demo import demo_load as accounts_load
from remit.funding.demo import demo_load as fund_load
from remit.funding.models import Bid
from remit.funding.models import Grant
from remit.meetings.demo import demo_load as meetings_load
from remit.meetings.models import Decision
from remit.meetings.models import Paper
from remit.proposals.demo import demo_load as proposals_load
from remit.proposals.models import MissionAlignment
from remit.proposals.models import Proposal

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture
def bench_scale(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(BENCH))
    import bench_scale

    return bench_scale


@pytest.fixture
def demo(db: Any) -> Region:
    report, _ = accounts_load(region="west-midlands")
    for step in (proposals_load, meetings_load, fund_load):
        step(report.region)
    return report.region


def test_growth_copies_the_demo_and_every_measured_page_answers(
    bench_scale: ModuleType, demo: Region
) -> None:
    before = bench_scale.counts(demo)
    papers, decisions = Paper.objects.count(), Decision.objects.count()
    alignments = MissionAlignment.objects.count()
    sizes = bench_scale.Sizes(
        proposals=before["proposals"] + 3,
        bids=before["bids in the round"] + 4,
        grants=before["grants"] + 5,
        meetings=before["meetings"] + 2,
        results=6,
    )

    after = bench_scale.grow(demo, sizes)

    assert after["proposals"] == sizes.proposals
    assert after["bids in the round"] == sizes.bids
    assert after["grants"] == sizes.grants
    assert after["meetings"] == sizes.meetings
    assert after["results"] == 6
    assert after["bids"] == before["bids"] + 4 + 5
    assert MissionAlignment.objects.count() > alignments
    assert Paper.objects.count() > papers
    assert Decision.objects.count() > decisions
    round = bench_scale.main_round(demo)
    copied = Bid.all_objects.filter(round=round).order_by("-pk")[:4]
    assert {b.status for b in copied} == {"submitted"}
    assert all(b.scores.exists() for b in copied)
    assert Grant.objects.filter(bid__round__slug=f"{round.slug}-earlier").count() == 5
    assert Proposal.all_objects.filter(title__endswith=f"({before['proposals']})").exists()
    signed_in, visitor = Client(), Client()
    signed_in.force_login(User.objects.filter(is_superuser=True).first())
    for page in bench_scale.pages(demo):
        if page.who == "api":
            continue  # the benchmark asks the API with a token
        client = signed_in if page.who == "admin" else visitor
        assert client.get(page.url).status_code == 200, page.url


def test_write_docs_replaces_only_between_the_markers(
    bench_scale: ModuleType, tmp_path: Path
) -> None:
    doc = tmp_path / "performance.md"
    doc.write_text(f"# Before\n{bench_scale.BEGIN}\nold table\n{bench_scale.END}\nAfter\n")

    bench_scale.write_docs("| new | table |", doc)

    assert doc.read_text() == (
        f"# Before\n{bench_scale.BEGIN}\n| new | table |\n{bench_scale.END}\nAfter\n"
    )


def test_the_long_lists_are_compared_with_fifty_records_and_the_rest_with_the_demo(
    bench_scale: ModuleType,
) -> None:
    page = bench_scale.Page
    grants = page("internal grants list", "/funds/grants/", "admin", "grants", "fifty")
    results = page("results list", "/indicators/results/", "admin", "results")
    found = {
        "demo": {"grants": 7, "results": 10},
        "fifty": {"grants": 50, "results": 10},
        "full": {"grants": 5000, "results": 1000},
    }
    timings = [
        bench_scale.Timing(grants, 0.020, 0.030, {"fifty": 29, "full": 29}),
        bench_scale.Timing(results, 0.050, 0.100, {"demo": 25, "full": 25}),
    ]

    table = bench_scale.report("full", found, timings, 3, ([], 0), 4)

    assert "| internal grants list | 50 grants | 5,000 | 20.0 | 30.0 | 1.50× | 29 → 29 |" in table
    assert "| results list | 10 results | 1,000 | 50.0 | 100.0 | 2.00× | 25 → 25 |" in table
    assert bench_scale.FIFTY.grants == bench_scale.FIFTY.bids == 50


@pytest.fixture
def bench_fund_maps(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(BENCH))
    import bench_fund_maps

    return bench_fund_maps


def _squares(codes: list[str]) -> dict[str, Any]:
    return {
        "type": "Topology",
        "objects": {
            "lad": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "id": code, "arcs": [[i]]} for i, code in enumerate(codes)
                ],
            }
        },
        "arcs": [[[i, 0], [i + 1, 0], [i + 1, 1], [i, 1], [i, 0]] for i in range(len(codes))],
    }


def test_the_fund_maps_benchmark_times_both_maps_against_a_bare_page_and_writes_its_table(
    bench_fund_maps: ModuleType, bench_scale: ModuleType, tmp_path: Path
) -> None:
    codes = ["E08000901", "E08000902", "E08000903"]
    districts = bench_fund_maps.Districts(
        _squares(codes), "lad", [(code, f"District {code}") for code in codes]
    )

    cases = bench_fund_maps.measure(districts, 2)

    assert [c.label for c in cases] == ["money awarded by area", "a scenario's shares"]
    assert [c.no_data for c in cases] == [0, 1], "the third district is not in the scenario"
    assert all(len(c.server) == len(c.bare) == 2 for c in cases)
    assert all(c.server_bytes > c.bare_bytes > 0 and c.svg_bytes > 0 for c in cases)
    table = bench_fund_maps.report("quick", "test", districts, cases, 2)
    assert "`bench/bench_fund_maps.py --quick test`" in table
    assert "| a scenario's shares |" in table
    doc = tmp_path / "performance.md"
    begin, end = bench_fund_maps.BEGIN, bench_fund_maps.END
    doc.write_text(f"# Before\n{begin}\nold table\n{end}\nAfter\n")

    bench_scale.write_docs(table, doc, begin=begin, end=end)

    assert doc.read_text() == f"# Before\n{begin}\n{table}\n{end}\nAfter\n"
    performance = bench_scale.DOC.read_text()
    assert begin in performance
    assert end in performance


@pytest.fixture
def bench_results(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(BENCH))
    import results

    return results


def _scale(mode: str = "full", **changes: Any) -> dict[str, Any]:
    def page(ratio: float, full_ms: float = 30.0, queries: int = 5) -> dict[str, Any]:
        return {"ratio": ratio, "full_ms": full_ms, "queries": {"base": queries, "full": queries}}

    figures = {
        "mode": mode,
        "pages": {
            "internal grants list": page(1.7),
            "a round's bids": page(1.1),
            "moderation": page(2.4),
            "results list": page(1.9),
            "a mission page": page(1.3),
            "API grants, one page": page(1.5),
            "360Giving JSON": page(1.0, full_ms=44.4),
            "360Giving CSV": page(1.0, full_ms=39.9),
            "coverage matrix": page(2.6),
            "decisions Atom feed": page(1.0, queries=6),
        },
        "package": {"first_ms": 900.0, "again_ms": 60.0, "solved_first": 1, "solved_again": 0},
        "gunicorn": {"public home": 1.97, "grants register": 0.75},
        "signed_in_reads": 20,
        "writes_on_signed_in_reads": 0,
    }
    return {**figures, **changes}


def _verdicts(table: str) -> dict[str, str]:
    rows = [line.split(" | ") for line in table.splitlines()[2:]]
    return {row[0].lstrip("| "): row[3] for row in rows}


def test_the_goals_table_says_met_not_met_or_not_measured_for_each_goal(
    bench_results: ModuleType,
) -> None:
    crime = {"rows": 1_770_003, "wall_ratio": 1.04, "cpu_ratio": 1.42}

    table = bench_results.goals_table({"bench_scale": _scale(), "bench_crime_import": crime})

    verdicts = _verdicts(table)
    assert len(verdicts) == len(bench_results.GOALS) == 12
    assert verdicts["internal grants list, 5,000 grants"] == "met"
    assert verdicts["a round's bids and moderation, 2,000 bids"] == "**not met**"
    assert verdicts["public 360Giving JSON and CSV, 5,000 grants"] == "met"
    assert verdicts["suggested package page, 2,000 bids"] == "met"
    assert verdicts["decisions Atom feed, 500 meetings"] == "met"
    assert verdicts["public home and public grants list under gunicorn, 5,000 grants"] == (
        "**not met**"
    )
    assert verdicts["every signed-in GET measured"] == "met"
    assert verdicts["coverage matrix, 2,000 proposals"] == "met"
    assert (
        verdicts["crime import, every English force × 5 months (1.77 million rows in 195 files)"]
        == "met"
    )
    assert verdicts["meeting pack, 155 pages"] == "not measured", "no result is never met"
    assert "| 1.04× wall-clock (1.42× CPU), 1,770,003 rows |" in table
    assert "`bench/bench_meeting_pack.py` |" in table


def test_figures_below_the_real_size_are_not_measured_and_writes_are_not_met(
    bench_results: ModuleType,
) -> None:
    small_crime = {"rows": 20_000, "wall_ratio": 1.0, "cpu_ratio": 1.0}
    pack = {"pages": 155, "repeat": 7, "cpu": {"turn_ratio": {"median": 1.04}}}

    quick = _verdicts(
        bench_results.goals_table(
            {"bench_scale": _scale("quick"), "bench_crime_import": small_crime}
        )
    )
    scale = _scale(writes_on_signed_in_reads=2, writes_on_api_reads=4, api_reads=4)
    table = bench_results.goals_table({"bench_scale": scale, "bench_meeting_pack": pack})
    full = _verdicts(table)

    assert set(quick.values()) == {"not measured"}
    assert full["every signed-in GET measured"] == "**not met**"
    assert full["meeting pack, 155 pages"] == "met"
    assert "| 2 writes over 20 signed-in GETs (API with a token: 4 over 4) |" in table


def test_results_are_saved_and_loaded_by_benchmark(
    bench_results: ModuleType, tmp_path: Path
) -> None:
    bench_results.save("bench_x", {"ratio": 1.5}, tmp_path)

    assert bench_results.load(tmp_path) == {"bench_x": {"ratio": 1.5}}
    assert bench_results.load(tmp_path / "none") == {}
    performance = (BENCH.parent / "docs" / "performance.md").read_text()
    assert bench_results.BEGIN in performance
    assert bench_results.END in performance


def test_make_bench_runs_every_benchmark_once_at_its_goals_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.syspath_prepend(str(BENCH))
    import run_all

    names = [name for name, _ in run_all.RUNS]
    runs = dict(run_all.RUNS)

    assert sorted(names) == sorted(p.stem for p in BENCH.glob("bench_*.py"))
    assert runs["bench_crime_import"][:2] == ["--generate", "1770000"]
    docs = "".join(p.read_text() for p in (BENCH.parent / "docs").glob("*.md"))
    for name in names:
        writes = f"<!-- {name}: begin -->" in docs
        assert writes == ("--write-docs" in runs[name]), name
