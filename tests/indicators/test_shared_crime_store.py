"""The crime store shared by several machines through the configured storage: each machine
queries its own folder, brought up to the newest copy any of them published."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from moto import mock_aws
from typer.testing import CliRunner

from remit.core.models import Region
from remit.core.models import Role
from remit.core.storage import crime_store_shared
from remit.core.storage import default_storage_setting
from remit.indicators import cli
from remit.indicators.crime import import_paths
from remit.indicators.crime import load_lsoa_lookup
from remit.indicators.crime import lookup_info
from remit.indicators.crime import status
from remit.indicators.crime import summary
from remit.indicators.models import ImportJob
from remit.indicators.models import SharedCrimeStore
from remit.indicators.services import crime_import_request
from remit.indicators.services import shared_store
from remit.indicators.services._common import crime_store
from remit.indicators.services.shared_store import SharedStoreError
from remit.indicators.services.shared_store import publish
from remit.indicators.services.shared_store import refresh

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = FIXTURES / "good"
JANUARY = GOOD / "2019-01"
FEBRUARY = GOOD / "2019-02"
LOOKUP = FIXTURES / "lookup"
REPLACEMENT = FIXTURES / "replacement" / "2019-01-west-mercia-street.csv"
AREAS = [
    ("E08000025", "Birmingham"),
    ("E08000026", "Coventry"),
    ("E08000029", "Solihull"),
    ("E07000221", "Stratford-on-Avon"),
]
BUCKET = "remit-crime"

runner = CliRunner()


@pytest.fixture(params=["folder", "bucket"])
def storage(
    request: pytest.FixtureRequest,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    db: Any,
) -> Iterator[str]:
    """The shared storage: a folder (FileSystemStorage), or an S3 bucket (moto); the
    database, which records which copy is the shared one, is every machine's."""
    settings.CRIME_STORE_SHARED = True
    settings.CRIME_STORE_CHECK_SECONDS = 30
    monkeypatch.setattr(shared_store, "_checked", {})
    if request.param == "folder":
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(tmp_path / "shared")},
            },
        }
        yield request.param
        return
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "eu-west-2",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        boto3.client("s3", region_name="eu-west-2").create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
        )
        settings.STORAGES = {
            **settings.STORAGES,
            "default": default_storage_setting(
                {"REMIT_S3_BUCKET": BUCKET, "REMIT_S3_REGION": "eu-west-2"}
            ),
        }
        yield request.param


def test_the_store_is_shared_by_default_only_when_files_go_to_a_bucket() -> None:
    assert crime_store_shared({}) is False
    assert crime_store_shared({"REMIT_S3_BUCKET": BUCKET}) is True
    assert crime_store_shared({"REMIT_S3_BUCKET": BUCKET, "REMIT_CRIME_STORE_SHARED": "0"}) is False
    assert crime_store_shared({"REMIT_CRIME_STORE_SHARED": "1"}) is True


def machine(tmp_path: Path, name: str) -> Path:
    return tmp_path / name / "crime"


def snapshot(store: Path) -> dict[str, str]:
    return {
        path.relative_to(store).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(store.rglob("*"))
        if path.is_file() and not path.name.endswith(".lock")
    }


def held(store: Path) -> set[tuple[str, str]]:
    return {(fm.force, fm.month) for fm in status(store)}


def stored(folder: str) -> list[str]:
    try:
        return sorted(default_storage.listdir(folder)[1])
    except FileNotFoundError:
        return []


def index_names() -> list[str]:
    return stored(shared_store.INDEXES)


def index(name: str) -> dict[str, Any]:
    with default_storage.open(f"{shared_store.INDEXES}/{name}", "rb") as handle:
        data: dict[str, Any] = json.loads(handle.read())
    return data


