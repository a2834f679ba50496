"""Plain descriptions of papers and packs, as the renderers see them.

Selectors fill these in from the database once; the PDF, Word and pack
builders and the pack's content hash read only these, so rendering never
queries and the cache key covers exactly what is printed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from datetime import time

from remit.meetings.report import Section


@dataclass(frozen=True)
class PersonLine:
    name: str
    job_title: str = ""
    organisation: str = ""
    email: str = ""


@dataclass(frozen=True)
class AppendixLine:
    id: int
    letter: str
    title: str
    kind: str
    sha256: str
    storage_name: str
    pages: int | None = None


@dataclass(frozen=True)
class PaperDocument:
    id: int
    title: str
    board_name: str
    meeting_name: str
    meeting_date: date
    meeting_time: time
    location: str
    item_number: int | None
    status: str
    private: bool
    exemption_label: str
    late: bool
    urgency_reason: str
    presented_by: str
    author: PersonLine | None
    contact: PersonLine | None
    sections: tuple[Section, ...]
    appendices: tuple[AppendixLine, ...] = ()
    withdrawn_reason: str = ""
    published_on: date | None = None
    after_meeting: bool = False

    @property
    def anchor(self) -> str:
        return f"paper-{self.id}"


@dataclass(frozen=True)
class AgendaLine:
    number: int
    title: str
    kind: str
    kind_label: str
    presenter: str = ""
    private: bool = False
    exemption_label: str = ""
    paper: PaperDocument | None = None
    note: str = ""
    withdrawn: bool = False


@dataclass(frozen=True)
class PackContent:
    meeting_id: int
    audience: str
    board_name: str
    meeting_name: str
    meeting_date: date
    start_time: time
    end_time: time | None
    location: str
    online_link: str
    agenda: tuple[AgendaLine, ...] = field(default_factory=tuple)

    @property
    def papers(self) -> list[PaperDocument]:
        return [line.paper for line in self.agenda if line.paper is not None]

    @property
    def appendices(self) -> list[AppendixLine]:
        return [a for paper in self.papers for a in paper.appendices]


def _plain(value: object) -> object:
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    raise TypeError(f"cannot hash {type(value).__name__}")


def content_hash(pack: PackContent) -> str:
    """Changes whenever anything printed in the pack changes, appendix bytes included."""
    text = json.dumps(asdict(pack), default=_plain, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
