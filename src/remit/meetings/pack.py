"""One PDF per meeting: cover, contents, agenda, then each paper followed by its appendices.

The HTML parts are laid out by WeasyPrint in a single pass, so the contents
page and the agenda can quote real page numbers. Each page of a PDF appendix
is reserved as an empty page in that pass; afterwards qpdf (through pikepdf)
draws the appendix's own page beneath the reserved page, which keeps the pack's
page number on top and keeps every link and bookmark that points at it. Word
appendices were converted to HTML when they were uploaded and are printed in
place.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe

from remit.meetings.documents import AppendixLine
from remit.meetings.documents import PackContent
from remit.meetings.documents import PaperDocument
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
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def converted_name(sha256: str) -> str:
    """Where a Word appendix's HTML is kept: by the document's content, so it is made once."""
    return f"appendices/converted/{sha256}.html"


def _word_html(open_file: Opener, line: AppendixLine) -> str:
    """The HTML made at upload; a document stored before then is converted now."""
    try:
        return _read(open_file, converted_name(line.sha256)).decode("utf-8")
    except OSError:
        return docx_to_html(io.BytesIO(_read(open_file, line.storage_name)))


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
            if line.kind == "pdf":
                data = _read(open_file, line.storage_name)
                appendix_pdfs[line.id] = data
                pages = line.pages or _pdf_pages(data)
                parts.append(AppendixPart(line, range(pages), mark_safe("")))
            else:
                # Safe to print as markup: docx_to_html cleaned it to an allow-list.
                html = _word_html(open_file, line)
                parts.append(AppendixPart(line, range(0), mark_safe(html)))  # noqa: S308
            done += 1
            progress(5 + 15 * done // total, f"Reading appendices ({done} of {total})")
        entries.append(PackEntry(paper, tuple(parts)))
    html = render_to_string("meetings/print/pack.html", {"pack": content, "entries": entries})
    return html, appendix_pdfs


def _links_only(annotations: Any) -> list[Any]:
    """An appendix page's links to the web; its links to its own pages would point nowhere."""
    import pikepdf

    kept = []
    for annotation in annotations or []:
        action = annotation.get("/A")
        is_link = annotation.get("/Subtype") == pikepdf.Name.Link
        if is_link and action is not None and action.get("/S") == pikepdf.Name.URI:
            kept.append(annotation)
    return kept


def _place_beneath(reserved: Any, appendix_page: Any) -> None:
    """Draw an appendix page beneath its reserved page, which then takes its size.

    The reserved page holds only the pack's page furniture, laid out for the
    pack's paper size: it is centred across the appendix page, on its bottom edge.
    """
    import pikepdf

    pack_box = pikepdf.Rectangle(reserved.mediabox)
    box = pikepdf.Rectangle(appendix_page.mediabox)
    dx = box.llx + (box.width - pack_box.width) / 2 - pack_box.llx
    dy = box.lly - pack_box.lly
    reserved.contents_add(f"1 0 0 1 {dx:.3f} {dy:.3f} cm\n".encode(), prepend=True)
    reserved.add_underlay(appendix_page, box)
    reserved.obj.MediaBox = box.as_array()
    for name in ("/CropBox", "/BleedBox", "/TrimBox", "/ArtBox"):
        if name in reserved.obj:
            del reserved.obj[name]
    if "/Rotate" in appendix_page.obj:
        reserved.obj.Rotate = int(appendix_page.obj.Rotate)
    links = _links_only(appendix_page.obj.get("/Annots"))
    if links:
        existing = list(reserved.obj.get("/Annots") or [])
        reserved.obj.Annots = reserved.obj.owner.make_indirect(
            pikepdf.Array(existing + [reserved.obj.owner.copy_foreign(a) for a in links])
        )


def assemble(document: Any, appendix_pdfs: dict[int, bytes], progress: Progress = _quiet) -> bytes:
    """The laid-out pack with each reserved page showing the appendix page it stands for."""
    import pikepdf

    starts: dict[int, int] = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            if (
                anchor.startswith("appendix-")
                and int(anchor.removeprefix("appendix-")) in appendix_pdfs
            ):
                starts[index] = int(anchor.removeprefix("appendix-"))
    # qpdf copies an appendix's page content when the pack is written, so each stays open till then.
    with ExitStack() as still_open:
        pack = still_open.enter_context(pikepdf.open(io.BytesIO(document.write_pdf())))
        total = len(pack.pages)
        for start, appendix_id in sorted(starts.items()):
            appendix = still_open.enter_context(
                pikepdf.open(io.BytesIO(appendix_pdfs[appendix_id]))
            )
            for offset, page in enumerate(appendix.pages):
                _place_beneath(pack.pages[start + offset], page)
            progress(70 + 25 * start // total, f"Adding appendices (page {start} of {total})")
        out = io.BytesIO()
        pack.save(out)
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
