"""Boundary shapes for maps: TopoJSON files read, checked against the region and trimmed.

Plain Python, no Django: the loader service decides what to store. A file holds one or
more TopoJSON objects, each a collection of geometries whose `id` is a GSS code: a
district file (codes E06…, E07…, E08…, E09…, W06…) or a file of one district's 2011
LSOAs (E01…, W01…), whose object is named after the district. Shapes stay topology:
only the geometries the region needs and the arcs they use are kept, and LSOA shapes
are put on a coarser grid (about 10 m), which halves their size and cannot be seen on
a map of a district.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

DISTRICT = "district"
LSOA = "lsoa"
DISTRICT_CODE = re.compile(r"^[EW]0[6789]\d{6}$")
LSOA_CODE = re.compile(r"^[EW]01\d{6}$")
# Coarsest grid step, in degrees, that LSOA shapes are put on (about 7 to 11 metres).
LSOA_GRID = 1e-4

ATTRIBUTION = (
    "Boundaries: GeoJSON and TopoJSON UK Boundary Data by Martin Chorley, CC BY 4.0. "
    "Contains Ordnance Survey data © Crown copyright and database right 2014, and ONS data "
    "© Crown copyright; OS OpenData and the Open Government Licence."
)


class BoundaryError(ValueError):
    """A file that cannot be used, or a region left without shapes; names what is wrong."""

    def __init__(self, message: str, *, path: str = "") -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.message = message
        self.path = path


@dataclass
class Shapes:
    """One trimmed topology: a level, the district it belongs to (LSOAs), its geometries."""

    level: str
    district: str
    object_name: str
    topology: dict[str, Any]
    names: dict[str, str]  # code -> name, from the file's properties
    source: str

    @property
    def codes(self) -> list[str]:
        return list(self.names)


@dataclass
class Found:
    """What a set of files holds: district geometries and LSOA collections, by code."""

    districts: dict[str, tuple[dict[str, Any], str]] = field(default_factory=dict)
    lsoa_files: dict[str, tuple[dict[str, Any], str]] = field(default_factory=dict)


def files_to_read(paths: Iterable[Path], wanted: Sequence[str]) -> list[Path]:
    """The files named, and inside a folder the `.json` files named after wanted districts."""
    chosen: list[Path] = []
    for path in paths:
        if path.is_dir():
            chosen += sorted(
                p for p in path.iterdir() if p.suffix == ".json" and p.stem.split(".")[0] in wanted
            )
        elif path.is_file():
            chosen.append(path)
        else:
            raise BoundaryError("no such file or folder", path=str(path))
    return chosen


def read_topology(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BoundaryError(f"cannot be read as JSON ({exc})", path=str(path)) from exc
    if not isinstance(data, dict) or data.get("type") != "Topology":
        raise BoundaryError("is not a TopoJSON topology", path=str(path))
    if not isinstance(data.get("objects"), dict) or not isinstance(data.get("arcs"), list):
        raise BoundaryError("has no objects or arcs", path=str(path))
    return data


def scan(topologies: Iterable[tuple[str, dict[str, Any]]]) -> Found:
    """Sort every object of every topology into district shapes and LSOA collections."""
    found = Found()
    for source, topology in topologies:
        for name, obj in topology["objects"].items():
            geometries = obj.get("geometries") if isinstance(obj, dict) else None
            if not isinstance(geometries, list):
                raise BoundaryError(f"object {name!r} has no geometries", path=source)
            ids = [str(g.get("id", "")) for g in geometries if isinstance(g, dict)]
            if ids and all(LSOA_CODE.match(i) for i in ids):
                found.lsoa_files[str(name)] = (topology, source)
            for geometry in geometries:
                code = str(geometry.get("id", "")) if isinstance(geometry, dict) else ""
                if DISTRICT_CODE.match(code):
                    found.districts[code] = (topology, source)
    return found


def missing_districts(found: Found, codes: Sequence[str]) -> list[str]:
    return [c for c in codes if c not in found.districts]


def region_shapes(found: Found, codes: Sequence[str]) -> list[Shapes]:
    """Trimmed topologies: one of the region's districts, one of LSOAs per district held.

    Raises BoundaryError naming every district with no shape.
    """
    missing = missing_districts(found, codes)
    if missing:
        raise BoundaryError(
            "no shape for "
            + ", ".join(missing)
            + "; every area of the region needs one, so nothing was loaded"
        )
    out: list[Shapes] = []
    by_source: dict[str, list[str]] = {}
    for code in codes:
        by_source.setdefault(found.districts[code][1], []).append(code)
    district_parts = [
        _trim(found.districts[wanted[0]][0], set(wanted), source, DISTRICT, "", 1)
        for source, wanted in by_source.items()
    ]
    out.append(merge(district_parts) if len(district_parts) > 1 else district_parts[0])
    for code in codes:
        if code in found.lsoa_files:
            topology, source = found.lsoa_files[code]
            out.append(_trim(topology, None, source, LSOA, code, _grid_factor(topology)))
    return out


def _grid_factor(topology: dict[str, Any]) -> int:
    scale = (topology.get("transform") or {}).get("scale")
    if not scale:
        return 1
    return max(1, int(LSOA_GRID / max(float(scale[0]), float(scale[1])) + 1e-9))


def _name(properties: dict[str, Any], code: str) -> str:
    for key in ("LAD13NM", "LSOA11NM", "name", "NAME"):
        if properties.get(key):
            return str(properties[key])
    return code


def _trim(
    topology: dict[str, Any],
    wanted: set[str] | None,
    source: str,
    level: str,
    district: str,
    factor: int,
) -> Shapes:
    """The wanted geometries (every one, for None) with only the arcs they use, renumbered."""
    geometries: list[dict[str, Any]] = []
    for obj in topology["objects"].values():
        for g in obj.get("geometries", []):
            code = str(g.get("id", ""))
            if code and (wanted is None or code in wanted):
                geometries.append(g)
    used: dict[int, int] = {}
    for g in geometries:
        for index in _arc_indexes(g.get("arcs", [])):
            used.setdefault(index, len(used))
    old_arcs = topology["arcs"]
    arcs = [_coarsen(old_arcs[i], factor) for i in used]
    transform = dict(topology.get("transform") or {})
    if transform and factor > 1:
        transform["scale"] = [s * factor for s in transform["scale"]]
    names = {}
    kept = []
    for g in geometries:
        code = str(g["id"])
        names[code] = _name(g.get("properties") or {}, code)
        kept.append(
            {
                "type": g["type"],
                "id": code,
                "properties": {"name": names[code]},
                "arcs": _renumber(g.get("arcs", []), used),
            }
        )
    object_name = "areas"
    out: dict[str, Any] = {
        "type": "Topology",
        "objects": {object_name: {"type": "GeometryCollection", "geometries": kept}},
        "arcs": arcs,
    }
    if transform:
        out["transform"] = transform
    return Shapes(level, district, object_name, out, names, source)


def _arc_indexes(arcs: Any) -> Iterable[int]:
    if isinstance(arcs, int):
        yield arcs if arcs >= 0 else ~arcs
    elif isinstance(arcs, list):
        for item in arcs:
            yield from _arc_indexes(item)


def _renumber(arcs: Any, used: dict[int, int]) -> Any:
    if isinstance(arcs, int):
        return used[arcs] if arcs >= 0 else ~used[~arcs]
    return [_renumber(item, used) for item in arcs]


def _coarsen(arc: list[list[int]], factor: int) -> list[list[int]]:
    """A delta-encoded arc on a grid `factor` times coarser, repeated points dropped.

    Every arc is rounded from absolute positions, so arcs that meet still meet.
    """
    if factor == 1:
        return [list(p[:2]) for p in arc]
    x = y = 0
    points: list[tuple[int, int]] = []
    for dx, dy, *_ in arc:
        x, y = x + dx, y + dy
        point = (round(x / factor), round(y / factor))
        if not points or point != points[-1]:
            points.append(point)
    if len(points) == 1:
        points.append(points[0])
    out = [[points[0][0], points[0][1]]]
    out += [[b[0] - a[0], b[1] - a[1]] for a, b in itertools.pairwise(points)]
    return out


def merge(parts: list[Shapes]) -> Shapes:
    """Shapes from more than one file (England and Wales, or many districts' LSOAs) as one.

    Each file has its own transform, so arcs are written out in absolute positions on the
    finest grid of the files.
    """
    finest = min(
        (p.topology.get("transform", {}).get("scale", [1, 1]) for p in parts),
        key=lambda s: s[0],
    )
    origin = min(
        (p.topology.get("transform", {}).get("translate", [0, 0]) for p in parts),
        key=lambda t: (t[0], t[1]),
    )
    arcs: list[list[list[int]]] = []
    geometries: list[dict[str, Any]] = []
    names: dict[str, str] = {}
    for part in parts:
        transform = part.topology.get("transform", {"scale": [1, 1], "translate": [0, 0]})
        offset = len(arcs)
        for arc in part.topology["arcs"]:
            arcs.append(_rebase(arc, transform, finest, origin))
        for g in part.topology["objects"][part.object_name]["geometries"]:
            geometries.append({**g, "arcs": _shift(g["arcs"], offset)})
        names.update(part.names)
    topology = {
        "type": "Topology",
        "objects": {"areas": {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": arcs,
        "transform": {"scale": list(finest), "translate": list(origin)},
    }
    return Shapes(parts[0].level, "", "areas", topology, names, "; ".join(p.source for p in parts))


def _rebase(
    arc: list[list[int]], transform: dict[str, Any], scale: Sequence[float], origin: Sequence[float]
) -> list[list[int]]:
    x = y = 0
    out: list[list[int]] = []
    last = (0, 0)
    for dx, dy, *_ in arc:
        x, y = x + dx, y + dy
        lon = x * transform["scale"][0] + transform["translate"][0]
        lat = y * transform["scale"][1] + transform["translate"][1]
        point = (round((lon - origin[0]) / scale[0]), round((lat - origin[1]) / scale[1]))
        out.append([point[0] - last[0], point[1] - last[1]])
        last = point
    return out


def _shift(arcs: Any, offset: int) -> Any:
    if isinstance(arcs, int):
        return arcs + offset if arcs >= 0 else ~(~arcs + offset)
    return [_shift(item, offset) for item in arcs]


def topology_size(shapes: Sequence[Shapes]) -> int:
    """Bytes of the shapes as sent to a browser."""
    return sum(len(json.dumps(s.topology, separators=(",", ":"))) for s in shapes)
