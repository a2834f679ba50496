"""The public home and the grants register are kept for visitors who are not signed in, and
renewed the moment a grant is published or taken off."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from funding_support import awarded
from funding_support import ready

from remit.core import pagecache
from remit.core.models import User
from remit.funding import services

PAGES = [reverse("funding_public:list"), reverse("portal:home"), reverse("portal:public_home")]


@pytest.fixture
def grant(make_bid: Any, officer: User, commissioner: User) -> Any:
    return awarded(make_bid, officer, commissioner, title="Safer routes home")


@pytest.mark.parametrize("url", PAGES)
def test_a_published_grant_shows_at_once_to_a_visitor(
    client: Client, grant: Any, officer: User, url: str
) -> None:
    assert "Safer routes home" not in client.get(url).content.decode()
    ready(grant, officer)
    assert "Safer routes home" in client.get(url).content.decode()
    services.grant_unpublish(by=officer, grant=grant, reason="Published by mistake.")
    assert "Safer routes home" not in client.get(url).content.decode()


@pytest.mark.parametrize("url", PAGES)
def test_a_visitor_s_second_request_makes_at_most_two_queries(
    client: Client, grant: Any, officer: User, django_assert_max_num_queries: Any, url: str
) -> None:
    ready(grant, officer)
    first = client.get(url)
    with django_assert_max_num_queries(2):
        second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content
    assert "Safer routes home" in second.content.decode()
    assert second["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize("url", [reverse("funding_public:list"), reverse("portal:public_home")])
def test_a_signed_in_officer_never_gets_the_kept_page(
    client: Client, grant: Any, officer: User, url: str
) -> None:
    ready(grant, officer)
    visitor = client.get(url).content.decode()
    client.force_login(officer)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page["Cache-Control"] == "private, no-store"
    assert page.content.decode() != visitor
    assert "Sign out" in page.content.decode()
    assert len(queries) > 2


def test_a_page_carrying_messages_is_neither_served_kept_nor_kept(
    client: Client, grant: Any, officer: User, django_assert_max_num_queries: Any
) -> None:
    url = reverse("funding_public:list")
    ready(grant, officer)
    client.get(url)
    client.cookies["messages"] = "not a signed message"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert len(queries) > 2
    assert list(get_messages(response.wsgi_request)) == []


def test_a_page_that_sets_a_cookie_is_not_kept(
    rf: Any, grant: Any, officer: User, django_assert_max_num_queries: Any
) -> None:
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    calls = []

    @pagecache.public_page("funding")
    def with_a_form(request: Any) -> HttpResponse:
        calls.append(1)
        return HttpResponse(f"<form>{get_token(request)}</form>")

    with_a_form(rf.get("/form/"))
    with_a_form(rf.get("/form/"))
    assert len(calls) == 2
