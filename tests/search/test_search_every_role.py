"""Signed in as each role of the demo (and signed out), every search result opens.

The demo is loaded once into a transaction that is rolled back, and the index is built
from it. Each role searches the results page for the words that occur most often across
all of it, and the link of every row the role may be shown — whatever words would find it —
is followed: none may be refused or missing, so nobody is shown a record they cannot open.
The officer is shown every kind the demo has; the public less.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.test import override_settings

pytestmark = pytest.mark.django_db

ROLES = ["signed out", "partner", "member", "commissioner", "analyst", "officer", "admin"]
WORDS = 15
WORD = re.compile(r"[a-z]{5,}")


def _client(role: str) -> Client:
    from remit.core.models import User

    client = Client(raise_request_exception=False)
    if role != "signed out":
        client.force_login(User.objects.get(username=role))
    return client


def _common_words() -> list[str]:
    from remit.search.models import SearchDocument

    counts: Counter[str] = Counter()
    for title, body in SearchDocument.objects.values_list("title", "body"):
        counts.update(set(WORD.findall(f"{title} {body[:2000]}".lower())))
    return [word for word, _ in counts.most_common(WORDS)]


def _run(role: str, words: list[str], today: date) -> dict[str, Any]:
    from remit.core.models import Region
    from remit.core.models import User
    from remit.search import selectors
    from remit.search.models import SearchDocument
    from remit.search.query import parse

    client = _client(role)
    user = User.objects.get(username=role) if role != "signed out" else None
    from django.contrib.auth.models import AnonymousUser

    viewer = selectors.Viewer.of(user or AnonymousUser())
    region = Region.objects.get(slug="west-midlands")
    links: dict[str, str] = {}
    kinds: set[str] = set()
    for word in words:
        page = client.get("/search/", {"q": word})
        assert page.status_code == 200
        for row in selectors.search(viewer, region, parse(word), selectors.Filters(), today)[:20]:
            assert selectors.link(row) in page.content.decode()
    shown, opens_inside = selectors.visible(viewer, today)
    for row in SearchDocument.objects.filter(shown, region=region).annotate(inside=opens_inside):
        kinds.add(row.kind)
        links.setdefault(selectors.link(row).split("#")[0], f"{row.kind} {row.title}")
    failures = {}
    for url, what in links.items():
        status = client.get(url).status_code if url else 0
        if status != 200:
            failures[url] = (status, what)
    return {"links": len(links), "kinds": kinds, "failures": failures}


@pytest.fixture(scope="module")
def runs(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> dict[str, Any]:
    from django.utils import timezone

    from remit.demo import demo_load
    from remit.search.models import SearchDocument
    from remit.search.services import index_rebuild

    root = tmp_path_factory.mktemp("search-demo")
    with (
        override_settings(
            MEDIA_ROOT=root / "media",
            CRIME_STORE=root / "crime",
            TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        demo_load(region="west-midlands")
        index_rebuild()
        every_kind = set(SearchDocument.objects.values_list("kind", flat=True))
        from remit.search.sources import SOURCES

        records = {kind: s.model._base_manager.count() for kind, s in SOURCES.items()}
        rows = {
            kind: SearchDocument.objects.filter(kind=kind, public_copy=False).count()
            for kind in SOURCES
        }
        words = _common_words()
        today = timezone.localdate()
        found = {role: _run(role, words, today) for role in ROLES}
        transaction.set_rollback(True)
    return {"kinds": every_kind, "roles": found, "records": records, "rows": rows}


@pytest.mark.parametrize("role", ROLES)
def test_every_result_opens_for_the_role(runs: dict[str, Any], role: str) -> None:
    found = runs["roles"][role]
    assert found["links"] > 0
    assert found["failures"] == {}


def test_the_officer_finds_every_kind_the_demo_has(runs: dict[str, Any]) -> None:
    assert runs["roles"]["officer"]["kinds"] == runs["kinds"]


def test_the_public_finds_less_than_the_officer(runs: dict[str, Any]) -> None:
    public = runs["roles"]["signed out"]
    assert public["links"] < runs["roles"]["officer"]["links"]
    assert not public["kinds"] & {"bid", "organisation", "person"}


def test_every_record_of_every_kind_is_indexed_drafts_included(runs: dict[str, Any]) -> None:
    assert runs["rows"] == runs["records"]
    assert all(runs["records"].values())