def test_a_published_store_counts_the_same_on_another_machine(storage: str, tmp_path: Path) -> None:
    first, second = machine(tmp_path, "a"), machine(tmp_path, "b")
    import_paths(first, [GOOD])
    load_lsoa_lookup(first, LOOKUP / "imd2019-file1-extract.csv")

    name = publish(first)

    assert name is not None
    assert refresh(second, force=True) is True
    assert list(summary(second, AREAS)) == list(summary(first, AREAS))
    assert status(second) == status(first)
    listed = index(name.rsplit("/", 1)[1])["files"]
    assert set(listed) == {
        "manifest.json",
        "lookup/lsoa_district.parquet",
        "lookup/lookup.json",
        "rows/force=warwickshire/month=2019-01.parquet",
        "rows/force=west-mercia/month=2019-01.parquet",
        "rows/force=west-mercia/month=2019-02.parquet",
    }
    for relative, entry in listed.items():
        assert entry["sha256"] == hashlib.sha256((second / relative).read_bytes()).hexdigest()
        assert default_storage.exists(f"{shared_store.OBJECTS}/{entry['sha256']}")
    assert refresh(second, force=True) is False


def test_each_object_is_uploaded_once(storage: str, tmp_path: Path) -> None:
    first = machine(tmp_path, "a")
    import_paths(first, [JANUARY])
    publish(first)
    objects = set(stored(shared_store.OBJECTS))

    import_paths(first, [FEBRUARY])
    publish(first)

    added = set(stored(shared_store.OBJECTS)) - objects
    assert len(added) == 2  # the new month's rows and the new manifest
    assert len(index_names()) == 2


def test_nothing_is_shared_when_sharing_is_off(storage: str, settings: Any, tmp_path: Path) -> None:
    settings.CRIME_STORE_SHARED = False
    first, second = machine(tmp_path, "a"), machine(tmp_path, "b")
    import_paths(first, [GOOD])

    assert publish(first) is None
    assert refresh(second, force=True) is False
    assert not second.exists()
    assert stored(shared_store.INDEXES) == []
    assert stored(shared_store.OBJECTS) == []


