"""Backup and restore round-trip on whichever database is configured."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from remit.backup import BackupError
from remit.backup import backup
from remit.backup import restore
from remit.core.models import Membership
from remit.core.models import Organisation
from remit.core.models import Person


def _state() -> dict[str, list[Any]]:
    return {
        "organisations": list(Organisation.objects.order_by("pk").values()),
        "people": list(Person.objects.order_by("pk").values()),
        "memberships": list(Membership.objects.order_by("pk").values()),
        "history": list(Organisation.history.order_by("pk").values_list("pk", "name")),
    }


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_loses_nothing(region: Any, tmp_path: Path) -> None:
    if connection.vendor == "postgresql":
        import shutil

        if not shutil.which("pg_dump"):
            pytest.skip("pg_dump not installed")
    before = _state()
    target = backup(tmp_path / "remit.backup")
    assert target.stat().st_size > 0

    Organisation.objects.filter(slug="safe-streets").update(name="Changed after backup")
    Person.objects.filter(slug="trust-lead").delete()
    restore(target)

    assert _state() == before


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path, db: Any) -> None:
    junk = tmp_path / "junk.backup"
    junk.write_text("this is not a database")
    with pytest.raises(BackupError, match=r"junk\.backup"):
        restore(junk)


def test_restore_refuses_a_missing_file(tmp_path: Path, db: Any) -> None:
    with pytest.raises(BackupError, match="no such backup file"):
        restore(tmp_path / "absent.backup")


FIXTURES = Path(__file__).resolve().parent / "indicators" / "fixtures"


@pytest.fixture
def site_files(settings: Any, tmp_path: Path) -> tuple[Path, Path]:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from remit.indicators.crime import import_paths

    settings.MEDIA_ROOT = tmp_path / "site" / "media"
    settings.CRIME_STORE = tmp_path / "site" / "crime"
    default_storage.save("meetings/appendices/plan.pdf", ContentFile(b"%PDF-1.7 plan"))
    import_paths(settings.CRIME_STORE, [FIXTURES / "good"])
    return settings.MEDIA_ROOT, settings.CRIME_STORE


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


@pytest.mark.django_db(transaction=True)
def test_a_backup_is_one_archive_with_a_checksum_for_each_file(
    site_files: tuple[Path, Path], tmp_path: Path
) -> None:
    target = backup(tmp_path / "site.tar.gz")

    with tarfile.open(target, "r:gz") as archive:
        manifest = json.loads(archive.extractfile("manifest.json").read())  # type: ignore[union-attr]
        for entry in manifest["files"]:
            data = archive.extractfile(entry["path"]).read()  # type: ignore[union-attr]
            assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    paths = {entry["path"] for entry in manifest["files"]}
    assert manifest["database"]["path"] in paths
    assert "media/meetings/appendices/plan.pdf" in paths
    assert "crime/manifest.json" in paths
    assert "crime/rows/force=west-mercia/month=2019-01.parquet" in paths


@pytest.mark.django_db(transaction=True)
def test_restore_brings_back_the_database_uploads_and_crime_store_on_a_fresh_directory(
    region: Any, site_files: tuple[Path, Path], tmp_path: Path, settings: Any
) -> None:
    media, store = site_files
    before = (_state(), _files(media), _files(store))
    target = backup(tmp_path / "site.tar.gz")
    Organisation.objects.filter(slug="safe-streets").update(name="Changed after backup")

    settings.MEDIA_ROOT = tmp_path / "fresh" / "media"
    settings.CRIME_STORE = tmp_path / "fresh" / "crime"
    done = restore(target)

    assert (_state(), _files(settings.MEDIA_ROOT), _files(settings.CRIME_STORE)) == before
    assert (done.media_files, done.crime_files) == (1, len(_files(store)))


@pytest.mark.django_db(transaction=True)
def test_restore_checks_every_checksum_before_changing_anything(
    region: Any, site_files: tuple[Path, Path], tmp_path: Path
) -> None:
    media, store = site_files
    target = backup(tmp_path / "site.tar.gz")
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(target, "r:gz") as source, tarfile.open(damaged, "w:gz") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == "media/meetings/appendices/plan.pdf":
                data = b"%PDF-1.7 swapped"
                member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    Organisation.objects.filter(slug="safe-streets").update(name="Changed after backup")
    before = (_state(), _files(media), _files(store))

    with pytest.raises(BackupError, match=r"plan\.pdf does not match its checksum"):
        restore(damaged)

    assert (_state(), _files(media), _files(store)) == before
    assert sorted(p.name for p in media.parent.iterdir()) == ["crime", "media"]


@pytest.mark.django_db(transaction=True)
def test_a_restored_crime_store_becomes_the_copy_every_machine_shares(
    region: Any,
    site_files: tuple[Path, Path],
    tmp_path: Path,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from remit.indicators.services import shared_store

    _, store = site_files
    target = backup(tmp_path / "site.tar.gz")
    settings.CRIME_STORE_SHARED = True
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "shared")},
        },
    }
    monkeypatch.setattr(shared_store, "_checked", {})
    settings.MEDIA_ROOT = tmp_path / "fresh" / "media"
    settings.CRIME_STORE = tmp_path / "fresh" / "crime"

    restore(target)

    other = tmp_path / "other-machine" / "crime"
    assert shared_store.refresh(other, force=True)
    shared = {name: data for name, data in _files(other).items() if name != "shared.json"}
    assert shared == {name: data for name, data in _files(store).items() if name != "shared.json"}
