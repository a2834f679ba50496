"""Open data files built once per change of their data, then served from disk.

A file is named by what it is (``name``) and by a version: a cheap value from the data the
file shows, such as the number of published grants and the newest change among them. The
same name and version always give the same file, so when the data changes the version
changes with it and the next request builds a new file; nothing has to remember to clear
anything. A file is written to a temporary name and renamed into place, so a file half
written is never served, and older versions of the same file are removed once a new one is
in place.

Files live in ``REMIT_OPEN_DATA_CACHE`` (default ``var/open-data``). ``serve`` answers with
an ETag and Last-Modified, 304 when the client already has the file, and streams it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from typing import BinaryIO

from django.conf import settings
from django.http import FileResponse
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

ENV = "REMIT_OPEN_DATA_CACHE"
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,150}\.[a-z0-9]{1,8}$")

Build = Callable[[BinaryIO], None]


@dataclass(frozen=True)
class OpenFile:
    path: Path
    etag: str
    modified: float

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def cache_dir() -> Path:
    """Where built files are kept, read afresh on each call."""
    configured = os.environ.get(ENV)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "open-data"


def version_key(version: Any) -> str:
    """A short, stable digest of a version value (any value with a stable ``repr``)."""
    return hashlib.sha256(repr(version).encode()).hexdigest()[:24]


def _split(name: str) -> tuple[str, str]:
    if not NAME.match(name):
        raise ValueError(f"Not a safe open data file name: {name!r}")
    stem, _, suffix = name.rpartition(".")
    return stem, suffix


def path_for(name: str, version: Any) -> Path:
    stem, suffix = _split(name)
    return cache_dir() / f"{stem}.{version_key(version)}.{suffix}"


def _remove_older(current: Path, stem: str, suffix: str) -> None:
    for old in current.parent.glob(f"{glob_escape(stem)}.*.{suffix}"):
        if old != current and old.name.count(".") == current.name.count("."):
            with contextlib.suppress(OSError):
                old.unlink()


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def fetch(name: str, version: Any, build: Build) -> OpenFile:
    """The file ``name`` at ``version``, built by ``build(out)`` if it is not there yet.

    ``build`` writes the file's bytes to the binary file it is given.
    """
    path = path_for(name, version)
    try:
        stat = path.stat()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".building-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                build(out)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        _remove_older(path, *_split(name))
        stat = path.stat()
    # The version names the data; the build time tells two builds of it apart (a JSON package
    # says when it was issued), so a strong ETag never stands for two different files.
    etag = f'"{version_key(version)}-{stat.st_mtime_ns:x}"'
    return OpenFile(path=path, etag=etag, modified=stat.st_mtime)


def serve(
    request: HttpRequest,
    name: str,
    version: Any,
    build: Build,
    *,
    content_type: str,
    filename: str,
    public: bool = True,
) -> HttpResponseBase:
    """The file as a streamed download, or 304 Not Modified when the client's copy is current.

    The version and the file's build decide the ETag, so a client's copy is current exactly
    when the data it was built from has not changed.
    """
    found = fetch(name, version, build)
    try:
        content = found.path.open("rb")
    except FileNotFoundError:  # replaced by a newer version since: build this one again
        found.path.unlink(missing_ok=True)
        found = fetch(name, version, build)
        content = found.path.open("rb")
    headers = {
        "ETag": found.etag,
        "Last-Modified": http_date(found.modified),
        "Cache-Control": f"{'public' if public else 'private'}, no-cache",
    }
    not_modified = get_conditional_response(
        request, etag=found.etag, last_modified=int(found.modified)
    )
    if not_modified is not None:
        content.close()
        for header, value in headers.items():
            not_modified[header] = value
        return not_modified
    response = FileResponse(
        content, content_type=content_type, as_attachment=True, filename=filename
    )
    for header, value in headers.items():
        response[header] = value
    return response
