"""Finding police.uk street-level files and naming what is wrong with them.

police.uk publishes one CSV per force and month, named
`YYYY-MM-<force>-street.csv` (inside a `YYYY-MM/` folder in its archive).
The name is the only place the force slug appears, so it is checked
against the rows' own "Falls within" force before anything is stored.
"""

from __future__ import annotations

import csv
import gzip
import re
import shutil
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from remit.core.archives import ArchiveRefused
from remit.core.archives import ZipLimits
from remit.core.archives import check_zip
from remit.core.errors import LocatedError

# The published columns, and the names the store gives them.
STREET_COLUMNS: dict[str, str] = {
    "Crime ID": "crime_id",
    "Month": "month",
    "Reported by": "reported_by",
    "Falls within": "falls_within",
    "Longitude": "longitude",
    "Latitude": "latitude",
    "Location": "location",
    "LSOA code": "lsoa_code",
    "LSOA name": "lsoa_name",
    "Crime type": "crime_type",
    "Last outcome category": "outcome",
    "Context": "context",
}
_COORDINATES = {"Longitude", "Latitude"}

MONTH_PATTERN = r"\d{4}-(0[1-9]|1[0-2])"
_MONTH = re.compile(MONTH_PATTERN)
_STREET_FILE = re.compile(
    r"(?P<month>\d{4}-(0[1-9]|1[0-2]))-(?P<force>[a-z0-9]+(-[a-z0-9]+)*)-street\.csv"
)
_HEADER_LIMIT = 65_536

# Forces whose file slug is not their name with the policing words removed.
_SLUG_EXCEPTIONS = {
    "british transport police": "btp",
}
_POLICING_WORDS = {"police", "constabulary", "service"}


class CrimeDataError(LocatedError):
    """Input that cannot go into the crime store, located by path, line or field."""


@dataclass(frozen=True)
class StreetFile:
    """One police.uk street-level file ready to read from local disk."""

    path: Path  # where DuckDB reads it (a zip member is unpacked first)
    source: str  # where it came from, for messages: a path, or "upload.zip:member"
    name: str  # what the manifest records: the file name, or "upload.zip:member"
    force: str
    month: str


def is_month(value: str) -> bool:
    return _MONTH.fullmatch(value) is not None


def force_slug(name: str) -> str:
    """The slug police.uk uses in file names for a force's "Falls within" name.

    "West Mercia Police" -> "west-mercia", "Avon and Somerset Constabulary" ->
    "avon-and-somerset", "Metropolitan Police Service" -> "metropolitan",
    "Devon & Cornwall Police" -> "devon-and-cornwall",
    "Police Service of Northern Ireland" -> "northern-ireland".
    """
    lowered = " ".join(name.lower().replace("&", " and ").split())
    if lowered in _SLUG_EXCEPTIONS:
        return _SLUG_EXCEPTIONS[lowered]
    words = [w for w in re.split(r"[^a-z0-9]+", lowered) if w and w not in _POLICING_WORDS]
    if words and words[0] == "of":
        words = words[1:]
    return "-".join(words)


def parse_street_file_name(name: str) -> tuple[str, str] | None:
    """(month, force slug) from a police.uk street file name, or None."""
    found = _STREET_FILE.fullmatch(name)
    if found is None:
        return None
    return found.group("month"), found.group("force")


def _is_hidden(name: str) -> bool:
    return name.startswith(".") or name.startswith("__MACOSX")


def discover(
    paths: Iterable[Path], unpack_dir: Path, zip_limits: ZipLimits | None = None
) -> list[StreetFile]:
    """Every street file named by `paths` (files, folders, zips), in a stable order.

    Zip members are unpacked under `unpack_dir`, once the zip's directory shows it
    keeps within `zip_limits`. Two files for the same force and month in one import
    are refused: which one wins would be luck.
    """
    limits = zip_limits or ZipLimits.configured()
    found: list[StreetFile] = []
    for given in paths:
        found.extend(_discover_one(Path(given), unpack_dir, limits))
    seen: dict[tuple[str, str], str] = {}
    for street in found:
        key = (street.force, street.month)
        if key in seen:
            raise CrimeDataError(
                f"{street.force} {street.month} is also in {seen[key]}; "
                "import one file per force and month",
                path=street.source,
            )
        seen[key] = street.source
    return found


def _discover_one(path: Path, unpack_dir: Path, limits: ZipLimits) -> list[StreetFile]:
    if not path.exists():
        raise CrimeDataError("no such file or folder", path=str(path))
    if path.is_dir():
        files = sorted(
            p
            for p in path.rglob("*-street.csv")
            if p.is_file() and not _is_hidden(p.name) and parse_street_file_name(p.name)
        )
        if not files:
            raise CrimeDataError(
                "no police.uk street files (YYYY-MM-<force>-street.csv) in this folder",
                path=str(path),
            )
        return [_street_file(p, str(p), p.name) for p in files]
    if path.suffix.lower() == ".zip":
        return _unpack_zip(path, unpack_dir, limits)
    return [_street_file(path, str(path), path.name)]


