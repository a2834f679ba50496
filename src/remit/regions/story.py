"""Read the demo stories that ship beside the region packs.

A story is the demonstration data `remit demo` loads for one part of Remit (its meetings, its
proposals, its fund) in one region. It is data, not code, so that a region's demo is written the
way its pack is, and it is checked the way a pack is: every problem at once, at its path and
line. Pure on purpose (no Django), like the pack reader it reuses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, cast

from remit.regions.pack import PACK_DIR, DocumentCheck, PackError, PathParts, read_document

STORY_DIR = PACK_DIR / "demo"
Report = Callable[[PathParts, str], None]


class StoryError(PackError):
    """A story that cannot be used; each problem is printed after the file it is in."""

    def __str__(self) -> str:
        return "\n".join(f"{self.source}: {issue}" for issue in self.errors)


class NotAStory(ValueError):
    """A file that is named after no part of the demo, so nothing knows how to check it."""


def story_path(region_slug: str, part: str) -> Path:
    """Where the story for one part of the demo sits: ``demo/<region>/<part>.yaml``."""
    return STORY_DIR / region_slug / f"{part}.yaml"


def schema_path(part: str) -> Path:
    return STORY_DIR / f"{part}.schema.json"


def story_parts() -> list[str]:
    """The parts of the demo that can be told as a story: one schema each."""
    return sorted(
        path.name.removesuffix(".schema.json") for path in STORY_DIR.glob("*.schema.json")
    )


def story_files(path: Path) -> list[tuple[Path, str]]:
    """The story files at a path, each with its part: a file named after its part, or a region's
    folder of them. A file named after no part is ``NotAStory``."""
    parts = story_parts()
    if path.is_dir():
        return [
            (path / f"{part}.yaml", part) for part in parts if (path / f"{part}.yaml").is_file()
        ]
    if path.suffix != ".yaml" or path.stem not in parts:
        raise NotAStory(
            f"{path}: name the file after the part of the demo it tells: {', '.join(parts)} (.yaml)"
        )
    return [(path, path.stem)]


def read_story(region_slug: str, part: str) -> dict[str, Any] | None:
    """The checked story, or None when the region has none for this part."""
    path = story_path(region_slug, part)
    if not path.is_file():
        return None
    return check_story_file(path, part)


def check_story_file(path: Path, part: str) -> dict[str, Any]:
    """Read and check a story file; a ``StoryError`` lists every problem."""
    try:
        data = read_document(path, schema_path(part), f"{part} story", _CHECKS.get(part, ()))
    except PackError as error:
        raise StoryError(error.errors, str(path)) from None
    return cast(dict[str, Any], data)  # the schema insists on a mapping


# --- meetings ---------------------------------------------------------------------------------


def _meeting_items(data: Mapping[str, Any]) -> Iterable[tuple[PathParts, dict[str, Any]]]:
    for s, series in enumerate(data["series"]):
        for m, meeting in enumerate(series["meetings"]):
            for i, item in enumerate(meeting["items"]):
                yield ("series", s, "meetings", m, "items", i), item


def _check_items(data: Mapping[str, Any], report: Report) -> None:
    """Each item can be put on an agenda and decided as written."""
    for parts, item in _meeting_items(data):
        paper = item.get("paper")
        if paper is None and "title" not in item:
            report((*parts, "title"), "is required when the item has no paper")
        if paper is not None and "title" in item and item["title"] != paper["title"]:
            report((*parts, "title"), "differs from the paper's title; give only the paper's")
        if paper is None and "late_reason" in item:
            report((*parts, "late_reason"), "only a paper can be published late")
        if paper is not None and "forward_plan" in item:
            report((*parts, "paper"), "an item placed from the forward plan has no paper here")
        given = len(item["outcomes"])
        if paper is not None and given != len(paper["recommendations"]):
            report(
                (*parts, "outcomes"),
                f"gives {_outcomes(given)} for {len(paper['recommendations'])} "
                "recommendations; give one for each recommendation, in order",
            )
        if paper is None and given != 1:
            report(
                (*parts, "outcomes"), f"gives {_outcomes(given)}; an item without a paper has one"
            )


def _outcomes(count: int) -> str:
    return f"{count} outcome" if count == 1 else f"{count} outcomes"


def _check_series(data: Mapping[str, Any], report: Report) -> None:
    """Meetings in a series come in date order: each approves the minutes of the one before."""
    for s, series in enumerate(data["series"]):
        previous = ""
        for m, meeting in enumerate(series["meetings"]):
            if meeting["date"] <= previous:
                report(
                    ("series", s, "meetings", m, "date"),
                    f"is not after the meeting before it ({previous})",
                )
            previous = meeting["date"]


_CHECKS: dict[str, tuple[DocumentCheck, ...]] = {"meetings": (_check_items, _check_series)}
