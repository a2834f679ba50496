"""The catalogue of official statistics Remit loads (`catalogue.yaml`), read and checked.

Plain Python (no Django). Each entry says what an indicator measures, which missions it
informs — by their short titles, never by number — its kind, source, period, geography and
licence, and how its figures are read from the shared data (`remit.indicators.statistics`).
A mistake in the file is refused naming the entry and the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

import yaml

from remit.indicators import kinds

CATALOGUE = Path(__file__).with_name("catalogue.yaml")
METHODS = frozenset({"district_summary", "share_most_deprived", "change"})
POLARITIES = frozenset({"lower_is_better", "higher_is_better"})
PROVENANCE_FIELDS = ("period", "geography", "licence")


class CatalogueError(ValueError):
    def __init__(self, message: str, *, where: str) -> None:
        super().__init__(f"{where}: {message}")
        self.message = message
        self.where = where


@dataclass(frozen=True)
class Read:
    """How one period's figures are read: a method and its arguments."""

    method: str
    period: str
    file: str = ""
    sheet: str = ""
    column: str = ""
    of: str = ""
    start: str = ""
    end: str = ""


@dataclass(frozen=True)
class Entry:
    slug: str
    name: str
    measures: str
    informs: tuple[str, ...]
    kind: str
    polarity: str
    source: str
    period: str
    geography: str
    licence: str
    reads: tuple[Read, ...]
    unit_label: str = ""
    decimal_places: int | None = None


@dataclass(frozen=True)
class Catalogue:
    files: dict[str, str]
    entries: tuple[Entry, ...]
    provenance: dict[str, dict[str, str]] = field(default_factory=dict)

    def entry(self, slug: str) -> Entry | None:
        return next((e for e in self.entries if e.slug == slug), None)


# The longest each field may be, as the indicator's fields hold them.
MAX_LENGTHS = {
    "slug": 80,
    "name": 200,
    "source": 300,
    "period": 120,
    "geography": 200,
    "licence": 120,
    "unit_label": 60,
}


def _text(item: dict[str, Any], key: str, where: str, *, default: str | None = None) -> str:
    value = item.get(key, default)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise CatalogueError(f"give {key}", where=where)
    if not isinstance(value, str | int | float):
        raise CatalogueError(f"{key} must be text", where=where)
    text = " ".join(str(value).split())
    longest = MAX_LENGTHS.get(key)
    if longest is not None and len(text) > longest:
        raise CatalogueError(
            f"{key} is {len(text)} characters; shorten it to {longest} at most", where=where
        )
    return text


def _read(item: Any, files: dict[str, str], where: str) -> Read:
    if not isinstance(item, dict):
        raise CatalogueError("each read needs a method and a period", where=where)
    method = _text(item, "method", where)
    if method not in METHODS:
        raise CatalogueError(
            f"method {method!r} is not one of {', '.join(sorted(METHODS))}", where=where
        )
    period = _text(item, "period", where)
    if method == "change":
        return Read(
            method=method,
            period=period,
            of=_text(item, "of", where),
            start=_text(item, "from", where),
            end=_text(item, "to", where),
        )
    name = _text(item, "file", where)
    if name not in files:
        raise CatalogueError(f"file {name!r} is not listed under files", where=where)
    column = _text(item, "column", where) if method == "district_summary" else ""
    return Read(
        method=method, period=period, file=name, sheet=_text(item, "sheet", where), column=column
    )


def _entry(
    item: Any, number: int, files: dict[str, str], defaults: dict[str, str], source: str
) -> Entry:
    where = f"{source}, indicator {number}"
    if not isinstance(item, dict):
        raise CatalogueError("each indicator needs a slug, a name and how it is read", where=where)
    slug = _text(item, "slug", where)
    where = f"{source}, indicator {number} ({slug})"
    informs = item.get("informs")
    if not isinstance(informs, list) or not all(isinstance(t, str) and t for t in informs):
        raise CatalogueError("informs must list the missions' short titles", where=where)
    kind = _text(item, "kind", where)
    if kinds.unknown_kind(kind):
        raise CatalogueError(str(kinds.unknown_kind(kind)), where=where)
    polarity = _text(item, "polarity", where, default="lower_is_better")
    if polarity not in POLARITIES:
        raise CatalogueError("polarity is lower_is_better or higher_is_better", where=where)
    places = item.get("decimal_places")
    if places is not None and (not isinstance(places, int) or not 0 <= places <= kinds.MAX_PLACES):
        raise CatalogueError(f"decimal_places is 0 to {kinds.MAX_PLACES}", where=where)
    reads = item.get("read")
    reads = reads if isinstance(reads, list) else [reads]
    parsed = tuple(_read(r, files, f"{where}, read {i}") for i, r in enumerate(reads, start=1))
    return Entry(
        slug=slug,
        name=_text(item, "name", where),
        measures=_text(item, "measures", where),
        informs=tuple(informs),
        kind=kind,
        polarity=polarity,
        source=_text(item, "source", where),
        period=_text(item, "period", where),
        geography=_text(item, "geography", where, default=defaults.get("geography")),
        licence=_text(item, "licence", where, default=defaults.get("licence")),
        reads=parsed,
        unit_label=_text(item, "unit_label", where) if item.get("unit_label") else "",
        decimal_places=places,
    )


def parse(data: Any, *, where: str = "catalogue") -> Catalogue:
    """Check a loaded catalogue and return it; the first mistake is refused, located."""
    if not isinstance(data, dict):
        raise CatalogueError("the catalogue needs files and indicators", where=where)
    files = data.get("files") or {}
    if not isinstance(files, dict) or not all(isinstance(v, str) for v in files.values()):
        raise CatalogueError("files maps a name to a path in the shared data", where=where)
    defaults = data.get("defaults") or {}
    items = data.get("indicators")
    if not isinstance(items, list) or not items:
        raise CatalogueError("list the indicators", where=where)
    entries = tuple(
        _entry(item, n, files, defaults, where) for n, item in enumerate(items, start=1)
    )
    seen: set[str] = set()
    for entry in entries:
        if entry.slug in seen:
            raise CatalogueError(f"{entry.slug} is listed twice", where=where)
        seen.add(entry.slug)
        for read in entry.reads:
            if read.method == "change" and read.of not in seen:
                raise CatalogueError(
                    f"a change is of an indicator listed before it, not {read.of!r}",
                    where=f"{where}, {entry.slug}",
                )
    provenance = data.get("provenance") or {}
    if not isinstance(provenance, dict):
        raise CatalogueError("provenance maps an indicator's slug to its details", where=where)
    described = {
        str(slug): {
            k: " ".join(str(v).split())
            for k, v in (details or {}).items()
            if k in PROVENANCE_FIELDS
        }
        for slug, details in provenance.items()
    }
    return Catalogue(files=dict(files), entries=entries, provenance=described)


def load(path: Path = CATALOGUE) -> Catalogue:
    """The catalogue shipped with Remit, or another file of the same shape."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CatalogueError(f"cannot be read ({exc})", where=str(path)) from exc
    return parse(data, where=path.name)


def missions_informed(entry: Entry, titles: dict[str, Any]) -> tuple[list[Any], list[str]]:
    """The region's missions an entry informs, matched by short title (any case), and the
    titles the region has no mission for. `titles` maps each mission's short title to it."""
    by_title = {" ".join(t.lower().split()): m for t, m in titles.items()}
    found, missing = [], []
    for title in entry.informs:
        mission = by_title.get(" ".join(title.lower().split()))
        if mission is None:
            missing.append(title)
        else:
            found.append(mission)
    return found, missing
