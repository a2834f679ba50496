"""What every page needs: the region's name and the navigation for the signed-in user."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

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
    links = _links(OFFICE_LINKS if request.user.is_authenticated else PUBLIC_LINKS)
    nav = [
        {
            "href": href,
            "text": text,
            "active": path == href or (href not in HOMES and path.startswith(href)),
        }
        for href, text in links
    ]
    return {"region": region, "region_name": region.name if region else "", "nav_items": nav}
