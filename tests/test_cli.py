"""The `remit` command line: region packs, the demo, and the pure computations wired in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from remit.cli import app
from remit.core.models import Board
from remit.core.models import Membership
from remit.core.models import Organisation
from remit.core.models import Region
from remit.core.models import User
from remit.indicators.models import Indicator
from remit.proposals.models import Proposal
from remit.regions.pack import shipped_packs

runner = CliRunner()
REPO = Path(__file__).resolve().parent.parent


def _counts() -> tuple[int, ...]:
    return (
        Region.objects.count(),
        Organisation.objects.count(),
        Board.objects.count(),
        Membership.objects.count(),
        Organisation.history.count(),
    )


@pytest.mark.django_db(transaction=True)
def test_region_load_rejects_a_broken_pack_with_located_errors(tmp_path: Path) -> None:
    good = shipped_packs()["west-midlands"].read_text()
    assert (
        runner.invoke(app, ["region", "load", str(shipped_packs()["west-midlands"])]).exit_code == 0
    )
    before = _counts()
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        good.replace("organisation: wm-fire-rescue", "organisation: no-such-org", 1).replace(
            "quorum:", "quorum: -3 #", 1
        )
    )

    result = runner.invoke(app, ["region", "load", str(broken)])

    assert result.exit_code == 2
    assert "nothing was loaded" in result.stderr
    assert "quorum" in result.stderr
    assert "no-such-org" in result.stderr
    assert _counts() == before


@pytest.mark.parametrize(
    "content",
    [
        "region:\n  name: Caf\u00e9 Region\n".encode("latin-1"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\xff\xfe",
        "region: {}\n".encode("utf-16"),
    ],
    ids=["latin-1", "binary", "utf-16"],
)
@pytest.mark.django_db(transaction=True)
def test_region_load_of_a_file_that_is_not_utf8_text_gives_a_located_error(
    tmp_path: Path, content: bytes
) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_bytes(content)

    result = runner.invoke(app, ["region", "load", str(pack)])

    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{pack}: the region pack has errors; nothing was loaded." in result.stderr
    assert "(document): the file is not UTF-8 text" in result.stderr
    assert "save it as UTF-8" in result.stderr
    assert "(line " in result.stderr
    assert "Traceback" not in result.output
    assert not Region.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_region_load_of_a_file_with_control_characters_gives_a_located_error(
    tmp_path: Path,
) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_bytes(b"region:\n  slug: x\n  name: \x00\x01\x02\n")

    result = runner.invoke(app, ["region", "load", str(pack)])

    assert result.exit_code == 2
    assert "U+0000 is not allowed (line 3)" in result.stderr
    assert not Region.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_region_load_twice_reports_no_changes() -> None:
    path = str(shipped_packs()["west-midlands"])
    runner.invoke(app, ["region", "load", path])
    result = runner.invoke(app, ["region", "load", path])
    assert result.exit_code == 0, result.output
    assert "no changes" in result.stdout


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("region", ["west-midlands", "cambridgeshire-peterborough"])
def test_demo_loads_any_shipped_region_with_one_account_per_role(region: str) -> None:
    result = runner.invoke(app, ["demo", "--region", region])
    assert result.exit_code == 0, result.output
    assert Region.objects.get(is_active=True).slug == region
    demo_roles = dict(
        User.objects.filter(
            username__in=["admin", "officer", "member", "partner", "commissioner", "analyst"]
        ).values_list("username", "role")
    )
    assert demo_roles == {
        "admin": "admin",
        "officer": "officer",
        "member": "board_member",
        "partner": "partner",
        "commissioner": "decision_maker",
        "analyst": "analyst",
    }
    users = User.objects.count()
    again = runner.invoke(app, ["demo", "--region", region])
    assert again.exit_code == 0
    assert User.objects.count() == users


@pytest.mark.django_db(transaction=True)
def test_demo_names_the_packs_when_the_region_is_unknown() -> None:
    result = runner.invoke(app, ["demo", "--region", "atlantis"])
    assert result.exit_code == 2
    assert "west-midlands" in result.stderr


@pytest.mark.django_db(transaction=True)
def test_a_region_nobody_has_seen_loads_with_no_code_change() -> None:
    fixture = REPO / "tests" / "regions" / "fixtures" / "northshire.yaml"
    result = runner.invoke(app, ["region", "load", str(fixture), "--activate"])
    assert result.exit_code == 0, result.output
    region = Region.objects.get(is_active=True)
    assert region.areas.exists()
    assert region.boards.exists()


def test_fund_allocate_runs_without_a_database(tmp_path: Path) -> None:
    scenario = REPO / "src/remit/regions/demo/west-midlands/wm-2018-19.yaml"
    result = runner.invoke(app, ["fund", "allocate", str(scenario), "--json"])
    assert result.exit_code == 0, result.output
    assert '"pot"' in result.stdout


def test_appraise_runs_without_a_database() -> None:
    case = REPO / "examples" / "cases" / "violence-reduction.yaml"
    result = runner.invoke(app, ["appraise", str(case), "--json"])
    assert result.exit_code == 0, result.output
    assert '"npsv"' in result.stdout


def test_backup_reports_a_bad_target_clearly(tmp_path: Path, db: Any) -> None:
    result = runner.invoke(app, ["restore", str(tmp_path / "missing.backup")])
    assert result.exit_code == 2
    assert "no such backup file" in result.stderr


@pytest.mark.django_db(transaction=True)
def test_crime_summary_places_rows_in_the_active_regions_areas(
    tmp_path: Path, shared_data: Path
) -> None:
    runner.invoke(app, ["region", "load", str(shipped_packs()["west-midlands"]), "--activate"])
    store = tmp_path / "crime"
    source = shared_data / "police-uk" / "2019-01-warwickshire-street.csv"
    imported = runner.invoke(app, ["crime", "import", str(source), "--store", str(store)])
    assert imported.exit_code == 0, imported.output

    result = runner.invoke(app, ["crime", "summary", "--csv", "--store", str(store)])

    assert result.exit_code == 0, result.output
    assert "E07000220,Rugby,2019-01," in result.stdout
    assert "\n,Warwick,2019-01," in result.stdout


NORTHSHIRE = REPO / "tests" / "regions" / "fixtures" / "northshire.yaml"
NORTHSHIRE_STORY = NORTHSHIRE.parent / "demo" / "northshire" / "proposals.yaml"


@pytest.mark.django_db(transaction=True)
def test_demo_loads_a_pack_file_with_accounts_from_its_own_people(tmp_path: Path) -> None:
    pack = tmp_path / "northshire.yaml"
    pack.write_text(NORTHSHIRE.read_text(encoding="utf-8"))

    result = runner.invoke(app, ["demo", "--region", str(pack)])

    assert result.exit_code == 0, result.output
    region = Region.objects.get(is_active=True)
    assert region.slug == "northshire"
    commissioner = User.objects.get(username="commissioner")
    partner = User.objects.get(username="partner")
    member = User.objects.get(username="member")
    assert commissioner.person is not None
    assert commissioner.person.region == region
    assert partner.organisation is not None
    assert partner.organisation.region == region
    assert member.person is not None
    assert member.person.region == region
    assert f"Loaded {region.name}" in result.stdout
    assert Indicator.all_objects.filter(region=region, slug="northshire-burglary").exists()

    users = User.objects.count()
    again = runner.invoke(app, ["demo", "--region", str(pack)])
    assert again.exit_code == 0, again.output
    assert User.objects.count() == users
    assert Indicator.all_objects.filter(region=region, slug="northshire-burglary").count() == 1


@pytest.mark.django_db(transaction=True)
def test_demo_tells_the_story_kept_beside_a_pack_file(tmp_path: Path) -> None:
    pack = tmp_path / "my-region.yaml"
    pack.write_text(NORTHSHIRE.read_text(encoding="utf-8"))
    story = tmp_path / "demo" / "northshire" / "proposals.yaml"
    story.parent.mkdir(parents=True)
    story.write_text(NORTHSHIRE_STORY.read_text(encoding="utf-8"))

    checked = runner.invoke(app, ["story", "check", str(story.parent)])
    result = runner.invoke(app, ["demo", "--region", str(pack)])

    assert checked.exit_code == 0, checked.output
    assert f"{story}: no errors." in checked.stdout
    assert result.exit_code == 0, result.output
    told = Proposal.all_objects.filter(deal__region__slug="northshire")
    assert set(told.values_list("deal__slug", flat=True)) == {
        "northshire-deal",
        "commissioner-asks",
    }
    assert told.get(title="Safer routes to school").is_published


@pytest.mark.django_db(transaction=True)
def test_demo_of_a_missing_pack_file_says_so(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--region", str(tmp_path / "nowhere.yaml")])
    assert result.exit_code == 2
    assert "nowhere.yaml: no such file" in result.stderr
    assert not Region.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_demo_of_a_broken_pack_file_loads_nothing_and_locates_the_problem(
    tmp_path: Path,
) -> None:
    pack = tmp_path / "broken.yaml"
    pack.write_text(
        NORTHSHIRE.read_text(encoding="utf-8").replace("kind: unitary", "kind: county-ish", 1)
    )

    result = runner.invoke(app, ["demo", "--region", str(pack)])

    assert result.exit_code == 2
    assert "areas[0].kind" in result.stderr
    assert not Region.objects.exists()
    assert not User.objects.filter(username="commissioner").exists()
