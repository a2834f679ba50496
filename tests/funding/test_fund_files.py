"""Attachments are judged by their bytes: PDF, DOCX and XLSX only, and not too big."""

from __future__ import annotations

import io
import zipfile

import pytest

from remit.funding.files import AttachmentRejected
from remit.funding.files import check


def _zip(part: str) -> bytes:
    """Fixed timestamps, so every test worker collects the same bytes (and the same test ids)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in (part, "[Content_Types].xml"):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), "<x/>")
    return buffer.getvalue()


PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
DOCX = _zip("word/document.xml")
XLSX = _zip("xl/workbook.xml")


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [("plan.pdf", PDF, "pdf"), ("Plan.DOCX", DOCX, "docx"), ("budget.xlsx", XLSX, "xlsx")],
)
def test_real_files_are_accepted_by_their_content(name: str, content: bytes, kind: str) -> None:
    checked = check(name, io.BytesIO(content), len(content))
    assert checked.kind == kind
    assert len(checked.sha256) == 64


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("run.exe", b"MZ\x90\x00", "not a file a bid can carry"),
        ("fake.pdf", b"MZ\x90\x00 pretending", "not a real PDF"),
        ("sheet.docx", XLSX, "its content is Excel (XLSX)"),
        ("archive.xlsx", _zip("other.txt"), "not a real Excel (XLSX)"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_other_files_are_refused_with_a_clear_reason(name: str, content: bytes, words: str) -> None:
    with pytest.raises(AttachmentRejected) as error:
        check(name, io.BytesIO(content), len(content))
    assert words in error.value.message
    assert name in error.value.message


def test_a_file_over_the_limit_is_refused_with_the_limit() -> None:
    with pytest.raises(AttachmentRejected) as error:
        check("big.pdf", io.BytesIO(PDF), 11 * 1024 * 1024, max_bytes=10 * 1024 * 1024)
    assert "11 MB" in error.value.message
    assert "at most 10 MB" in error.value.message
