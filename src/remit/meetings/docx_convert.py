"""Word appendices as HTML, so a meeting pack can print them in place.

Mammoth reads the document's meaning rather than its look: headings, paragraphs with
bold and italic, lists, tables, links, footnotes and embedded pictures (as data URIs).
Exact layout, columns, headers and footers are not kept; the pack says so on the
appendix's first page. Mammoth never opens files the document links to, and the pack
renderer refuses any address that is not embedded data.
"""

from __future__ import annotations

from typing import BinaryIO

import mammoth

from remit.core.archives import ZipLimits, open_zip

# Word's own headings sit below the pack's headings for the paper and the appendix.
STYLE_MAP = "\n".join(
    [
        "p[style-name='Title'] => h3:fresh",
        "p[style-name='Subtitle'] => h4:fresh",
        "p[style-name='Heading 1'] => h3:fresh",
        "p[style-name='Heading 2'] => h4:fresh",
        "p[style-name='Heading 3'] => h5:fresh",
        "p[style-name='Heading 4'] => h6:fresh",
        "p[style-name='Heading 5'] => h6:fresh",
        "p[style-name='Heading 6'] => h6:fresh",
    ]
)


def docx_to_html(stream: BinaryIO) -> str:
    """The document body in order, as the small set of HTML elements mammoth writes.

    The zip's limits are checked again: a file stored before they applied is not trusted.
    """
    with open_zip(stream, ZipLimits.configured(documents=True)):
        pass
    stream.seek(0)
    result = mammoth.convert_to_html(stream, style_map=STYLE_MAP)
    return str(result.value).replace("<table>", '<table class="converted-table">')
