"""Parsing a pack's YAML safely, noting the line of every path in it."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field

import yaml

from remit.regions.pack.problems import PackIssue
from remit.regions.pack.problems import PathParts
from remit.regions.pack.problems import format_path
from remit.regions.pack.terms import DOCUMENT

try:  # libyaml parses long packs several times faster; both report lines the same way
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


_MAX_NODE_VISITS = 1_000_000


class _PackLoader(_SafeLoader):
    """Safe YAML, but dates stay as written so the schema (not YAML 1.1) judges them."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


@dataclass
class Document:
    data: object = None
    lines: dict[PathParts, int] = field(default_factory=dict)
    issues: list[PackIssue] = field(default_factory=list)
    readable: bool = True
    written_version: int | None = None

    def line(self, parts: PathParts) -> int | None:
        while parts not in self.lines and parts:
            parts = parts[:-1]
        return self.lines.get(parts)

    def add(self, parts: PathParts, message: str) -> None:
        self.issues.append(PackIssue(format_path(parts), message, self.line(parts)))


class _UnsafeStructure(Exception):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def parse(text: str) -> Document:
    document = Document()
    try:
        loader = _PackLoader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                _index(node, (), document, set(), [0])
                document.data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        document.issues = [_syntax_issue(exc)]
        document.readable = False
    except yaml.reader.ReaderError as exc:
        message = f"invalid YAML: the character U+{exc.character:04X} is not allowed"
        document.issues = [PackIssue(DOCUMENT, message, _line_of_character(text, exc.character))]
        document.readable = False
    except yaml.YAMLError as exc:
        document.issues = [PackIssue(DOCUMENT, f"invalid YAML: {exc}")]
        document.readable = False
    except _UnsafeStructure as exc:
        document.issues = [PackIssue(DOCUMENT, exc.message, exc.line)]
        document.readable = False
    return document


def _line_of_character(text: str, code: int) -> int:
    # libyaml counts bytes and PyYAML characters, so find the character itself.
    return text.count("\n", 0, max(text.find(chr(code)), 0)) + 1


def _syntax_issue(exc: yaml.MarkedYAMLError) -> PackIssue:
    mark = exc.problem_mark or exc.context_mark
    message = f"invalid YAML: {exc.problem or exc.context or 'unreadable'}"
    if exc.context and exc.problem and exc.context_mark is not None:
        message += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
    if mark is None:
        return PackIssue(DOCUMENT, message)
    return PackIssue(DOCUMENT, message, mark.line + 1, mark.column + 1)


def _index(
    node: yaml.Node, parts: PathParts, document: Document, open_nodes: set[int], visits: list[int]
) -> None:
    """Record the line of every path, and catch what YAML forgives: repeated keys, loops."""
    visits[0] += 1
    line = node.start_mark.line + 1
    if id(node) in open_nodes or visits[0] > _MAX_NODE_VISITS:
        raise _UnsafeStructure(
            "the document refers to itself through aliases, or expands too far", line
        )
    document.lines.setdefault(parts, line)
    open_nodes.add(id(node))
    if isinstance(node, yaml.MappingNode):
        _index_mapping(node, parts, document, open_nodes, visits)
    elif isinstance(node, yaml.SequenceNode):
        for position, item in enumerate(node.value):
            _index(item, (*parts, position), document, open_nodes, visits)
    open_nodes.discard(id(node))


def _index_mapping(
    node: yaml.MappingNode,
    parts: PathParts,
    document: Document,
    open_nodes: set[int],
    visits: list[int],
) -> None:
    first_seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "<<":
            continue
        key = str(key_node.value)
        child = (*parts, key)
        key_line = key_node.start_mark.line + 1
        if key in first_seen:
            document.issues.append(
                PackIssue(
                    format_path(child),
                    f"'{key}' is given twice (first on line {first_seen[key]}); keep one",
                    key_line,
                )
            )
            continue
        first_seen[key] = key_line
        document.lines[child] = key_line
        _index(value_node, child, document, open_nodes, visits)
