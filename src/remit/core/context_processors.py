"""What every page needs: the region's name and the navigation for the signed-in user."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch
from django.urls import reverse

from remit.core.selectors import active_region

OFFICE_LINKS = [
    ("registry:home", "Registry"),
    ("proposals:register", "Proposals"),
    ("meetings:home", "Meetings"),
    ("funding:home", "Funds"),
    ("appraisal:home", "Business cases"),
    ("indicators:home", "Indicators"),
    ("portal:home", "Public site"),
]
PUBLIC_LINKS = [
    ("portal:home", "Home"),
    ("portal:boards", "Boards"),
    ("meetings_public:home", "Meetings"),
    ("published_proposals:list", "Proposals"),
    ("funding_public:home", "Grants"),
    ("appraisal_public:home", "Business cases"),
    ("indicators_public:home", "Indicators"),
    ("portal:missions", "Missions"),
]
HOMES = {"/", "/registry/"}


Gate = Callable[[Any], Any]
_GATES: dict[str, tuple[Gate, str]] = {}


def section_gate(name: str, allowed: Gate, published: str) -> None:
    """Let only users ``allowed`` open the signed-in section ``name``; the rest are linked to
    its ``published`` pages. Each app gates its own section when it starts, so core never
    imports the apps above it."""
    _GATES[name] = (allowed, published)


def office_links(user: Any) -> list[tuple[str, str]]:
    """The signed-in navigation: each section the user can open, or its published pages."""
    names = []
    for name, text in OFFICE_LINKS:
        gate, published = _GATES.get(name, (None, name))
        names.append((name if gate is None or gate(user) else published, text))
    return names


def _links(names: list[tuple[str, str]]) -> list[tuple[str, str]]:
    found = []
    for name, text in names:
        try:
            found.append((reverse(name), text))
        except NoReverseMatch:
            continue
    return found


def site(request: HttpRequest) -> dict[str, Any]:
    region = active_region()
    path = request.path
    links = _links(office_links(request.user) if request.user.is_authenticated else PUBLIC_LINKS)
    nav = [
        {
            "href": href,
            "text": text,
            "active": path == href or (href not in HOMES and path.startswith(href)),
        }
        for href, text in links
    ]
    return {"region": region, "region_name": region.name if region else "", "nav_items": nav}
