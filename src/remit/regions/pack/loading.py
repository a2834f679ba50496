"""Reading a pack, or another file that sits beside the packs, with every problem found."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from remit.regions import versions
from remit.regions.pack.building import build_pack
from remit.regions.pack.consistency import consistency_issues
from remit.regions.pack.model import RegionPack
from remit.regions.pack.parsing import parse
from remit.regions.pack.problems import DocumentCheck
from remit.regions.pack.problems import PackError
from remit.regions.pack.problems import PackIssue
from remit.regions.pack.schema import schema_issues
from remit.regions.pack.schema import validator_at
from remit.regions.pack.terms import DOCUMENT
from remit.regions.pack.terms import PACK_DIR
from remit.regions.pack.terms import PACK_VERSION


def shipped_packs() -> dict[str, Path]:
    """The packs that ship with Remit, by region slug (each file is named after its slug)."""
    return {path.stem: path for path in sorted(PACK_DIR.glob("*.yaml"))}


def validate_pack(text: str) -> list[PackIssue]:
    """Every problem in the pack, in document order; empty when the pack is sound."""
    return _examine(text)[1]


def pack_version_of(text: str) -> int | None:
    """The format version a pack says it is written in (None if it names no known one)."""
    return versions.written_version(parse(text).data)


def load_pack(text: str, source: str = "<pack>") -> RegionPack:
    """Parse and check a pack; raise ``PackError`` listing every problem if it is not sound."""
    data, issues, written = _examine(text)
    if issues:
        raise PackError(issues, source)
    return build_pack(data, written)


def read_pack_text(path: str | Path) -> str:
    """A pack file's text; a file that is not UTF-8 text, or cannot be read, is a ``PackError``."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        problem = exc.strerror or str(exc)
        raise PackError(
            [PackIssue(DOCUMENT, f"cannot read {path}: {problem}")], str(path)
        ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        message = (
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02X} cannot be read); "
            "a region pack is a YAML text file: save it as UTF-8 and load it again"
        )
        line = data.count(b"\n", 0, exc.start) + 1
        raise PackError([PackIssue(DOCUMENT, message, line)], str(path)) from None


def load_pack_file(path: str | Path) -> RegionPack:
    """Read a pack from disk; unreadable files are reported as a ``PackError`` too."""
    return load_pack(read_pack_text(path), source=str(path))


def _examine(text: str) -> tuple[object, list[PackIssue], int]:
    document = parse(text)
    if document.readable:
        if document.data is None:
            document.add((), "the pack is empty")
        else:
            document.written_version = versions.written_version(document.data)
            document.data = versions.upgrade(document.data)
            schema_issues(document)
            consistency_issues(document)
    written = document.written_version or PACK_VERSION
    return document.data, _in_document_order(document.issues), written


def examine_document(
    text: str, schema_path: Path, noun: str, checks: Iterable[DocumentCheck] = ()
) -> tuple[object, list[PackIssue]]:
    """Read another YAML file that sits beside the packs as a pack is read.

    Each problem is located at its path and line. ``noun`` names the format in messages
    (``meetings story``). The ``checks`` (how parts of the file hang together) run only on a
    file that matches its schema, so they may trust its shape.
    """
    document = parse(text)
    if document.readable:
        if document.data is None:
            document.add((), f"the {noun} is empty")
        else:
            schema_issues(document, validator_at(schema_path), noun)
            if not document.issues:
                for check in checks:
                    check(document.data, document.add)
    return document.data, _in_document_order(document.issues)


def read_document(
    path: str | Path, schema_path: Path, noun: str, checks: Iterable[DocumentCheck] = ()
) -> object:
    """The checked content of such a file; a ``PackError`` naming the file lists every problem."""
    data, issues = examine_document(read_pack_text(path), schema_path, noun, checks)
    if issues:
        raise PackError(issues, str(path))
    return data


def _in_document_order(issues: Iterable[PackIssue]) -> list[PackIssue]:
    unique = {(issue.path, issue.message): issue for issue in issues}
    return sorted(unique.values(), key=lambda issue: (issue.line or 0, issue.path, issue.message))
