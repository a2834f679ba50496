"""The site's own error pages: plain words, the site's header, a way on; never a URL listing."""

from __future__ import annotations

import os

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.test import RequestFactory
from django.views import defaults
from typer.testing import CliRunner

from remit import cli


@pytest.mark.django_db
def test_a_missing_page_gets_the_sites_own_not_found_page(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert "remit-header" in page
    assert "urlpatterns" not in page
    assert "URLconf" not in page


@pytest.mark.django_db
def test_a_refusal_raised_anywhere_gets_the_sites_own_page(rf: RequestFactory) -> None:
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/somewhere/")
    request.user = AnonymousUser()
    response = defaults.permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    page = response.content.decode()
    assert "You cannot see this page" in page
    assert "Sign in" in page


@pytest.mark.django_db
def test_a_form_sent_without_its_security_token_says_what_to_do() -> None:
    response = Client(enforce_csrf_checks=True).post(
        "/accounts/login/", {"username": "someone", "password": "x"}
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "Your form could not be sent" in page
    assert "CSRF" not in page


def test_a_server_error_gets_the_sites_own_page(rf: RequestFactory) -> None:
    response = defaults.server_error(rf.get("/"))
    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, there is a problem with the service" in page
    assert "Traceback" not in page


def test_remit_serve_shows_the_sites_own_error_pages_unless_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[str | None] = []
    monkeypatch.delenv("REMIT_DEBUG", raising=False)
    monkeypatch.setattr(cli, "setup_django", lambda: seen.append(os.environ.get("REMIT_DEBUG")))
    monkeypatch.setattr("django.core.management.call_command", lambda *args, **kwargs: None)
    assert CliRunner().invoke(cli.app, ["serve"]).exit_code == 0
    assert seen == ["0"]
    monkeypatch.delenv("REMIT_DEBUG", raising=False)
    assert CliRunner().invoke(cli.app, ["serve", "--debug"]).exit_code == 0
    assert seen == ["0", None]
