"""What every page needs: the region's name and the navigation for the signed-in user."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from remit.core.selectors import active_region


def site(request: HttpRequest) -> dict[str, Any]:
    region = active_region()
    path = request.path
    if request.user.is_authenticated:
        links = [
            (reverse("registry:home"), "Registry"),
            (reverse("registry:list", args=["organisations"]), "Organisations"),
            (reverse("registry:list", args=["people"]), "People"),
            (reverse("registry:list", args=["boards"]), "Boards"),
            (reverse("registry:list", args=["areas"]), "Areas"),
            (reverse("registry:list", args=["missions"]), "Missions"),
            (reverse("portal:home"), "Public site"),
        ]
    else:
        links = [
            (reverse("portal:home"), "Home"),
            (reverse("portal:boards"), "Boards"),
            (reverse("portal:missions"), "Missions"),
        ]
    nav = [
        {
            "href": href,
            "text": text,
            "active": path == href or (href not in ("/", "/registry/") and path.startswith(href)),
        }
        for href, text in links
    ]
    return {"region": region, "region_name": region.name if region else "", "nav_items": nav}