def _street_file(path: Path, source: str, name: str) -> StreetFile:
    parsed = parse_street_file_name(path.name)
    if parsed is None:
        raise CrimeDataError(
            "not a police.uk street file: the name must be YYYY-MM-<force>-street.csv",
            path=source,
        )
    month, force = parsed
    return StreetFile(path=path, source=source, name=name, force=force, month=month)


def _unpack_zip(path: Path, unpack_dir: Path, limits: ZipLimits) -> list[StreetFile]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise CrimeDataError(f"not a readable zip file ({exc})", path=str(path)) from exc
    files: list[StreetFile] = []
    with archive:
        try:
            check_zip(archive, limits)
        except ArchiveRefused as exc:
            raise CrimeDataError(f"{exc.message}; nothing was unpacked", path=str(path)) from exc
        members = sorted(
            (m for m in archive.infolist() if not m.is_dir()), key=lambda m: m.filename
        )
        for index, member in enumerate(members):
            parts = member.filename.split("/")
            name = parts[-1]
            if any(_is_hidden(part) for part in parts) or not parse_street_file_name(name):
                continue
            target = unpack_dir / f"{index:06d}" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            source = f"{path}:{member.filename}"
            try:
                with archive.open(member) as src, target.open("wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                raise CrimeDataError(f"cannot unpack ({exc})", path=source) from exc
            files.append(_street_file(target, source, f"{path.name}:{member.filename}"))
    if not files:
        raise CrimeDataError(
            "no police.uk street files (YYYY-MM-<force>-street.csv) in this zip",
            path=str(path),
        )
    return files


def read_csv_header(path: Path, source: str) -> list[str]:
    """The header row of a CSV (plain or .gz), without a byte-order mark."""
    opener = gzip.open if path.suffix.lower() == ".gz" else open
    try:
        with opener(path, "rb") as raw:
            first = raw.readline(_HEADER_LIMIT).decode("utf-8-sig")
    except (UnicodeDecodeError, OSError, EOFError) as exc:
        raise CrimeDataError(f"unreadable CSV header ({exc})", path=source, line=1) from exc
    if not first.strip():
        raise CrimeDataError("the file is empty: no header row", path=source, line=1)
    try:
        header = next(csv.reader([first]))
    except csv.Error as exc:
        raise CrimeDataError(f"unreadable CSV header ({exc})", path=source, line=1) from exc
    names = [column.strip() for column in header]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise CrimeDataError(
            f"column {duplicated[0]!r} appears more than once", path=source, line=1
        )
    return names


def street_columns(names: list[str], source: str) -> dict[str, str]:
    """DuckDB column spec for a street file's header: stored names, typed.

    Refuses a header that lacks a published column. Columns police.uk may
    add later are read (so the row shape still checks) but not stored.
    """
    missing = [column for column in STREET_COLUMNS if column not in names]
    if missing:
        listed = ", ".join(repr(m) for m in missing)
        raise CrimeDataError(
            f"missing column {listed} (a police.uk street file has {', '.join(STREET_COLUMNS)})",
            path=source,
            line=1,
            field=missing[0],
        )
    return {
        STREET_COLUMNS.get(name, f"extra_{index}"): (
            "DOUBLE" if name in _COORDINATES else "VARCHAR"
        )
        for index, name in enumerate(names)
    }


_DUCKDB_LINE = re.compile(r"CSV Error on Line: (\d+)")
_DUCKDB_REASONS = (
    re.compile(
        r"Error when converting column \"(?P<column>[^\"]+)\"\. "
        r"Could not convert string \"(?P<value>[^\"]*)\" to '(?P<type>\w+)'"
    ),
    re.compile(r"Expected Number of Columns: (?P<expected>\d+) Found: (?P<found>\d+)"),
    re.compile(r"Invalid unicode[^\n]*"),
    re.compile(r"Value with unterminated quote found"),
)


def describe_csv_error(
    message: str, source: str, column_names: dict[str, str] | None = None
) -> CrimeDataError:
    """Turn DuckDB's CSV reader error into a located, readable refusal.

    `column_names` maps the names DuckDB was given back to the file's own.
    """
    line_match = _DUCKDB_LINE.search(message)
    line = int(line_match.group(1)) if line_match else None
    reason = message.split("\n", 1)[0].split(": ", 1)[-1]
    for pattern in _DUCKDB_REASONS:
        found = pattern.search(message)
        if found is None:
            continue
        groups = found.groupdict()
        if "column" in groups:
            column = (column_names or {}).get(groups["column"], groups["column"])
            reason = f"{column} {groups['value']!r} is not a number"
        elif "expected" in groups:
            reason = f"expected {groups['expected']} fields, found {groups['found']}"
        else:
            reason = found.group(0)
        break
    return CrimeDataError(f"unreadable CSV: {reason}", path=source, line=line)
