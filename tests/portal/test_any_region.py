"""A region nobody has coded for works from its pack alone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from remit.core.models import Region
from remit.core.services import region_load

FIXTURE = Path(__file__).resolve().parents[1] / "regions" / "fixtures" / "northshire.yaml"


@pytest.fixture
def northshire(db: Any) -> Region:
    return region_load(by=None, text=FIXTURE.read_text(), activate=True).region


def test_public_pages_serve_a_fictional_region(client: Any, northshire: Region) -> None:
    home = client.get(reverse("portal:home")).content.decode()
    assert northshire.name in home
    for board in northshire.boards.all():
        response = client.get(reverse("portal:board", args=[board.slug]))
        assert response.status_code == 200
        assert board.name in response.content.decode()
    assert client.get(reverse("portal:missions")).status_code == 200


def test_registry_pages_serve_a_fictional_region(
    client: Any, northshire: Region, make_user: Any
) -> None:
    client.force_login(make_user("officer"))
    for name in ("organisations", "people", "boards", "areas", "missions"):
        assert client.get(reverse("registry:list", args=[name])).status_code == 200
    assert client.get(reverse("registry:home")).status_code == 200
