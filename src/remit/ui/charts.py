"""Vega-Lite charts on paper.

A page hands its Vega-Lite spec to vega-embed in the browser; PDFs and Word documents
render the very same spec with vl-convert (Vega compiled into a Python wheel, no browser
and no network), so a printed chart is the chart people saw on screen.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

import vl_convert

VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
VEGA_LITE_VERSION = "6.4"
FONT = "system-ui, -apple-system, 'Segoe UI', Arial, sans-serif"


def to_svg(spec: Mapping[str, Any]) -> str:
    return str(vl_convert.vegalite_to_svg(dict(spec), vl_version=VEGA_LITE_VERSION))


def to_png(spec: Mapping[str, Any], *, scale: float = 2) -> bytes:
    """A raster copy for Word, which does not take SVG on its own."""
    return bytes(vl_convert.vegalite_to_png(dict(spec), vl_version=VEGA_LITE_VERSION, scale=scale))


def svg_data_uri(spec: Mapping[str, Any]) -> str:
    """The chart as an `<img src>` for WeasyPrint."""
    return "data:image/svg+xml;base64," + base64.b64encode(to_svg(spec).encode()).decode()
