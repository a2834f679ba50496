"""``remit fund allocate``: JSON or a table, or a located message and exit 2 on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from remit.funding.cli import fund_app

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE = Path(__file__).parents[2] / "src/remit/regions/demo/west-midlands/wm-2018-19.yaml"
AREA_KEYS = {
    "code",
    "name",
    "need_share",
    "unconstrained",
    "formula",
    "bound",
    "protected",
    "total",
    "change",
    "change_pct",
}

runner = CliRunner()


def test_allocate_prints_json_in_the_published_shape() -> None:
    result = runner.invoke(fund_app, ["allocate", str(FIXTURES / "four-areas.yaml"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["pot"] == "8500.00"
    assert {"formula", "protected", "top_slices", "budget"} <= set(data["totals"])
    assert data["totals"]["budget"] == "10000.00"
    assert [area["code"] for area in data["areas"]] == [f"E0800000{n}" for n in range(1, 5)]
    for area in data["areas"]:
        assert set(area) >= AREA_KEYS
        assert len(area["need_share"].split(".")[1]) == 6
        assert area["bound"] in {"none", "floor", "ceiling", "max_share"}
    southam = data["areas"][2]
    assert (southam["change"], southam["change_pct"]) == (None, None)
    assert sum(int(area["formula"].replace(".", "")) for area in data["areas"]) == 850_000


def test_allocate_prints_a_table_by_default() -> None:
    result = runner.invoke(fund_app, ["allocate", str(EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert "Birmingham" in result.stdout
    assert "max share" in result.stdout
    assert "£3,863,308.00" in result.stdout
    assert "£2,713,308.00" in result.stdout


def test_bad_scenario_exits_2_with_the_located_message() -> None:
    path = FIXTURES / "broken-population.yaml"
    result = runner.invoke(fund_app, ["allocate", str(path), "--json"])
    assert result.exit_code == 2
    assert result.stderr == f"{path}: areas[3].population: must be a number\n"
    assert result.stdout == ""


def test_infeasible_scenario_exits_2_naming_the_floors() -> None:
    path = FIXTURES / "infeasible-floor.yaml"
    result = runner.invoke(fund_app, ["allocate", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}: damping.floor: infeasible:")
    assert "E08000001 £665.00, E08000002 £475.00" in result.stderr


def test_yaml_syntax_error_exits_2_with_its_line() -> None:
    path = FIXTURES / "not-yaml.yaml"
    result = runner.invoke(fund_app, ["allocate", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}: line 3")


def test_missing_file_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    result = runner.invoke(fund_app, ["allocate", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}: cannot read the file")


def test_module_runs_on_its_own() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "remit.funding.cli", "allocate", str(EXAMPLE), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["totals"]["budget"] == "3863308.00"
