"""Word appendices as HTML, so a meeting pack can print them in place.

Mammoth reads the document's meaning rather than its look: headings, paragraphs with
bold and italic, lists, tables, links, footnotes and embedded pictures (as data URIs).
Exact layout, columns, headers and footers are not kept; the pack says so on the
appendix's first page. Mammoth never opens files the document links to, and the pack
renderer refuses any address that is not embedded data.

A document can carry any markup and any link address, so mammoth's output is cleaned to
the elements it writes: links keep only http, https and mailto addresses (and links
within the document), pictures only embedded images.
"""

from __future__ import annotations

from typing import BinaryIO

import mammoth
import nh3

from remit.core.archives import ZipLimits
from remit.core.archives import open_zip

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

TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "u", "s", "sup", "sub", "br",
    "a", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "img",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "id"},
    "li": {"id"},
    "img": {"src", "alt"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
LINK_SCHEMES = ("http:", "https:", "mailto:")


def _address(element: str, attribute: str, value: str) -> str | None:
    """Links to the web, to e-mail or within the document; pictures only embedded."""
    if attribute == "href":
        return value if value.startswith("#") or value.lower().startswith(LINK_SCHEMES) else None
    if attribute == "src":
        return value if value.lower().startswith("data:image/") else None
    return value


def docx_to_html(stream: BinaryIO) -> str:
    """The document body in order, as the small set of HTML elements mammoth writes.

    The zip's limits are checked again: a file stored before they applied is not trusted.
    """
    with open_zip(stream, ZipLimits.configured(documents=True)):
        pass
    stream.seek(0)
    result = mammoth.convert_to_html(stream, style_map=STYLE_MAP)
    html = nh3.clean(
        str(result.value),
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "data"},
        attribute_filter=_address,
        link_rel=None,
    )
    return html.replace("<table>", '<table class="converted-table">')
