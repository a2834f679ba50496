"""Police forces of England, Wales and Northern Ireland, by the slug police.uk gives them.

A region pack names the force (or forces) whose police.uk files cover each area by these
slugs, the same ones police.uk puts in its file names (``2019-01-west-mercia-street.csv``).
Pure on purpose (no Django): the pack checker, the loader and the crime pages share it.
"""

from __future__ import annotations

import csv
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Force:
    slug: str
    name: str
    area_code: str | None  # the ONS police force area code (E23, W15); None where none applies


FORCES_PATH = Path(__file__).resolve().parent / "police-forces.csv"


def _read_forces() -> tuple[Force, ...]:
    with FORCES_PATH.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Force(row["slug"], row["name"], row["police_force_area_code"] or None)
            for row in csv.DictReader(handle)
        )


# The forces police.uk publishes street-level crimes for (its /api/forces list).
FORCES: tuple[Force, ...] = _read_forces()
_BY_SLUG = {force.slug: force for force in FORCES}
_STREET_FILE = re.compile(r"\d{4}-\d{2}-(?P<force>[a-z0-9-]+)-street\.csv")


def is_force(slug: str) -> bool:
    return slug in _BY_SLUG


def force(slug: str) -> Force:
    """The force with this police.uk slug; ``KeyError`` if there is none."""
    return _BY_SLUG[slug]


def force_name(slug: str) -> str:
    """A force's name, or the slug itself for one police.uk has added since this list."""
    found = _BY_SLUG.get(slug)
    return found.name if found else slug


def force_names(slugs: Iterable[str]) -> list[str]:
    return [force_name(slug) for slug in slugs]


def slug_for_name(name: str) -> str | None:
    """The slug of the force with this name ("West Mercia Police"), ignoring case."""
    wanted = " ".join(name.lower().split())
    return next((f.slug for f in FORCES if f.name.lower() == wanted), None)


def unknown_force_message(slug: str, known: Iterable[str] = ()) -> str:
    """Why a slug is not a force, with the nearest force slug when one is close."""
    choices = sorted({*_BY_SLUG, *known})
    close = difflib.get_close_matches(slug, choices, n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return (
        f"unknown police force '{slug}'{hint}; use the force's police.uk slug, "
        "as in its file names (2019-01-west-mercia-street.csv is 'west-mercia')"
    )


def forces_in_folder(folder: Path) -> set[str]:
    """The force slugs of the police.uk street files in a folder (``*-street.csv``)."""
    if not folder.is_dir():
        return set()
    return {
        match["force"]
        for path in folder.glob("*-street.csv")
        if (match := _STREET_FILE.fullmatch(path.name))
    }
