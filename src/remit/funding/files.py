"""What a bid's attachment really is, judged by its bytes rather than its name.

Bids carry PDF, Word (DOCX) and Excel (XLSX) files only. A file's extension must agree
with its content: a renamed executable or a macro-enabled workbook is refused.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

from remit.core.archives import ArchiveRefused
from remit.core.archives import ZipLimits
from remit.core.archives import open_zip

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
EXTENSIONS = {".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx"}
LABELS = {"pdf": "PDF", "docx": "Word (DOCX)", "xlsx": "Excel (XLSX)"}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_BYTES = 10 * 1024 * 1024
CHUNK = 1024 * 1024


class AttachmentRejected(ValueError):
    """An upload that cannot be attached to a bid; the message names the file."""

    def __init__(self, message: str, field: str = "file") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Checked:
    kind: str
    size: int
    sha256: str


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def _zip_kind(stream: BinaryIO) -> str | None:
    """The document kind a zip holds; one that would unpack too far is refused."""
    try:
        with open_zip(stream, ZipLimits.configured(documents=True)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    finally:
        stream.seek(0)
    for kind, part in PARTS.items():
        if part in names:
            return kind
    return None


def sniff(stream: BinaryIO) -> str | None:
    """``pdf``, ``docx`` or ``xlsx`` from the content alone, or None."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(ZIP_MAGIC):
        return _zip_kind(stream)
    return None


def check(name: str, stream: BinaryIO, size: int, max_bytes: int = MAX_BYTES) -> Checked:
    """Refuse a file that is too big, empty, of another type, or not what its name says."""
    allowed = ", ".join(LABELS.values())
    if size == 0:
        raise AttachmentRejected(f"{name} is empty.")
    if size > max_bytes:
        raise AttachmentRejected(
            f"{name} is {megabytes(size)}; attachments can be at most {megabytes(max_bytes)}."
        )
    expected = EXTENSIONS.get(PurePath(name).suffix.lower())
    if expected is None:
        raise AttachmentRejected(f"{name} is not a file a bid can carry: attach {allowed} only.")
    try:
        kind = sniff(stream)
    except ArchiveRefused as exc:
        raise AttachmentRejected(f"{name} cannot be opened safely: {exc.message}.") from exc
    if kind is None:
        raise AttachmentRejected(
            f"{name} is not a real {LABELS[expected]} file (its content is something else): "
            f"attach {allowed} only."
        )
    if kind != expected:
        raise AttachmentRejected(
            f"{name} is named as {LABELS[expected]} but its content is {LABELS[kind]}: "
            "rename it or attach the right file."
        )
    digest = hashlib.sha256()
    stream.seek(0)
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
    stream.seek(0)
    return Checked(kind, size, digest.hexdigest())
