"""The `crime` commands: exit 0 with a report, or exit 2 with the located problem on stderr."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from remit.core import selectors
from remit.indicators import cli
from remit.indicators.crime import status

FIXTURES = Path(__file__).parent / "fixtures"
CONFIGURED_REGION_AREAS = cli.configured_region_areas


@pytest.fixture(autouse=True)
def _no_region(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests run the crime commands without a database: no region areas."""
    monkeypatch.setattr(cli, "configured_region_areas", list)


GOOD = FIXTURES / "good"
BAD_MONTH = FIXTURES / "bad" / "bad-month" / "2019-01-west-mercia-street.csv"

runner = CliRunner()


@pytest.fixture
def store(tmp_path: Path) -> Path:
    store = tmp_path / "store"
    result = runner.invoke(cli.crime_app, ["import", "--store", str(store), str(GOOD)])
    assert result.exit_code == 0, result.output
    return store


def test_import_reports_rows_per_force_month_and_the_unlocated(tmp_path: Path) -> None:
    result = runner.invoke(cli.crime_app, ["import", "--store", str(tmp_path / "store"), str(GOOD)])

    assert result.exit_code == 0
    assert "west-mercia" in result.stdout
    assert "23 rows imported (4 unlocated) in 3 force-months" in result.stdout


def test_the_store_can_come_from_the_environment(tmp_path: Path) -> None:
    result = runner.invoke(
        cli.crime_app, ["import", str(GOOD)], env={"REMIT_CRIME_STORE": str(tmp_path / "env")}
    )

    assert result.exit_code == 0
    assert len(status(tmp_path / "env")) == 3


def test_a_bad_file_exits_2_with_file_and_line_on_stderr(store: Path) -> None:
    before = status(store)

    result = runner.invoke(cli.crime_app, ["import", "--store", str(store), str(BAD_MONTH)])

    assert result.exit_code == 2
    assert f"{BAD_MONTH}, line 4: Month '2019/01' is not YYYY-MM" in result.stderr
    assert "Traceback" not in result.output
    assert status(store) == before


def test_summary_csv_lists_every_row_once(store: Path) -> None:
    result = runner.invoke(cli.crime_app, ["summary", "--store", str(store), "--csv"])

    lines = result.stdout.splitlines()
    assert result.exit_code == 0
    assert lines[0] == "area_code,area_name,month,crime_type,count"
    assert sum(int(line.rsplit(",", 1)[1]) for line in lines[1:]) == 23


def test_summary_filters_by_area_months_and_type(store: Path, tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "region: {name: West Midlands}\n"
        "areas:\n"
        "  - {code: E08000025, name: Birmingham, kind: metropolitan_district}\n"
        "  - {code: E08000026, name: Coventry, kind: metropolitan_district}\n"
    )
    arguments = ["summary", "--store", str(store), "--csv", "--areas-from", str(pack)]

    result = runner.invoke(
        cli.crime_app,
        [*arguments, "--area", "E08000025", "--from", "2019-01", "--to", "2019-01"],
    )
    by_type = runner.invoke(cli.crime_app, [*arguments, "--type", "Vehicle crime"])

    assert result.stdout.splitlines()[1:] == [
        "E08000025,Birmingham,2019-01,Violence and sexual offences,3"
    ]
    assert by_type.stdout.splitlines()[1:] == ["E08000026,Coventry,2019-01,Vehicle crime,1"]


def test_summary_without_csv_prints_a_table_and_the_total(store: Path) -> None:
    result = runner.invoke(cli.crime_app, ["summary", "--store", str(store)])

    assert result.exit_code == 0
    assert "Bromsgrove" in result.stdout
    assert "23 crimes." in result.stdout


def test_the_areas_come_from_the_configured_region(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "configured_region_areas", CONFIGURED_REGION_AREAS)
    monkeypatch.setattr(selectors, "region_areas", lambda: [("E07000234", "Bromsgrove")])

    result = runner.invoke(
        cli.crime_app, ["summary", "--store", str(store), "--csv", "--area", "E07000234"]
    )

    assert sum(int(line.rsplit(",", 1)[1]) for line in result.stdout.splitlines()[1:]) == 4


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        (["--from", "2019-13"], "--from: '2019-13' is not a month (YYYY-MM)"),
        (["--to", "2019"], "--to: '2019' is not a month (YYYY-MM)"),
        (["--areas-from", "missing.yaml"], "missing.yaml: cannot read the region pack"),
    ],
)
def test_bad_summary_options_exit_2_naming_the_option(
    store: Path, arguments: list[str], says: str
) -> None:
    result = runner.invoke(cli.crime_app, ["summary", "--store", str(store), "--csv", *arguments])

    assert result.exit_code == 2
    assert says in result.stderr
    assert result.stdout == ""


def test_a_region_pack_without_areas_is_refused(store: Path, tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text("areas:\n  - {code: E08000025}\n")

    result = runner.invoke(
        cli.crime_app, ["summary", "--store", str(store), "--areas-from", str(pack)]
    )

    assert result.exit_code == 2
    assert "area 1 needs a code and a name" in result.stderr


def test_lookup_loads_and_status_shows_it(store: Path) -> None:
    lookup = FIXTURES / "lookup" / "imd2019-file1-extract.csv"

    loaded = runner.invoke(cli.crime_app, ["lookup", "--store", str(store), str(lookup)])
    shown = runner.invoke(cli.crime_app, ["status", "--store", str(store)])

    assert loaded.exit_code == 0
    assert "6 LSOAs loaded from imd2019-file1-extract.csv" in loaded.stdout
    assert shown.exit_code == 0
    assert "23 rows in 3 force-months" in shown.stdout
    assert "LSOA lookup: 6 LSOAs from imd2019-file1-extract.csv" in shown.stdout


def test_a_bad_lookup_exits_2_with_the_line(store: Path) -> None:
    lookup = FIXTURES / "lookup" / "empty-code.csv"

    result = runner.invoke(cli.crime_app, ["lookup", "--store", str(store), str(lookup)])

    assert result.exit_code == 2
    assert f"{lookup}, line 3: LAD19CD is empty" in result.stderr


def test_status_of_an_empty_store_says_districts_come_from_lsoa_names(tmp_path: Path) -> None:
    result = runner.invoke(cli.crime_app, ["status", "--store", str(tmp_path / "none")])

    assert result.exit_code == 0
    assert "0 rows in 0 force-months" in result.stdout
    assert "No LSOA lookup loaded" in result.stdout


def test_a_file_with_no_crimes_does_not_replace_a_month_already_held(
    store: Path, tmp_path: Path
) -> None:
    source = GOOD / "2019-01" / "2019-01-west-mercia-street.csv"
    empty = tmp_path / "empty" / source.name
    empty.parent.mkdir()
    empty.write_text(source.read_text().splitlines()[0] + "\n")

    refused = runner.invoke(cli.crime_app, ["import", "--store", str(store), str(empty)])
    assert refused.exit_code == 2
    assert str(empty) in refused.stderr
    assert "10 crimes held for west-mercia 2019-01" in refused.stderr
    assert "--allow-empty" in refused.stderr
    held = {(fm.force, fm.month): fm.rows for fm in status(store)}
    assert held[("west-mercia", "2019-01")] == 10

    allowed = runner.invoke(
        cli.crime_app, ["import", "--store", str(store), "--allow-empty", str(empty)]
    )
    assert allowed.exit_code == 0, allowed.output
    held = {(fm.force, fm.month): fm.rows for fm in status(store)}
    assert held[("west-mercia", "2019-01")] == 0
