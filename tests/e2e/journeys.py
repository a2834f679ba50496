"""Steps every browser journey shares: signing in and out as a named person."""

from typing import Any

from django.urls import reverse

from remit.core.services.demo import DEMO_PASSWORD


def sign_in(page: Any, visit: Any, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the form, as a person would; the page then shows their home."""
    visit(page, reverse("login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def sign_out(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
