"""`remit region check FILE` validates a pack without loading it; a version 1 pack still reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from remit.cli import app
from remit.core.models import Region
from remit.regions import versions
from remit.regions.pack import PACK_VERSION
from remit.regions.pack import load_pack
from remit.regions.pack import shipped_packs
from remit.regions.pack import validate_pack

runner = CliRunner()
FIXTURES = Path(__file__).parent / "fixtures"
NORTHSHIRE = FIXTURES / "northshire.yaml"


def version_1(text: str) -> str:
    """The pack as it was written before version 2: no forces, no areas for comparison."""
    lines = [
        line for line in text.splitlines() if not line.strip().startswith(("forces:", "context:"))
    ]
    return "\n".join(lines).replace("pack_version: 2", "pack_version: 1", 1) + "\n"


@pytest.mark.parametrize("path", [*sorted(shipped_packs().values()), NORTHSHIRE], ids=str)
def test_a_sound_pack_checks_with_no_errors(path: Path) -> None:
    result = runner.invoke(app, ["region", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{path}: no errors." in result.stdout
    assert f"pack version {PACK_VERSION}" in result.stdout


def test_a_broken_pack_lists_every_located_error_and_exits_1() -> None:
    path = FIXTURES / "broken-many.yaml"
    result = runner.invoke(app, ["region", "check", str(path)])
    assert result.exit_code == 1
    assert f"{path}: the region pack has 24 errors:" in result.stderr
    assert (
        "people[0].organisation: unknown organisation 'councill' (did you mean 'council'?) "
        "(line 31)"
    ) in result.stderr
    assert "funds[0].budget: '1000.005' has more than 2 decimal places" in result.stderr


def test_a_yaml_syntax_error_is_located_and_exits_1() -> None:
    result = runner.invoke(app, ["region", "check", str(FIXTURES / "broken-syntax.yaml")])
    assert result.exit_code == 1
    assert "(document): invalid YAML" in result.stderr
    assert "column" in result.stderr


def test_a_missing_file_exits_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["region", "check", str(tmp_path / "nowhere.yaml")])
    assert result.exit_code == 1
    assert "no such file" in result.stderr


@pytest.mark.django_db
def test_checking_loads_nothing(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(NORTHSHIRE.read_text(encoding="utf-8"), encoding="utf-8")
    assert runner.invoke(app, ["region", "check", str(pack)]).exit_code == 0
    assert not Region.objects.exists()


def test_a_version_1_pack_still_checks_and_says_how_to_bring_it_up_to_date(
    tmp_path: Path,
) -> None:
    pack = tmp_path / "old.yaml"
    pack.write_text(version_1(NORTHSHIRE.read_text(encoding="utf-8")), encoding="utf-8")
    result = runner.invoke(app, ["region", "check", str(pack)])
    assert result.exit_code == 0, result.output
    assert "pack version 1" in result.stdout
    assert "It is written in pack version 1 and is read as version 2" in result.stdout
    assert "set pack_version: 2 and list each district's police forces" in result.stdout


def test_a_version_1_pack_is_migrated_in_memory() -> None:
    text = version_1(NORTHSHIRE.read_text(encoding="utf-8"))
    pack = load_pack(text)
    assert pack.written_version == 1
    assert all(area.forces == () for area in pack.areas)
    assert all(area.context is False for area in pack.areas)
    # The same text declared as version 2 must name each district's forces.
    issues = validate_pack(text.replace("pack_version: 1", "pack_version: 2", 1))
    assert [i.path for i in issues] == [f"areas[{n}].forces" for n in range(4)]


def test_upgrading_leaves_the_read_data_alone_and_reaches_the_current_version() -> None:
    data: dict[str, Any] = {"pack_version": 1, "areas": [{"code": "E06099901"}]}
    upgraded = versions.upgrade(data)
    assert upgraded == {
        "pack_version": versions.CURRENT,
        "areas": [{"code": "E06099901", "context": False}],
    }
    assert data == {"pack_version": 1, "areas": [{"code": "E06099901"}]}
    assert versions.upgrade({"pack_version": 9}) == {"pack_version": 9}
    assert versions.written_version({"pack_version": True}) is None


def test_an_unknown_version_is_reported() -> None:
    text = NORTHSHIRE.read_text(encoding="utf-8").replace("pack_version: 2", "pack_version: 3")
    issues = [f"{i.path}: {i.message}" for i in validate_pack(text)]
    assert issues == ["pack_version: 3 is not one of: 1, 2"]
