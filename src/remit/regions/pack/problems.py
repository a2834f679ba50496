"""Problems in a pack, each located by its path."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from remit.regions.pack.terms import DOCUMENT

PathParts = tuple[str | int, ...]
DocumentCheck = Callable[[Any, Callable[[PathParts, str], None]], None]
"""A check of how a document hangs together: given its data and a way to report a problem."""


@dataclass(frozen=True)
class PackIssue:
    """One problem in a pack, located by its path (``boards[3].memberships[2].organisation``)."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = ""
        if self.line is not None:
            where = f" (line {self.line}" + (f", column {self.column})" if self.column else ")")
        return f"{self.path}: {self.message}{where}"


class PackError(ValueError):
    """A pack that cannot be used; ``errors`` holds every problem found, in document order."""

    def __init__(self, errors: Sequence[PackIssue], source: str = "<pack>") -> None:
        self.errors = list(errors)
        self.source = source
        super().__init__(str(self))

    @property
    def path(self) -> str:
        return self.errors[0].path if self.errors else DOCUMENT

    def __str__(self) -> str:
        return "\n".join(str(issue) for issue in self.errors)


def format_path(parts: Iterable[str | int]) -> str:
    """``("boards", 3, "quorum")`` → ``boards[3].quorum``."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or DOCUMENT
