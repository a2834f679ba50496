"""What someone typed into the search box, made safe for the full-text engines.

Nothing typed reaches SQLite's FTS5 or PostgreSQL's tsquery as syntax: the text is cut
into words (letters and digits only), quoted phrases and ``-excluded`` words, and each
backend's expression is built from those alone. FTS5 gets every word as a quoted string;
PostgreSQL gets each word or phrase as a bound parameter to ``plainto_tsquery`` or
``phraseto_tsquery``. The same words mark matches in results: the text is escaped first,
then each matching word is wrapped in ``<mark>``. No Django here.
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from dataclasses import dataclass
from html import escape

MAX_INPUT = 500
MAX_TERMS = 12
MAX_WORD = 60
WORD = re.compile(r"[^\W_]+")
SUFFIXES = ("ies", "ing", "ed", "es", "s", "ly")


@dataclass(frozen=True)
class Query:
    words: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        """A query with nothing to look for finds nothing (exclusions alone are not a search)."""
        return not self.words and not self.phrases

    def terms(self) -> tuple[str, ...]:
        """Every word that should be marked in a result."""
        found = list(self.words)
        for phrase in self.phrases:
            found.extend(phrase)
        return tuple(found)

    def text(self) -> str:
        """The query written back, as it is understood."""
        parts = [*self.words, *(f'"{" ".join(p)}"' for p in self.phrases)]
        parts += [f"-{word}" for word in self.excluded]
        return " ".join(parts)


def _words(text: str) -> list[str]:
    return [w[:MAX_WORD] for w in WORD.findall(unicodedata.normalize("NFKC", text).casefold())]


def parse(text: str) -> Query:
    """Words, "quoted phrases" and -excluded words; anything else is a separator."""
    words: list[str] = []
    phrases: list[tuple[str, ...]] = []
    excluded: list[str] = []
    for index, part in enumerate(text[:MAX_INPUT].split('"')):
        if index % 2:
            inside = _words(part)
            if len(inside) > 1:
                phrases.append(tuple(inside))
            else:
                words.extend(inside)
            continue
        for raw in part.split():
            found = _words(raw)
            if raw.startswith("-") and len(found) == 1:
                excluded.append(found[0])
            elif len(found) > 1:
                phrases.append(tuple(found))
            else:
                words.extend(found)
    words = list(dict.fromkeys(words))
    phrases = list(dict.fromkeys(phrases))
    budget = MAX_TERMS
    words, budget = words[:budget], budget - len(words[:budget])
    phrases = phrases[: max(budget, 0)]
    excluded = [w for w in dict.fromkeys(excluded) if w not in words][:MAX_TERMS]
    return Query(tuple(words), tuple(phrases), tuple(excluded))


def _quoted(tokens: tuple[str, ...] | list[str]) -> str:
    return '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'


def to_fts5(query: Query) -> str:
    """An FTS5 MATCH expression: every word and phrase quoted, all required."""
    if query.empty:
        raise ValueError("An empty query has no expression.")
    required = [_quoted([w]) for w in query.words] + [_quoted(p) for p in query.phrases]
    expression = " AND ".join(required)
    for word in query.excluded:
        expression = f"({expression}) NOT {_quoted([word])}"
    return expression


def to_tsquery(query: Query, config: str = "english") -> tuple[str, list[str]]:
    """A PostgreSQL tsquery as SQL with placeholders, and its parameters (the words)."""
    if query.empty:
        raise ValueError("An empty query has no expression.")
    parts = [f"plainto_tsquery('{config}', %s)" for _ in query.words]
    parts += [f"phraseto_tsquery('{config}', %s)" for _ in query.phrases]
    parts += [f"!!plainto_tsquery('{config}', %s)" for _ in query.excluded]
    params = [*query.words, *(" ".join(p) for p in query.phrases), *query.excluded]
    return "(" + " && ".join(parts) + ")", params


def stem(word: str) -> str:
    """A rough stem, only for marking matches: "meetings", "meeting" and "meet" agree."""
    word = word.casefold()
    for _ in range(2):
        for suffix in SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
                break
        else:
            break
    return word


def _marks(query: Query) -> set[str]:
    return {stem(term) for term in query.terms()}


def highlight(text: str, query: Query) -> str:
    """The text as safe HTML: escaped, with each matching word in ``<mark>``."""
    marks = _marks(query)
    out: list[str] = []
    position = 0
    for match in WORD.finditer(text):
        if stem(unicodedata.normalize("NFKC", match.group()).casefold()) in marks:
            out.append(escape(text[position : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    out.append(escape(text[position:]))
    return "".join(out)


def snippet(text: str, query: Query, words: int = 40) -> str:
    """About ``words`` words of the text around its first match, highlighted, as safe HTML.

    The text (a paper with its appendices can be 300,000 characters) is read only as far
    as the words shown: up to the first match and the words after it.
    """
    marks = _marks(query)
    before = words // 4
    found = WORD.finditer(text)
    opening: list[tuple[int, int]] = []
    recent: deque[tuple[int, int]] = deque(maxlen=before + 1)
    total = 0
    for index, match in enumerate(found):
        total = index + 1
        span = match.span()
        if len(opening) < words:
            opening.append(span)
        recent.append(span)
        if stem(unicodedata.normalize("NFKC", match.group()).casefold()) in marks:
            begin = max(0, index - before)
            chosen = list(recent)[-(index - begin + 1) :]
            more = False
            for following in found:
                if len(chosen) >= words:
                    more = True
                    break
                chosen.append(following.span())
            return _excerpt(text, chosen, query, lead=begin > 0, tail=more)
    if not opening:
        return ""
    return _excerpt(text, opening, query, lead=False, tail=total > len(opening))


def _excerpt(
    text: str, spans: list[tuple[int, int]], query: Query, *, lead: bool, tail: bool
) -> str:
    piece = " ".join(text[spans[0][0] : spans[-1][1]].split())
    return escape("… " if lead else "") + highlight(piece, query) + escape(" …" if tail else "")
