"""Word appendices as plain HTML, so a meeting pack can print them in place.

The conversion keeps the words, headings, lists and tables; it drops images,
columns and exact layout. The pack says so on the appendix's first page.
"""

from __future__ import annotations

from html import escape
from typing import BinaryIO

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph


def _heading_level(paragraph: Paragraph) -> int | None:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    if name == "Title":
        return 1
    if name.startswith("Heading"):
        digits = name.removeprefix("Heading").strip()
        return min(int(digits), 4) if digits.isdigit() else 2
    return None


def _is_list(paragraph: Paragraph) -> bool:
    name = (paragraph.style.name if paragraph.style is not None else "") or ""
    return name.startswith("List") or (
        paragraph._p.pPr is not None and (paragraph._p.pPr.numPr is not None)
    )


def _table(table: Table) -> str:
    rows = []
    for row in table.rows:
        cells = "".join(f"<td>{escape(cell.text)}</td>" for cell in row.cells)
        rows.append(f"<tr>{cells}</tr>")
    return f'<table class="converted-table">{"".join(rows)}</table>'


def docx_to_html(stream: BinaryIO) -> str:
    """The document body in order: headings (h3 to h6), paragraphs, lists and tables."""
    document = Document(stream)
    parts: list[str] = []
    open_list = False
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph) and _is_list(block) and block.text.strip():
            if not open_list:
                parts.append("<ul>")
                open_list = True
            parts.append(f"<li>{escape(block.text)}</li>")
            continue
        if open_list:
            parts.append("</ul>")
            open_list = False
        if isinstance(block, Table):
            parts.append(_table(block))
            continue
        text = block.text.strip()
        if not text:
            continue
        level = _heading_level(block)
        if level is None:
            parts.append(f"<p>{escape(text)}</p>")
        else:
            tag = f"h{level + 2}"
            parts.append(f"<{tag}>{escape(text)}</{tag}>")
    if open_list:
        parts.append("</ul>")
    return "\n".join(parts)
