"""One PDF per meeting: cover, contents, agenda, then each paper followed by its appendices.

The HTML parts are laid out by WeasyPrint in a single pass, so the contents
page and the agenda can quote real page numbers. Each page of a PDF appendix
is reserved as an empty page in that pass; afterwards the appendix's own page
is put in its place with the pack's page number stamped on it. Word
appendices are converted to HTML and printed in place.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from remit.meetings.documents import AppendixLine, PackContent, PaperDocument
from remit.meetings.docx_convert import docx_to_html
from remit.meetings.rendering import render_pdf

Progress = Callable[[int, str], None]
Opener = Callable[[str], Any]


@dataclass(frozen=True)
class PackResult:
    pdf: bytes
    pages: int


@dataclass(frozen=True)
class AppendixPart:
    line: AppendixLine
    pages: range
    html: SafeString


@dataclass(frozen=True)
class PackEntry:
    paper: PaperDocument
    parts: tuple[AppendixPart, ...]


def _quiet(percent: int, step: str) -> None:
    return None


def _read(open_file: Opener, name: str) -> bytes:
    with open_file(name) as stream:
        return bytes(stream.read())


def _pdf_pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def prepare(
    content: PackContent, open_file: Opener, progress: Progress = _quiet
) -> tuple[str, dict[int, bytes]]:
    """The pack's HTML with room for each PDF appendix, and those appendices' bytes."""
    appendix_pdfs: dict[int, bytes] = {}
    entries = []
    total = max(len(content.appendices), 1)
    done = 0
    for paper in content.papers:
        parts = []
        for line in paper.appendices:
            data = _read(open_file, line.storage_name)
            if line.kind == "pdf":
                appendix_pdfs[line.id] = data
                parts.append(AppendixPart(line, range(_pdf_pages(data)), mark_safe("")))
            else:
                # Safe to print as markup: docx_to_html cleans it to an allow-list.
                html = docx_to_html(io.BytesIO(data))
                parts.append(AppendixPart(line, range(0), mark_safe(html)))  # noqa: S308
            done += 1
            progress(5 + 15 * done // total, f"Reading appendices ({done} of {total})")
        entries.append(PackEntry(paper, tuple(parts)))
    html = render_to_string("meetings/print/pack.html", {"pack": content, "entries": entries})
    return html, appendix_pdfs


def _stamp(target: Any, overlay: Any) -> Any:
    """Lay the pack's page furniture (the page number) over an appendix page, centred."""
    from pypdf import Transformation

    box = target.mediabox
    dx = float(box.left) + (float(box.width) - float(overlay.mediabox.width)) / 2
    target.merge_transformed_page(overlay, Transformation().translate(dx, float(box.bottom)))
    return target


def assemble(document: Any, appendix_pdfs: dict[int, bytes], progress: Progress = _quiet) -> bytes:
    """Write the laid-out pages, swapping each reserved page for the appendix page it stands for."""
    from pypdf import PdfReader, PdfWriter

    laid_out = PdfReader(io.BytesIO(document.write_pdf()))
    starts: dict[int, int] = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            if (
                anchor.startswith("appendix-")
                and int(anchor.removeprefix("appendix-")) in appendix_pdfs
            ):
                starts[index] = int(anchor.removeprefix("appendix-"))
    writer = PdfWriter()
    index = 0
    total = len(laid_out.pages)
    while index < total:
        appendix_id = starts.get(index)
        if appendix_id is None:
            writer.add_page(laid_out.pages[index])
            index += 1
            continue
        for page in PdfReader(io.BytesIO(appendix_pdfs[appendix_id])).pages:
            _stamp(writer.add_page(page), laid_out.pages[index])
            index += 1
        progress(70 + 25 * index // total, f"Adding appendices (page {index} of {total})")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def build_pack(content: PackContent, open_file: Opener, progress: Progress = _quiet) -> PackResult:
    progress(2, "Gathering papers")
    html, appendix_pdfs = prepare(content, open_file, progress)
    progress(25, "Laying out the pages")
    document = render_pdf(html)
    progress(70, f"Adding appendices to {len(document.pages)} pages")
    pdf = assemble(document, appendix_pdfs, progress) if appendix_pdfs else document.write_pdf()
    progress(98, "Saving")
    return PackResult(pdf=bytes(pdf), pages=len(document.pages))
