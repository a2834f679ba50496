"""The crime store shared by several machines through the configured file storage.

DuckDB queries local files, so each machine keeps its own store folder. After an import
changes it, `publish` copies it to the default storage (the media folder, or the
REMIT_S3_BUCKET bucket); before the store is read or written, `refresh` brings the local
folder up to the newest copy published by any machine.

In the storage:

    crime-store/objects/<sha256>               each file's content, named by its SHA-256
    crime-store/indexes/<UTC time>-<id>.json   one per publish: each file's path, SHA-256, size

Objects are written once and never changed, so an index is complete as soon as it is
written; the newest indexes are kept, and objects none of them names are deleted.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage

from remit.indicators.crime.store import (
    SHARED_FILE,
    backup_files,
    commit,
    held_still,
    sha256,
    write_json,
    writing,
)
from remit.indicators.crime_files import CrimeDataError

log = logging.getLogger(__name__)

OBJECTS = "crime-store/objects"
INDEXES = "crime-store/indexes"
KEEP_INDEXES = 5
# An object another machine has just uploaded is not yet in an index: leave it this long.
PRUNE_GRACE = timedelta(hours=1)
CHUNK = 1024 * 1024

# When each store was last checked against the storage, by this process.
_checked: dict[str, float] = {}


class SharedStoreError(CrimeDataError):
    """The shared copy cannot be used as it is; the local store is left as it was."""


def shared() -> bool:
    return bool(getattr(settings, "CRIME_STORE_SHARED", False))


def publish(store: Path) -> str | None:
    """Copy the local store to the storage as the newest index; returns the index's name."""
    if not shared() or not store.is_dir():
        return None
    storage: Storage = default_storage
    with held_still(store):
        applied = _applied(store)
        known = applied.get("files", {})
        files: dict[str, dict[str, Any]] = {}
        for path in backup_files(store):
            relative = path.relative_to(store).as_posix()
            files[relative] = _describe(path, known.get(relative))
            name = f"{OBJECTS}/{files[relative]['sha256']}"
            if not storage.exists(name):
                with path.open("rb") as handle:
                    storage.save(name, File(handle))
        newest = _newest_index(storage)
        if newest is not None and newest != applied.get("index"):
            log.warning(
                "The shared crime store had changed (%s) since this machine last matched it; "
                "publishing this machine's copy over it",
                newest,
            )
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        index = {
            "version": 1,
            "files": {
                relative: {"sha256": entry["sha256"], "size": entry["size"]}
                for relative, entry in sorted(files.items())
            },
        }
        name = storage.save(
            f"{INDEXES}/{stamp}-{uuid.uuid4().hex[:8]}.json",
            ContentFile(json.dumps(index, indent=1).encode()),
        )
        _remember(store, name, files)
    _checked[str(store)] = time.monotonic()
    _prune(storage)
    return name


def refresh(store: Path, *, force: bool = False) -> bool:
    """Bring the local store up to the newest published copy; True when it changed.

    Without `force`, the storage is looked at no more than once every
    CRIME_STORE_CHECK_SECONDS by this process. Every file is checked against its SHA-256
    before anything is moved into place, and all files move in one commit.
    """
    if not shared():
        return False
    key = str(store)
    now = time.monotonic()
    last = _checked.get(key)
    if not force and last is not None and now - last < settings.CRIME_STORE_CHECK_SECONDS:
        return False
    _checked[key] = now
    storage: Storage = default_storage
    newest = _newest_index(storage)
    if newest is None or newest == _applied(store).get("index"):
        return False
    wanted = _read_index(storage, newest)
    with writing(store) as staging:
        applied = _applied(store)
        if applied.get("index") == newest:
            return False
        known = applied.get("files", {})
        files: dict[str, dict[str, Any]] = {}
        moves = []
        for relative, entry in wanted.items():
            local = store / relative
            if local.is_file() and local.stat().st_size == entry["size"]:
                files[relative] = _describe(local, known.get(relative))
                if files[relative]["sha256"] == entry["sha256"]:
                    continue
            _download(storage, relative, entry, staging / relative)
            moves.append(relative)
        held = {path.relative_to(store).as_posix() for path in backup_files(store)}
        removals = sorted(held - set(wanted))
        if moves or removals:
            commit(store, staging, moves, removals)
        for relative in moves:
            stat = (store / relative).stat()
            files[relative] = {
                "sha256": wanted[relative]["sha256"],
                "size": stat.st_size,
                "mtime_ns": stat.st_mtime_ns,
            }
        _remember(store, newest, files)
    log.info(
        "Crime store brought up to %s: %s files fetched, %s removed",
        newest,
        len(moves),
        len(removals),
    )
    return True


