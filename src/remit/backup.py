"""Backups that a running site can take safely, and that restore a whole site.

A backup is one gzipped tar archive holding everything a restore needs:

    manifest.json          what is in it, with each file's size and SHA-256
    database.sqlite3       SQLite, copied with its online backup API (never a file copy,
                           which can catch a half-written page), or
    database.pgdump        PostgreSQL, from pg_dump (restored with pg_restore)
    media/...              uploaded files: appendices, attachments, packs, imports
                           (not when they are kept in an S3 bucket: the bucket's own
                           versioning keeps those, and the manifest names the bucket)
    crime/...              the police.uk crime store (Parquet files, manifest, lookup)

A restore reads the whole archive into staging folders and checks every file against
the manifest before it changes anything. Only then is the database replaced and the
media and crime folders swapped for the restored ones; the folders they replace are
kept beside them, named `…-before-restore-<time>`, until someone deletes them.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from pathlib import Path
from pathlib import PurePosixPath
from typing import IO
from typing import Any

from django.conf import settings
from django.db import connection

FORMAT = "remit-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
MEDIA = "media"
CRIME = "crime"
CHUNK = 1024 * 1024


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    files: int
    media_files: int
    crime_files: int


def _pg_url() -> str:
    s = connection.settings_dict
    user = s.get("USER") or ""
    password = s.get("PASSWORD") or ""
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = s.get("HOST") or "localhost"
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgresql://{auth}{host}{port}/{s['NAME']}"


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is not installed: apt-get install -y postgresql-client")
    return found


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _crime_store() -> Path:
    return Path(settings.CRIME_STORE)


# ---------------------------------------------------------------- backup


def _dump_database(target: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    elif connection.vendor == "postgresql":
        subprocess.run(  # noqa: S603 - fixed argument list, no shell
            [_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={target}", _pg_url()],
            check=True,
            env=os.environ.copy(),
        )
    else:
        raise BackupError(f"No backup method for {connection.vendor}.")


def _in_bucket() -> bool:
    from remit.core.storage import uses_local_folder

    return not uses_local_folder(settings.STORAGES)


def _uploads_kept() -> str:
    if not _in_bucket():
        return "in this archive"
    return f"in the S3 bucket {settings.STORAGES['default']['OPTIONS']['bucket_name']}"


def _media_files(root: Path) -> list[Path]:
    if _in_bucket() or not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file())


def backup(target: Path) -> Path:
    """Write the database, the uploaded files and the crime store into one archive."""
    from remit.indicators import crime

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"No backup method for {connection.vendor}.")
    database_name = DATABASE_FILES[connection.vendor]
    media_root, store = _media_root(), _crime_store()
    entries: list[dict[str, Any]] = []
    partial = target.with_name(f".{target.name}.partial")
    with tempfile.TemporaryDirectory(prefix="remit-backup-") as tmp:
        database = Path(tmp) / database_name
        _dump_database(database)
        with tarfile.open(partial, "w:gz") as archive:

            def add(path: Path, name: str, kind: str) -> None:
                entries.append(
                    {
                        "path": name,
                        "kind": kind,
                        "size": path.stat().st_size,
                        "sha256": _sha256(path),
                    }
                )
                archive.add(path, arcname=name, recursive=False)

            add(database, database_name, "database")
            for path in _media_files(media_root):
                add(path, f"{MEDIA}/{path.relative_to(media_root).as_posix()}", "media")
            with crime.held_still(store):
                for path in crime.backup_files(store):
                    add(path, f"{CRIME}/{path.relative_to(store).as_posix()}", "crime")
            manifest = json.dumps(
                {
                    "format": FORMAT,
                    "version": VERSION,
                    "created_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
                    "database": {"vendor": connection.vendor, "path": database_name},
                    "uploads": _uploads_kept(),
                    "files": entries,
                },
                indent=2,
            ).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(manifest)
            info.mtime = int(datetime.now(UTC).timestamp())
            archive.addfile(info, io.BytesIO(manifest))
    partial.replace(target)
    return target


def summary(entries: list[dict[str, Any]], path: Path) -> BackupSummary:
    kinds = [entry["kind"] for entry in entries]
    return BackupSummary(path, len(entries), kinds.count("media"), kinds.count("crime"))


# ---------------------------------------------------------------- restore


def _safe_name(name: str, source: Path) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"{source}: {name!r} would be written outside the site's folders")
    return path


@dataclass
class _Staged:
    manifest: dict[str, Any]
    database: Path
    media: Path
    crime: Path


def _read_manifest(data: bytes, source: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(data)
    except ValueError as exc:
        raise BackupError(f"{source}: the manifest is not readable ({exc})") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{source}: not a Remit backup (its manifest is not one)")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"{source}: made by a version of Remit this one cannot read "
            f"(backup format {manifest.get('version')}, this reads {VERSION})"
        )
    return manifest


def _stage(source: Path, media: Path, crime: Path, tmp: Path) -> _Staged:
    """Unpack the archive into staging folders, checking every file against the manifest."""
    database_dir = tmp / "database"
    database_dir.mkdir()
    found: dict[str, tuple[int, str]] = {}
    manifest: dict[str, Any] | None = None
    try:
        archive = tarfile.open(source, "r:gz")  # noqa: SIM115 - closed below
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise BackupError(f"{source}: not a Remit backup ({exc})") from exc
    try:
        with archive:
            for member in archive:
                name = _safe_name(member.name, source)
                if not member.isfile():
                    raise BackupError(f"{source}: {member.name!r} is not a plain file")
                extracted = archive.extractfile(member)
                if extracted is None:  # pragma: no cover - a regular file always has content
                    raise BackupError(f"{source}: {member.name!r} cannot be read")
                if name.as_posix() == MANIFEST:
                    manifest = _read_manifest(extracted.read(), source)
                    continue
                roots = {MEDIA: media, CRIME: crime}
                if name.parts[0] in roots and len(name.parts) > 1:
                    target = roots[name.parts[0]].joinpath(*name.parts[1:])
                elif len(name.parts) == 1 and name.name in DATABASE_FILES.values():
                    target = database_dir / name.name
                else:
                    raise BackupError(f"{source}: {member.name!r} is not part of a Remit backup")
                found[name.as_posix()] = _copy(extracted, target)
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise BackupError(f"{source}: the archive is damaged ({exc})") from exc
    if manifest is None:
        raise BackupError(f"{source}: not a Remit backup (it has no manifest)")
    _check(manifest, found, source)
    return _Staged(manifest, database_dir / manifest["database"]["path"], media, crime)


def _copy(extracted: IO[bytes], target: Path) -> tuple[int, str]:
    """Write one member out; its size and SHA-256 as read."""
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    with target.open("wb") as out:
        while chunk := extracted.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return size, digest.hexdigest()


def _check(manifest: dict[str, Any], found: dict[str, tuple[int, str]], source: Path) -> None:
    listed = {entry["path"]: entry for entry in manifest.get("files", [])}
    for path, entry in listed.items():
        if path not in found:
            raise BackupError(f"{source}: {path} is listed in the manifest but missing")
        size, digest = found[path]
        if size != entry["size"] or digest != entry["sha256"]:
            raise BackupError(
                f"{source}: {path} does not match its checksum in the manifest; "
                "the backup is damaged, nothing was restored"
            )
    extra = sorted(set(found) - set(listed))
    if extra:
        raise BackupError(f"{source}: {extra[0]} is in the archive but not in its manifest")
    vendor = manifest.get("database", {}).get("vendor")
    if vendor != connection.vendor:
        raise BackupError(
            f"{source}: the backup is of a {vendor} database; this site uses {connection.vendor}"
        )
    if manifest["database"].get("path") not in found:
        raise BackupError(f"{source}: the backup has no database")


def _restore_database(source: Path, label: Path) -> None:
    if connection.vendor == "sqlite":
        try:
            origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            origin.execute("select count(*) from sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{label}: not a SQLite backup ({exc})") from exc
        connection.ensure_connection()
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()
    elif connection.vendor == "postgresql":
        connection.close()
        result = subprocess.run(  # noqa: S603 - fixed argument list, no shell
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={_pg_url()}",
                str(source),
            ],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(f"{label}: pg_restore failed: {result.stderr.strip()[:500]}")
    else:
        raise BackupError(f"No restore method for {connection.vendor}.")


def _swap(live: Path, restored: Path, stamp: str) -> None:
    """Put the restored folder in place; the one it replaces is kept beside it."""
    if live.exists():
        live.rename(live.with_name(f"{live.name}-before-restore-{stamp}"))
    restored.rename(live)


@contextmanager
def _cleaned(*paths: Path) -> Iterator[None]:
    try:
        yield
    finally:
        for path in paths:
            if path.exists():
                shutil.rmtree(path, ignore_errors=True)


def restore(source: Path) -> BackupSummary:
    """Check the whole backup, then replace the database, uploaded files and crime store."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source}: no such backup file")
    media_root, store = _media_root(), _crime_store()
    media_root.parent.mkdir(parents=True, exist_ok=True)
    store.parent.mkdir(parents=True, exist_ok=True)
    # Staged beside the live folders, so putting them in place is a rename.
    media = Path(tempfile.mkdtemp(prefix=".restore-media-", dir=media_root.parent))
    crime = Path(tempfile.mkdtemp(prefix=".restore-crime-", dir=store.parent))
    with tempfile.TemporaryDirectory(prefix="remit-restore-") as tmp, _cleaned(media, crime):
        staged = _stage(source, media, crime, Path(tmp))
        _restore_database(staged.database, source)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        if not _in_bucket():
            _swap(media_root, staged.media, stamp)
        _swap(store, staged.crime, stamp)
    _share_restored(store)
    return summary(staged.manifest["files"], source)


def _share_restored(store: Path) -> None:
    """Where machines share the crime store, the restored one becomes every machine's copy;
    otherwise the next refresh would bring back the copy the backup was meant to replace."""
    from remit.indicators.services import shared_store

    shared_store.publish(store, replace=True)
