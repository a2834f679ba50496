"""The crime store on disk: layout, manifest, DuckDB engine, locks and commits.

Layout under the store directory:

    rows/force=<slug>/month=<YYYY-MM>.parquet   one file per force and month
    manifest.json                               what was imported, from where
    lookup/lsoa_district.parquet                LSOA -> district (optional)
    lookup/lookup.json                          where that lookup came from
    shared.json                                 the shared copy this one matches (if shared)
    .staging/<id>/                              an import being written

The manifest carries the store's format. Format 1 kept every published column in
the row files; format 2 keeps those the store reads or checks (`importing.
STORED_COLUMNS`). Every reader selects its columns by name, and format 1 files hold
a superset of format 2's, so a store written in format 1, or holding files of both,
reads without being rewritten; the next write records format 2.

A write is all-or-nothing: everything is written under `.staging/<id>/`, then
a commit record is written and the files are moved into place. A crash after
the commit record is finished by the next reader or writer; a crash before it
leaves the store as it was.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from remit.indicators.crime_files import CrimeDataError

ROWS_DIR = "rows"
MANIFEST_FILE = "manifest.json"
LOOKUP_FILE = "lookup/lsoa_district.parquet"
LOOKUP_INFO_FILE = "lookup/lookup.json"
SHARED_FILE = "shared.json"
STAGING_DIR = ".staging"
COMMIT_FILE = "COMMIT.json"
READ_LOCK = ".lock"
WRITE_LOCK = ".write.lock"
STORE_FORMAT = 2


@dataclass(frozen=True)
class EngineLimits:
    """How much of the machine DuckDB may use; spills to disk beyond it."""

    memory_limit: str = "1GB"
    threads: int = 2

    @classmethod
    def from_env(cls) -> EngineLimits:
        threads = os.environ.get("REMIT_CRIME_THREADS") or str(min(os.cpu_count() or 1, 4))
        if not threads.isdigit() or int(threads) < 1:
            raise CrimeDataError(
                f"REMIT_CRIME_THREADS must be a whole number above 0, not {threads!r}",
                field="REMIT_CRIME_THREADS",
            )
        return cls(
            memory_limit=os.environ.get("REMIT_CRIME_MEMORY_LIMIT") or cls.memory_limit,
            threads=int(threads),
        )


@dataclass(frozen=True)
class ForceMonth:
    """One force's month of crimes as held in the store."""

    force: str
    month: str
    rows: int
    unlocated: int
    imported_at: datetime
    source: str
    sha256: str


def rows_path(force: str, month: str) -> str:
    return f"{ROWS_DIR}/force={force}/month={month}.parquet"


def sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


# ---------------------------------------------------------------- manifest


def read_manifest(store: Path) -> dict[tuple[str, str], ForceMonth]:
    path = store / MANIFEST_FILE
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    if int(data.get("version", 1)) > STORE_FORMAT:
        raise CrimeDataError(
            f"the crime store at {store} was written by a newer version of Remit (store "
            f"format {data['version']}; this version reads up to {STORE_FORMAT}): "
            "upgrade Remit on this machine",
            path=str(path),
        )
    entries = (
        ForceMonth(
            force=item["force"],
            month=item["month"],
            rows=int(item["rows"]),
            unlocated=int(item["unlocated"]),
            imported_at=datetime.fromisoformat(item["imported_at"]),
            source=item["source"],
            sha256=item["sha256"],
        )
        for item in data["force_months"]
    )
    return {(fm.force, fm.month): fm for fm in entries}


def manifest_json(manifest: dict[tuple[str, str], ForceMonth]) -> dict[str, Any]:
    return {
        "version": STORE_FORMAT,
        "force_months": [
            {
                "force": fm.force,
                "month": fm.month,
                "rows": fm.rows,
                "unlocated": fm.unlocated,
                "source": fm.source,
                "sha256": fm.sha256,
                "imported_at": fm.imported_at.isoformat(),
            }
            for _, fm in sorted(manifest.items())
        ],
    }


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


# ---------------------------------------------------------------- engine and locks


