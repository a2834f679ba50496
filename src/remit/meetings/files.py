"""What an appendix really is, judged by its bytes rather than its name.

Appendices go into meeting packs, so only PDF and Word (DOCX) files are taken,
and a PDF must open without a password. No Django here.
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
DOCX_PART = "word/document.xml"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
EXTENSIONS = {".pdf": "pdf", ".docx": "docx"}
CHUNK = 1024 * 1024


class AppendixRejected(ValueError):
    """An upload that cannot be an appendix; the message names the file."""

    def __init__(self, message: str, path: str, field: str = "file") -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.field = field


@dataclass(frozen=True)
class AppendixFile:
    kind: str
    size: int
    sha256: str
    pages: int | None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def _digest(stream: BinaryIO) -> str:
    stream.seek(0)
    h = hashlib.sha256()
    while chunk := stream.read(CHUNK):
        h.update(chunk)
    stream.seek(0)
    return h.hexdigest()


def _pdf_pages(name: str, stream: BinaryIO) -> int:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(stream)
        if reader.is_encrypted:
            raise AppendixRejected(
                f"{name} is password-protected: upload a copy without a password.", name
            )
        pages = len(reader.pages)
    except PdfReadError as exc:
        raise AppendixRejected(
            f"{name} is a damaged PDF and cannot be read ({exc}).", name
        ) from exc
    finally:
        stream.seek(0)
    if pages == 0:
        raise AppendixRejected(f"{name} has no pages.", name)
    return pages


def _is_docx(name: str, stream: BinaryIO) -> bool:
    """Whether the zip is a Word document; one that would unpack too far is refused."""
    try:
        with open_zip(stream, ZipLimits.configured(documents=True)) as archive:
            return DOCX_PART in archive.namelist()
    except zipfile.BadZipFile:
        return False
    except ArchiveRefused as exc:
        raise AppendixRejected(f"{name} cannot be opened safely: {exc.message}.", name) from exc
    finally:
        stream.seek(0)


def inspect_appendix(
    name: str, stream: BinaryIO, size: int, max_bytes: int = DEFAULT_MAX_BYTES
) -> AppendixFile:
    """Check an upload is a PDF or DOCX under the size limit; say exactly what is wrong if not."""
    extension = PurePath(name).suffix.lower()
    if size > max_bytes:
        raise AppendixRejected(
            f"{name} is {_megabytes(size)}: appendices must be {_megabytes(max_bytes)} or smaller.",
            name,
        )
    if size == 0:
        raise AppendixRejected(f"{name} is empty.", name)
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(PDF_MAGIC):
        kind = "pdf"
    elif head.startswith(ZIP_MAGIC) and _is_docx(name, stream):
        kind = "docx"
    else:
        raise AppendixRejected(
            f"{name} is not a PDF or Word (DOCX) file: appendices must be one of those.", name
        )
    if EXTENSIONS.get(extension) != kind:
        raise AppendixRejected(
            f"{name} is a {kind.upper()} file but is named {extension or 'without an extension'}: "
            f"rename it to end in .{kind}.",
            name,
        )
    pages = _pdf_pages(name, stream) if kind == "pdf" else None
    return AppendixFile(kind=kind, size=size, sha256=_digest(stream), pages=pages)
