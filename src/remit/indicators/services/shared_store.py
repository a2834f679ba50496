"""The crime store shared by several machines through the configured file storage.

DuckDB queries local files, so each machine keeps its own store folder. After an import
changes it, `publish` copies it to the default storage (the media folder, or the
REMIT_S3_BUCKET bucket); before the store is read or written, `refresh` brings the local
folder up to the shared copy.

In the storage:

    crime-store/objects/<sha256>               each file's content, named by its SHA-256
    crime-store/indexes/<UTC time>-<id>.json   one per publish: each file's path, SHA-256, size

Objects are written once and never changed, so an index is complete as soon as it is
written. Which index is the shared copy is recorded in the database every machine uses
(`SharedCrimeStore`), and it moves on only from the index a publish read while holding
that row: an import that started from an older copy than the shared one is merged into
it (its force-months replace the same force-months; everything else stays), so two
imports that overlap on two machines both end up in the shared copy. The newest indexes
are kept, and objects none of them names are deleted.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC
from datetime import datetime
from datetime import timedelta
from pathlib import Path
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from remit.indicators.crime.store import LOOKUP_FILE
from remit.indicators.crime.store import MANIFEST_FILE
from remit.indicators.crime.store import SHARED_FILE
from remit.indicators.crime.store import backup_files
from remit.indicators.crime.store import commit
from remit.indicators.crime.store import held_still
from remit.indicators.crime.store import rows_path
from remit.indicators.crime.store import sha256
from remit.indicators.crime.store import write_json
from remit.indicators.crime.store import writing
from remit.indicators.crime_files import CrimeDataError
from remit.indicators.models import SharedCrimeStore

log = logging.getLogger(__name__)

OBJECTS = "crime-store/objects"
INDEXES = "crime-store/indexes"
KEEP_INDEXES = 5
# An object another machine has just uploaded is not yet in an index: leave it this long.
PRUNE_GRACE = timedelta(hours=1)
CHUNK = 1024 * 1024
# The one row that names the shared copy.
RECORD = 1
# A publish that finds the shared copy moved on under it merges again, this many times.
ATTEMPTS = 3
# The lookup's files are replaced together: its rows and where they came from.
LOOKUP_DIR = f"{PurePosixPath(LOOKUP_FILE).parent.as_posix()}/"

# When each store was last checked against the storage, by this process.
_checked: dict[str, float] = {}

Entry = dict[str, Any]


class SharedStoreError(CrimeDataError):
    """The shared copy cannot be used as it is; the local store is left as it was."""


def shared() -> bool:
    return bool(getattr(settings, "CRIME_STORE_SHARED", False))


def publish(store: Path, *, replace: bool = False) -> str | None:
    """Make the local store's changes part of the shared copy; returns the shared index.

    Changes are what differs from the copy this machine last matched. When another
    machine published since, its copy is kept and these changes are merged into it, and
    the local store is then brought up to the merged copy. `replace` shares the local
    store as it is over whatever was shared (a restore). Nothing is shared until the
    database records the new index, so a publish that fails leaves the shared copy as it
    was.
    """
    if not shared() or not store.is_dir():
        return None
    storage: Storage = default_storage
    _ensure_record(storage)
    with held_still(store):
        applied = _applied(store)
        local = _local_files(store, applied.get("files", {}))
        for relative, entry in local.items():
            _upload(storage, store / relative, entry["sha256"])
        ours = {relative: _listed(entry) for relative, entry in local.items()}
        base = None if replace else _base(applied)
        for _ in range(ATTEMPTS):
            done = _publish_once(storage, store, applied.get("index"), base, ours)
            if done is not None:
                break
        else:
            raise SharedStoreError(
                "the shared crime store kept changing while this machine's copy was being "
                "shared, so the shared copy was left as it was: try again",
                path=INDEXES,
            )
        name, listed = done
        matches = listed == ours
        if matches:
            _remember(store, name, listed, local)
    _checked[str(store)] = time.monotonic()
    if not matches:
        try:
            refresh(store, force=True)
        except Exception:
            # Shared already; the next refresh brings this machine up to it.
            log.exception("The crime store could not be brought up to the merged copy %s", name)
    _prune_objects(storage)
    return name


def _publish_once(
    storage: Storage,
    store: Path,
    started_from: str | None,
    base: dict[str, str] | None,
    ours: dict[str, Entry],
) -> tuple[str, dict[str, Entry]] | None:
    """Publish while holding the shared row; None when it moved on under this publish."""
    with _written_index(storage) as write, transaction.atomic():
        record = SharedCrimeStore.objects.select_for_update().get(pk=RECORD)
        current = record.index or None
        if base is None or current is None or current == started_from:
            listed = ours
        else:
            theirs = _read_index(storage, current)
            listed = _merged_listing(storage, store, base, ours, theirs)
            if listed == theirs:
                log.info("The shared crime store %s already holds this copy's changes", current)
                return current, listed
            log.info(
                "The shared crime store had moved on to %s since this copy started from %s: "
                "merging this copy's changes into it",
                current,
                started_from,
            )
        name = write(listed)
        if not _swap(record.index, name):
            _delete_quietly(storage, name)
            return None
        _prune_indexes(storage, name)
    return name, listed


@contextmanager
def _written_index(storage: Storage) -> Iterator[Any]:
    """Write an index for the publish; deleted again if the publish does not finish."""
    written: list[str] = []

    def write(listed: dict[str, Entry]) -> str:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        index = {"version": 1, "files": dict(sorted(listed.items()))}
        name = storage.save(
            f"{INDEXES}/{stamp}-{uuid.uuid4().hex[:8]}.json",
            ContentFile(json.dumps(index, indent=1).encode()),
        )
        written.append(name)
        return name

    try:
        yield write
    except BaseException:
        for name in written:
            _delete_quietly(storage, name)
        raise


def _swap(current: str, name: str) -> bool:
    """Name the new index as the shared copy, if the shared copy is still `current`."""
    moved = SharedCrimeStore.objects.filter(pk=RECORD, index=current).update(
        index=name, published_at=timezone.now()
    )
    return moved == 1


def _ensure_record(storage: Storage) -> None:
    """The shared row, made on the first publish from the newest index already published."""
    if not SharedCrimeStore.objects.filter(pk=RECORD).exists():
        SharedCrimeStore.objects.get_or_create(
            pk=RECORD, defaults={"index": _newest_listed(storage) or ""}
        )


def _current_index(storage: Storage) -> str | None:
    """The shared copy's index; before any publish recorded one, the newest in the storage."""
    found = SharedCrimeStore.objects.filter(pk=RECORD).values_list("index", flat=True).first()
    if found is None:
        return _newest_listed(storage)
    return found or None


