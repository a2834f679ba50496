"""Secure by default: deploy checks, cookie names, CSP, sign-in throttling, session expiry."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

PRODUCTION_ENV = {
    "REMIT_ENV": "production",
    "REMIT_SECRET_KEY": "x7#kP9q!vR2mZ8wL4nB6cT1yH5jD3fG0sA9eU7iO2pQ4rW6tY8uI1oP3aS5dF7gH",
    "REMIT_ALLOWED_HOSTS": "remit.example.org",
    "DJANGO_SETTINGS_MODULE": "remit.settings",
}


def _run(code: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, *code],
        env={**inherited, **PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check_with_no_warnings() -> None:
    result = _run(["-m", "django", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = _run(["-m", "django", "check"], REMIT_SECRET_KEY="")
    assert result.returncode != 0
    assert "REMIT_SECRET_KEY must be set" in result.stderr


def test_production_cookies_use_the_host_prefix_and_are_secure() -> None:
    probe = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.DEBUG]))"
    )
    result = _run(["-c", probe])
    assert result.returncode == 0, result.stderr
    session, csrf, session_secure, csrf_secure, debug = json.loads(result.stdout)
    assert session.startswith("__Host-")
    assert csrf.startswith("__Host-")
    assert session_secure
    assert csrf_secure
    assert debug is False


def test_sessions_expire() -> None:
    assert settings.SESSION_COOKIE_AGE <= 12 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_pages_carry_a_csp_that_allows_no_inline_script(client: Any, db: Any) -> None:
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "'self'" in script_src
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_rendered_pages_contain_no_inline_script(client: Any, db: Any) -> None:
    body = client.get(reverse("login")).content.decode()
    for tag in body.split("<script")[1:]:
        opening = tag.split(">", 1)[0]
        assert "src=" in opening, f"inline script found: <script{opening}>"


@pytest.mark.django_db
def test_sign_in_is_locked_after_repeated_failures(client: Any, make_user: Any) -> None:
    user = make_user("officer")
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": user.username, "password": "wrong"}, REMOTE_ADDR="10.0.0.9")

    response = client.post(
        url,
        {"username": user.username, "password": "correct horse battery staple"},
        REMOTE_ADDR="10.0.0.9",
    )

    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_correct_password_signs_in(client: Any, make_user: Any) -> None:
    user = make_user("officer")
    response = client.post(
        reverse("login"), {"username": user.username, "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_signed_in_pages_are_sent_private_and_not_stored(client: Any, officer: Any) -> None:
    client.force_login(officer)

    response = client.get(reverse("registry:home"))

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_public_pages_signed_out_are_not_marked_private(client: Any, region: Any) -> None:
    response = client.get(reverse("portal:home"))

    assert response.status_code == 200
    assert "private" not in response.get("Cache-Control", "")


PROXY = "10.0.0.2"


def _sign_in(client: Any, username: str, password: str, peer: str, forwarded: str = "") -> Any:
    extra = {"REMOTE_ADDR": peer}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


@pytest.mark.django_db
def test_five_wrong_passwords_from_one_person_behind_the_proxy_do_not_lock_the_account_for_everyone(
    client: Any, make_user: Any, settings: Any
) -> None:
    settings.REMIT_TRUSTED_PROXIES = ["10.0.0.0/29"]
    user = make_user("officer")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, user.username, "wrong", PROXY, "198.51.100.7")

    locked = _sign_in(client, user.username, "correct horse battery staple", PROXY, "198.51.100.7")
    assert locked.status_code == 429

    colleague = _sign_in(
        client, user.username, "correct horse battery staple", PROXY, "203.0.113.20"
    )
    assert colleague.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.django_db
def test_sign_in_throttling_never_believes_a_forwarded_address_from_an_untrusted_peer(
    client: Any, make_user: Any, settings: Any
) -> None:
    settings.REMIT_TRUSTED_PROXIES = [PROXY]
    user = make_user("officer")
    for n in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, user.username, "wrong", "198.51.100.7", f"192.0.2.{n}")

    response = _sign_in(
        client, user.username, "correct horse battery staple", "198.51.100.7", "192.0.2.99"
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("trusted", "peer", "forwarded", "client_is"),
    [
        ([], PROXY, "198.51.100.7", PROXY),
        ([PROXY], PROXY, "198.51.100.7", "198.51.100.7"),
        ([PROXY], PROXY, "6.6.6.6, 198.51.100.7", "198.51.100.7"),
        (["10.0.0.0/24"], PROXY, "198.51.100.7, 10.0.0.9", "198.51.100.7"),
        ([PROXY], PROXY, "", PROXY),
        ([PROXY], PROXY, "not-an-address", PROXY),
        ([PROXY], "198.51.100.7", "6.6.6.6", "198.51.100.7"),
        (["2001:db8::/32"], "2001:db8::1", "2001:db8:ffff::1, 2a00:1450::5", "2a00:1450::5"),
    ],
)
def test_the_client_address_is_taken_from_the_forwarded_header_only_from_a_trusted_proxy(
    settings: Any, trusted: list[str], peer: str, forwarded: str, client_is: str
) -> None:
    from django.test import RequestFactory

    from remit.core.addresses import client_address

    settings.REMIT_TRUSTED_PROXIES = trusted
    request = RequestFactory().get("/", REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == client_is


def test_a_trusted_proxy_that_is_not_an_address_stops_the_start() -> None:
    result = _run(["-m", "django", "check"], REMIT_TRUSTED_PROXIES="10.0.0.1,proxy.local")
    assert result.returncode != 0
    assert "REMIT_TRUSTED_PROXIES: 'proxy.local' is not an address or network" in result.stderr
