"""Backup and restore round-trip on whichever database is configured."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from remit.core.backup import BackupError, backup, restore
from remit.core.models import Membership, Organisation, Person


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
