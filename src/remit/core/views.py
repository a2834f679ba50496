"""A stored upload as the Django admin links it; the registry's pages are the registry app's."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse

from remit.core.files import MISSING


def stored_file(request: HttpRequest, name: str) -> HttpResponse:
    """A stored upload as the Django admin links it, for administrators only.

    Everyone else reaches files through the pages that decide who may read them, so
    here anyone who is not an administrator is told there is no such file.
    """
    user = request.user
    if not (user.is_active and user.is_staff):
        raise Http404("No such file.")
    try:
        handle = default_storage.open(name, "rb")
    except SuspiciousFileOperation as exc:
        raise Http404("No such file.") from exc
    except OSError as exc:
        raise Http404(MISSING.format(name=Path(name).name)) from exc
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(handle, as_attachment=True, filename=Path(name).name, content_type=kind)