def connect(limits: EngineLimits, temp_dir: Path) -> duckdb.DuckDBPyConnection:
    temp_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(
        ":memory:",
        config={
            "memory_limit": limits.memory_limit,
            "threads": limits.threads,
            "temp_directory": str(temp_dir),
            "preserve_insertion_order": False,
        },
    )
    con.execute("SET enable_progress_bar = false")
    return con


def one_row(
    con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any] | None = None
) -> tuple[Any, ...]:
    """The single row of an aggregate query."""
    found = con.execute(sql, params).fetchone()
    if found is None:
        raise RuntimeError(f"no row from {sql.split()[0]} query")
    return found


@contextlib.contextmanager
def _locked(path: Path, mode: int) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, mode)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def writing(store: Path) -> Iterator[Path]:
    """One writer at a time; readers wait only while files are moved into place."""
    store.mkdir(parents=True, exist_ok=True)
    with _locked(store / WRITE_LOCK, fcntl.LOCK_EX):
        with _locked(store / READ_LOCK, fcntl.LOCK_EX):
            _roll_forward(store)
        staging_root = store / STAGING_DIR
        if staging_root.is_dir():
            for leftover in staging_root.iterdir():
                shutil.rmtree(leftover, ignore_errors=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        staging = staging_root / f"{stamp}-{uuid.uuid4().hex[:8]}"
        staging.mkdir(parents=True)
        try:
            yield staging
        finally:
            if not (staging / COMMIT_FILE).exists():
                shutil.rmtree(staging, ignore_errors=True)


@contextlib.contextmanager
def held_still(store: Path) -> Iterator[None]:
    """The store with no import or lookup load under way, so a backup copies one state."""
    if not store.is_dir():
        yield
        return
    with _locked(store / WRITE_LOCK, fcntl.LOCK_EX):
        with _locked(store / READ_LOCK, fcntl.LOCK_EX):
            _roll_forward(store)
        yield


def backup_files(store: Path) -> list[Path]:
    """The files a backup of the store needs: rows, manifest and lookup; no locks, staging
    or record of the shared copy, which describes this machine rather than the data."""
    if not store.is_dir():
        return []
    return sorted(
        path
        for path in store.rglob("*")
        if path.is_file()
        and not path.name.endswith(".lock")
        and STAGING_DIR not in path.relative_to(store).parts
        and path.relative_to(store).as_posix() != SHARED_FILE
    )


@contextlib.contextmanager
def reading(store: Path) -> Iterator[None]:
    lock = store / READ_LOCK
    if _pending_commits(store):
        with _locked(lock, fcntl.LOCK_EX):
            _roll_forward(store)
    with _locked(lock, fcntl.LOCK_SH):
        yield


def commit(store: Path, staging: Path, moves: list[str], removals: Sequence[str] = ()) -> None:
    """Record the moves (and removals), then make them; from the record on, the change will
    happen. Removals let the store be made to match a copy that no longer holds a file."""
    with _locked(store / READ_LOCK, fcntl.LOCK_EX):
        write_json(staging / COMMIT_FILE, {"moves": moves, "removals": list(removals)})
        _apply_moves(store, staging)
    shutil.rmtree(staging, ignore_errors=True)


def _apply_moves(store: Path, staging: Path) -> None:
    """Move a committed change's files into place; safe to run again after a stop."""
    commit = staging / COMMIT_FILE
    record = json.loads(commit.read_text(encoding="utf-8"))
    for relative in record["moves"]:
        source = staging / relative
        if source.exists():
            target = store / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
    for relative in record.get("removals", []):
        (store / relative).unlink(missing_ok=True)
    commit.unlink()


def _pending_commits(store: Path) -> list[Path]:
    root = store / STAGING_DIR
    if not root.is_dir():
        return []
    return sorted(d for d in root.iterdir() if (d / COMMIT_FILE).is_file())


def _roll_forward(store: Path) -> None:
    """Finish any import that had committed when its process stopped."""
    for staging in _pending_commits(store):
        _apply_moves(store, staging)
        shutil.rmtree(staging, ignore_errors=True)
