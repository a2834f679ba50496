"""The region every API call reads."""

from __future__ import annotations

from django.http import Http404

from remit.core import selectors
from remit.core.models import Region


def api_region() -> Region:
    """The loaded region; until one is loaded every call that reads it is not found."""
    region = selectors.active_region()
    if region is None:
        raise Http404("No region has been loaded.")
    return region
