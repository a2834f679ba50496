"""Small TopoJSON files for map tests: each area a square, each neighbourhood a smaller one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def topology(object_name: str, codes: list[str], *, origin: int = 0, lsoa: bool = False) -> dict:
    arcs: list[list[list[int]]] = []
    geometries: list[dict[str, Any]] = []
    for i, code in enumerate(codes):
        x = origin + i * 100
        arcs.append([[x, 0], [90, 0], [0, 90], [-90, 0], [0, -90]])
        key = "LSOA11NM" if lsoa else "LAD13NM"
        geometries.append(
            {"type": "Polygon", "id": code, "properties": {key: f"Place {code}"}, "arcs": [[i]]}
        )
    return {
        "type": "Topology",
        "transform": {"scale": [0.00001, 0.00001], "translate": [-2.0, 52.0]},
        "objects": {object_name: {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": arcs,
    }


def write(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def lsoa_codes(district: str, n: int = 5) -> list[str]:
    return [f"E01{district[-3:]}{i:03d}" for i in range(n)]


def region_files(tmp_path: Path, districts: list[str], *, lsoas: int = 5) -> list[Path]:
    """A districts file and a folder of LSOA files, one per district."""
    folder = tmp_path / "lsoa-by-lad"
    folder.mkdir(exist_ok=True)
    for d in districts:
        write(folder / f"{d}.json", topology(d, lsoa_codes(d, lsoas), lsoa=True))
    return [write(tmp_path / "lad.topo.json", topology("lad", districts)), folder]
