"""The page shell every screen shares: header, navigation, sign-in and sign-out, scripts."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery staple"


@pytest.fixture
def officer_account(django_user_model):
    return django_user_model.objects.create_user(
        username="asha", password=PASSWORD, first_name="Asha", last_name="Patel"
    )


def sign_in(page, visit, username: str, password: str, then: str) -> None:
    visit(page, f"{reverse('login')}?next={then}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_the_skip_link_is_the_first_thing_a_keyboard_reaches(page, visit):
    visit(page, reverse("portal:home"))
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main-content"


def test_the_header_names_the_service_without_gov_uk_branding(page, visit):
    visit(page, reverse("login"))
    header = page.locator("header.remit-header")
    assert header.get_by_role("link", name="Remit").is_visible()
    assert header.get_by_role("link", name="Sign in").is_visible()
    content = page.content()
    assert "GOV.UK" not in content
    assert "GDS Transport" not in page.evaluate("() => getComputedStyle(document.body).fontFamily")


def test_gov_uk_frontend_starts_under_the_content_security_policy(page, visit):
    visit(page, reverse("login"))
    classes = page.evaluate("() => document.body.className")
    assert "govuk-frontend-supported" in classes


def test_a_signed_in_user_sees_their_name_and_can_sign_out(page, visit, axe, officer_account):
    home = reverse("portal:home")
    sign_in(page, visit, "asha", PASSWORD, then=home)
    visit(page, home)
    header = page.locator("header.remit-header")
    assert "Asha Patel" in header.inner_text()
    header.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert header.get_by_role("link", name="Sign in").is_visible()
    axe(page)


def test_a_form_error_is_summarised_once_and_linked_to_its_field(page, visit, axe):
    visit(page, reverse("login"))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    axe(page)
    summary = page.locator(".govuk-error-summary")
    assert summary.count() == 1
    assert summary.is_visible()
    assert page.evaluate("() => document.activeElement.classList.contains('govuk-error-summary')")
    links = summary.get_by_role("link")
    assert links.count() >= 1
    href = links.first.get_attribute("href")
    assert href is not None
    assert page.locator(href).count() == 1
    assert page.title().startswith("Error: ")


def test_the_navigation_collapses_behind_a_menu_button_on_a_narrow_screen(page, visit):
    page.set_viewport_size({"width": 360, "height": 720})
    visit(page, reverse("login"))
    menu = page.get_by_role("button", name="Menu")
    assert menu.is_visible()
    assert menu.get_attribute("aria-expanded") == "false"
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert page.locator("#navigation").is_visible()
