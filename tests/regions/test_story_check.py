"""`remit story check` checks demo stories without loading them, as `remit region check` does
packs: every problem at its path and line, and exit status 1 when there is any."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from remit.cli import app
from remit.regions.story import STORY_DIR
from remit.regions.story import story_parts

runner = CliRunner()
SHIPPED = STORY_DIR / "west-midlands" / "meetings.yaml"


def test_every_shipped_story_checks_with_no_errors() -> None:
    result = runner.invoke(app, ["story", "check"])
    assert result.exit_code == 0, result.output
    assert f"{SHIPPED}: no errors." in result.stdout


def test_a_regions_folder_is_checked_part_by_part() -> None:
    result = runner.invoke(app, ["story", "check", str(SHIPPED.parent)])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("no errors.") == len(
        [part for part in story_parts() if (SHIPPED.parent / f"{part}.yaml").is_file()]
    )


def test_a_story_with_problems_names_each_at_its_path_and_line(tmp_path: Path) -> None:
    story = tmp_path / "meetings.yaml"
    story.write_text(
        SHIPPED.read_text(encoding="utf-8").replace("location:", "place:", 1), encoding="utf-8"
    )
    result = runner.invoke(app, ["story", "check", str(story)])
    assert result.exit_code == 1
    assert f"{story}: series[0]" in result.stderr
    assert "(line " in result.stderr
    assert "no errors" not in result.stdout


def test_a_file_not_named_after_a_part_is_refused_with_the_parts_named(tmp_path: Path) -> None:
    story = tmp_path / "minutes.yaml"
    story.write_text("series: []\n", encoding="utf-8")
    result = runner.invoke(app, ["story", "check", str(story)])
    assert result.exit_code == 1
    assert (
        "name the file after the part of the demo it tells: funding, meetings, proposals"
        in result.stderr
    )


def test_a_missing_path_is_named(tmp_path: Path) -> None:
    result = runner.invoke(app, ["story", "check", str(tmp_path / "nowhere.yaml")])
    assert result.exit_code == 1
    assert "nowhere.yaml: no such file or folder" in result.stderr


def test_a_folder_with_no_stories_says_so(tmp_path: Path) -> None:
    result = runner.invoke(app, ["story", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert "No story files there" in result.stderr
