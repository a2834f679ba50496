"""Serving stored files: a file missing from storage is a page that says so, never an error."""

from __future__ import annotations

import logging

from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.http import Http404

log = logging.getLogger(__name__)

MISSING = (
    "The file {name} is missing from the site's storage. Tell the site's administrators: "
    "it may need restoring from a backup."
)


def stored_file_response(field: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    """The stored file as a download, or a 404 naming it when storage no longer holds it."""
    try:
        handle = field.open("rb")
    except (OSError, ValueError) as exc:
        log.warning("Stored file %s is missing: %s", field.name, exc)
        raise Http404(MISSING.format(name=filename)) from exc
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
