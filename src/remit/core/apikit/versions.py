"""Versions on the API: an ETag on each record read, and `If-Match` honoured on its writes.

The tag is the record's version (its latest history row), the same one the edit forms carry,
so a client that sends back the tag it read cannot overwrite a change it has not seen; a
stale tag is answered with 412 and what changed (see `problems.py`).
"""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest
from django.http import HttpResponse

from remit.core.services.writes import version_of

NOT_A_TAG = -1
IF_MATCH = (
    "Send the `ETag` from your last read as `If-Match`; if the record has changed since, "
    "nothing is saved and the answer is 412 with what changed."
)


def etag(version: int) -> str:
    return f'"{version}"'


def tag(response: HttpResponse, record: models.Model) -> None:
    """Send the record's version as the response's ETag."""
    response["ETag"] = etag(version_of(record))


def if_match(request: HttpRequest) -> int | None:
    """The version the client read, from `If-Match`; None when it sent none (or `*`).

    A tag this API never gives matches no version, so the write is refused as stale.
    """
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        return None
    value = header.removeprefix("W/").strip().strip('"')
    return int(value) if value.isdigit() else NOT_A_TAG
