"""The signed-in navigation leads only to sections the person can open."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from remit.core.models import Region
from remit.core.models import Role
from remit.core.models import User


def _nav(client: Any, user: User) -> dict[str, str]:
    client.force_login(user)
    html = client.get("/registry/").content.decode()
    return {
        text: href
        for href, text in re.findall(
            r'class="govuk-service-navigation__link" href="([^"]+)"[^>]*>(?:<strong[^>]*>)?([^<]+)',
            html,
        )
    }


@pytest.mark.parametrize(
    ("role", "proposals", "meetings"),
    [
        (Role.PARTNER, "/published/proposals/", "/published/meetings/"),
        (Role.ANALYST, "/proposals/", "/published/meetings/"),
        (Role.OFFICER, "/proposals/", "/meetings/"),
        (Role.BOARD_MEMBER, "/proposals/", "/meetings/"),
    ],
)
def test_the_navigation_links_a_section_a_role_cannot_open_to_its_published_pages(
    client: Any,
    make_user: Callable[..., User],
    region: Region,
    role: str,
    proposals: str,
    meetings: str,
) -> None:
    organisation = region.organisations.get(slug="safe-streets") if role == Role.PARTNER else None
    nav = _nav(client, make_user(role, organisation=organisation))
    assert nav["Proposals"] == proposals
    assert nav["Meetings"] == meetings
    for href in nav.values():
        assert client.get(href).status_code == 200, href