def _describe(path: Path, known: dict[str, Any] | None) -> dict[str, Any]:
    """A file's SHA-256, size and modification time; hashed again only when it changed."""
    stat = path.stat()
    if (
        known is not None
        and known.get("size") == stat.st_size
        and known.get("mtime_ns") == stat.st_mtime_ns
    ):
        digest = str(known["sha256"])
    else:
        digest = sha256(path)
    return {"sha256": digest, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _download(storage: Storage, relative: str, entry: dict[str, Any], target: Path) -> None:
    name = f"{OBJECTS}/{entry['sha256']}"
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    try:
        with storage.open(name, "rb") as source, target.open("wb") as out:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
    except OSError as exc:
        raise SharedStoreError(
            f"cannot fetch {relative} from the shared crime store ({exc}); "
            "the local store was left as it was",
            path=relative,
        ) from exc
    if digest.hexdigest() != entry["sha256"]:
        raise SharedStoreError(
            f"the shared crime store's copy of {relative} is damaged: its SHA-256 is "
            f"{digest.hexdigest()}, not {entry['sha256']}; the local store was left as it was",
            path=relative,
        )


def _read_index(storage: Storage, name: str) -> dict[str, dict[str, Any]]:
    try:
        with storage.open(name, "rb") as handle:
            data = json.loads(handle.read())
        files = data["files"]
        for relative, entry in files.items():
            _check_relative(relative)
            if not isinstance(entry["sha256"], str) or len(entry["sha256"]) != 64:
                raise ValueError(f"{relative} has no SHA-256")
            int(entry["size"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SharedStoreError(
            f"cannot read the shared crime store's index {name} ({exc}); "
            "the local store was left as it was",
            path=name,
        ) from exc
    return dict(files)


def _check_relative(relative: str) -> None:
    """An index names files inside the store only."""
    path = PurePosixPath(relative)
    if path.is_absolute() or ".." in path.parts or not path.parts or relative == SHARED_FILE:
        raise ValueError(f"{relative!r} is not a file inside the store")


def _indexes(storage: Storage) -> list[str]:
    try:
        _, names = storage.listdir(INDEXES)
    except FileNotFoundError:
        return []
    return sorted(f"{INDEXES}/{name}" for name in names if name.endswith(".json"))


def _newest_index(storage: Storage) -> str | None:
    found = _indexes(storage)
    return found[-1] if found else None


def _prune(storage: Storage) -> None:
    """Keep the newest indexes and the objects they name; delete the rest."""
    indexes = _indexes(storage)
    for name in indexes[:-KEEP_INDEXES]:
        storage.delete(name)
    kept: set[str] = set()
    for name in indexes[-KEEP_INDEXES:]:
        try:
            kept |= {entry["sha256"] for entry in _read_index(storage, name).values()}
        except SharedStoreError:
            log.warning("Unreadable crime store index %s: no objects deleted", name)
            return
    try:
        _, objects = storage.listdir(OBJECTS)
    except FileNotFoundError:
        return
    cutoff = datetime.now(UTC) - PRUNE_GRACE
    for digest in objects:
        name = f"{OBJECTS}/{digest}"
        if digest not in kept and storage.get_modified_time(name) <= cutoff:
            storage.delete(name)


def _applied(store: Path) -> dict[str, Any]:
    """The index this machine's store last matched, and its files as they were then."""
    path = store / SHARED_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _remember(store: Path, index: str, files: dict[str, dict[str, Any]]) -> None:
    write_json(store / SHARED_FILE, {"index": index, "files": files})
