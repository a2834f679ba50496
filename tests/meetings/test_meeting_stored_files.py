"""Appendices survive a backup and restore onto a fresh machine; a missing file is a clear 404."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from meetings_support import docx_bytes
from meetings_support import pdf_bytes
from meetings_support import upload

from remit.backup import backup
from remit.backup import restore
from remit.meetings import services
from remit.meetings.models import Appendix
from remit.meetings.models import Meeting


def _appendices(meeting: Meeting, write_paper: Any, officer: Any) -> list[Appendix]:
    paper = write_paper(meeting, title="Progress update")
    return [
        services.appendix_add(by=officer, paper=paper, upload=upload("plan.pdf", pdf_bytes(2))),
        services.appendix_add(by=officer, paper=paper, upload=upload("notes.docx", docx_bytes())),
    ]


@pytest.mark.django_db(transaction=True)
def test_a_restore_on_a_fresh_directory_serves_every_appendix(
    meeting: Meeting, write_paper: Any, officer: Any, client: Any, settings: Any, tmp_path: Path
) -> None:
    settings.CRIME_STORE = tmp_path / "crime"
    appendices = _appendices(meeting, write_paper, officer)
    held = {a.pk: a.file.read() for a in appendices}
    archive = backup(tmp_path / "site.tar.gz")

    settings.MEDIA_ROOT = tmp_path / "fresh" / "media"
    settings.CRIME_STORE = tmp_path / "fresh" / "crime"
    restore(archive)

    client.force_login(officer)
    for appendix in appendices:
        response = client.get(reverse("meetings:appendix", args=[appendix.pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == held[appendix.pk]


def test_a_missing_stored_file_is_a_404_that_says_so(
    meeting: Meeting, write_paper: Any, officer: Any, client: Any
) -> None:
    appendix = _appendices(meeting, write_paper, officer)[0]
    default_storage.delete(appendix.file.name)
    client.force_login(officer)

    response = client.get(reverse("meetings:appendix", args=[appendix.pk]))

    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert "The file plan.pdf is missing from the site&#x27;s storage" in page
