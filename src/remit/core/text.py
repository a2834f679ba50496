"""Text made safe for the files the site writes (see docs/adr/0007-where-text-is-cleaned.md).

Text pasted from Word can carry control characters: a vertical tab for a manual line
break, a form feed for a page break, a stray NUL or bell. Pages and JSON show them
harmlessly, but XML cannot hold them, so an XLSX or DOCX writer refuses the whole file.
Stored text is kept as it was typed; every writer of a file passes text through
`printable` on the way out. No Django here.
"""

from __future__ import annotations

import re

# Word's line and page breaks, and carriage returns, become ordinary line breaks.
_BREAKS = re.compile(r"\r\n?|[\x0b\x0c]")
# Every other C0 control character except tab and newline, and what XML 1.0 cannot hold.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` without control characters (tab and newline kept; Word's breaks as newlines)."""
    return _UNPRINTABLE.sub("", _BREAKS.sub("\n", text))
