"""The shape of a council report: numbered sections and paragraphs, recommendations first.

Screen, PDF and Word all lay a paper out from this one structure, so paragraph
2.3 is paragraph 2.3 wherever a member reads it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field

BULLET = "- "


@dataclass(frozen=True)
class Block:
    """A numbered paragraph, or an unnumbered list that belongs to the paragraph before it."""

    number: str
    text: str = ""
    items: tuple[str, ...] = ()

    @property
    def is_list(self) -> bool:
        return bool(self.items)


@dataclass(frozen=True)
class Section:
    number: int
    heading: str
    lead: str = ""
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    key: str = ""


@dataclass(frozen=True)
class ReportContent:
    purpose: str
    recommendations: Sequence[str]
    sections: Sequence[tuple[str, str]]
    financial: str
    legal: str
    equality: str
    board_name: str = "the Board"


def paragraphs(text: str) -> list[str | tuple[str, ...]]:
    """Split text at blank lines; a paragraph whose lines all start with "- " is a list."""
    result: list[str | tuple[str, ...]] = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith(BULLET) for line in lines):
            result.append(tuple(line[len(BULLET) :].strip() for line in lines))
        else:
            result.append(" ".join(lines))
    return result


def _blocks(section: int, text: str) -> tuple[Block, ...]:
    blocks: list[Block] = []
    counter = 0
    for part in paragraphs(text):
        if isinstance(part, tuple):
            blocks.append(Block(number="", items=part))
        else:
            counter += 1
            blocks.append(Block(number=f"{section}.{counter}", text=part))
    return tuple(blocks)


def layout_report(content: ReportContent) -> list[Section]:
    """Purpose, recommendations, the body, then a heading for each implication.

    A heading is printed only with something under it: implications left blank say
    "None.", and a draft with no purpose or recommendations yet has neither heading.
    """
    sections: list[Section] = []

    def add(heading: str, text: str, key: str, lead: str = "") -> None:
        number = len(sections) + 1
        blocks = _blocks(number, text)
        if blocks:
            sections.append(Section(number, heading, lead, blocks, key))

    add("Purpose of the report", content.purpose, "purpose")
    number = len(sections) + 1
    kept = [text.strip() for text in content.recommendations if text.strip()]
    recommendations = tuple(
        Block(number=f"{number}.{i}", text=text) for i, text in enumerate(kept, start=1)
    )
    if recommendations:  # a draft without any prints no empty heading
        sections.append(
            Section(
                number,
                "Recommendations",
                f"{content.board_name} is recommended to:",
                recommendations,
                "recommendations",
            )
        )
    for heading, body in content.sections:
        add(heading.strip(), body, "body")
    add("Financial implications", content.financial or "None.", "financial")
    add("Legal implications", content.legal or "None.", "legal")
    add("Equality implications", content.equality or "None.", "equality")
    return sections