def test_refresh_looks_at_the_storage_once_per_interval_unless_forced(
    storage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = machine(tmp_path, "a"), machine(tmp_path, "b")
    import_paths(first, [JANUARY])
    publish(first)
    looks: list[str] = []
    looking = shared_store._current_index

    def counted(storage: Any) -> str | None:
        looks.append("indexes")
        return looking(storage)

    monkeypatch.setattr(shared_store, "_current_index", counted)
    assert refresh(second) is True
    import_paths(first, [FEBRUARY])
    publish(first)
    looks.clear()

    assert refresh(second) is False
    assert looks == []
    assert held(second) == {("warwickshire", "2019-01"), ("west-mercia", "2019-01")}

    assert refresh(second, force=True) is True
    assert looks == ["indexes"]
    assert ("west-mercia", "2019-02") in held(second)


def test_the_check_interval_passing_lets_refresh_look_again(
    storage: str, settings: Any, tmp_path: Path
) -> None:
    first, second = machine(tmp_path, "a"), machine(tmp_path, "b")
    import_paths(first, [JANUARY])
    publish(first)
    refresh(second)
    import_paths(first, [FEBRUARY])
    publish(first)
    shared_store._checked[str(second)] -= settings.CRIME_STORE_CHECK_SECONDS

    assert refresh(second) is True
    assert held(second) == held(first)


def test_a_damaged_object_is_refused_and_the_local_store_is_left_as_it_was(
    storage: str, tmp_path: Path
) -> None:
    first, second = machine(tmp_path, "a"), machine(tmp_path, "b")
    import_paths(first, [JANUARY])
    publish(first)
    refresh(second, force=True)
    before = snapshot(second)
    import_paths(first, [FEBRUARY])
    name = publish(first)
    assert name is not None
    listed = index(name.rsplit("/", 1)[1])["files"]
    digest = listed["rows/force=west-mercia/month=2019-02.parquet"]["sha256"]
    damaged = f"{shared_store.OBJECTS}/{digest}"
    default_storage.delete(damaged)
    default_storage.save(damaged, ContentFile(b"not the parquet file"))

    with pytest.raises(SharedStoreError, match="is damaged: its SHA-256 is") as refused:
        refresh(second, force=True)

    assert refused.value.path == "rows/force=west-mercia/month=2019-02.parquet"
    assert "the local store was left as it was" in str(refused.value)
    assert snapshot(second) == before
    assert held(second) == {("warwickshire", "2019-01"), ("west-mercia", "2019-01")}
    assert not any((second / ".staging").iterdir())


def test_the_newest_five_indexes_are_kept_and_objects_none_names_are_deleted(
    storage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shared_store, "PRUNE_GRACE", timedelta(0))
    first = machine(tmp_path, "a")
    import_paths(first, [JANUARY])
    names, rounds = [], []
    for number in range(7):
        # A file of its own in each copy, so each index names an object no other does.
        (first / "round.txt").write_text(f"round {number}", encoding="utf-8")
        rounds.append(hashlib.sha256(f"round {number}".encode()).hexdigest())
        name = publish(first)
        assert name is not None
        names.append(name.rsplit("/", 1)[1])

    assert index_names() == names[-5:]
    kept = {entry["sha256"] for name in names[-5:] for entry in index(name)["files"].values()}
    objects = set(stored(shared_store.OBJECTS))
    assert objects == kept
    assert set(rounds[-5:]) <= objects
    assert not set(rounds[:2]) & objects


def test_an_object_just_uploaded_by_another_machine_is_not_pruned(
    storage: str, tmp_path: Path
) -> None:
    first = machine(tmp_path, "a")
    import_paths(first, [JANUARY])
    publish(first)
    pending = f"{shared_store.OBJECTS}/{'0' * 64}"
    default_storage.save(pending, ContentFile(b"not yet in an index"))

    for _ in range(6):
        publish(first)

    assert default_storage.exists(pending)


def test_imports_on_two_machines_end_with_both_months_on_both(storage: str, tmp_path: Path) -> None:
    first, second = machine(tmp_path, "a"), machine(tmp_path, "b")

    imported = runner.invoke(cli.crime_app, ["import", "--store", str(first), str(JANUARY)])
    assert imported.exit_code == 0, imported.output
    imported = runner.invoke(cli.crime_app, ["import", "--store", str(second), str(FEBRUARY)])
    assert imported.exit_code == 0, imported.output
    shown = runner.invoke(cli.crime_app, ["status", "--store", str(first)])

    assert shown.exit_code == 0, shown.output
    both = {
        ("warwickshire", "2019-01"),
        ("west-mercia", "2019-01"),
        ("west-mercia", "2019-02"),
    }
    assert held(first) == held(second) == both
    assert "3 force-months" in shown.stdout
    assert list(summary(first, AREAS)) == list(summary(second, AREAS))


def test_the_site_reads_the_store_brought_up_to_the_shared_copy(
    storage: str, settings: Any, tmp_path: Path
) -> None:
    first = machine(tmp_path, "a")
    settings.CRIME_STORE = machine(tmp_path, "site")
    import_paths(first, [GOOD])
    publish(first)

    store = crime_store()

    assert store == settings.CRIME_STORE
    assert held(store) == held(first)


def test_the_site_reads_its_local_store_when_the_shared_copy_cannot_be_fetched(
    storage: str, settings: Any, tmp_path: Path
) -> None:
    first = machine(tmp_path, "a")
    settings.CRIME_STORE = machine(tmp_path, "site")
    import_paths(settings.CRIME_STORE, [JANUARY])
    import_paths(first, [GOOD])
    name = publish(first)
    assert name is not None
    default_storage.delete(name)
    default_storage.save(name, ContentFile(b"{not json"))

    store = crime_store()

    assert held(store) == {("warwickshire", "2019-01"), ("west-mercia", "2019-01")}


def test_an_import_through_the_site_is_shared_with_every_server(
    storage: str,
    region: Region,
    make_user: Any,
    settings: Any,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    web, worker = machine(tmp_path, "web"), machine(tmp_path, "worker")
    import_paths(web, [JANUARY])
    publish(web)
    settings.CRIME_STORE = worker
    upload = FEBRUARY / "2019-02-west-mercia-street.csv"

    with django_capture_on_commit_callbacks(execute=True):
        job = crime_import_request(
            by=make_user(Role.ANALYST),
            region=region,
            upload=ContentFile(upload.read_bytes()),
            name=upload.name,
        )
    job.refresh_from_db()
    settings.CRIME_STORE = web
    shared_store._checked.clear()

    assert job.status == ImportJob.Status.DONE, job.message
    assert held(crime_store()) == held(worker)
    assert held(web) == {
        ("warwickshire", "2019-01"),
        ("west-mercia", "2019-01"),
        ("west-mercia", "2019-02"),
    }


def without_record_of_the_copy(store: Path) -> dict[str, str]:
    return {
        relative: digest
        for relative, digest in snapshot(store).items()
        if relative != "shared.json"
    }


def shared_index() -> str:
    return SharedCrimeStore.objects.get().index


def test_two_imports_that_start_from_one_copy_both_end_up_on_both_machines(
    storage: str, tmp_path: Path
) -> None:
    first, second = machine(tmp_path, "a"), machine(tmp_path, "b")
    load_lsoa_lookup(first, LOOKUP / "imd2019-file1-extract.csv")
    publish(first)
    refresh(second, force=True)
    # Both imports start from that copy: the second machine's before the first publishes.
    import_paths(first, [JANUARY])
    import_paths(second, [FEBRUARY])

    published_first = publish(first)
    published_second = publish(second)

    assert published_first is not None
    assert published_second is not None
    assert shared_index() == published_second
    everything = {
        ("warwickshire", "2019-01"),
        ("west-mercia", "2019-01"),
        ("west-mercia", "2019-02"),
    }
    assert held(second) == everything
    assert refresh(first, force=True) is True
    assert refresh(second, force=True) is False
    assert held(first) == held(second) == everything
    assert without_record_of_the_copy(first) == without_record_of_the_copy(second)
    assert list(summary(first, AREAS)) == list(summary(second, AREAS))
    assert lookup_info(second) == lookup_info(first) is not None
    listed = index(published_second.rsplit("/", 1)[1])["files"]
    for relative, digest in without_record_of_the_copy(second).items():
        assert listed[relative]["sha256"] == digest


def test_the_lookup_loaded_on_one_machine_and_a_month_imported_on_another_are_both_kept(
    storage: str, tmp_path: Path
) -> None:
    first, second = machine(tmp_path, "a"), machine(tmp_path, "b")
    import_paths(first, [JANUARY])
    publish(first)
    refresh(second, force=True)
    load_lsoa_lookup(second, LOOKUP / "imd2019-file1-extract.csv")
    import_paths(first, [FEBRUARY])

    publish(second)
    publish(first)

    refresh(second, force=True)
    assert (
        held(first)
        == held(second)
        == {
            ("warwickshire", "2019-01"),
            ("west-mercia", "2019-01"),
            ("west-mercia", "2019-02"),
        }
    )
    assert lookup_info(first) == lookup_info(second) is not None
    assert without_record_of_the_copy(first) == without_record_of_the_copy(second)


def test_the_same_force_month_imported_on_two_machines_is_the_later_publish(
    storage: str, tmp_path: Path
) -> None:
    first, second = machine(tmp_path, "a"), machine(tmp_path, "b")
    import_paths(first, [JANUARY / "2019-01-warwickshire-street.csv"])
    publish(first)
    refresh(second, force=True)
    import_paths(first, [JANUARY / "2019-01-west-mercia-street.csv", FEBRUARY])
    import_paths(second, [REPLACEMENT])

    publish(first)
    publish(second)

    refresh(first, force=True)
    rows = {(fm.force, fm.month): fm.rows for fm in status(first)}
    assert rows == {
        ("warwickshire", "2019-01"): 8,
        ("west-mercia", "2019-01"): 3,
        ("west-mercia", "2019-02"): 5,
    }
    assert status(first) == status(second)
    assert without_record_of_the_copy(first) == without_record_of_the_copy(second)


def test_a_publish_that_fails_leaves_the_shared_copy_as_it_was(
    storage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, third = (machine(tmp_path, name) for name in ("a", "b", "c"))
    import_paths(first, [JANUARY])
    before = publish(first)
    refresh(second, force=True)
    import_paths(second, [FEBRUARY])
    import_paths(first, [REPLACEMENT])
    publish(first)
    shared_before, indexes_before = shared_index(), index_names()

    def fails(current: str, name: str) -> bool:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(shared_store, "_swap", fails)
    with pytest.raises(RuntimeError):
        publish(second)

    assert before is not None
    assert shared_index() == shared_before
    assert index_names() == indexes_before
    refresh(third, force=True)
    assert held(third) == {("warwickshire", "2019-01"), ("west-mercia", "2019-01")}
    assert ("west-mercia", "2019-02") in held(second)

    monkeypatch.undo()
    publish(second)
    refresh(third, force=True)
    assert (
        held(third)
        == held(second)
        == {
            ("warwickshire", "2019-01"),
            ("west-mercia", "2019-01"),
            ("west-mercia", "2019-02"),
        }
    )


def test_a_refresh_keeps_what_was_written_here_and_not_yet_published(
    storage: str, tmp_path: Path
) -> None:
    first, second = machine(tmp_path, "a"), machine(tmp_path, "b")
    import_paths(first, [JANUARY / "2019-01-warwickshire-street.csv"])
    publish(first)
    refresh(second, force=True)
    import_paths(second, [FEBRUARY])
    import_paths(first, [JANUARY / "2019-01-west-mercia-street.csv"])
    publish(first)

    # A page on the second machine brings its store up before its import is published.
    assert refresh(second, force=True) is True
    assert held(second) == {
        ("warwickshire", "2019-01"),
        ("west-mercia", "2019-01"),
        ("west-mercia", "2019-02"),
    }

    publish(second)
    refresh(first, force=True)
    assert held(first) == held(second)
    assert without_record_of_the_copy(first) == without_record_of_the_copy(second)


def test_a_restored_store_replaces_the_shared_copy(storage: str, tmp_path: Path) -> None:
    first, restored = machine(tmp_path, "a"), machine(tmp_path, "restored")
    import_paths(first, [GOOD])
    publish(first)
    import_paths(restored, [JANUARY])

    publish(restored, replace=True)

    refresh(first, force=True)
    assert held(first) == {("warwickshire", "2019-01"), ("west-mercia", "2019-01")}


def test_a_publish_overtaken_while_it_writes_merges_again(
    storage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, third = (machine(tmp_path, name) for name in ("a", "b", "c"))
    import_paths(first, [JANUARY / "2019-01-warwickshire-street.csv"])
    publish(first)
    refresh(second, force=True)
    refresh(third, force=True)
    import_paths(second, [FEBRUARY])
    import_paths(third, [JANUARY / "2019-01-west-mercia-street.csv"])
    swap = shared_store._swap
    overtaken: list[str] = []

    def another_publishes_first(current: str, name: str) -> bool:
        if not overtaken:
            overtaken.append(name)
            publish(third)
        return swap(current, name)

    monkeypatch.setattr(shared_store, "_swap", another_publishes_first)
    publish(second)

    assert overtaken[0].rsplit("/", 1)[1] not in index_names()
    refresh(first, force=True)
    refresh(third, force=True)
    assert (
        held(first)
        == held(second)
        == held(third)
        == {
            ("warwickshire", "2019-01"),
            ("west-mercia", "2019-01"),
            ("west-mercia", "2019-02"),
        }
    )
