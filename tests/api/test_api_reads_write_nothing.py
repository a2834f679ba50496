"""Reading the API with a token writes nothing, but for noting the token's use once an hour."""

from __future__ import annotations

from datetime import UTC
from datetime import datetime
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from remit.core.apikit.auth import LAST_USED_GRAIN
from remit.core.apikit.auth import token_create
from remit.core.models import ApiToken
from remit.core.models import Region
from remit.core.models import User

START = datetime(2030, 6, 14, 8, 0, tzinfo=UTC)


def _writes(queries: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


@pytest.fixture
def now(monkeypatch: pytest.MonkeyPatch) -> list[datetime]:
    moment = [START]
    monkeypatch.setattr(timezone, "now", lambda: moment[0])
    return moment


def test_reads_within_the_hour_write_nothing_and_the_first_after_notes_the_use(
    client: Any, officer: User, region: Region, now: list[datetime]
) -> None:
    token, key = token_create(user=officer, name="script")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    with CaptureQueriesContext(connection) as first:
        assert client.get("/api/bids", **headers).status_code == 200
    assert len(_writes(first)) == 1
    token.refresh_from_db()
    assert token.last_used_at == START

    now[0] = START + LAST_USED_GRAIN - timedelta(seconds=1)
    with CaptureQueriesContext(connection) as within:
        for url in ("/api/bids", "/api/meetings", "/api/papers"):
            assert client.get(url, **headers).status_code == 200
    assert _writes(within) == []
    assert ApiToken.objects.get(pk=token.pk).last_used_at == START

    now[0] = START + LAST_USED_GRAIN
    with CaptureQueriesContext(connection) as after:
        assert client.get("/api/bids", **headers).status_code == 200
    assert len(_writes(after)) == 1
    assert ApiToken.objects.get(pk=token.pk).last_used_at == START + LAST_USED_GRAIN
