"""Reading zip files safely: every zip the application opens passes through here.

A zip's central directory states each member's size before anything is unpacked, and
Python's reader never yields more than the stated size. So the limits are checked from
the directory alone, before a byte is written: a small zip that would unpack to
gigabytes (a "zip bomb") is refused while it is still small. No Django imports here:
the crime command line uses it without a database.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

GIB = 1024**3
MIB = 1024**2
# Members smaller than this are not held to the ratio: tiny text compresses very well.
RATIO_FLOOR = MIB


class ArchiveRefused(ValueError):
    """A zip that breaks a limit; the message says which and by how much."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ZipLimits:
    """How far a zip may unpack: in all, in members, and per member against its packed size."""

    max_bytes: int = 4 * GIB
    max_members: int = 10_000
    max_ratio: int = 100

    @classmethod
    def configured(cls, *, documents: bool = False) -> ZipLimits:
        """The limits from the site's settings, or from the environment without Django.

        `documents` gives the tighter total for Word and Excel files (a document is a zip).
        """
        values = _from_django() or _from_env()
        limits = cls(
            max_bytes=values["ZIP_MAX_BYTES"],
            max_members=values["ZIP_MAX_MEMBERS"],
            max_ratio=values["ZIP_MAX_RATIO"],
        )
        if documents:
            limits = replace(
                limits, max_bytes=min(limits.max_bytes, values["DOCUMENT_ZIP_MAX_BYTES"])
            )
        return limits


DEFAULTS = {
    "ZIP_MAX_BYTES": ZipLimits.max_bytes,
    "ZIP_MAX_MEMBERS": ZipLimits.max_members,
    "ZIP_MAX_RATIO": ZipLimits.max_ratio,
    "DOCUMENT_ZIP_MAX_BYTES": 200 * MIB,
}


def _from_env() -> dict[str, int]:
    return {name: env_int(f"REMIT_{name}", default) for name, default in DEFAULTS.items()}


def _from_django() -> dict[str, int] | None:
    try:
        from django.conf import settings
    except ImportError:  # pragma: no cover - Django is always installed with the site
        return None
    if not settings.configured:
        return None
    return {name: int(getattr(settings, name, default)) for name, default in DEFAULTS.items()}


def env_int(name: str, default: int) -> int:
    """A positive whole number from the environment; a bad value stops the start-up."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(f"{name} must be a whole number above 0, not {raw!r}")
    return int(raw)


def size_label(size: int) -> str:
    if size >= GIB:
        return f"{size / GIB:.1f} GB"
    return f"{size / MIB:.1f} MB"


def check_zip(archive: zipfile.ZipFile, limits: ZipLimits) -> list[zipfile.ZipInfo]:
    """The archive's members, once its directory shows it keeps within `limits`."""
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise ArchiveRefused(
            f"the zip holds {len(members):,} files; at most {limits.max_members:,} are allowed"
        )
    total = sum(member.file_size for member in members)
    if total > limits.max_bytes:
        raise ArchiveRefused(
            f"the zip would unpack to {size_label(total)}; "
            f"at most {size_label(limits.max_bytes)} is allowed"
        )
    for member in members:
        packed = max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR and member.file_size > limits.max_ratio * packed:
            raise ArchiveRefused(
                f"{member.filename} in the zip would unpack to {member.file_size // packed:,} "
                f"times its packed size; at most {limits.max_ratio:,} times is allowed"
            )
    return members


@contextmanager
def open_zip(
    source: Path | str | BinaryIO, limits: ZipLimits | None = None
) -> Iterator[zipfile.ZipFile]:
    """A zip to read, refused with `ArchiveRefused` before use if it breaks the limits.

    A file that is not a zip raises `zipfile.BadZipFile`, as `zipfile.ZipFile` does.
    """
    with zipfile.ZipFile(source) as archive:
        check_zip(archive, limits or ZipLimits.configured())
        yield archive