def refresh(store: Path, *, force: bool = False) -> bool:
    """Bring the local store up to the shared copy; True when it changed.

    Without `force`, the storage is looked at no more than once every
    CRIME_STORE_CHECK_SECONDS by this process. Files written here since the copy this
    machine last matched, and not yet published, are kept (merged as a publish would).
    Every file is checked against its SHA-256 before anything is moved into place, and
    all files move in one commit.
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
    newest = _current_index(storage)
    if newest is None or newest == _applied(store).get("index"):
        return False
    wanted = _read_index(storage, newest)
    with writing(store) as staging:
        applied = _applied(store)
        if applied.get("index") == newest:
            return False
        local = _local_files(store, applied.get("files", {}))
        fetched, removals, kept = _stage_update(storage, store, staging, applied, local, wanted)
        if fetched or removals:
            commit(store, staging, sorted(fetched), removals)
        known = dict(local)
        for relative, digest in fetched.items():
            stat = (store / relative).stat()
            known[relative] = {
                "sha256": digest,
                "size": stat.st_size,
                "mtime_ns": stat.st_mtime_ns,
            }
        _remember(store, newest, wanted, _local_files(store, known))
    log.info(
        "Crime store brought up to %s: %s files fetched, %s removed, %s kept from this machine",
        newest,
        len(fetched),
        len(removals),
        kept,
    )
    return True


def _stage_update(
    storage: Storage,
    store: Path,
    staging: Path,
    applied: dict[str, Any],
    local: dict[str, Entry],
    wanted: dict[str, Entry],
) -> tuple[dict[str, str], list[str], int]:
    """Stage the files that bring the store up to `wanted`, keeping the files changed here
    since the copy it last matched; returns the files staged (with their SHA-256), the
    files to remove, and how many were kept."""
    ours = _digests(local)
    # A store that never matched a shared copy takes it as it is.
    base = _base(applied) if applied.get("index") else ours
    from_ours, from_theirs = _sides(base, ours, _digests(wanted))
    if not from_ours and MANIFEST_FILE in wanted:
        from_theirs.add(MANIFEST_FILE)
    fetched: dict[str, str] = {}
    for relative in sorted(from_theirs):
        if ours.get(relative) != wanted[relative]["sha256"]:
            _download(storage, relative, wanted[relative], staging / relative)
            fetched[relative] = wanted[relative]["sha256"]
    keep = from_ours | from_theirs
    if from_ours and (MANIFEST_FILE in ours or MANIFEST_FILE in wanted):
        content, digest = _manifest_of_merge(storage, store, wanted, from_ours, from_theirs)
        if digest != ours.get(MANIFEST_FILE):
            (staging / MANIFEST_FILE).write_bytes(content)
            fetched[MANIFEST_FILE] = digest
        keep.add(MANIFEST_FILE)
    return fetched, sorted(set(local) - keep), len(from_ours)


def _sides(
    base: dict[str, str], ours: dict[str, str], theirs: dict[str, str]
) -> tuple[set[str], set[str]]:
    """Which files come from this copy and which from the other: a file this copy changed
    since `base` (a force-month's rows, or the lookup as a whole) is this copy's; every
    other file is the other copy's, as it holds it. The manifest is neither: it is made
    from the force-months each side gives."""
    changed = {
        _group(relative)
        for relative in base.keys() | ours.keys()
        if relative != MANIFEST_FILE and base.get(relative) != ours.get(relative)
    }
    from_ours = {r for r in ours if r != MANIFEST_FILE and _group(r) in changed}
    from_theirs = {r for r in theirs if r != MANIFEST_FILE and _group(r) not in changed}
    return from_ours, from_theirs


def _group(relative: str) -> str:
    return LOOKUP_DIR if relative.startswith(LOOKUP_DIR) else relative


def _merged_listing(
    storage: Storage,
    store: Path,
    base: dict[str, str],
    ours: dict[str, Entry],
    theirs: dict[str, Entry],
) -> dict[str, Entry]:
    """The newer shared copy with this copy's changes: what a publish that started from an
    older copy lists."""
    from_ours, from_theirs = _sides(base, _digests(ours), _digests(theirs))
    listed = {r: ours[r] for r in from_ours} | {r: theirs[r] for r in from_theirs}
    if not from_ours:
        if MANIFEST_FILE in theirs:
            listed[MANIFEST_FILE] = theirs[MANIFEST_FILE]
        return listed
    if MANIFEST_FILE in ours or MANIFEST_FILE in theirs:
        content, digest = _manifest_of_merge(storage, store, theirs, from_ours, from_theirs)
        name = f"{OBJECTS}/{digest}"
        if not storage.exists(name):
            storage.save(name, ContentFile(content))
        listed[MANIFEST_FILE] = {"sha256": digest, "size": len(content)}
    return listed


def _manifest_of_merge(
    storage: Storage,
    store: Path,
    theirs: dict[str, Entry],
    from_ours: set[str],
    from_theirs: set[str],
) -> tuple[bytes, str]:
    """The merged manifest of this store and the copy listed in `theirs`, with its SHA-256:
    the same whether a refresh keeps this machine's changes or a publish merges them."""
    content = _merged_manifest(
        _local_manifest(store), _published_manifest(storage, theirs), from_ours, from_theirs
    )
    return content, hashlib.sha256(content).hexdigest()


def _merged_manifest(
    ours: dict[str, Any] | None,
    theirs: dict[str, Any] | None,
    from_ours: set[str],
    from_theirs: set[str],
) -> bytes:
    """The manifest of a merged copy: each force-month as the side its rows came from."""
    items: dict[tuple[str, str], Any] = {}
    versions = [1]
    for manifest, taken in ((theirs, from_theirs), (ours, from_ours)):
        if manifest is None:
            continue
        versions.append(int(manifest.get("version", 1)))
        for item in manifest.get("force_months", []):
            if rows_path(item["force"], item["month"]) in taken:
                items[(item["force"], item["month"])] = item
    data = {"version": max(versions), "force_months": [items[key] for key in sorted(items)]}
    return (json.dumps(data, indent=1) + "\n").encode()


def _local_manifest(store: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((store / MANIFEST_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return data if isinstance(data, dict) else None


def _published_manifest(storage: Storage, listed: dict[str, Entry]) -> dict[str, Any] | None:
    entry = listed.get(MANIFEST_FILE)
    if entry is None:
        return None
    content = _fetch(storage, MANIFEST_FILE, entry)
    try:
        data = json.loads(content)
    except ValueError as exc:
        raise SharedStoreError(
            f"the shared crime store's {MANIFEST_FILE} cannot be read ({exc}); "
            "the local store was left as it was",
            path=MANIFEST_FILE,
        ) from exc
    return data if isinstance(data, dict) else None


def _digests(listed: dict[str, Entry]) -> dict[str, str]:
    return {relative: str(entry["sha256"]) for relative, entry in listed.items()}


def _listed(entry: Entry) -> Entry:
    return {"sha256": entry["sha256"], "size": entry["size"]}


def _local_files(store: Path, known: dict[str, Entry]) -> dict[str, Entry]:
    """Each file of the local store, described; hashed again only when it changed."""
    return {
        path.relative_to(store).as_posix(): _describe(
            path, known.get(path.relative_to(store).as_posix())
        )
        for path in backup_files(store)
    }


def _upload(storage: Storage, path: Path, digest: str) -> None:
    name = f"{OBJECTS}/{digest}"
    if not storage.exists(name):
        with path.open("rb") as handle:
            storage.save(name, File(handle))


def _delete_quietly(storage: Storage, name: str) -> None:
    try:
        storage.delete(name)
    except Exception:
        log.exception("Could not delete %s from the shared crime store", name)


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


def _download(storage: Storage, relative: str, entry: Entry, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        _copy_checked(storage, relative, entry, out.write)


def _fetch(storage: Storage, relative: str, entry: Entry) -> bytes:
    """A small file's content (the manifest), checked against its SHA-256."""
    parts: list[bytes] = []
    _copy_checked(storage, relative, entry, parts.append)
    return b"".join(parts)


def _copy_checked(storage: Storage, relative: str, entry: Entry, write: Any) -> None:
    name = f"{OBJECTS}/{entry['sha256']}"
    digest = hashlib.sha256()
    try:
        with storage.open(name, "rb") as source:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                write(chunk)
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


def _read_index(storage: Storage, name: str) -> dict[str, Entry]:
    try:
        with storage.open(name, "rb") as handle:
            data = json.loads(handle.read())
        files = {}
        for relative, entry in data["files"].items():
            _check_relative(relative)
            if not isinstance(entry["sha256"], str) or len(entry["sha256"]) != 64:
                raise ValueError(f"{relative} has no SHA-256")
            files[relative] = {"sha256": entry["sha256"], "size": int(entry["size"])}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SharedStoreError(
            f"cannot read the shared crime store's index {name} ({exc}); "
            "the local store was left as it was",
            path=name,
        ) from exc
    return files


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


def _newest_listed(storage: Storage) -> str | None:
    found = _indexes(storage)
    return found[-1] if found else None


def _prune_indexes(storage: Storage, current: str) -> None:
    """Keep the newest indexes and the shared one; run while holding the shared row, so no
    index another publish has written but not yet recorded is deleted."""
    for name in _indexes(storage)[:-KEEP_INDEXES]:
        if name != current:
            _delete_quietly(storage, name)


def _prune_objects(storage: Storage) -> None:
    """Delete the objects no kept index names."""
    kept: set[str] = set()
    for name in _indexes(storage):
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
    """The index this machine's store last matched, the files it listed ("base"), and the
    local files as last described ("files": SHA-256, size and time, so a file is hashed
    again only when it changed)."""
    path = store / SHARED_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _base(applied: dict[str, Any]) -> dict[str, str]:
    """The files of the copy the store last matched; changes are what differs from it."""
    base = applied.get("base")
    if isinstance(base, dict):
        return {str(relative): str(digest) for relative, digest in base.items()}
    # Written before the base was kept: the files were the copy's as they were then.
    return {relative: str(entry["sha256"]) for relative, entry in applied.get("files", {}).items()}


def _remember(store: Path, index: str, listed: dict[str, Entry], files: dict[str, Entry]) -> None:
    write_json(store / SHARED_FILE, {"index": index, "base": _digests(listed), "files": files})
