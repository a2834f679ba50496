"""The public 360Giving files are built once per change of the grants they show, then served
from the file: streamed, with an ETag and Last-Modified, and 304 when the copy is current."""

from __future__ import annotations

import json
from datetime import UTC
from datetime import date
from datetime import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from funding_support import awarded
from funding_support import ready

from remit.core import open_data
from remit.core.models import Region
from remit.core.models import User
from remit.funding import selectors
from remit.funding import services
from remit.funding import threesixty
from remit.funding.models import Grant
from remit.funding.views import public

JSON = reverse("funding_public:export_json")
CSV = reverse("funding_public:export_csv")
ISSUED = datetime(2019, 4, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def published(make_bid: Any, officer: User, commissioner: User, other_partner: User) -> list[Any]:
    return [
        ready(awarded(make_bid, officer, commissioner), officer),
        ready(
            awarded(make_bid, officer, commissioner, by=other_partner, title="Youth club"), officer
        ),
    ]


def _body(response: Any) -> bytes:
    assert response.status_code == 200
    assert response.streaming
    return bytes(response.getvalue())


def _counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    calls: list[int] = []
    real = getattr(public, name)

    def counted(*args: Any) -> Any:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(public, name, counted)
    return calls


@pytest.mark.parametrize(("url", "builder"), [(JSON, "build_json"), (CSV, "build_csv")])
def test_a_second_request_is_served_from_the_file_without_rebuilding(
    client: Any, published: list[Any], monkeypatch: pytest.MonkeyPatch, url: str, builder: str
) -> None:
    calls = _counting(monkeypatch, builder)
    with CaptureQueriesContext(connection) as first:
        built = _body(client.get(url))
    with CaptureQueriesContext(connection) as second:
        again = _body(client.get(url))
    assert again == built
    assert calls == [1]
    assert len(second) < len(first)
    assert len(second) <= 5  # the region and the version: no grant is read


def _uncached(client: Any, region: Region) -> dict[str, bytes]:
    """The files as the views built them before they were kept: from every grant, each time."""

    def url_for(grant: Grant) -> str:
        return f"http://testserver{reverse('funding_public:detail', args=[grant.pk])}"

    records = selectors.grant_records(selectors.export_grants(region), url_for=url_for)
    data = threesixty.package_json(
        records,
        publisher=records[0].funder,
        title=f"Grants published by {records[0].funder.name}",
        issued=ISSUED,
    )
    return {
        "json": json.dumps(data, indent=2, ensure_ascii=False).encode(),
        "csv": threesixty.to_csv(records).encode(),
    }


def test_the_served_files_are_byte_for_byte_the_uncached_build(
    client: Any, region: Region, published: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(timezone, "now", lambda: ISSUED)
    expected = _uncached(client, region)
    assert _body(client.get(JSON)) == expected["json"]
    assert _body(client.get(CSV)) == expected["csv"]
    # and again, from the file
    assert _body(client.get(JSON)) == expected["json"]
    assert _body(client.get(CSV)) == expected["csv"]


def test_publishing_correcting_paying_and_unpublishing_each_change_the_file(
    client: Any,
    make_bid: Any,
    officer: User,
    commissioner: User,
    published: list[Any],
) -> None:
    def titles() -> set[str]:
        return {g["title"] for g in json.loads(_body(client.get(JSON)))["grants"]}

    def paid() -> list[Any]:
        return [g.get("amountDisbursed") for g in json.loads(_body(client.get(JSON)))["grants"]]

    assert titles() == {"Safer routes home", "Youth club"}
    third = ready(awarded(make_bid, officer, commissioner, title="Street pastors"), officer)
    assert titles() == {"Safer routes home", "Youth club", "Street pastors"}

    grant = Grant.all_objects.get(pk=published[0].pk)
    instalment = grant.instalments.order_by("due_on")[0]
    assert paid()[0] == 0
    services.payment_record(
        by=officer,
        instalment=instalment,
        paid_on=date(2018, 4, 30),
        amount_pence=1_000_000,
        reference="PAY-1",
        today=date(2018, 5, 1),
    )
    assert paid()[0] == 10000

    services.grant_unpublish(
        by=officer, grant=Grant.all_objects.get(pk=third.pk), reason="Published in error."
    )
    assert titles() == {"Safer routes home", "Youth club"}
    csv_text = _body(client.get(CSV)).decode()
    assert "Street pastors" not in csv_text
    assert "10000.00" in csv_text


def test_a_correction_changes_the_file(client: Any, officer: User, published: list[Any]) -> None:
    before = _body(client.get(CSV))
    grant = Grant.all_objects.get(pk=published[1].pk)
    services.grant_agreement_set(by=officer, grant=grant, data={"agreement_end": date(2019, 6, 30)})
    assert _body(client.get(CSV)) == before  # not published yet: the register is unchanged
    services.grant_correct(by=officer, grant=grant, note="The agreement runs to June.")
    after = _body(client.get(CSV))
    assert after != before
    assert "2019-06-30" in after.decode()


def test_a_matching_etag_is_answered_not_modified_and_a_stale_one_gets_the_file(
    client: Any, make_bid: Any, officer: User, commissioner: User, published: list[Any]
) -> None:
    first = client.get(JSON)
    etag = first["ETag"]
    assert etag.startswith('"')
    assert first["Last-Modified"]
    assert "no-cache" in first["Cache-Control"]
    assert "public" in first["Cache-Control"]
    assert 'filename="testshire-grants-360giving.json"' in first["Content-Disposition"]

    current = client.get(JSON, HTTP_IF_NONE_MATCH=etag)
    assert current.status_code == 304
    assert current["ETag"] == etag
    assert client.head(JSON, HTTP_IF_NONE_MATCH=etag).status_code == 304

    ready(awarded(make_bid, officer, commissioner, title="Street pastors"), officer)
    stale = client.get(JSON, HTTP_IF_NONE_MATCH=etag)
    assert stale.status_code == 200
    assert stale["ETag"] != etag
    assert b"Street pastors" in _body(stale)


def test_only_the_current_file_is_kept(
    client: Any, make_bid: Any, officer: User, commissioner: User, published: list[Any]
) -> None:
    client.get(CSV)
    ready(awarded(make_bid, officer, commissioner, title="Street pastors"), officer)
    client.get(CSV)
    kept = sorted(p.name for p in open_data.cache_dir().iterdir())
    assert len(kept) == 1
    assert kept[0].startswith("testshire-grants-360giving.")
    assert kept[0].endswith(".csv")


def test_no_published_grants_is_still_a_clear_not_found(client: Any, region: Region) -> None:
    response = client.get(JSON)
    assert response.status_code == 404
