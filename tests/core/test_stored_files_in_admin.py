"""The admin's links to stored uploads open for administrators and nobody else."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from remit.core.models import Role


@pytest.fixture
def stored(settings: Any, tmp_path: Any) -> str:
    settings.MEDIA_ROOT = tmp_path
    return default_storage.save("meetings/appendices/1/plan.txt", ContentFile(b"the plan"))


def test_an_administrator_opens_a_stored_file_the_admin_links_to(
    client: Any, make_user: Any, stored: str
) -> None:
    admin = make_user(Role.ADMIN)
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    response = client.get(f"/media/{stored}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"the plan"


@pytest.mark.parametrize("who", ["officer", "partner"])
def test_nobody_else_reaches_a_stored_file_by_its_storage_address(
    client: Any, request: pytest.FixtureRequest, stored: str, who: str
) -> None:
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"/media/{stored}").status_code == 404


def test_signed_out_nobody_reaches_a_stored_file(client: Any, stored: str, db: Any) -> None:
    assert client.get(f"/media/{stored}").status_code == 404


def test_a_path_outside_storage_or_a_missing_file_is_not_found(
    client: Any, make_user: Any, stored: str
) -> None:
    admin = make_user(Role.ADMIN)
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    assert client.get("/media/../settings.py").status_code == 404
    assert client.get("/media/meetings/none.pdf").status_code == 404
