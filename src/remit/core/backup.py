"""Backups that a running site can take safely.

SQLite uses its online backup API (never a file copy, which can catch a
half-written page); PostgreSQL uses pg_dump and pg_restore.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection


class BackupError(Exception):
    pass


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


def backup(target: Path) -> Path:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
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
    return target


def restore(source: Path) -> None:
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source}: no such backup file")
    if connection.vendor == "sqlite":
        try:
            origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            origin.execute("select count(*) from sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{source}: not a SQLite backup ({exc})") from exc
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
            raise BackupError(f"{source}: pg_restore failed: {result.stderr.strip()[:500]}")
    else:
        raise BackupError(f"No restore method for {connection.vendor}.")
