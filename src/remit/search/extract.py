"""The words inside a PDF or Word appendix, for the search index, read within limits.

A file is read once when its paper is indexed: at most ``MAX_PAGES`` pages of a PDF and
``limit`` characters in all, so a long or hostile file cannot hold indexing up. A file that
cannot be read gives no text rather than an error: the paper is still found by its own
words. No Django here.
"""

from __future__ import annotations

import logging
from typing import BinaryIO

MAX_PAGES = 200
DEFAULT_LIMIT = 100_000

log = logging.getLogger(__name__)


def _bounded(pieces: list[str], limit: int) -> str:
    return " ".join(pieces)[:limit]


def pdf_text(stream: BinaryIO, limit: int = DEFAULT_LIMIT) -> str:
    from pypdf import PdfReader

    pieces: list[str] = []
    size = 0
    try:
        reader = PdfReader(stream)
        if reader.is_encrypted:
            return ""
        for page in reader.pages[:MAX_PAGES]:
            text = page.extract_text() or ""
            pieces.append(text)
            size += len(text)
            if size >= limit:
                break
    except Exception:  # a damaged file gives no text, never a failed write
        log.warning("Could not read the text of a PDF appendix", exc_info=True)
    return _bounded(pieces, limit)


def docx_text(stream: BinaryIO, limit: int = DEFAULT_LIMIT) -> str:
    """Paragraphs, then table cells, in document order as python-docx gives them."""
    import docx

    pieces: list[str] = []
    size = 0
    try:
        document = docx.Document(stream)
        for paragraph in document.paragraphs:
            pieces.append(paragraph.text)
            size += len(paragraph.text)
            if size >= limit:
                return _bounded(pieces, limit)
        for table in document.tables:
            for row in table.rows:
                for cell in row.cells:
                    pieces.append(cell.text)
                    size += len(cell.text)
                    if size >= limit:
                        return _bounded(pieces, limit)
    except Exception:  # a damaged file gives no text, never a failed write
        log.warning("Could not read the text of a Word appendix", exc_info=True)
    return _bounded(pieces, limit)
